using Functional.Distributions;
using Functional.Numerics;

namespace Functional.Estimation;

/// <summary>A conjugate update: the prior, the posterior, and the posterior's mode (the MAP estimate) and mean.</summary>
/// <typeparam name="TPrior">The prior (and posterior) family.</typeparam>
/// <typeparam name="TParameter">The parameter's type (a probability, a probability vector, a mean, a (mean, variance) pair).</typeparam>
/// <param name="Prior">p(θ).</param>
/// <param name="Posterior">p(θ | X) ∝ p(X | θ)·p(θ), in the prior's family.</param>
/// <param name="Mode">argmax_θ p(θ | X), the MAP estimate; null where the posterior density has no unique finite maximiser (a Beta with both parameters ≤ 1, say).</param>
/// <param name="PosteriorMean">E[θ | X] (the Bayes estimate under squared loss); null where it is infinite.</param>
/// <param name="Count">n, the number of observations.</param>
public sealed record Conjugate<TPrior, TParameter>(TPrior Prior, TPrior Posterior, TParameter? Mode, TParameter? PosteriorMean, long Count);

/// <summary>The Normal–Inverse-Gamma distribution of (μ, σ²): σ² ~ InvGamma(α, β), μ | σ² ~ N(μ₀, σ²/κ).</summary>
/// <remarks>The conjugate prior of a Gaussian with unknown mean and variance.</remarks>
public sealed record NormalInverseGamma
{
    /// <summary>NIG(μ₀, κ, α, β).</summary>
    /// <param name="mean">μ₀, finite: the prior guess of μ.</param>
    /// <param name="kappa">κ &gt; 0: the prior's weight on μ₀, in pseudo-observations.</param>
    /// <param name="alpha">α &gt; 0: shape of the variance's inverse-gamma (2α pseudo-observations of the spread).</param>
    /// <param name="beta">β &gt; 0: scale of the variance's inverse-gamma.</param>
    /// <exception cref="ArgumentOutOfRangeException">mean is not finite; kappa, alpha or beta is not finite and &gt; 0.</exception>
    public NormalInverseGamma(double mean, double kappa, double alpha, double beta)
    {
        Mean = double.IsFinite(mean) ? mean : throw new ArgumentOutOfRangeException(nameof(mean), mean, $"mean = {Format.Number(mean)} must be finite.");
        Kappa = Map.Positive(kappa, nameof(kappa));
        Alpha = Map.Positive(alpha, nameof(alpha));
        Beta = Map.Positive(beta, nameof(beta));
    }

    /// <summary>μ₀.</summary>
    public double Mean { get; }

    /// <summary>κ.</summary>
    public double Kappa { get; }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>β.</summary>
    public double Beta { get; }
}

/// <summary>
/// Maximum-a-posteriori estimates with conjugate priors: θ_MAP = argmax [ln p(X | θ) + ln p(θ)], with the full posterior
/// beside the mode. MAP = MLE + a penalty −ln p(θ): a Beta(a, b) prior is a − 1 pseudo-heads and b − 1 pseudo-tails; a
/// Gaussian prior on a mean is an L2 penalty. NOTES.md ("Estimators: MLE, MAP, Bayes") derives each update.
/// </summary>
public static class Map
{
    /// <summary>
    /// Beta–Bernoulli: prior κ ~ Beta(a, b), H heads and T tails give the posterior Beta(H + a, T + b), mode
    /// (H + a − 1)/(N + a + b − 2) and mean (H + a)/(N + a + b). Beta(1, 1) (uniform) makes the mode the MLE H/N.
    /// </summary>
    /// <param name="heads">H ≥ 0.</param>
    /// <param name="tails">T ≥ 0 (H + T = 0 is allowed: the posterior is the prior).</param>
    /// <param name="prior">Beta(a, b).</param>
    /// <returns>
    /// The update. Mode: the formula when a′ = H + a ≥ 1 and b′ = T + b ≥ 1 (not both 1); 0 when a′ &lt; 1 ≤ b′ and 1 when
    /// b′ &lt; 1 ≤ a′ (the density is largest at that edge); null when a′, b′ &lt; 1 (two modes) or a′ = b′ = 1 (flat).
    /// </returns>
    /// <exception cref="ArgumentNullException">prior is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">heads or tails is negative.</exception>
    public static Conjugate<Beta, double?> BetaBernoulli(long heads, long tails, Beta prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentOutOfRangeException.ThrowIfNegative(heads);
        ArgumentOutOfRangeException.ThrowIfNegative(tails);
        var a = heads + prior.Alpha;
        var b = tails + prior.BetaParameter;
        var posterior = new Beta(a, b);
        double? mode = (a >= 1.0, b >= 1.0) switch
        {
            (true, true) when a + b > 2.0 => (a - 1.0) / (a + b - 2.0),
            (false, true) => 0.0,
            (true, false) => 1.0,
            _ => null,
        };
        return new Conjugate<Beta, double?>(prior, posterior, mode, a / (a + b), checked(heads + tails));
    }

