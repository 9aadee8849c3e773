using Functional.Numerics;

namespace Functional.Losses;

/// <summary>
/// Element-wise losses ℓ(ŷ, y) with their derivatives ∂ℓ/∂ŷ, each one fused SIMD pass over spans (float or double; float is
/// computed in double), reduced by Sum or Mean with the gradient of the reduced value written alongside.
/// </summary>
/// <remarks>
/// Every method checks, in order: lengths, destinations, reduction, empties, then values (predictions finite, targets in the
/// loss's domain) inside the pass, and throws an <see cref="ArgumentException"/> naming the argument, index and value.
/// A gradient span may be empty to skip the derivative.
/// </remarks>
public static partial class Loss
{
    /// <summary>½(ŷ − y)², the Gaussian negative log-likelihood with unit variance up to a constant; derivative ŷ − y. Minimiser: the mean.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (or logits / scores); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. Finite for finite inputs up to overflow of (ŷ − y)².</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T HalfSquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, HalfSquaredErrorTerm, FiniteDomain>(new HalfSquaredErrorTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>
    /// <see cref="HalfSquaredError{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction)"/> of one prediction with Mean (the training fold's one-row step): the kernel and pass
    /// the method above runs, on one element, so the same bits, without the argument checks. A prediction or target that
    /// is not finite is reported in <paramref name="valid"/>, not thrown.
    /// </summary>
    internal static double HalfSquaredErrorOfOne(double prediction, double target, out double derivative, out bool valid)
        => LossKernel.MeanOfOne<HalfSquaredErrorTerm, FiniteDomain, FiniteDomain, NarrowPass<HalfSquaredErrorTerm>>(
            new HalfSquaredErrorTerm(), prediction, target, out derivative, out valid);

    /// <summary>HalfSquaredError per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void HalfSquaredErrorElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, HalfSquaredErrorTerm, FiniteDomain>(new HalfSquaredErrorTerm(), predictions, targets, values, gradient);
    }

    /// <summary>(ŷ − y)², PyTorch's <c>mse_loss</c> per element (no ½); derivative 2(ŷ − y).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (or logits / scores); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. Finite for finite inputs up to overflow of (ŷ − y)².</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T SquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, SquaredErrorTerm, FiniteDomain>(new SquaredErrorTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>SquaredError per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void SquaredErrorElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, SquaredErrorTerm, FiniteDomain>(new SquaredErrorTerm(), predictions, targets, values, gradient);
    }

    /// <summary>|ŷ − y| (L1, the Laplace negative log-likelihood up to a constant); derivative sign(ŷ − y), 0 at the kink (the lowest-norm subgradient). Minimiser: the median.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (or logits / scores); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. At ŷ = y the derivative is 0.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T AbsoluteError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, AbsoluteErrorTerm, FiniteDomain>(new AbsoluteErrorTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>AbsoluteError per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void AbsoluteErrorElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, AbsoluteErrorTerm, FiniteDomain>(new AbsoluteErrorTerm(), predictions, targets, values, gradient);
    }

    /// <summary>Huber(δ): ½d² for |d| ≤ δ, δ(|d| − ½δ) beyond, d = ŷ − y; derivative clamp(d, −δ, δ). δ is an absolute threshold in the units of y (as optax and PyTorch's <c>huber_loss</c>; scikit-learn's HuberRegressor instead scales it by a fitted σ).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (or logits / scores); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="delta">δ &gt; 0, finite; the switch point from quadratic to linear.</param>
    /// <returns>The summed or mean loss. Continuous with a continuous derivative at |d| = δ.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">delta is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T Huber<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean, double delta = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        return Huber(predictions, targets, ReadOnlySpan<T>.Empty, gradient, reduction, delta);
    }

    /// <summary>Huber per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="delta">δ &gt; 0, finite; the switch point from quadratic to linear.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">delta is not finite and positive.</exception>
    public static void HuberElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double delta = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        HuberElementwise(predictions, targets, ReadOnlySpan<T>.Empty, values, gradient, delta);
    }

    /// <summary>Smooth-L1(β) = Huber(β)/β: ½d²/β for |d| &lt; β, |d| − ½β beyond; derivative clamp(d/β, −1, 1). PyTorch's <c>smooth_l1_loss</c>.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (or logits / scores); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="beta">β &gt; 0, finite.</param>
    /// <returns>The summed or mean loss. Continuous with a continuous derivative at |d| = β.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">beta is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T SmoothL1<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean, double beta = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(beta, nameof(beta));
        return LossKernel.Reduce<T, SmoothL1Term, FiniteDomain>(new SmoothL1Term(beta), predictions, targets, gradient, reduction);
    }

    /// <summary>SmoothL1 per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="beta">β &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">beta is not finite and positive.</exception>
    public static void SmoothL1Elementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double beta = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(beta, nameof(beta));
        LossKernel.Elementwise<T, SmoothL1Term, FiniteDomain>(new SmoothL1Term(beta), predictions, targets, values, gradient);
    }

    /// <summary>Binary cross-entropy on logits x with targets t ∈ [0, 1]: −[t ln σ(x) + (1 − t) ln(1 − σ(x))] = (1 − t)·x + log1p(e^−x) for x ≥ 0, −t·x + log1p(eˣ) below; derivative σ(x) − t. Exact in both tails: at x = 40, t = 1 the loss is 4.25e-18 (PyTorch 1.13 returns 0) and the derivative −4.25e-18.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (or logits / scores); finite.</param>
    /// <param name="targets">Targets t in [0, 1] (soft labels allowed).</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. Finite for logits up to ±1e308.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T BinaryCrossEntropyWithLogits<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        // One entry per loss: the weighted overload with no weights (w₊ = 1) picks the kernel and its pass.
        return BinaryCrossEntropyWithLogits(predictions, targets, ReadOnlySpan<T>.Empty, gradient, reduction);
    }

    /// <summary>BinaryCrossEntropyWithLogits per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets t in [0, 1] (soft labels allowed).</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void BinaryCrossEntropyWithLogitsElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        BinaryCrossEntropyWithLogitsElementwise(predictions, targets, ReadOnlySpan<T>.Empty, values, gradient);
    }

    /// <summary>The logistic loss on margins: ln(1 + e^(−y·f)) with labels y ∈ {−1, +1}; derivative −y·σ(−y·f). Equal to BCE with logits at t = (y + 1)/2.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (or logits / scores); finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. Finite for scores up to ±1e308.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T Logistic<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, LogisticTerm, SignDomain>(new LogisticTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>Logistic per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void LogisticElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, LogisticTerm, SignDomain>(new LogisticTerm(), predictions, targets, values, gradient);
    }

    private static void CheckParameter(double value, string name)
    {
        if (!(value > 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)}; it must be finite and greater than 0.");
        }
    }
}
