using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

public class PoissonNllTests
{
    [Fact]
    public void Matches_the_rate_minus_count_times_log_rate_and_its_derivative()
    {
        double[] logRates = [0.0, Math.Log(3.0), -2.0, 5.0, 0.5, -30.0, 1.0, 2.0, 0.25];
        double[] counts = [0, 2, 1, 150, 0, 0, 7, 3, 1.5];
        var gradient = new double[9];
        var values = new double[9];
        var sum = Loss.PoissonNll<double>(logRates, counts, gradient, Reduction.Sum);
        Loss.PoissonNllElementwise<double>(logRates, counts, values, Span<double>.Empty);
        for (var i = 0; i < 9; i++)
        {
            var rate = Math.Exp(logRates[i]);
            Assert.Equal(rate - (counts[i] * logRates[i]), values[i], 12);
            Assert.Equal(rate - counts[i], gradient[i], 12);
        }

        Assert.Equal(values.Sum(), sum, 11);
    }

    [Fact]
    public void Its_minimiser_is_the_log_of_the_count()
    {
        // d/dx (eˣ − k x) = 0 at x = ln k: the Poisson MLE of a rate is the observed count.
        var gradient = new double[1];
        Loss.PoissonNll<double>([Math.Log(4.0)], [4.0], gradient, Reduction.Sum);
        Assert.Equal(0.0, gradient[0], 14);
    }

    [Fact]
    public void Negative_or_non_finite_counts_and_non_finite_log_rates_are_named()
    {
        Assert.Contains("targets[1] = -1 is negative", Assert.Throws<ArgumentException>(() => Loss.PoissonNll<double>([0.0, 0.0], [1.0, -1.0], Span<double>.Empty)).Message, StringComparison.Ordinal);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Loss.PoissonNll<double>([0.0], [double.PositiveInfinity], Span<double>.Empty)).ParamName);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => Loss.PoissonNll<double>([double.NaN], [1.0], Span<double>.Empty)).ParamName);
    }
}

public class GaussianNllTests
{
    [Fact]
    public void Gaussian_nll_minus_mse_over_two_sigma_squared_is_the_constant()
    {
        // NLL = n/2 ln 2π + n ln σ + Σ(ŷ − y)²/(2σ²): the lecture's reading of MSE as a Gaussian likelihood.
        var random = new Random(4);
        const int n = 37;
        const double sigma = 1.7;
        var predictions = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10).ToArray();
        var targets = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10).ToArray();
        var nll = Loss.GaussianNll<double>(predictions, targets, Span<double>.Empty, Reduction.Sum, sigma, full: true);
        var squared = Loss.SquaredError<double>(predictions, targets, Span<double>.Empty, Reduction.Sum);
        Assert.Equal((n * Math.Log(sigma)) + (n / 2.0 * Math.Log(2 * Math.PI)), nll - (squared / (2 * sigma * sigma)), 11);
        var withoutConstant = Loss.GaussianNll<double>(predictions, targets, Span<double>.Empty, Reduction.Sum, sigma);
        Assert.Equal(n / 2.0 * Math.Log(2 * Math.PI), nll - withoutConstant, 11);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_bad_sigma_is_named(double sigma)
        => Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.GaussianNll<double>([0.0], [0.0], Span<double>.Empty, Reduction.Sum, sigma)).ParamName);
}

public class LogCoshTests
{
    [Fact]
    public void Is_accurate_near_zero_and_linear_far_out()
    {
        var gradient = new double[4];
        var values = new double[4];
        Loss.LogCoshElementwise<double>([1e-8, 0.1, 3.0, 1e300], [0.0, 0.0, 0.0, 0.0], values, gradient);
        // mpmath: ln cosh(1e-8) = 5.0e-17 (minus 8.3e-34); ln cosh(0.1) = 0.0049916888216465303; ln cosh 3 = 2.3093285045777851.
        Assert.Equal(5e-17, values[0], 1e-31);
        Assert.Equal(0.0049916888216465303, values[1], 1e-17);
        Assert.Equal(2.3093285045777851, values[2], 1e-15);
        Assert.Equal(1e300, values[3]);
        Assert.Equal(1e-8, gradient[0], 1e-22);
        Assert.Equal(Math.Tanh(0.1), gradient[1], 1e-16);
        Assert.Equal(1.0, gradient[3]);
    }
}
