using System.Globalization;
using Functional.Estimation;

namespace Functional.Tests.Estimation;

/// <summary>
/// The estimators' bad-input matrix: empty samples, NaN/∞, values outside each family's support, degenerate samples — each
/// a named ArgumentException (parameter, index and value), one test case per row.
/// </summary>
public class EstimationBadInputTests
{
    private static readonly Dictionary<string, Action<double[]>> Fits = new()
    {
        ["Bernoulli"] = x => Mle.Bernoulli(x),
        ["Gaussian"] = x => Mle.Gaussian(x),
        ["Laplace"] = x => Mle.Laplace(x),
        ["Exponential"] = x => Mle.Exponential(x),
        ["Poisson"] = x => Mle.Poisson(x),
        ["Uniform"] = x => Mle.Uniform(x),
        ["Gamma"] = x => Mle.Gamma(x),
        ["Beta"] = x => Mle.Beta(x),
        ["Categorical"] = x => Mle.Categorical(x, 3),
    };

    public static TheoryData<string> Families() => [.. Fits.Keys];

    [Theory]
    [MemberData(nameof(Families))]
    public void Empty_sample_is_rejected(string family)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Fits[family]([]));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.True(error.ParamName is "sample" or "labels");
    }

    public static TheoryData<string, double> NotFinite()
    {
        var rows = new TheoryData<string, double>();
        foreach (var family in Fits.Keys)
        {
            rows.Add(family, double.NaN);
            rows.Add(family, double.PositiveInfinity);
            rows.Add(family, double.NegativeInfinity);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(NotFinite))]
    public void Nan_and_infinities_are_named_with_index_and_value(string family, double bad)
    {
        double[] x = family is "Beta" ? [0.2, bad, 0.7] : [1.0, bad, 0.0];
        var error = Assert.ThrowsAny<ArgumentException>(() => Fits[family](x));
        Assert.Contains($"[1] = {bad.ToString("R", CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, double, string> OutsideSupport() => new()
    {
        { "Exponential", -0.5, "is negative" },
        { "Poisson", -1.0, "is negative" },
        { "Poisson", 1.5, "is not a whole number" },
        { "Gamma", -2.0, "is negative" },
        { "Gamma", 0.0, "is 0" },
        { "Beta", 1.5, "is outside [0, 1]" },
        { "Beta", -0.1, "is outside [0, 1]" },
        { "Beta", 0.0, "is at the edge of [0, 1]" },
        { "Beta", 1.0, "is at the edge of [0, 1]" },
        { "Bernoulli", 0.5, "is not an outcome 0 or 1" },
        { "Categorical", 3.0, "is not a class label 0..2" },
        { "Categorical", -1.0, "is not a class label 0..2" },
        { "Categorical", 1.5, "is not a class label 0..2" },
    };

    [Theory]
    [MemberData(nameof(OutsideSupport))]
    public void Values_outside_the_support_are_named(string family, double bad, string problem)
    {
        double[] x = family is "Beta" ? [0.2, 0.4, bad] : [1.0, 0.0, bad];
        if (family is "Gamma")
        {
            x[1] = 2.0;
        }

        var error = Assert.ThrowsAny<ArgumentException>(() => Fits[family](x));
        Assert.Contains($"[2] = {bad.ToString("R", CultureInfo.InvariantCulture)} {problem}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gaussian", 3.5)]
    [InlineData("Laplace", 3.5)]
    [InlineData("Uniform", 3.5)]
    [InlineData("Gamma", 3.5)]
    [InlineData("Beta", 0.25)]
    [InlineData("Exponential", 0.0)]
    public void Degenerate_samples_with_every_value_equal_are_rejected_and_say_why(string family, double value)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Fits[family]([value, value, value]));
        Assert.Equal("sample", error.ParamName);
        Assert.Contains("every value equals", error.Message, StringComparison.Ordinal);
        Assert.Contains($"no {family}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gaussian_of_equal_values_what_it_returns_the_moments_say_variance_0()
    {
        // Mle.Gaussian refuses (σ̂ = 0 has no Gaussian and the likelihood is unbounded); the moments are still available.
        var moments = Moments.Of<double>([3.5, 3.5, 3.5]);
        Assert.Equal(3.5, moments.Mean);
        Assert.Equal(0.0, moments.Variance);
        Assert.Contains("variance is 0", Assert.Throws<ArgumentException>(() => Mle.Gaussian([3.5])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_labels_rows_and_settings_are_checked()
    {
        Assert.Equal("heads", Assert.Throws<ArgumentOutOfRangeException>(() => Mle.Bernoulli(-1, 5)).ParamName);
        Assert.Contains("at least one trial", Assert.Throws<ArgumentException>(() => Mle.Bernoulli(0, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("counts[1] = -2 is negative", Assert.Throws<ArgumentException>(() => Mle.Categorical([1L, -2L])).Message, StringComparison.Ordinal);
        Assert.Contains("all 0", Assert.Throws<ArgumentException>(() => Mle.Categorical([0L, 0L])).Message, StringComparison.Ordinal);
        Assert.Contains("labels[1] = 5 is not a class label 0..2", Assert.Throws<ArgumentException>(() => Mle.Categorical([0, 5], 3)).Message, StringComparison.Ordinal);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => Mle.Categorical([0], 0)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Mle.Gamma([1.0, 2.0], tolerance: 0.5)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => Mle.Beta([0.2, 0.3], maxIterations: 0)).ParamName);

        Assert.Contains("rows[1, 0] = NaN", Assert.Throws<ArgumentException>(() => Mle.MultivariateGaussian([1, 2, double.NaN, 4, 5, 6], 2)).Message, StringComparison.Ordinal);
        Assert.Contains("more rows than dimensions", Assert.Throws<ArgumentException>(() => Mle.MultivariateGaussian([1, 2, 3, 4], 2)).Message, StringComparison.Ordinal);
        Assert.Contains("hyperplane", Assert.Throws<ArgumentException>(() => Mle.MultivariateGaussian([1, 2, 2, 4, 3, 6, 4, 8], 2)).Message, StringComparison.Ordinal);
        Assert.Contains("whole number of rows", Assert.Throws<ArgumentException>(() => Mle.MultivariateGaussian([1, 2, 3], 2)).Message, StringComparison.Ordinal);
        Assert.Contains("rows[1, 0] = 0", Assert.Throws<ArgumentException>(() => Mle.Dirichlet([0.5, 0.5, 0.0, 1.0], 2)).Message, StringComparison.Ordinal);
        Assert.Contains("sums to", Assert.Throws<ArgumentException>(() => Mle.Dirichlet([0.5, 0.4, 0.3, 0.7], 2)).Message, StringComparison.Ordinal);
        Assert.Contains("every row is the same", Assert.Throws<ArgumentException>(() => Mle.Dirichlet([0.5, 0.5, 0.5, 0.5], 2)).Message, StringComparison.Ordinal);
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => Mle.Dirichlet([1.0], 1)).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => Likelihood.Log(new Functional.Distributions.Gaussian(0, 1), [])).ParamName);
    }
}
