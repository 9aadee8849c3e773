using System.Globalization;
using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>Bad input for every parameter of the second slice, one named exception each (the catalogue covers Barron, BCE and pos_weight element checks).</summary>
public class SecondSliceBadInputTests
{
    private static readonly double[] Logits = [1.0, 2.0, 0.5, -1.0, 0.0, 3.0];

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Positive_weight_must_be_finite_and_positive(double bad)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BinaryCrossEntropyWithLogits<double>([0.0], [1.0], Span<double>.Empty, Reduction.Sum, bad));
        Assert.Equal("positiveWeight", error.ParamName);
        Assert.Contains($"positiveWeight = {bad.ToString("R", CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Label_smoothing_must_be_in_0_1(double bad)
    {
        var labels = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [0, 2], ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Mean, bad));
        Assert.Equal("labelSmoothing", labels.ParamName);
        double[] q = [0.2, 0.3, 0.5, 1.0, 0.0, 0.0];
        var soft = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, q, 3, ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Mean, bad));
        Assert.Equal("labelSmoothing", soft.ParamName);
    }

    [Fact]
    public void Class_weights_must_be_one_per_class_and_non_negative()
    {
        var length = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [0, 2], [1.0, 1.0], Span<double>.Empty));
        Assert.Equal("classWeights", length.ParamName);
        Assert.Contains("3 classes", length.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [0, 2], [1.0, -1.0, 1.0], Span<double>.Empty));
        Assert.Equal("classWeights", negative.ParamName);
        Assert.Contains("classWeights[1] = -1 is negative", negative.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [0, 2], [1.0, 1.0, double.NaN], Span<double>.Empty));
        Assert.Contains("classWeights[2] = NaN", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_out_of_range_are_named_even_with_an_ignored_label()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [0, 3], ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Sum, 0.0, -100));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[1] = 3 is not a class index in [0, 3) nor the ignored label -100", error.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [-1, 0], ReadOnlySpan<double>.Empty, Span<double>.Empty));
        Assert.Contains("labels[0] = -1", negative.Message, StringComparison.Ordinal);
        var count = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [0], ReadOnlySpan<double>.Empty, Span<double>.Empty));
        Assert.Equal("labels", count.ParamName);
    }

    [Fact]
    public void A_mean_over_no_weight_is_an_error_and_none_is_out_of_range()
    {
        var allIgnored = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [-100, -100], ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Mean, 0.0, -100));
        Assert.Equal("labels", allIgnored.ParamName);
        Assert.Equal(0.0, Loss.SoftmaxCrossEntropy<double>(Logits, 3, [-100, -100], ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Sum, 0.0, -100));
        var zeroWeights = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [1, 1], [1.0, 0.0, 1.0], Span<double>.Empty));
        Assert.Equal("labels", zeroWeights.ParamName);
        var none = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.SoftmaxCrossEntropy<double>(Logits, 3, [0, 1], ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.None));
        Assert.Equal("reduction", none.ParamName);
        var barron = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BarronWithParameterGradients<double>([1.0], [0.0], Span<double>.Empty, out _, out _, Reduction.BatchMean));
        Assert.Equal("reduction", barron.ParamName);
    }

    [Fact]
    public void Gaussian_nll_with_variances_names_lengths_values_and_destinations()
    {
        double[] mu = [0.0, 1.0];
        double[] y = [0.5, 0.5];
        Assert.Equal("variances", Assert.Throws<ArgumentException>(() => Loss.GaussianNll<double>(mu, y, [1.0], Span<double>.Empty, Span<double>.Empty)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Loss.GaussianNll<double>(mu, [0.5], [1.0, 1.0], Span<double>.Empty, Span<double>.Empty)).ParamName);
        Assert.Equal("varianceGradient", Assert.Throws<ArgumentException>(() => Loss.GaussianNll<double>(mu, y, [1.0, 1.0], Span<double>.Empty, new double[1])).ParamName);
        foreach (var bad in (double[])[-1.0, double.NaN, double.PositiveInfinity])
        {
            var error = Assert.Throws<ArgumentException>(() => Loss.GaussianNll<double>(mu, y, [1.0, bad], Span<double>.Empty, Span<double>.Empty));
            Assert.Contains($"variances[1] = {bad.ToString("R", CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
        }

        var mean = Assert.Throws<ArgumentException>(() => Loss.GaussianNll<double>([0.0, double.NaN], y, [1.0, 1.0], Span<double>.Empty, Span<double>.Empty));
        Assert.Equal("means", mean.ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => Loss.GaussianNll<double>([], [], [], Span<double>.Empty, Span<double>.Empty)).ParamName);
    }

    [Fact]
    public void Kl_loss_names_unnormalised_rows_positive_logs_and_shapes()
    {
        double[] logQ = [Math.Log(0.5), Math.Log(0.5)];
        var unnormalised = Assert.Throws<ArgumentException>(() => Loss.KlDivergence<double>(logQ, [0.5, 0.6], 2, Span<double>.Empty));
        Assert.Equal("targets", unnormalised.ParamName);
        Assert.Contains("not normalised", unnormalised.Message, StringComparison.Ordinal);
        var positive = Assert.Throws<ArgumentException>(() => Loss.KlDivergence<double>([0.1, -3.0], [0.5, 0.5], 2, Span<double>.Empty));
        Assert.Equal("inputs", positive.ParamName);
        Assert.Contains("inputs[0, 0] = 0.1", positive.Message, StringComparison.Ordinal);
        var probability = Assert.Throws<ArgumentException>(() => Loss.KlDivergence<double>(logQ, [1.5, -0.5], 2, Span<double>.Empty));
        Assert.Equal("targets", probability.ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Loss.KlDivergence<double>(logQ, [1.0], 2, Span<double>.Empty)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => Loss.KlDivergence<double>(logQ, [0.5, 0.5], 2, new double[1])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Loss.KlDivergence<double>(logQ, [0.5, 0.5], 0, Span<double>.Empty));
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.KlDivergence<double>(logQ, [0.5, 0.5], 2, Span<double>.Empty, Reduction.None)).ParamName);
    }

    [Fact]
    public void Bce_on_probabilities_rejects_probabilities_outside_0_1_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.BinaryCrossEntropy<double>([0.5, 1.2], [1.0, 0.0], Span<double>.Empty));
        Assert.Equal("predictions", error.ParamName);
        Assert.Contains("predictions[1] = 1.2 is greater than 1", error.Message, StringComparison.Ordinal);
    }
}