    /// <summary>Beta–Bernoulli from outcomes 0/1; see <see cref="BetaBernoulli(long, long, Beta)"/>.</summary>
    /// <param name="sample">Outcomes, each 0 or 1; at least one.</param>
    /// <param name="prior">Beta(a, b).</param>
    /// <returns>The update.</returns>
    /// <exception cref="ArgumentNullException">prior is null.</exception>
    /// <exception cref="ArgumentException">sample is empty, or sample[i] is not 0 or 1.</exception>
    public static Conjugate<Beta, double?> BetaBernoulli(ReadOnlySpan<double> sample, Beta prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        var ones = Samples.Binary(sample, nameof(sample));
        return BetaBernoulli(ones, sample.Length - ones, prior);
    }

    /// <summary>
    /// Dirichlet–Categorical (additive smoothing): prior p ~ Dir(α), counts c give the posterior Dir(c + α), posterior mean
    /// (c_j + α_j)/(N + A) — Laplace's add-one rule for α = 1 — and mode (c_j + α_j − 1)/(N + A − k).
    /// </summary>
    /// <param name="counts">c_j ≥ 0, one per class (all 0 is allowed: the posterior is the prior).</param>
    /// <param name="prior">Dir(α) with as many components as classes.</param>
    /// <returns>The update. Mode (as probabilities) when every c_j + α_j ≥ 1 and not all equal 1; null otherwise (the density is unbounded at an edge, or flat).</returns>
    /// <exception cref="ArgumentNullException">prior is null.</exception>
    /// <exception cref="ArgumentException">counts has a different length from the prior, or a negative count.</exception>
    public static Conjugate<Dirichlet, double[]> DirichletCategorical(ReadOnlySpan<long> counts, Dirichlet prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        var alpha = prior.Concentration();
        Guard.SameLength(alpha.Length, counts.Length, nameof(prior), nameof(counts));
        long n = 0;
        var posterior = new double[counts.Length];
        for (var j = 0; j < counts.Length; j++)
        {
            if (counts[j] < 0)
            {
                throw new ArgumentException($"counts[{j}] = {counts[j]} is negative; counts are ≥ 0.", nameof(counts));
            }

            n = checked(n + counts[j]);
            posterior[j] = counts[j] + alpha[j];
        }

        var total = posterior.Sum();
        var mean = posterior.Select(a => a / total).ToArray();
        double[]? mode = null;
        var excess = total - posterior.Length;
        if (posterior.All(a => a >= 1.0) && excess > 0.0)
        {
            mode = posterior.Select(a => (a - 1.0) / excess).ToArray();
        }

        return new Conjugate<Dirichlet, double[]>(prior, new Dirichlet(posterior), mode, mean, n);
    }

    /// <summary>Dirichlet–Categorical from labels; see <see cref="DirichletCategorical(ReadOnlySpan{long}, Dirichlet)"/>.</summary>
    /// <param name="labels">Class labels in 0..k − 1, k = the prior's dimension; at least one.</param>
    /// <param name="prior">Dir(α).</param>
    /// <returns>The update.</returns>
    /// <exception cref="ArgumentNullException">prior is null.</exception>
    /// <exception cref="ArgumentException">labels is empty, or labels[i] is not in 0..k − 1.</exception>
    public static Conjugate<Dirichlet, double[]> DirichletCategorical(ReadOnlySpan<int> labels, Dirichlet prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        return DirichletCategorical(Samples.Labels(labels, prior.Dimension, nameof(labels)), prior);
    }

