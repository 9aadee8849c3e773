using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The continuous uniform distribution on [a, b]: p(x) = 1/(b − a).</summary>
/// <remarks>By its ends, as <c>torch.distributions.Uniform(low, high)</c>; SciPy's <c>uniform(loc = a, scale = b − a)</c>.
/// The support is taken closed, so ln p(b) = −ln(b − a) (torch excludes b).</remarks>
public sealed record Uniform : IUnivariateDistribution, ILogDensityKernel
{
    private readonly double _logWidth;

    /// <summary>Uniform on [lower, upper].</summary>
    /// <param name="lower">a, finite.</param>
    /// <param name="upper">b &gt; a, finite, with b − a finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An end is NaN or ±∞.</exception>
    /// <exception cref="ArgumentException">upper ≤ lower, or upper − lower overflows.</exception>
    public Uniform(double lower, double upper)
    {
        Lower = Check.Finite(lower, nameof(lower));
        Upper = Check.Finite(upper, nameof(upper));
        var width = upper - lower;
        if (!(width > 0.0 && width <= double.MaxValue))
        {
            throw new ArgumentException(
                $"upper = {Format.Number(upper)} must exceed lower = {Format.Number(lower)} by a finite width.", nameof(upper));
        }

        _logWidth = Math.Log(width);
    }

    /// <summary>a.</summary>
    public double Lower { get; }

    /// <summary>b.</summary>
    public double Upper { get; }

    /// <summary>(a + b)/2.</summary>
    public double Mean => (0.5 * Lower) + (0.5 * Upper);

    /// <summary>(b − a)²/12.</summary>
    public double Variance => (Upper - Lower) * (Upper - Lower) / 12.0;

    /// <summary>ln(b − a) nats (negative for a width below 1).</summary>
    public double Entropy => _logWidth;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <inheritdoc/>
    public double SupportMinimum => Lower;

    /// <inheritdoc/>
    public double SupportMaximum => Upper;

    string ILogDensityKernel.SupportText => $"[{Format.Number(Lower)}, {Format.Number(Upper)}]";

    /// <inheritdoc/>
    public bool InSupport(double x) => x >= Lower && x <= Upper;

    /// <summary>ln p(x) = −ln(b − a).</summary>
    /// <param name="x">a ≤ x ≤ b.</param>
    /// <returns>−ln(b − a).</returns>
    /// <exception cref="ArgumentException">x is NaN or outside [a, b].</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    double ILogDensityKernel.LogDensityOrNaN(double x) => InSupport(x) ? -_logWidth : double.NaN;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>a + (b − a)u, u uniform in [0, 1).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng)
    {
        var (u, next) = rng.NextDouble();
        return (Math.Min(Upper, Lower + ((Upper - Lower) * u)), next);
    }

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);
}
