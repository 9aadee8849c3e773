using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The Laplace (double-exponential) distribution: p(x) = exp(−|x − μ|/b) / (2b).</summary>
/// <remarks>Location μ and scale b, as <c>torch.distributions.Laplace(loc, scale)</c> and <c>scipy.stats.laplace(loc, scale)</c>;
/// the variance is 2b².</remarks>
public sealed record Laplace : IUnivariateDistribution, ILogDensityKernel
{
    private readonly double _logTwoScale;

    /// <summary>Laplace(location, scale).</summary>
    /// <param name="location">μ, finite.</param>
    /// <param name="scale">b &gt; 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">location NaN or ±∞; scale ≤ 0, NaN or +∞.</exception>
    public Laplace(double location, double scale)
    {
        Location = Check.Finite(location, nameof(location));
        Scale = Check.Positive(scale, nameof(scale));
        _logTwoScale = Math.Log(2.0) + Math.Log(scale);
    }

    /// <summary>μ (the mean and the median).</summary>
    public double Location { get; }

    /// <summary>b.</summary>
    public double Scale { get; }

    /// <summary>μ.</summary>
    public double Mean => Location;

    /// <summary>2b².</summary>
    public double Variance => 2.0 * Scale * Scale;

    /// <summary>1 + ln(2b) nats.</summary>
    public double Entropy => 1.0 + _logTwoScale;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <inheritdoc/>
    public double SupportMinimum => double.NegativeInfinity;

    /// <inheritdoc/>
    public double SupportMaximum => double.PositiveInfinity;

    string ILogDensityKernel.SupportText => "(−∞, ∞)";

    /// <inheritdoc/>
    public bool InSupport(double x) => !double.IsNaN(x);

    /// <summary>ln p(x) = −|x − μ|/b − ln(2b).</summary>
    /// <param name="x">Any value but NaN.</param>
    /// <returns>ln p(x).</returns>
    /// <exception cref="ArgumentException">x is NaN.</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    double ILogDensityKernel.LogDensityOrNaN(double x) => (-Math.Abs(x - Location) / Scale) - _logTwoScale;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>μ ± b·E with E standard exponential and a fair sign (the difference-of-exponentials representation).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng)
    {
        var (bits, next) = rng.NextUInt64();
        (var e, next) = next.NextExponential();
        return ((bits & 1UL) == 0 ? Location + (Scale * e) : Location - (Scale * e), next);
    }

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);
}
