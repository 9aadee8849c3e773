using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The Poisson distribution with mean (rate) λ: P(k) = λ^k e^(−λ) / k! on k = 0, 1, 2, ….</summary>
/// <remarks>λ = 0 is allowed (all mass at 0; 0⁰ = 1), as it is the MLE of an all-zero sample. Counts are held as whole
/// doubles; a non-integer or negative value is outside the support.</remarks>
public sealed record Poisson : IUnivariateDistribution, ILogDensityKernel
{
    private const double AsymptoticEntropyFrom = 1e5;

    /// <summary>Poisson(rate).</summary>
    /// <param name="rate">λ ≥ 0, at most 1e15 (so counts near the mean are exact doubles).</param>
    /// <exception cref="ArgumentOutOfRangeException">rate is negative, NaN, or above 1e15.</exception>
    public Poisson(double rate)
    {
        if (!(rate is >= 0.0 and <= 1e15))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"rate = {Format.Number(rate)} must be in [0, 1e15].");
        }

        Rate = rate;
    }

    /// <summary>λ.</summary>
    public double Rate { get; }

    /// <summary>λ.</summary>
    public double Mean => Rate;

    /// <summary>λ.</summary>
    public double Variance => Rate;

    /// <summary>
    /// −Σ P(k) ln P(k) nats, summed over k within mean ± 40 standard deviations (+40), the rest below 1e-300; above
    /// λ = 1e5 the asymptotic series ½ ln(2πeλ) − 1/(12λ) − 1/(24λ²) − 19/(360λ³), whose next term is below 1e-20.
    /// </summary>
    public double Entropy
    {
        get
        {
            if (Rate == 0.0)
            {
                return 0.0;
            }

            if (Rate >= AsymptoticEntropyFrom)
            {
                var r = 1.0 / Rate;
                return (0.5 * (Math.Log(2.0 * Math.PI * Rate) + 1.0)) - (r * ((1.0 / 12.0) + (r * ((1.0 / 24.0) + (r * 19.0 / 360.0)))));
            }

            var spread = (40.0 * Math.Sqrt(Rate)) + 40.0;
            var first = Math.Max(0.0, Math.Floor(Rate - spread));
            var last = Math.Ceiling(Rate + spread);
            var sum = default(ScalarNeumaier);
            for (var k = first; k <= last; k++)
            {
                var logP = LogMass(k);
                sum.Add(-Math.Exp(logP) * logP);
            }

            return sum.Result;
        }
    }

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <inheritdoc/>
    public double SupportMinimum => 0.0;

    /// <inheritdoc/>
    public double SupportMaximum => double.PositiveInfinity;

    string ILogDensityKernel.SupportText => "{0, 1, 2, …}";

    /// <inheritdoc/>
    public bool InSupport(double x) => x >= 0.0 && Univariate.IsWhole(x);

    /// <summary>ln P(k) = k ln λ − λ − ln k! (0·ln 0 = 0 when λ = 0).</summary>
    /// <param name="x">A whole number k ≥ 0.</param>
    /// <returns>ln P(k).</returns>
    /// <exception cref="ArgumentException">x is negative, not a whole number, ±∞ or NaN.</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    /// <summary>ln P(k).</summary>
    /// <param name="k">k ≥ 0.</param>
    /// <returns>ln P(k).</returns>
    /// <exception cref="ArgumentException">k is negative.</exception>
    public double LogProbability(int k) => Univariate.LogDensity(this, k, nameof(k));

    double ILogDensityKernel.LogDensityOrNaN(double x) => InSupport(x) ? LogMass(x) : double.NaN;

    private double LogMass(double k) => StableMath.XLogY(k, Rate) - Rate - SpecialFunctions.LogFactorial(k);

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>A count by <see cref="Rng.NextPoisson"/> (multiplication below λ = 10, PTRS above).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw (a whole double) and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng) => rng.NextPoisson(Rate);

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);
}
