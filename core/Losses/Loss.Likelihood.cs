using Functional.Numerics;

namespace Functional.Losses;

/// <content>Negative log-likelihoods of regression models: Gaussian with a fixed σ, Poisson on a log-rate.</content>
public static partial class Loss
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2.0 * Math.PI);

    /// <summary>
    /// The Gaussian negative log-likelihood with a fixed σ: ½((ŷ − y)/σ)² + ln σ + ½ ln 2π (the constant ½ ln 2π only when
    /// <paramref name="full"/>); derivative (ŷ − y)/σ². With σ = 1 and without the constants it is <c>HalfSquaredError</c>:
    /// least squares is maximum likelihood under Gaussian noise.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ, the means; finite.</param>
    /// <param name="targets">y, the observations; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="sigma">σ &gt; 0, finite: the noise standard deviation.</param>
    /// <param name="full">Whether to add ½ ln 2π per element (PyTorch's <c>GaussianNLLLoss(full=True)</c>); ln σ is always included.</param>
    /// <returns>The summed or mean negative log-likelihood (Sum over n elements = MSE·n/(2σ²) + n ln σ [+ (n/2) ln 2π]).</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a NaN/∞ value (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">sigma is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T GaussianNll<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean, double sigma = 1.0, bool full = false)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(sigma, nameof(sigma));
        var term = new GaussianNllTerm(sigma, Math.Log(sigma) + (full ? HalfLogTwoPi : 0.0));
        return LossKernel.Reduce<T, GaussianNllTerm, FiniteDomain>(term, predictions, targets, gradient, reduction);
    }

    /// <summary>GaussianNll per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = (ŷ_i − y_i)/σ².</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="sigma">σ &gt; 0, finite.</param>
    /// <param name="full">Whether to add ½ ln 2π per element.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a NaN/∞ value (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">sigma is not finite and positive.</exception>
    public static void GaussianNllElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double sigma = 1.0, bool full = false)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(sigma, nameof(sigma));
        var term = new GaussianNllTerm(sigma, Math.Log(sigma) + (full ? HalfLogTwoPi : 0.0));
        LossKernel.Elementwise<T, GaussianNllTerm, FiniteDomain>(term, predictions, targets, values, gradient);
    }

    /// <summary>
    /// The Poisson negative log-likelihood on a log-rate x = ln λ with observed count k: eˣ − k·x (ln k! omitted, as
    /// PyTorch's <c>poisson_nll_loss(log_input=True, full=False)</c>); derivative eˣ − k. Taking the log-rate keeps λ &gt; 0
    /// without a clamp.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">The log-rates x = ln λ; finite.</param>
    /// <param name="targets">The counts k ≥ 0, finite (non-integer counts are accepted, as PyTorch does).</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂x_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean negative log-likelihood; +∞ where eˣ overflows (x &gt; 709.78).</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no rates; a log-rate NaN/∞ or a count negative/NaN/∞ (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T PoissonNll<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
        => LossKernel.Reduce<T, PoissonNllTerm, NonNegativeDomain>(default, predictions, targets, gradient, reduction);

    /// <summary>PoissonNll per element: values[i] = e^(x_i) − k_i·x_i, gradient[i] = e^(x_i) − k_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">The log-rates x = ln λ; finite.</param>
    /// <param name="targets">The counts k ≥ 0, finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad log-rate or count (named with index and value).</exception>
    public static void PoissonNllElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
        => LossKernel.Elementwise<T, PoissonNllTerm, NonNegativeDomain>(default, predictions, targets, values, gradient);
}
