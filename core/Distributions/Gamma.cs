using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The gamma distribution with shape α and rate β: p(x) = β^α x^(α−1) e^(−βx) / Γ(α) on [0, ∞).</summary>
/// <remarks>Shape and rate as <c>torch.distributions.Gamma(concentration, rate)</c>; SciPy's <c>gamma(a, scale = 1/β)</c> is
/// <see cref="FromShapeScale"/>. At x = 0 the density is +∞ for α &lt; 1, β for α = 1, and 0 for α &gt; 1.</remarks>
public sealed record Gamma : IUnivariateDistribution, ILogDensityKernel
{
    private readonly double _logNormaliser;

    private Gamma(double shape, double rate)
    {
        Shape = shape;
        Rate = rate;
        _logNormaliser = (shape * Math.Log(rate)) - SpecialFunctions.LogGamma(shape);
    }

    /// <summary>Gamma with shape α and rate β (mean α/β).</summary>
    /// <param name="shape">α &gt; 0, finite.</param>
    /// <param name="rate">β &gt; 0, finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">shape or rate ≤ 0, NaN or +∞.</exception>
    public static Gamma FromShapeRate(double shape, double rate)
        => new(Check.Positive(shape, nameof(shape)), Check.Positive(rate, nameof(rate)));

    /// <summary>Gamma with shape α and scale θ = 1/β (mean αθ), SciPy's parametrisation.</summary>
    /// <param name="shape">α &gt; 0, finite.</param>
    /// <param name="scale">θ &gt; 0, finite, with 1/θ finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">shape or scale ≤ 0, NaN or +∞, or 1/scale overflows.</exception>
    public static Gamma FromShapeScale(double shape, double scale)
    {
        Check.Positive(shape, nameof(shape));
        Check.Positive(scale, nameof(scale));
        var rate = 1.0 / scale;
        return double.IsFinite(rate) ? new Gamma(shape, rate)
            : throw new ArgumentOutOfRangeException(nameof(scale), scale, $"scale = {Format.Number(scale)} is so small that the rate 1/scale overflows.");
    }

    /// <summary>α.</summary>
    public double Shape { get; }

    /// <summary>β.</summary>
    public double Rate { get; }

    /// <summary>θ = 1/β.</summary>
    public double Scale => 1.0 / Rate;

    /// <summary>α/β.</summary>
    public double Mean => Shape / Rate;

    /// <summary>α/β².</summary>
    public double Variance => Shape / Rate / Rate;

    /// <summary>α − ln β + ln Γ(α) + (1 − α)ψ(α) nats.</summary>
    public double Entropy => Shape - Math.Log(Rate) + SpecialFunctions.LogGamma(Shape) + ((1.0 - Shape) * SpecialFunctions.Digamma(Shape));

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <inheritdoc/>
    public double SupportMinimum => 0.0;

    /// <inheritdoc/>
    public double SupportMaximum => double.PositiveInfinity;

    string ILogDensityKernel.SupportText => "[0, ∞)";

    /// <inheritdoc/>
    public bool InSupport(double x) => x >= 0.0;

    /// <summary>ln p(x) = α ln β + (α − 1) ln x − βx − ln Γ(α).</summary>
    /// <param name="x">x ≥ 0 (+∞ gives −∞).</param>
    /// <returns>ln p(x).</returns>
    /// <exception cref="ArgumentException">x is negative or NaN.</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    double ILogDensityKernel.LogDensityOrNaN(double x)
    {
        if (!(x >= 0.0))
        {
            return double.NaN;
        }

        return double.IsPositiveInfinity(x) ? double.NegativeInfinity
            : _logNormaliser + StableMath.XLogY(Shape - 1.0, x) - (Rate * x);
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>G/β with G ~ Gamma(α, 1) by Marsaglia–Tsang (boosted below α = 1).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng)
    {
        var (g, next) = rng.NextGamma(Shape);
        return (g / Rate, next);
    }

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);
}
