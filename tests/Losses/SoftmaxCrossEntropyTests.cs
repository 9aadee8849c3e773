using Functional.Information;
using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

public class SoftmaxCrossEntropyTests
{
    [Fact]
    public void Matches_log_sum_exp_minus_the_labelled_logit()
    {
        var gradient = new double[6];
        var loss = Loss.SoftmaxCrossEntropy<double>([1.0, 2.0, 3.0, 1000.0, 999.0, 0.0], 3, [2, 1], gradient, Reduction.Sum);
        // ln(e + e² + e³) − 3 = 0.40760596444437956 and (1000.31326168751822 − 999) = 1.31326168751822 (mpmath).
        Assert.Equal(0.40760596444437956 + 1.3132616875182228, loss, 13);
        Assert.Equal(0.0, gradient[..3].Sum(), 15);
        Assert.Equal(0.0, gradient[3..].Sum(), 15);
        Assert.Equal(Math.Exp(3 - 3.40760596444437956) - 1, gradient[2], 15);
        Assert.Equal(0.7310585786300049, gradient[3], 15);
        Assert.Equal(0.2689414213699951 - 1, gradient[4], 15);
    }

    [Fact]
    public void Mean_is_per_row_with_the_gradient_divided_by_the_rows()
    {
        double[] logits = [0.5, -1.0, 2.0, 0.0, 3.0, 1.0];
        var sumGradient = new double[6];
        var meanGradient = new double[6];
        var sum = Loss.SoftmaxCrossEntropy<double>(logits, 2, [1, 0, 1], sumGradient, Reduction.Sum);
        var mean = Loss.SoftmaxCrossEntropy<double>(logits, 2, [1, 0, 1], meanGradient);
        Assert.Equal(sum / 3, mean, 14);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(sumGradient[i] / 3, meanGradient[i], 14);
        }
    }

    [Fact]
    public void The_gradient_is_the_central_finite_difference()
    {
        var random = new Random(5);
        var logits = Enumerable.Range(0, 40).Select(_ => (random.NextDouble() - 0.5) * 8).ToArray();
        int[] labels = [3, 0, 9, 7];
        var gradient = new double[40];
        Loss.SoftmaxCrossEntropy<double>(logits, 10, labels, gradient, Reduction.Sum);
        const double h = 1e-6;
        for (var i = 0; i < 40; i++)
        {
            var plus = (double[])logits.Clone();
            var minus = (double[])logits.Clone();
            plus[i] += h;
            minus[i] -= h;
            var numeric = (Loss.SoftmaxCrossEntropy<double>(plus, 10, labels, Span<double>.Empty, Reduction.Sum)
                - Loss.SoftmaxCrossEntropy<double>(minus, 10, labels, Span<double>.Empty, Reduction.Sum)) / (2 * h);
            Assert.Equal(numeric, gradient[i], 7);
        }
    }

    [Fact]
    public void Soft_targets_give_kl_to_the_softmax_plus_the_target_entropy()
    {
        double[] logits = [0.3, -2.0, 1.5, 0.0];
        double[] q = [0.1, 0.0, 0.6, 0.3];
        var gradient = new double[4];
        var loss = Loss.SoftmaxCrossEntropy<double>(logits, q, 4, gradient, Reduction.Sum);
        var logSoftmax = new double[4];
        LogSumExp.LogSoftmax<double>(logits, logSoftmax);
        Assert.Equal(Kl.FromLogQ<double>(q, logSoftmax) + Entropy.Of(q), loss, 14);
        Assert.Equal(LogSumExp.Of(logits) - logits.Zip(q, (o, t) => o * t).Sum(), loss, 14);
        var softmax = new double[4];
        LogSumExp.Softmax<double>(logits, softmax);
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(softmax[j] - q[j], gradient[j], 15);
        }

        // One-hot soft targets are the integer-label loss.
        var oneHot = Loss.SoftmaxCrossEntropy<double>(logits, [0.0, 0.0, 1.0, 0.0], 4, Span<double>.Empty, Reduction.Sum);
        Assert.Equal(Loss.SoftmaxCrossEntropy<double>(logits, 4, [2], Span<double>.Empty, Reduction.Sum), oneHot, 15);
    }

    [Fact]
    public void Huge_and_masked_logits_stay_finite_or_infinite_never_nan()
    {
        var gradient = new double[3];
        Assert.Equal(0.0, Loss.SoftmaxCrossEntropy<double>([1e308, -1e308, 0.0], 3, [0], gradient, Reduction.Sum));
        Assert.Equal([0.0, 0.0, 0.0], gradient);
        Assert.Equal(double.PositiveInfinity, Loss.SoftmaxCrossEntropy<double>([double.NegativeInfinity, 0.0], 2, [0], Span<double>.Empty, Reduction.Sum));
        Assert.Equal(Math.Log(2), Loss.SoftmaxCrossEntropy<double>([double.NegativeInfinity, 5.0, 5.0], 3, [1], Span<double>.Empty, Reduction.Sum), 15);
    }

    [Fact]
    public void Float_agrees_with_double()
    {
        var random = new Random(6);
        var logits = Enumerable.Range(0, 300).Select(_ => (random.NextDouble() - 0.5) * 20).ToArray();
        var labels = Enumerable.Range(0, 30).Select(_ => random.Next(10)).ToArray();
        var d = Loss.SoftmaxCrossEntropy<double>(logits, 10, labels, Span<double>.Empty);
        var f = Loss.SoftmaxCrossEntropy<float>(logits.Select(v => (float)v).ToArray(), 10, labels, Span<float>.Empty);
        Assert.Equal(d, f, d * 1e-5);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        double[] logits = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        Assert.Contains("labels[1] = 3 is not a class index in [0, 3)", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(logits, 3, [0, 3], Span<double>.Empty)).Message, StringComparison.Ordinal);
        Assert.Contains("labels[0] = -1", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(logits, 3, [-1, 0], Span<double>.Empty)).Message, StringComparison.Ordinal);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(logits, 3, [0], Span<double>.Empty)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.SoftmaxCrossEntropy<double>(logits, 0, [0], Span<double>.Empty)).ParamName);
        Assert.Equal("logits", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(logits, 4, [0], Span<double>.Empty)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(logits, 3, [0, 1], new double[5])).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.SoftmaxCrossEntropy<double>(logits, 3, [0, 1], Span<double>.Empty, Reduction.None)).ParamName);
        logits[5] = double.NaN;
        Assert.Contains("logits[1, 2] = NaN", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>(logits, 3, [0, 1], Span<double>.Empty)).Message, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>([0.0, 1.0], [0.5, 0.4], 2, Span<double>.Empty));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("not normalised", error.Message, StringComparison.Ordinal);
        Assert.Contains("targets[0, 1] = -0.5", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>([0.0, 1.0], [1.0, -0.5], 2, Span<double>.Empty)).Message, StringComparison.Ordinal);
    }
}
