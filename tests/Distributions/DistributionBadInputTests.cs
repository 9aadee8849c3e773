using Functional.Distributions;
using Functional.Numerics;

namespace Functional.Tests.Distributions;

/// <summary>Every invalid parameter and every value outside a support is a named ArgumentException — one case each.</summary>
public class DistributionBadInputTests
{
    private const double NaN = double.NaN;
    private const double Inf = double.PositiveInfinity;

    public static TheoryData<string, Action, string> BadParameters() => new()
    {
        { "Gaussian σ = 0", () => _ = new Gaussian(0.0, 0.0), "standardDeviation" },
        { "Gaussian σ < 0", () => _ = new Gaussian(0.0, -1.0), "standardDeviation" },
        { "Gaussian σ NaN", () => _ = new Gaussian(0.0, NaN), "standardDeviation" },
        { "Gaussian σ ∞", () => _ = new Gaussian(0.0, Inf), "standardDeviation" },
        { "Gaussian μ NaN", () => _ = new Gaussian(NaN, 1.0), "mean" },
        { "Gaussian μ ∞", () => _ = new Gaussian(-Inf, 1.0), "mean" },
        { "Gaussian variance ≤ 0", () => _ = Gaussian.FromVariance(0.0, -2.0), "variance" },
        { "Bernoulli p < 0", () => _ = new Bernoulli(-0.1), "p" },
        { "Bernoulli p > 1", () => _ = new Bernoulli(1.5), "p" },
        { "Bernoulli p NaN", () => _ = new Bernoulli(NaN), "p" },
        { "Bernoulli logit NaN", () => _ = Bernoulli.FromLogit(NaN), "logit" },
        { "Bernoulli logit ∞", () => _ = Bernoulli.FromLogit(Inf), "logit" },
        { "Categorical p < 0", () => _ = Categorical.FromProbabilities([1.2, -0.2]), "p" },
        { "Categorical not normalised", () => _ = Categorical.FromProbabilities([0.5, 0.3]), "p" },
        { "Categorical empty", () => _ = Categorical.FromProbabilities([]), "p" },
        { "Categorical NaN", () => _ = Categorical.FromProbabilities([NaN, 1.0]), "p" },
        { "Categorical logits NaN", () => _ = Categorical.FromLogits([0.0, NaN]), "logits" },
        { "Categorical logits +∞", () => _ = Categorical.FromLogits([Inf, 0.0]), "logits" },
        { "Categorical logits empty", () => _ = Categorical.FromLogits([]), "logits" },
        { "Categorical logits all −∞", () => _ = Categorical.FromLogits([-Inf, -Inf]), "logits" },
        { "Laplace b = 0", () => _ = new Laplace(0.0, 0.0), "scale" },
        { "Laplace μ NaN", () => _ = new Laplace(NaN, 1.0), "location" },
        { "Exponential λ = 0", () => _ = new Exponential(0.0), "rate" },
        { "Exponential λ ∞", () => _ = new Exponential(Inf), "rate" },
        { "Exponential scale 0", () => _ = Exponential.FromScale(0.0), "scale" },
        { "Exponential scale subnormal", () => _ = Exponential.FromScale(1e-320), "scale" },
        { "Poisson λ < 0", () => _ = new Poisson(-1.0), "rate" },
        { "Poisson λ NaN", () => _ = new Poisson(NaN), "rate" },
        { "Uniform a = b", () => _ = new Uniform(1.0, 1.0), "upper" },
        { "Uniform b < a", () => _ = new Uniform(2.0, 1.0), "upper" },
        { "Uniform width overflows", () => _ = new Uniform(-double.MaxValue, double.MaxValue), "upper" },
        { "Uniform a NaN", () => _ = new Uniform(NaN, 1.0), "lower" },
        { "Uniform b ∞", () => _ = new Uniform(0.0, Inf), "upper" },
        { "Beta α = 0", () => _ = new Beta(0.0, 1.0), "alpha" },
        { "Beta β NaN", () => _ = new Beta(1.0, NaN), "beta" },
        { "Gamma shape < 0", () => _ = Gamma.FromShapeRate(-1.0, 1.0), "shape" },
        { "Gamma rate 0", () => _ = Gamma.FromShapeRate(1.0, 0.0), "rate" },
        { "Gamma scale ∞", () => _ = Gamma.FromShapeScale(1.0, Inf), "scale" },
        { "Dirichlet α_i ≤ 0", () => _ = new Dirichlet(1.0, 0.0, 2.0), "concentration" },
        { "Dirichlet one component", () => _ = new Dirichlet(1.0), "concentration" },
        { "Dirichlet α_i NaN", () => _ = new Dirichlet(1.0, NaN), "concentration" },
        { "MVN not SPD", () => _ = new MultivariateGaussian([0.0, 0.0], [1.0, 2.0, 2.0, 1.0]), "covariance" },
        { "MVN singular", () => _ = new MultivariateGaussian([0.0, 0.0], [1.0, 1.0, 1.0, 1.0]), "covariance" },
        { "MVN not symmetric", () => _ = new MultivariateGaussian([0.0, 0.0], [1.0, 0.5, 0.1, 1.0]), "covariance" },
        { "MVN wrong size", () => _ = new MultivariateGaussian([0.0, 0.0], [1.0, 0.0, 1.0]), "covariance" },
        { "MVN NaN covariance", () => _ = new MultivariateGaussian([0.0], [NaN]), "covariance" },
        { "MVN ∞ mean", () => _ = new MultivariateGaussian([Inf], [1.0]), "mean" },
        { "MVN empty mean", () => _ = new MultivariateGaussian([], []), "mean" },
        { "Mixture weights and components differ", () => _ = new GaussianMixture(Functional.Information.ProbabilityVector.Create(1.0), [Gaussian.Standard, Gaussian.Standard]), "components" },
        { "Rng gamma shape 0", () => _ = Rng.FromSeed(1).NextGamma(0.0), "shape" },
        { "Rng Poisson mean NaN", () => _ = Rng.FromSeed(1).NextPoisson(NaN), "mean" },
        { "Rng NextInt 0", () => _ = Rng.FromSeed(1).NextInt(0), "count" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public void Invalid_parameters_throw_a_named_argument_exception(string what, Action construct, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(construct);
        Assert.True(parameter == e.ParamName, $"{what}: ParamName {e.ParamName}, message {e.Message}");
    }

    public static TheoryData<string, IUnivariateDistribution, double> OutsideSupport() => new()
    {
        { "Gaussian at NaN", Gaussian.Standard, NaN },
        { "Laplace at NaN", new Laplace(0.0, 1.0), NaN },
        { "Exponential at −1", new Exponential(1.0), -1.0 },
        { "Exponential at NaN", new Exponential(1.0), NaN },
        { "Poisson at −1", new Poisson(2.0), -1.0 },
        { "Poisson at 1.5", new Poisson(2.0), 1.5 },
        { "Poisson at ∞", new Poisson(2.0), Inf },
        { "Bernoulli at 0.5", new Bernoulli(0.3), 0.5 },
        { "Bernoulli at 2", new Bernoulli(0.3), 2.0 },
        { "Categorical at 3 of 3", Categorical.FromProbabilities([0.2, 0.5, 0.3]), 3.0 },
        { "Categorical at −1", Categorical.FromProbabilities([0.2, 0.5, 0.3]), -1.0 },
        { "Categorical at 0.5", Categorical.FromProbabilities([0.2, 0.5, 0.3]), 0.5 },
        { "Uniform below a", new Uniform(0.0, 1.0), -1e-300 },
        { "Uniform above b", new Uniform(0.0, 1.0), 1.0000000000000002 },
        { "Beta below 0", new Beta(2.0, 2.0), -0.1 },
        { "Beta above 1", new Beta(2.0, 2.0), 1.1 },
        { "Gamma below 0", Gamma.FromShapeRate(2.0, 1.0), -1.0 },
        { "Mixture at NaN", GaussianMixture.Of(0.5, Gaussian.Standard, new Gaussian(3.0, 1.0)), NaN },
    };

    [Theory]
    [MemberData(nameof(OutsideSupport))]
    public void Values_outside_the_support_throw_naming_the_value(string what, IUnivariateDistribution d, double x)
    {
        Assert.False(d.InSupport(x), what);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => d.LogDensity(x)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => d.Density(x)).ParamName);
        double[] points = [d.InSupport(d.Mean) ? d.Mean : d.SupportMinimum, x];
        var span = Assert.Throws<ArgumentException>(() => d.LogDensity(points, new double[2]));
        Assert.Equal("x", span.ParamName);
        Assert.Contains("x[1]", span.Message, StringComparison.Ordinal);
        var likelihood = Assert.Throws<ArgumentException>(() => d.LogLikelihood(points));
        Assert.Equal("sample", likelihood.ParamName);
        Assert.Contains("sample[1]", likelihood.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_names_index_value_and_support()
    {
        var e = Assert.Throws<ArgumentException>(() => new Exponential(2.0).LogDensity([1.0, 2.0, -0.5], new double[3]));
        Assert.StartsWith("x[2] = -0.5 is outside the support [0, ∞) of Exponential", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gaussian_vectorised_span_form_names_the_first_nan_wherever_it_is()
    {
        foreach (var n in new[] { 1, 3, 4, 9, 17, 64 })
        {
            for (var at = 0; at < n; at++)
            {
                var x = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
                x[at] = NaN;
                var e = Assert.Throws<ArgumentException>(() => Gaussian.Standard.LogDensity(x, new double[n]));
                Assert.Contains($"x[{at}] is NaN", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Short_destinations_are_rejected()
    {
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => Gaussian.Standard.LogDensity([1.0, 2.0], new double[1])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => new Poisson(1.0).LogDensity([1.0, 2.0], new double[1])).ParamName);
    }

    [Fact]
    public void Multivariate_points_outside_the_support_or_of_the_wrong_length_are_rejected()
    {
        var dirichlet = new Dirichlet(1.0, 2.0, 3.0);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => dirichlet.LogDensity([0.5, 0.6, -0.1])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => dirichlet.LogDensity([0.5, 0.4, 0.2])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => dirichlet.LogDensity([0.5, 0.5])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => dirichlet.LogLikelihood([0.2, 0.3, 0.5, 0.2, 0.3])).ParamName);
        var rowError = Assert.Throws<ArgumentException>(() => dirichlet.LogLikelihood([0.2, 0.3, 0.5, 0.2, 0.3, 0.6]));
        Assert.Equal("rows", rowError.ParamName);
        var mvn = new MultivariateGaussian([0.0, 0.0], [1.0, 0.0, 0.0, 1.0]);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => mvn.LogDensity([0.0, NaN])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => mvn.LogDensity([0.0])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => mvn.Sample(Rng.FromSeed(1), new double[3])).ParamName);
    }

    [Fact]
    public void Empty_samples_have_log_likelihood_zero()
    {
        Assert.Equal(0.0, Gaussian.Standard.LogLikelihood([]));
        Assert.Equal(0.0, new MultivariateGaussian([0.0], [1.0]).LogLikelihood([]));
    }
}
