using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The Bernoulli distribution on {0, 1}: P(1) = p, P(0) = 1 − p.</summary>
/// <remarks>Holds ln p and ln(1 − p) beside p. <see cref="FromLogits"/> computes them as log σ(ℓ) and log σ(−ℓ) without
/// forming p first, so ln P(0) = −1000 for ℓ = 1000 where ln(1 − σ(1000)) would be ln 0 = −∞.</remarks>
public sealed record Bernoulli : IUnivariateDistribution, ILogDensityKernel
{
    private Bernoulli(double p, double logP, double logOneMinusP)
    {
        P = p;
        LogP = logP;
        LogOneMinusP = logOneMinusP;
    }

    /// <summary>Bernoulli(p).</summary>
    /// <param name="p">P(X = 1) in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1].</exception>
    public Bernoulli(double p)
        : this(Check.Probability(p, nameof(p)), Math.Log(p), StableMath.Log1P(-p))
    {
    }

    /// <summary>Bernoulli(σ(ℓ)) from the log-odds ℓ = ln(p/(1 − p)).</summary>
    /// <param name="logit">ℓ, finite (±∞ would be p = 1 or 0: pass the probability instead).</param>
    /// <returns>The distribution, with ln p = log σ(ℓ) and ln(1 − p) = log σ(−ℓ) exact in the tails.</returns>
    /// <exception cref="ArgumentOutOfRangeException">logit is NaN or ±∞.</exception>
    public static Bernoulli FromLogit(double logit)
    {
        Check.Finite(logit, nameof(logit));
        return new Bernoulli(Logistic.Sigmoid(logit), Logistic.LogSigmoid(logit), Logistic.LogSigmoid(-logit));
    }

    /// <summary>Same as <see cref="FromLogit"/>.</summary>
    /// <param name="logits">ℓ, finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">logits is NaN or ±∞.</exception>
    public static Bernoulli FromLogits(double logits) => FromLogit(logits);

    /// <summary>p = P(X = 1).</summary>
    public double P { get; }

    /// <summary>ln p (−∞ for p = 0).</summary>
    public double LogP { get; }

    /// <summary>ln(1 − p) (−∞ for p = 1).</summary>
    public double LogOneMinusP { get; }

    /// <summary>The log-odds ln p − ln(1 − p) (±∞ at p = 1 or 0).</summary>
    public double Logit => LogP - LogOneMinusP;

    /// <summary>p.</summary>
    public double Mean => P;

    /// <summary>p(1 − p), with 1 − p taken as exp(ln(1 − p)) so it stays accurate for p near 1.</summary>
    public double Variance => P * Math.Exp(LogOneMinusP);

    /// <summary>−p ln p − (1 − p) ln(1 − p) nats, 0·ln 0 = 0: 0 at p ∈ {0, 1}, ln 2 at p = ½.</summary>
    public double Entropy
    {
        get
        {
            var q = Math.Exp(LogOneMinusP);
            return -(P == 0.0 ? 0.0 : P * LogP) - (q == 0.0 ? 0.0 : q * LogOneMinusP);
        }
    }

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <inheritdoc/>
    public double SupportMinimum => 0.0;

    /// <inheritdoc/>
    public double SupportMaximum => 1.0;

    string ILogDensityKernel.SupportText => "{0, 1}";

    /// <inheritdoc/>
    public bool InSupport(double x) => x is 0.0 or 1.0;

    /// <summary>ln P(X = x): ln p at 1, ln(1 − p) at 0.</summary>
    /// <param name="x">0 or 1.</param>
    /// <returns>The log-probability (−∞ for an impossible outcome of a degenerate p).</returns>
    /// <exception cref="ArgumentException">x is not 0 or 1.</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    /// <summary>ln P(X = x) for a boolean outcome.</summary>
    /// <param name="x">The outcome.</param>
    /// <returns>ln p when true, ln(1 − p) when false.</returns>
    public double LogProbability(bool x) => x ? LogP : LogOneMinusP;

    double ILogDensityKernel.LogDensityOrNaN(double x) => x == 1.0 ? LogP : x == 0.0 ? LogOneMinusP : double.NaN;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>1 if u &lt; p for a uniform u in [0, 1), else 0.</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw (0 or 1) and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng)
    {
        var (u, next) = rng.NextDouble();
        return (u < P ? 1.0 : 0.0, next);
    }

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);
}
