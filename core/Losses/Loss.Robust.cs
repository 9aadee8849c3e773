using Functional.Numerics;

namespace Functional.Losses;

/// <content>Margin surrogates of the 0-1 error and the robust (redescending) regression losses.</content>
public static partial class Loss
{
    /// <summary>The hinge loss max(0, 1 − y·f) (SVM), labels y ∈ {−1, +1}; derivative −y for y·f &lt; 1 and 0 from the margin on (0 at the kink y·f = 1, the lowest-norm subgradient; libraries differ here).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. An upper bound of the 0-1 error; convex.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T Hinge<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, HingeTerm, SignDomain>(new HingeTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>Hinge per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void HingeElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, HingeTerm, SignDomain>(new HingeTerm(), predictions, targets, values, gradient);
    }

    /// <summary>The squared hinge max(0, 1 − y·f)²; derivative −2y·max(0, 1 − y·f).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. Convex and differentiable; an upper bound of the 0-1 error.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T SquaredHinge<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, SquaredHingeTerm, SignDomain>(new SquaredHingeTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>SquaredHinge per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void SquaredHingeElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, SquaredHingeTerm, SignDomain>(new SquaredHingeTerm(), predictions, targets, values, gradient);
    }

    /// <summary>scikit-learn's modified Huber: max(0, 1 − m)² for m = y·f ≥ −1, −4m below; derivative −2y·max(0, 1 − m), or −4y.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. Convex, continuous derivative; an upper bound of the 0-1 error.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T ModifiedHuber<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, ModifiedHuberTerm, SignDomain>(new ModifiedHuberTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>ModifiedHuber per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void ModifiedHuberElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, ModifiedHuberTerm, SignDomain>(new ModifiedHuberTerm(), predictions, targets, values, gradient);
    }

    /// <summary>The exponential loss e^(−y·f) (AdaBoost); derivative −y·e^(−y·f).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. +∞ where e^(−y·f) overflows (y·f &lt; −709.78); an upper bound of the 0-1 error.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T Exponential<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, ExponentialTerm, SignDomain>(new ExponentialTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>Exponential per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void ExponentialElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, ExponentialTerm, SignDomain>(new ExponentialTerm(), predictions, targets, values, gradient);
    }

    /// <summary>The sigmoid surrogate σ(−y·f) = 1/(1 + e^(y·f)): bounded and non-convex; derivative −y·σ(y·f)·σ(−y·f). It passes through (0, ½): 2σ(−m) upper-bounds the 0-1 error.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. In [0, 1]; finite for every finite score.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T SigmoidSurrogate<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, SigmoidSurrogateTerm, SignDomain>(new SigmoidSurrogateTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>SigmoidSurrogate per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void SigmoidSurrogateElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, SigmoidSurrogateTerm, SignDomain>(new SigmoidSurrogateTerm(), predictions, targets, values, gradient);
    }

    /// <summary>The 0-1 error [y·f ≤ 0] (a tie counts as an error) as a metric: Mean gives the error rate; the derivative is 0 everywhere (it carries no signal, which is why the surrogates exist).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss. The count (Sum) or rate (Mean) of misclassified samples.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T ZeroOneError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        return LossKernel.Reduce<T, ZeroOneTerm, SignDomain>(new ZeroOneTerm(), predictions, targets, gradient, reduction);
    }

    /// <summary>ZeroOneError per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Labels y, each −1 or +1.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    public static void ZeroOneErrorElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        LossKernel.Elementwise<T, ZeroOneTerm, SignDomain>(new ZeroOneTerm(), predictions, targets, values, gradient);
    }

    /// <summary>The Cauchy/Lorentzian loss ln(1 + ½(d/c)²), d = ŷ − y, in Barron's normalisation (his α = 0); derivative 2d/(2c² + d²).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="scale">c &gt; 0, finite: the residual scale.</param>
    /// <returns>The summed or mean loss. Finite for residuals up to ±1e308 (ln is taken of r² only through 2 ln|r|).</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">scale is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T Cauchy<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, CauchyTerm, FiniteDomain>(new CauchyTerm(scale), predictions, targets, gradient, reduction);
    }

    /// <summary>Cauchy per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="scale">c &gt; 0, finite: the residual scale.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">scale is not finite and positive.</exception>
    public static void CauchyElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, CauchyTerm, FiniteDomain>(new CauchyTerm(scale), predictions, targets, values, gradient);
    }

    /// <summary>The Welsch/Leclerc loss 1 − e^(−½(d/c)²) (Barron's α → −∞), bounded by 1; derivative (d/c²)·e^(−½(d/c)²). It models uniform outlier noise; its gradient vanishes far out, so it needs a good start.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="scale">c &gt; 0, finite: the residual scale.</param>
    /// <returns>The summed or mean loss. In [0, 1]; accurate near d = 0 (as −expm1).</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">scale is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T Welsch<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, WelschTerm, FiniteDomain>(new WelschTerm(scale), predictions, targets, gradient, reduction);
    }

    /// <summary>Welsch per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="scale">c &gt; 0, finite: the residual scale.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">scale is not finite and positive.</exception>
    public static void WelschElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, WelschTerm, FiniteDomain>(new WelschTerm(scale), predictions, targets, values, gradient);
    }

    /// <summary>The Geman–McClure loss 2(d/c)²/((d/c)² + 4) (Barron's α = −2), bounded by 2; derivative 16d/(c²((d/c)² + 4)²).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="scale">c &gt; 0, finite: the residual scale.</param>
    /// <returns>The summed or mean loss. In [0, 2]; finite for residuals up to ±1e308.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">scale is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T GemanMcClure<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, GemanMcClureTerm, FiniteDomain>(new GemanMcClureTerm(scale), predictions, targets, gradient, reduction);
    }

    /// <summary>GemanMcClure per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="scale">c &gt; 0, finite: the residual scale.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">scale is not finite and positive.</exception>
    public static void GemanMcClureElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, GemanMcClureTerm, FiniteDomain>(new GemanMcClureTerm(scale), predictions, targets, values, gradient);
    }

    /// <summary>The Charbonnier / pseudo-Huber loss √((d/c)² + 1) − 1 (Barron's α = 1); derivative d/(c²√((d/c)² + 1)). Quadratic near 0, linear far out, smooth everywhere.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ (scores f for the margin losses); finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="scale">c &gt; 0, finite: the residual scale.</param>
    /// <returns>The summed or mean loss. Finite for residuals up to ±1e308; accurate near d = 0.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a prediction is NaN/∞ or a target is outside its domain (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">scale is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T Charbonnier<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, CharbonnierTerm, FiniteDomain>(new CharbonnierTerm(scale), predictions, targets, gradient, reduction);
    }

    /// <summary>Charbonnier per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i (reduction None).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="scale">c &gt; 0, finite: the residual scale.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad prediction or target (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">scale is not finite and positive.</exception>
    public static void CharbonnierElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, CharbonnierTerm, FiniteDomain>(new CharbonnierTerm(scale), predictions, targets, values, gradient);
    }

    /// <summary>The log-cosh loss ln cosh(ŷ − y): ≈ ½d² near 0, ≈ |d| − ln 2 far out (a smooth Huber); derivative tanh(ŷ − y).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss; accurate near d = 0 (series) and finite for residuals up to ±1e308.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a NaN/∞ value (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T LogCosh<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
        => LossKernel.Reduce<T, LogCoshTerm, FiniteDomain>(default, predictions, targets, gradient, reduction);

    /// <summary>LogCosh per element: values[i] = ln cosh(ŷ_i − y_i), gradient[i] = tanh(ŷ_i − y_i).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">Targets y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a NaN/∞ value (named with index and value).</exception>
    public static void LogCoshElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
        => LossKernel.Elementwise<T, LogCoshTerm, FiniteDomain>(default, predictions, targets, values, gradient);
}
