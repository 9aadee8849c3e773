using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The exponential distribution with rate λ: p(x) = λe^(−λx) on [0, ∞).</summary>
/// <remarks>Parametrised by rate, as <c>torch.distributions.Exponential(rate)</c>; SciPy's <c>expon(scale = 1/λ)</c> uses the
/// scale, available here as <see cref="FromScale"/>.</remarks>
public sealed record Exponential : IUnivariateDistribution, ILogDensityKernel
{
    private readonly double _logRate;

    /// <summary>Exponential(rate).</summary>
    /// <param name="rate">λ &gt; 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">rate ≤ 0, NaN or +∞.</exception>
    public Exponential(double rate)
    {
        Rate = Check.Positive(rate, nameof(rate));
        _logRate = Math.Log(rate);
    }

    /// <summary>Exponential with rate λ.</summary>
    /// <param name="rate">λ &gt; 0, finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As the constructor.</exception>
    public static Exponential FromRate(double rate) => new(rate);

    /// <summary>Exponential with scale (mean) s = 1/λ, SciPy's parametrisation.</summary>
    /// <param name="scale">s &gt; 0, finite, with 1/s finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">scale ≤ 0, NaN or +∞, or so small that 1/scale overflows.</exception>
    public static Exponential FromScale(double scale)
    {
        Check.Positive(scale, nameof(scale));
        var rate = 1.0 / scale;
        return double.IsFinite(rate) ? new Exponential(rate)
            : throw new ArgumentOutOfRangeException(nameof(scale), scale, $"scale = {Format.Number(scale)} is so small that the rate 1/scale overflows.");
    }

    /// <summary>λ.</summary>
    public double Rate { get; }

    /// <summary>1/λ.</summary>
    public double Scale => 1.0 / Rate;

    /// <summary>1/λ.</summary>
    public double Mean => 1.0 / Rate;

    /// <summary>1/λ².</summary>
    public double Variance => 1.0 / (Rate * Rate);

    /// <summary>1 − ln λ nats.</summary>
    public double Entropy => 1.0 - _logRate;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <inheritdoc/>
    public double SupportMinimum => 0.0;

    /// <inheritdoc/>
    public double SupportMaximum => double.PositiveInfinity;

    string ILogDensityKernel.SupportText => "[0, ∞)";

    /// <inheritdoc/>
    public bool InSupport(double x) => x >= 0.0;

    /// <summary>ln p(x) = ln λ − λx.</summary>
    /// <param name="x">x ≥ 0 (+∞ gives −∞).</param>
    /// <returns>ln p(x).</returns>
    /// <exception cref="ArgumentException">x is negative or NaN.</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    double ILogDensityKernel.LogDensityOrNaN(double x) => x >= 0.0 ? _logRate - (Rate * x) : double.NaN;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>−ln(u)/λ, u uniform in (0, 1] (inversion).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng)
    {
        var (e, next) = rng.NextExponential();
        return (e / Rate, next);
    }

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);
}
