using Functional.Distributions;
using Functional.Numerics;

namespace Functional.Information;

/// <summary>KL(p ‖ q) between two members of one family in closed form; and, for any pair, by Monte-Carlo or quadrature.</summary>
/// <remarks>
/// <para>Every closed form is written so that its terms are ≥ 0 where it can be, through Φ(t) = e^t − 1 − t ≥ 0 (evaluated by
/// series near t = 0, so KL between nearly equal parameters keeps its relative accuracy), and the result is clamped at 0 where
/// rounding could leave a tiny negative; identical parameters give exactly 0. NOTES.md ("Distributions and divergences between
/// them") lists each formula with its reference.</para>
/// <para>+∞ where the supports make it so: a Uniform p not inside q's interval, a Bernoulli/Categorical/Poisson q with zero
/// mass where p has some.</para>
/// </remarks>
public static partial class Kl
{
    /// <summary>Φ(t) = e^t − 1 − t ≥ 0, by its series near 0.</summary>
    private static double Phi(double t) => KlFromLogsTerm.Invoke(0.0, t);

    /// <summary>KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = ½Φ(ln(σ₁²/σ₂²)) + (μ₁ − μ₂)²/(2σ₂²).</summary>
    /// <param name="p">N(μ₁, σ₁²).</param>
    /// <param name="q">N(μ₂, σ₂²).</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0 (+∞ only when (μ₁ − μ₂)/σ₂ overflows).</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    public static double Between(Gaussian p, Gaussian q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var t = 2.0 * (Math.Log(p.StandardDeviation) - Math.Log(q.StandardDeviation));
        var z = (p.Mean - q.Mean) / q.StandardDeviation;
        return logBase.FromNats((0.5 * Phi(t)) + (0.5 * z * z));
    }

    /// <summary>KL(N(μ₁, Σ₁) ‖ N(μ₂, Σ₂)) = ½[tr(Σ₂⁻¹Σ₁) + (μ₂ − μ₁)ᵀΣ₂⁻¹(μ₂ − μ₁) − d + ln det Σ₂ − ln det Σ₁], through the Cholesky factors:
    /// tr = ‖L₂⁻¹L₁‖²_F and the quadratic form ‖L₂⁻¹(μ₂ − μ₁)‖².</summary>
    /// <param name="p">N(μ₁, Σ₁).</param>
    /// <param name="q">N(μ₂, Σ₂), same dimension.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0; exactly 0 for equal parameters.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public static double Between(MultivariateGaussian p, MultivariateGaussian q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        Guard.SameLength(p.Dimension, q.Dimension, "p.Mean", "q.Mean");
        var d = p.Dimension;
        var l1 = p.CholeskyFactor();
        var l2 = q.CholeskyFactor();
        var column = new double[d];
        var trace = 0.0;
        for (var j = 0; j < d; j++)
        {
            for (var i = 0; i < d; i++)
            {
                column[i] = l1[(i * d) + j];
            }

            Cholesky.SolveLower(l2, d, column);
            foreach (var v in column)
            {
                trace += v * v;
            }
        }

        var pMean = p.Mean();
        var qMean = q.Mean();
        for (var i = 0; i < d; i++)
        {
            column[i] = qMean[i] - pMean[i];
        }

        Cholesky.SolveLower(l2, d, column);
        var quadratic = 0.0;
        foreach (var v in column)
        {
            quadratic += v * v;
        }

        var value = 0.5 * (trace - d + quadratic + (q.LogDeterminant - p.LogDeterminant));
        return logBase.FromNats(Math.Max(0.0, value));
    }

    /// <summary>KL(Bernoulli(p) ‖ Bernoulli(q)) = p ln(p/q) + (1 − p) ln((1 − p)/(1 − q)), from the stored logarithms (so logit-built
    /// distributions keep their tails) by the two-outcome <see cref="FromLogs{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, LogBase)"/> kernel.</summary>
    /// <param name="p">Bernoulli(p).</param>
    /// <param name="q">Bernoulli(q).</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0; +∞ when q puts 0 on an outcome p gives mass to.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    public static double Between(Bernoulli p, Bernoulli q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        ReadOnlySpan<double> logP = [p.LogP, p.LogOneMinusP];
        ReadOnlySpan<double> logQ = [q.LogP, q.LogOneMinusP];
        return FromLogs(logP, logQ, logBase);
    }

    /// <summary>KL(Categorical(p) ‖ Categorical(q)) = Σ p_j ln(p_j/q_j), from the stored logarithms.</summary>
    /// <param name="p">Categorical(p).</param>
    /// <param name="q">Categorical(q) with as many categories.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0; +∞ when some q_j = 0 &lt; p_j.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">The numbers of categories differ.</exception>
    public static double Between(Categorical p, Categorical q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        Guard.SameLength(p.Count, q.Count, "p.Probabilities", "q.Probabilities");
        return FromLogs(p.LogProbabilities(), q.LogProbabilities(), logBase);
    }

    /// <summary>KL(Exp(λ₁) ‖ Exp(λ₂)) = ln(λ₁/λ₂) + λ₂/λ₁ − 1 = Φ(ln(λ₂/λ₁)).</summary>
    /// <param name="p">Exponential with rate λ₁.</param>
    /// <param name="q">Exponential with rate λ₂.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    public static double Between(Exponential p, Exponential q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return logBase.FromNats(Phi(Math.Log(q.Rate) - Math.Log(p.Rate)));
    }

    /// <summary>KL(Poisson(λ₁) ‖ Poisson(λ₂)) = λ₁ ln(λ₁/λ₂) − λ₁ + λ₂ = λ₁Φ(ln(λ₂/λ₁)); λ₂ when λ₁ = 0; +∞ when λ₂ = 0 &lt; λ₁.</summary>
    /// <param name="p">Poisson(λ₁).</param>
    /// <param name="q">Poisson(λ₂).</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    public static double Between(Poisson p, Poisson q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var value = p.Rate == 0.0 ? q.Rate
            : q.Rate == 0.0 ? double.PositiveInfinity
            : p.Rate * Phi(Math.Log(q.Rate) - Math.Log(p.Rate));
        return logBase.FromNats(value);
    }

    /// <summary>KL(Laplace(μ₁, b₁) ‖ Laplace(μ₂, b₂)) = ln(b₂/b₁) + |μ₁ − μ₂|/b₂ + (b₁/b₂)e^(−|μ₁ − μ₂|/b₁) − 1,
    /// evaluated as Φ(s) + δ(1/b₂ − 1/b₁) with δ = |μ₁ − μ₂| and s = ln(b₁/b₂) − δ/b₁.</summary>
    /// <param name="p">Laplace(μ₁, b₁).</param>
    /// <param name="q">Laplace(μ₂, b₂).</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    public static double Between(Laplace p, Laplace q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var delta = Math.Abs(p.Location - q.Location);
        var s = Math.Log(p.Scale) - Math.Log(q.Scale) - (delta / p.Scale);
        var value = Phi(s) + ((delta / q.Scale) - (delta / p.Scale));
        return logBase.FromNats(Math.Max(0.0, value));
    }

    /// <summary>KL(U[a₁, b₁] ‖ U[a₂, b₂]) = ln((b₂ − a₂)/(b₁ − a₁)) when [a₁, b₁] ⊆ [a₂, b₂], else +∞.</summary>
    /// <param name="p">U[a₁, b₁].</param>
    /// <param name="q">U[a₂, b₂].</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0 or +∞.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    public static double Between(Uniform p, Uniform q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Lower < q.Lower || p.Upper > q.Upper)
        {
            return double.PositiveInfinity;
        }

        return logBase.FromNats(Math.Max(0.0, q.Entropy - p.Entropy));
    }

    /// <summary>KL(Beta(α₁, β₁) ‖ Beta(α₂, β₂)) = ln B(α₂, β₂) − ln B(α₁, β₁) + (α₁ − α₂)ψ(α₁) + (β₁ − β₂)ψ(β₁) + (α₂ − α₁ + β₂ − β₁)ψ(α₁ + β₁).</summary>
    /// <param name="p">Beta(α₁, β₁).</param>
    /// <param name="q">Beta(α₂, β₂).</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    public static double Between(Beta p, Beta q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var (a1, b1, a2, b2) = (p.Alpha, p.BetaParameter, q.Alpha, q.BetaParameter);
        var value = SpecialFunctions.LogBeta(a2, b2) - SpecialFunctions.LogBeta(a1, b1)
            + ((a1 - a2) * SpecialFunctions.Digamma(a1)) + ((b1 - b2) * SpecialFunctions.Digamma(b1))
            + ((a2 - a1 + b2 - b1) * SpecialFunctions.Digamma(a1 + b1));
        return logBase.FromNats(Math.Max(0.0, value));
    }

    /// <summary>KL(Gamma(α₁, β₁) ‖ Gamma(α₂, β₂)) (shape, rate) = (α₁ − α₂)ψ(α₁) − ln Γ(α₁) + ln Γ(α₂) + α₂ ln(β₁/β₂) + α₁(β₂ − β₁)/β₁.</summary>
    /// <param name="p">Gamma(α₁, β₁).</param>
    /// <param name="q">Gamma(α₂, β₂).</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    public static double Between(Gamma p, Gamma q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var (a1, r1, a2, r2) = (p.Shape, p.Rate, q.Shape, q.Rate);
        var value = ((a1 - a2) * SpecialFunctions.Digamma(a1)) - SpecialFunctions.LogGamma(a1) + SpecialFunctions.LogGamma(a2)
            + (a2 * (Math.Log(r1) - Math.Log(r2))) + (a1 * ((r2 - r1) / r1));
        return logBase.FromNats(Math.Max(0.0, value));
    }

    /// <summary>KL(Dir(α) ‖ Dir(β)) = ln B(β) − ln B(α) + Σ (α_i − β_i)(ψ(α_i) − ψ(α₀)), α₀ = Σ α_i.</summary>
    /// <param name="p">Dir(α).</param>
    /// <param name="q">Dir(β), same dimension.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public static double Between(Dirichlet p, Dirichlet q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        Guard.SameLength(p.Dimension, q.Dimension, "p.Concentration", "q.Concentration");
        var alpha = p.Concentration();
        var beta = q.Concentration();
        var digammaTotal = SpecialFunctions.Digamma(p.Total);
        var sum = default(ScalarNeumaier);
        sum.Add(q.LogBeta);
        sum.Add(-p.LogBeta);
        for (var i = 0; i < alpha.Length; i++)
        {
            sum.Add((alpha[i] - beta[i]) * (SpecialFunctions.Digamma(alpha[i]) - digammaTotal));
        }

        return logBase.FromNats(Math.Max(0.0, sum.Result));
    }

    /// <summary>
    /// KL(p ‖ q) by Monte-Carlo: the mean of ln p(x_i) − ln q(x_i) over n draws x_i ~ p, with its standard error s/√n.
    /// Works for any pair that can sample and evaluate densities (any families, including ones with no closed form).
    /// </summary>
    /// <param name="p">The distribution sampled from.</param>
    /// <param name="q">The approximating distribution.</param>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="rng">The generator.</param>
    /// <returns>The estimate (unbiased; may be slightly negative for close p, q), its standard error and the advanced generator;
    /// +∞ (with standard error +∞) as soon as a draw falls outside q's support.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">samples &lt; 2.</exception>
    public static MonteCarloEstimate MonteCarlo(IUnivariateDistribution p, IUnivariateDistribution q, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        Distributions.Samples.Check(samples);
        Span<double> x = stackalloc double[Distributions.Samples.Chunk];
        Span<double> logP = stackalloc double[Distributions.Samples.Chunk];
        Span<double> logQ = stackalloc double[Distributions.Samples.Chunk];
        var welford = default(Welford);
        for (var done = 0; done < samples; done += x.Length)
        {
            var n = Math.Min(x.Length, samples - done);
            rng = p.Sample(rng, x[..n]);
            for (var i = 0; i < n; i++)
            {
                if (!q.InSupport(x[i]))
                {
                    return new MonteCarloEstimate(double.PositiveInfinity, double.PositiveInfinity, done + i + 1, rng);
                }
            }

            p.LogDensity(x[..n], logP);
            q.LogDensity(x[..n], logQ);
            for (var i = 0; i < n; i++)
            {
                // ln p − ln q with ln q = −∞ is +∞: q has no mass at a point p produced.
                welford.Add(double.IsNegativeInfinity(logQ[i]) ? double.PositiveInfinity : logP[i] - logQ[i]);
            }
        }

        var estimate = welford.Estimate(rng);
        return double.IsFinite(estimate.Value) ? estimate : estimate with { Value = double.PositiveInfinity, StandardError = double.PositiveInfinity };
    }

    /// <summary>KL(p ‖ q) by Monte-Carlo for distributions on ℝ^d (draws from p, one row at a time).</summary>
    /// <param name="p">The distribution sampled from.</param>
    /// <param name="q">The approximating distribution, same dimension.</param>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="rng">The generator.</param>
    /// <returns>The estimate, its standard error and the advanced generator; +∞ when a draw is outside q's support.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">samples &lt; 2.</exception>
    public static MonteCarloEstimate MonteCarlo(IMultivariateDistribution p, IMultivariateDistribution q, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        Guard.SameLength(p.Dimension, q.Dimension, "p.Dimension", "q.Dimension");
        Distributions.Samples.Check(samples);
        var x = new double[p.Dimension];
        var welford = default(Welford);
        for (var i = 0; i < samples; i++)
        {
            rng = p.Sample(rng, x);
            if (!q.InSupport(x))
            {
                return new MonteCarloEstimate(double.PositiveInfinity, double.PositiveInfinity, i + 1, rng);
            }

            var logQ = q.LogDensity(x);
            welford.Add(double.IsNegativeInfinity(logQ) ? double.PositiveInfinity : p.LogDensity(x) - logQ);
        }

        var estimate = welford.Estimate(rng);
        return double.IsFinite(estimate.Value) ? estimate : estimate with { Value = double.PositiveInfinity, StandardError = double.PositiveInfinity };
    }

    /// <summary>
    /// KL(p ‖ q) = ∫ p(x) ln(p(x)/q(x)) dx by double-exponential quadrature over p's support (centred on p's mean, scaled by
    /// its standard deviation), for continuous pairs with no closed form (e.g. a Gaussian against a mixture).
    /// </summary>
    /// <param name="p">A continuous distribution.</param>
    /// <param name="q">A continuous distribution.</param>
    /// <param name="relativeTolerance">Passed to <see cref="Quadrature.Integrate"/>.</param>
    /// <returns>The integral with its error estimate; +∞ (error 0) when p's support is not inside q's.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">p or q is discrete.</exception>
    public static QuadratureResult ByQuadrature(IUnivariateDistribution p, IUnivariateDistribution q, double relativeTolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.IsDiscrete || q.IsDiscrete)
        {
            throw new ArgumentException("quadrature integrates densities; pass two continuous distributions.", p.IsDiscrete ? nameof(p) : nameof(q));
        }

        if (p.SupportMinimum < q.SupportMinimum || p.SupportMaximum > q.SupportMaximum)
        {
            return new QuadratureResult(double.PositiveInfinity, 0.0, 0, true);
        }

        return Quadrature.Integrate(
            x =>
            {
                var logP = p.LogDensity(x);
                return double.IsNegativeInfinity(logP) ? 0.0 : Math.Exp(logP) * (logP - q.LogDensity(x));
            },
            p.SupportMinimum, p.SupportMaximum, p.Mean, DistributionEntropy.Scale(p), relativeTolerance);
    }
}
