using Functional.Numerics;

namespace Functional.Losses;

// Per-sample weights for every element-wise loss, all through the one LossKernel pass (no per-loss kernels).

/// <content>
/// Every element-wise loss with per-sample weights w_i ≥ 0: Sum is Σ w_i·ℓ_i and Mean is that sum divided by n (PyTorch's
/// convention for a per-element <c>weight</c>; softmax cross-entropy's class weights divide by Σ w instead). The gradient is
/// w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean). A zero weight removes its element, even where ℓ_i is infinite; unit weights give
/// the unweighted overload's result exactly.
/// </content>
public static partial class Loss
{

    /// <summary>HalfSquaredError with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T HalfSquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, HalfSquaredErrorTerm, FiniteDomain, FiniteDomain>(new HalfSquaredErrorTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>HalfSquaredError per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void HalfSquaredErrorElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, HalfSquaredErrorTerm, FiniteDomain, FiniteDomain>(new HalfSquaredErrorTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>SquaredError with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T SquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, SquaredErrorTerm, FiniteDomain, FiniteDomain>(new SquaredErrorTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>SquaredError per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void SquaredErrorElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, SquaredErrorTerm, FiniteDomain, FiniteDomain>(new SquaredErrorTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>AbsoluteError with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T AbsoluteError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, AbsoluteErrorTerm, FiniteDomain, FiniteDomain>(new AbsoluteErrorTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>AbsoluteError per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void AbsoluteErrorElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, AbsoluteErrorTerm, FiniteDomain, FiniteDomain>(new AbsoluteErrorTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>Huber with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="delta">δ &gt; 0, finite.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or reduction is not Sum or Mean.</exception>
    public static T Huber<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double delta = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(delta, nameof(delta));
        return LossKernel.Reduce<T, HuberTerm, FiniteDomain, FiniteDomain, WidePass<HuberTerm>>(new HuberTerm(delta), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>Huber per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="delta">δ &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void HuberElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double delta = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(delta, nameof(delta));
        LossKernel.Elementwise<T, HuberTerm, FiniteDomain, FiniteDomain, WidePass<HuberTerm>>(new HuberTerm(delta), predictions, targets, weights, values, gradient);
    }

    /// <summary>SmoothL1 with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="beta">β &gt; 0, finite.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or reduction is not Sum or Mean.</exception>
    public static T SmoothL1<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double beta = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(beta, nameof(beta));
        return LossKernel.Reduce<T, SmoothL1Term, FiniteDomain, FiniteDomain>(new SmoothL1Term(beta), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>SmoothL1 per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="beta">β &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void SmoothL1Elementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double beta = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(beta, nameof(beta));
        LossKernel.Elementwise<T, SmoothL1Term, FiniteDomain, FiniteDomain>(new SmoothL1Term(beta), predictions, targets, weights, values, gradient);
    }

