using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The beta distribution on [0, 1]: p(x) = x^(α−1)(1 − x)^(β−1) / B(α, β).</summary>
/// <remarks>As <c>torch.distributions.Beta(concentration1 = α, concentration0 = β)</c> and <c>scipy.stats.beta(a, b)</c>. At the
/// ends the density is +∞ for a shape below 1 (ln p = +∞), finite for a shape of 1, 0 above it (ln p = −∞).</remarks>
public sealed record Beta : IUnivariateDistribution, ILogDensityKernel
{
    private readonly double _logBeta;

    /// <summary>Beta(α, β).</summary>
    /// <param name="alpha">α &gt; 0, finite.</param>
    /// <param name="beta">β &gt; 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">alpha or beta ≤ 0, NaN or +∞.</exception>
    public Beta(double alpha, double beta)
    {
        Alpha = Check.Positive(alpha, nameof(alpha));
        BetaParameter = Check.Positive(beta, nameof(beta));
        _logBeta = SpecialFunctions.LogBeta(alpha, beta);
    }

    /// <summary>α (the exponent of x).</summary>
    public double Alpha { get; }

    /// <summary>β (the exponent of 1 − x); not named Beta, which is the record's own name.</summary>
    public double BetaParameter { get; }

    /// <summary>α/(α + β).</summary>
    public double Mean => Alpha / (Alpha + BetaParameter);

    /// <summary>αβ / ((α + β)²(α + β + 1)).</summary>
    public double Variance
    {
        get
        {
            var s = Alpha + BetaParameter;
            return Alpha / s * (BetaParameter / s) / (s + 1.0);
        }
    }

    /// <summary>ln B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β) nats (≤ 0; 0 for α = β = 1).</summary>
    public double Entropy => _logBeta - ((Alpha - 1.0) * SpecialFunctions.Digamma(Alpha)) - ((BetaParameter - 1.0) * SpecialFunctions.Digamma(BetaParameter))
        + ((Alpha + BetaParameter - 2.0) * SpecialFunctions.Digamma(Alpha + BetaParameter));

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <inheritdoc/>
    public double SupportMinimum => 0.0;

    /// <inheritdoc/>
    public double SupportMaximum => 1.0;

    string ILogDensityKernel.SupportText => "[0, 1]";

    /// <inheritdoc/>
    public bool InSupport(double x) => x is >= 0.0 and <= 1.0;

    /// <summary>ln p(x) = (α − 1) ln x + (β − 1) ln(1 − x) − ln B(α, β), with ln(1 − x) by log1p.</summary>
    /// <param name="x">0 ≤ x ≤ 1.</param>
    /// <returns>ln p(x); ±∞ at an end as the remarks say.</returns>
    /// <exception cref="ArgumentException">x is NaN or outside [0, 1].</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    double ILogDensityKernel.LogDensityOrNaN(double x)
        => InSupport(x) ? StableMath.XLogY(Alpha - 1.0, x) + XLog1PY(BetaParameter - 1.0, -x) - _logBeta : double.NaN;

    private static double XLog1PY(double a, double y) => a == 0.0 ? 0.0 : a * StableMath.Log1P(y);

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>X/(X + Y) for X ~ Gamma(α), Y ~ Gamma(β), formed in log space (<see cref="Rng.NextBeta"/>).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng) => rng.NextBeta(Alpha, BetaParameter);

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);
}