    /// <summary>
    /// Normal–Normal for a mean with known variance σ²: prior μ ~ N(μ₀, τ₀²) and n observations with mean x̄ give the
    /// posterior N(μₙ, τₙ²), 1/τₙ² = 1/τ₀² + n/σ², μₙ = τₙ²(μ₀/τ₀² + n x̄/σ²) — a precision-weighted average. Mode = mean = μₙ.
    /// As τ₀ → ∞ (a flat prior) μₙ → x̄, the MLE; MAP with this prior is least squares with the penalty (μ − μ₀)²/(2τ₀²).
    /// </summary>
    /// <param name="sample">Finite values; at least one.</param>
    /// <param name="variance">The known noise variance σ² &gt; 0.</param>
    /// <param name="prior">N(μ₀, τ₀²), the prior on μ.</param>
    /// <returns>The update (the posterior over μ as a <see cref="Gaussian"/>).</returns>
    /// <exception cref="ArgumentNullException">prior is null.</exception>
    /// <exception cref="ArgumentException">sample is empty, or sample[i] is NaN/∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">variance is not finite and &gt; 0.</exception>
    public static Conjugate<Gaussian, double> NormalNormal(ReadOnlySpan<double> sample, double variance, Gaussian prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        Positive(variance, nameof(variance));
        Samples.Finite(sample, nameof(sample), "Normal–Normal");
        var n = sample.Length;
        var mean = Location.Mean(sample);
        var priorPrecision = 1.0 / prior.Variance;
        var dataPrecision = n / variance;
        var precision = priorPrecision + dataPrecision;
        // μₙ = μ₀ + w(x̄ − μ₀), w = (n/σ²)/(1/τ₀² + n/σ²): exactly x̄ as w → 1, exactly μ₀ as w → 0.
        var weight = dataPrecision / precision;
        var posteriorMean = prior.Mean + (weight * (mean - prior.Mean));
        var posterior = Gaussian.FromVariance(posteriorMean, 1.0 / precision);
        return new Conjugate<Gaussian, double>(prior, posterior, posteriorMean, posteriorMean, n);
    }

    /// <summary>
    /// Normal–Inverse-Gamma for a Gaussian with unknown mean and variance: prior NIG(μ₀, κ₀, α₀, β₀) gives
    /// κₙ = κ₀ + n, μₙ = (κ₀μ₀ + n x̄)/κₙ, αₙ = α₀ + n/2, βₙ = β₀ + ½Σ(x_i − x̄)² + κ₀n(x̄ − μ₀)²/(2κₙ).
    /// </summary>
    /// <param name="sample">Finite values; at least one.</param>
    /// <param name="prior">NIG(μ₀, κ₀, α₀, β₀).</param>
    /// <returns>
    /// The update, with parameters as (mean, variance) pairs. Mode: the joint maximiser of the posterior density,
    /// (μₙ, βₙ/(αₙ + 3/2)). Posterior mean: (μₙ, βₙ/(αₙ − 1)), null when αₙ ≤ 1 (E[σ²] is infinite).
    /// </returns>
    /// <exception cref="ArgumentNullException">prior is null.</exception>
    /// <exception cref="ArgumentException">sample is empty, or sample[i] is NaN/∞.</exception>
    public static Conjugate<NormalInverseGamma, (double Mean, double Variance)?> NormalInverseGamma(ReadOnlySpan<double> sample, NormalInverseGamma prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        Samples.NotEmpty(sample.Length, nameof(sample), "Normal–Inverse-Gamma");
        var moments = Moments.Of(sample, nameof(sample));
        var n = sample.Length;
        var kappa = prior.Kappa + n;
        var mean = prior.Mean + (n / kappa * (moments.Mean - prior.Mean));
        var alpha = prior.Alpha + (0.5 * n);
        var offset = moments.Mean - prior.Mean;
        var beta = prior.Beta + (0.5 * n * moments.Variance) + (prior.Kappa * n * offset * offset / (2.0 * kappa));
        var posterior = new NormalInverseGamma(mean, kappa, alpha, beta);
        (double, double)? posteriorMean = alpha > 1.0 ? (mean, beta / (alpha - 1.0)) : null;
        return new Conjugate<NormalInverseGamma, (double Mean, double Variance)?>(prior, posterior, (mean, beta / (alpha + 1.5)), posteriorMean, n);
    }

    internal static double Positive(double value, string name)
        => value > 0.0 && value <= double.MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)} must be positive and finite.");
}