    /// <summary>Logistic with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T Logistic<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, LogisticTerm, FiniteDomain, SignDomain>(new LogisticTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>Logistic per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void LogisticElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, LogisticTerm, FiniteDomain, SignDomain>(new LogisticTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>Hinge with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T Hinge<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, HingeTerm, FiniteDomain, SignDomain>(new HingeTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>Hinge per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void HingeElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, HingeTerm, FiniteDomain, SignDomain>(new HingeTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>SquaredHinge with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T SquaredHinge<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, SquaredHingeTerm, FiniteDomain, SignDomain>(new SquaredHingeTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>SquaredHinge per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void SquaredHingeElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, SquaredHingeTerm, FiniteDomain, SignDomain>(new SquaredHingeTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>ModifiedHuber with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T ModifiedHuber<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, ModifiedHuberTerm, FiniteDomain, SignDomain>(new ModifiedHuberTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>ModifiedHuber per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void ModifiedHuberElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, ModifiedHuberTerm, FiniteDomain, SignDomain>(new ModifiedHuberTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>Exponential with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T Exponential<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, ExponentialTerm, FiniteDomain, SignDomain>(new ExponentialTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>Exponential per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void ExponentialElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, ExponentialTerm, FiniteDomain, SignDomain>(new ExponentialTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>SigmoidSurrogate with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T SigmoidSurrogate<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, SigmoidSurrogateTerm, FiniteDomain, SignDomain>(new SigmoidSurrogateTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>SigmoidSurrogate per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void SigmoidSurrogateElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, SigmoidSurrogateTerm, FiniteDomain, SignDomain>(new SigmoidSurrogateTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>ZeroOneError with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T ZeroOneError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, ZeroOneTerm, FiniteDomain, SignDomain>(new ZeroOneTerm(), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>ZeroOneError per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void ZeroOneErrorElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, ZeroOneTerm, FiniteDomain, SignDomain>(new ZeroOneTerm(), predictions, targets, weights, values, gradient);
    }

    /// <summary>Cauchy with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or reduction is not Sum or Mean.</exception>
    public static T Cauchy<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, CauchyTerm, FiniteDomain, FiniteDomain>(new CauchyTerm(scale), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>Cauchy per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void CauchyElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, CauchyTerm, FiniteDomain, FiniteDomain>(new CauchyTerm(scale), predictions, targets, weights, values, gradient);
    }

    /// <summary>Welsch with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or reduction is not Sum or Mean.</exception>
    public static T Welsch<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, WelschTerm, FiniteDomain, FiniteDomain>(new WelschTerm(scale), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>Welsch per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void WelschElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, WelschTerm, FiniteDomain, FiniteDomain>(new WelschTerm(scale), predictions, targets, weights, values, gradient);
    }

    /// <summary>GemanMcClure with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or reduction is not Sum or Mean.</exception>
    public static T GemanMcClure<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, GemanMcClureTerm, FiniteDomain, FiniteDomain>(new GemanMcClureTerm(scale), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>GemanMcClure per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void GemanMcClureElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, GemanMcClureTerm, FiniteDomain, FiniteDomain>(new GemanMcClureTerm(scale), predictions, targets, weights, values, gradient);
    }

    /// <summary>Charbonnier with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or reduction is not Sum or Mean.</exception>
    public static T Charbonnier<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, CharbonnierTerm, FiniteDomain, FiniteDomain>(new CharbonnierTerm(scale), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>Charbonnier per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void CharbonnierElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, CharbonnierTerm, FiniteDomain, FiniteDomain>(new CharbonnierTerm(scale), predictions, targets, weights, values, gradient);
    }

    /// <summary>LogCosh with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T LogCosh<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, LogCoshTerm, FiniteDomain, FiniteDomain>(default(LogCoshTerm), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>LogCosh per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void LogCoshElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, LogCoshTerm, FiniteDomain, FiniteDomain>(default(LogCoshTerm), predictions, targets, weights, values, gradient);
    }

    /// <summary>GaussianNll with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="sigma">σ &gt; 0, finite.</param>
    /// <param name="full">Whether to add ½ ln 2π per element.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or reduction is not Sum or Mean.</exception>
    public static T GaussianNll<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double sigma = 1.0, bool full = false)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(sigma, nameof(sigma));
        return LossKernel.Reduce<T, GaussianNllTerm, FiniteDomain, FiniteDomain>(new GaussianNllTerm(sigma, Math.Log(sigma) + (full ? HalfLogTwoPi : 0.0)), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>GaussianNll per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="sigma">σ &gt; 0, finite.</param>
    /// <param name="full">Whether to add ½ ln 2π per element.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void GaussianNllElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double sigma = 1.0, bool full = false)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(sigma, nameof(sigma));
        LossKernel.Elementwise<T, GaussianNllTerm, FiniteDomain, FiniteDomain>(new GaussianNllTerm(sigma, Math.Log(sigma) + (full ? HalfLogTwoPi : 0.0)), predictions, targets, weights, values, gradient);
    }

    /// <summary>PoissonNll with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Log-rates x = ln λ; finite.</param>
    /// <param name="targets">Counts k ≥ 0, finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T PoissonNll<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, PoissonNllTerm, FiniteDomain, NonNegativeDomain>(default(PoissonNllTerm), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>PoissonNll per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Log-rates x = ln λ; finite.</param>
    /// <param name="targets">Counts k ≥ 0, finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void PoissonNllElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, PoissonNllTerm, FiniteDomain, NonNegativeDomain>(default(PoissonNllTerm), predictions, targets, weights, values, gradient);
    }

    /// <summary>Barron with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="alpha">α: any real or ±∞ (not NaN).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or reduction is not Sum or Mean.</exception>
    public static T Barron<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double alpha = 1.0, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckAlpha(alpha);
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, BarronTerm, FiniteDomain, FiniteDomain>(new BarronTerm(alpha, scale), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>Barron per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="alpha">α: any real or ±∞ (not NaN).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void BarronElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double alpha = 1.0, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckAlpha(alpha);
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, BarronTerm, FiniteDomain, FiniteDomain>(new BarronTerm(alpha, scale), predictions, targets, weights, values, gradient);
    }

    /// <summary>BinaryCrossEntropy with per-sample weights: Σ w_i·ℓ_i (Sum) or Σ w_i·ℓ_i / n (Mean); gradient w_i·∂ℓ_i/∂ŷ_i (divided by n for Mean).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Probabilities p in [0, 1].</param>
    /// <param name="targets">Targets t in [0, 1] (soft labels allowed).</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad prediction, target or weight (negative, NaN, ∞), named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Reduction is not Sum or Mean.</exception>
    public static T BinaryCrossEntropy<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, BinaryCrossEntropyTerm, UnitIntervalDomain, UnitIntervalDomain>(default(BinaryCrossEntropyTerm), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>BinaryCrossEntropy per element with weights: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Probabilities p in [0, 1].</param>
    /// <param name="targets">Targets t in [0, 1] (soft labels allowed).</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction, target or weight (named with index and value).</exception>
    public static void BinaryCrossEntropyElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, BinaryCrossEntropyTerm, UnitIntervalDomain, UnitIntervalDomain>(default(BinaryCrossEntropyTerm), predictions, targets, weights, values, gradient);
    }

    /// <summary>
    /// BCE with logits with per-sample weights and a positive-class weight w₊ (PyTorch's <c>weight</c> and <c>pos_weight</c>):
    /// Σ w_i·[w₊·t_i·softplus(−x_i) + (1 − t_i)·softplus(x_i)], divided by n for Mean. w₊ = 1 runs the unweighted-class kernel
    /// (exact in both tails, see the plain overload).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Logits x; finite (up to ±1e308).</param>
    /// <param name="targets">Targets t in [0, 1] (soft labels allowed).</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂x_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="positiveWeight">w₊ &gt; 0, finite.</param>
    /// <returns>The weighted sum or mean.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a bad logit, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">positiveWeight is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T BinaryCrossEntropyWithLogits<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, double positiveWeight = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(positiveWeight, nameof(positiveWeight));
        return positiveWeight == 1.0
            ? LossKernel.Reduce<T, BinaryCrossEntropyWithLogitsTerm, FiniteDomain, UnitIntervalDomain, WidePass<BinaryCrossEntropyWithLogitsTerm>>(default, predictions, targets, weights, gradient, reduction)
            : LossKernel.Reduce<T, WeightedBinaryCrossEntropyWithLogitsTerm, FiniteDomain, UnitIntervalDomain>(new WeightedBinaryCrossEntropyWithLogitsTerm(positiveWeight), predictions, targets, weights, gradient, reduction);
    }

    /// <summary>
    /// <see cref="BinaryCrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction)"/> of one logit with Mean
    /// (the training fold's one-row step): the kernel and pass the method above runs, on one element, so the same bits,
    /// without the argument checks. A logit or target outside its domain is reported in <paramref name="valid"/>, not thrown.
    /// </summary>
    internal static double BinaryCrossEntropyWithLogitsOfOne(double logit, double target, out double derivative, out bool valid)
        => LossKernel.MeanOfOne<BinaryCrossEntropyWithLogitsTerm, FiniteDomain, UnitIntervalDomain, WidePass<BinaryCrossEntropyWithLogitsTerm>>(
            default, logit, target, out derivative, out valid);

    /// <summary>BCE with logits per element with per-sample weights and a positive-class weight: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂x_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Logits x; finite.</param>
    /// <param name="targets">Targets t in [0, 1].</param>
    /// <param name="weights">w_i ≥ 0, finite, one per prediction; empty for unit weights.</param>
    /// <param name="values">Receives the weighted losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the weighted derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="positiveWeight">w₊ &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad logit, target or weight (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">positiveWeight is not finite and positive.</exception>
    public static void BinaryCrossEntropyWithLogitsElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double positiveWeight = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(positiveWeight, nameof(positiveWeight));
        if (positiveWeight == 1.0)
        {
            LossKernel.Elementwise<T, BinaryCrossEntropyWithLogitsTerm, FiniteDomain, UnitIntervalDomain, WidePass<BinaryCrossEntropyWithLogitsTerm>>(default, predictions, targets, weights, values, gradient);
        }
        else
        {
            LossKernel.Elementwise<T, WeightedBinaryCrossEntropyWithLogitsTerm, FiniteDomain, UnitIntervalDomain>(new WeightedBinaryCrossEntropyWithLogitsTerm(positiveWeight), predictions, targets, weights, values, gradient);
        }
    }
}
