using Functional.Numerics;

namespace Functional.Losses;

/// <content>Barron's general adaptive robust loss, and binary cross-entropy on probabilities and with a positive-class weight.</content>
public static partial class Loss
{
    /// <summary>
    /// Barron's (2019) general robust loss ρ(d, α, c) = |α − 2|/α·(((d/c)²/|α − 2| + 1)^(α/2) − 1), d = ŷ − y, with its limits
    /// ½(d/c)² (α = 2), ln(½(d/c)² + 1) (α = 0, <c>Cauchy</c>), 1 − e^(−½(d/c)²) (α = −∞, <c>Welsch</c>) and
    /// e^(½(d/c)²) − 1 (α = +∞); α = 1 is <c>Charbonnier</c> and α = −2 <c>GemanMcClure</c>.
    /// Derivative ∂ρ/∂ŷ = (d/c²)·((d/c)²/|α − 2| + 1)^(α/2 − 1).
    /// </summary>
    /// <typeparam name="T">float or double (computed in double).</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i (divided by n for Mean); empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="alpha">α, the shape: any real or ±∞ (not NaN). Smaller α is more robust: α ≤ 0 redescends.</param>
    /// <param name="scale">c &gt; 0, finite: the width of the quadratic bowl near d = 0.</param>
    /// <returns>The summed or mean loss. Evaluated without cancellation near α = 0 and α = 2 and for tiny and huge d (relative
    /// error ≲ 1e-13, ≲ 5e-13 where (d/c)² overflows); +∞ only where ρ itself exceeds the double range (α &gt; 0, huge d).</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a NaN/∞ value (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">alpha is NaN; scale is not finite and positive; reduction is not Sum or Mean.</exception>
    public static T Barron<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean, double alpha = 1.0, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckAlpha(alpha);
        CheckParameter(scale, nameof(scale));
        return LossKernel.Reduce<T, BarronTerm, FiniteDomain>(new BarronTerm(alpha, scale), predictions, targets, gradient, reduction);
    }

    /// <summary>Barron per element: values[i] = ρ(ŷ_i − y_i, α, c), gradient[i] = ∂ρ/∂ŷ_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">y; finite.</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="alpha">α: any real or ±∞ (not NaN).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a NaN/∞ value (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">alpha is NaN, or scale is not finite and positive.</exception>
    public static void BarronElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double alpha = 1.0, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckAlpha(alpha);
        CheckParameter(scale, nameof(scale));
        LossKernel.Elementwise<T, BarronTerm, FiniteDomain>(new BarronTerm(alpha, scale), predictions, targets, values, gradient);
    }

    /// <summary>
    /// Barron per element with all three partial derivatives: values[i] = ρ_i, gradient[i] = ∂ρ_i/∂ŷ_i,
    /// alphaGradient[i] = ∂ρ_i/∂α and scaleGradient[i] = ∂ρ_i/∂c (for fitting α and c, as Barron's adaptive loss does).
    /// ∂ρ/∂α ≥ 0 (ρ grows with α); at α = 2 exactly it is +∞ for d ≠ 0 (ρ − ½(d/c)² ~ ½(d/c)²·(α − 2)·ln|α − 2|/2) and 0 at d = 0;
    /// in the limits α = ±∞ it is 0. ∂ρ/∂c = −(d/c)·∂ρ/∂ŷ.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">y; finite.</param>
    /// <param name="values">Receives ρ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives ∂ρ_i/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="alphaGradient">Receives ∂ρ_i/∂α; empty to skip; else at least predictions.Length.</param>
    /// <param name="scaleGradient">Receives ∂ρ_i/∂c; empty to skip; else at least predictions.Length.</param>
    /// <param name="alpha">α: any real or ±∞ (not NaN).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a NaN/∞ value (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">alpha is NaN, or scale is not finite and positive.</exception>
    public static void BarronElementwise<T>(
        ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, Span<T> alphaGradient, Span<T> scaleGradient,
        double alpha = 1.0, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckAlpha(alpha);
        CheckParameter(scale, nameof(scale));
        Guard.SameLength(predictions.Length, targets.Length, nameof(predictions), nameof(targets));
        var n = predictions.Length;
        CheckOptionalDestination(n, values, nameof(values));
        CheckOptionalDestination(n, gradient, nameof(gradient));
        CheckOptionalDestination(n, alphaGradient, nameof(alphaGradient));
        CheckOptionalDestination(n, scaleGradient, nameof(scaleGradient));
        CheckFinite(predictions, targets);
        for (var i = 0; i < n; i++)
        {
            var point = Losses.Barron.Evaluate(double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]), alpha, scale);
            Write(values, i, point.Value);
            Write(gradient, i, point.DerivativeX);
            Write(alphaGradient, i, point.DerivativeAlpha);
            Write(scaleGradient, i, point.DerivativeScale);
        }
    }

    /// <summary>
    /// Barron reduced, with the derivatives with respect to its two parameters: returns Σρ_i (or the mean), writes
    /// ∂(reduced)/∂ŷ_i to <paramref name="gradient"/>, and returns ∂(reduced)/∂α and ∂(reduced)/∂c (sums, compensated; divided
    /// by n for Mean). See <see cref="BarronElementwise{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, Span{T}, Span{T}, double, double)"/>
    /// for the conventions at α = 2 and α = ±∞.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">ŷ; finite.</param>
    /// <param name="targets">y; finite.</param>
    /// <param name="gradient">Receives ∂(reduced)/∂ŷ_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="alphaDerivative">∂(reduced loss)/∂α.</param>
    /// <param name="scaleDerivative">∂(reduced loss)/∂c.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <param name="alpha">α: any real or ±∞ (not NaN).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <returns>The summed or mean loss.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a NaN/∞ value (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">alpha is NaN; scale is not finite and positive; reduction is not Sum or Mean.</exception>
    public static T BarronWithParameterGradients<T>(
        ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, out T alphaDerivative, out T scaleDerivative,
        Reduction reduction = Reduction.Mean, double alpha = 1.0, double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        CheckAlpha(alpha);
        CheckParameter(scale, nameof(scale));
        Guard.SameLength(predictions.Length, targets.Length, nameof(predictions), nameof(targets));
        CheckOptionalDestination(predictions.Length, gradient, nameof(gradient));
        if (reduction is not (Reduction.Sum or Reduction.Mean))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"reduction = {reduction}: an element-wise loss reduces by Sum or Mean; for one value per element use the Elementwise form.");
        }

        Guard.NotEmpty(predictions.Length, nameof(predictions), "a loss needs at least one prediction");
        CheckFinite(predictions, targets);
        var factor = reduction == Reduction.Mean ? 1.0 / predictions.Length : 1.0;
        var (value, dAlpha, dScale) = (new ScalarNeumaier(), new ScalarNeumaier(), new ScalarNeumaier());
        for (var i = 0; i < predictions.Length; i++)
        {
            var point = Losses.Barron.Evaluate(double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]), alpha, scale);
            value.Add(factor * point.Value);
            dAlpha.Add(factor * point.DerivativeAlpha);
            dScale.Add(factor * point.DerivativeScale);
            Write(gradient, i, factor * point.DerivativeX);
        }

        alphaDerivative = T.CreateTruncating(dAlpha.Result);
        scaleDerivative = T.CreateTruncating(dScale.Result);
        return T.CreateTruncating(value.Result);
    }

    /// <summary>Barron's ρ(x, α, c) at one residual x with ∂ρ/∂x, ∂ρ/∂α and ∂ρ/∂c (for plots and scalar code).</summary>
    /// <param name="residual">x = ŷ − y; finite.</param>
    /// <param name="alpha">α: any real or ±∞ (not NaN).</param>
    /// <param name="scale">c &gt; 0, finite.</param>
    /// <returns>The value and the three partial derivatives.</returns>
    /// <exception cref="ArgumentOutOfRangeException">residual is not finite; alpha is NaN; scale is not finite and positive.</exception>
    public static BarronPoint BarronAt(double residual, double alpha, double scale = 1.0)
    {
        if (!double.IsFinite(residual))
        {
            throw new ArgumentOutOfRangeException(nameof(residual), residual, $"residual = {Format.Number(residual)}; it must be finite.");
        }

        CheckAlpha(alpha);
        CheckParameter(scale, nameof(scale));
        return Losses.Barron.Evaluate(residual, alpha, scale);
    }

    /// <summary>
    /// Binary cross-entropy on probabilities p ∈ [0, 1] with targets t ∈ [0, 1]: −[t ln p + (1 − t) ln(1 − p)] (0·ln 0 = 0);
    /// derivative (1 − t)/(1 − p) − t/p. ln(1 − p) is log1p(−p), exact near p = 0, and 1 − p is exact near 1. Where p ∈ {0, 1}
    /// contradicts the target the loss is +∞ and the derivative ±∞ (PyTorch's <c>binary_cross_entropy</c> clamps each log at
    /// −100 instead); from logits, <see cref="BinaryCrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction)"/> never needs that.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Probabilities p in [0, 1].</param>
    /// <param name="targets">Targets t in [0, 1] (soft labels allowed).</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂p_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default).</param>
    /// <returns>The summed or mean loss; +∞ where some p_i ∈ {0, 1} contradicts its target.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a probability or target outside [0, 1] or NaN (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T BinaryCrossEntropy<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
        => LossKernel.Reduce<T, BinaryCrossEntropyTerm, UnitIntervalDomain, UnitIntervalDomain>(default, predictions, targets, ReadOnlySpan<T>.Empty, gradient, reduction);

    /// <summary>BinaryCrossEntropy per element: values[i] = ℓ(p_i, t_i), gradient[i] = ∂ℓ/∂p_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Probabilities p in [0, 1].</param>
    /// <param name="targets">Targets t in [0, 1].</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a probability or target outside [0, 1] or NaN (named with index and value).</exception>
    public static void BinaryCrossEntropyElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
        => LossKernel.Elementwise<T, BinaryCrossEntropyTerm, UnitIntervalDomain, UnitIntervalDomain>(default, predictions, targets, ReadOnlySpan<T>.Empty, values, gradient);

    /// <summary>
    /// BCE with logits and a positive-class weight w (PyTorch's <c>pos_weight</c>, here one scalar for every element):
    /// ℓ = w·t·softplus(−x) + (1 − t)·softplus(x) = −[w·t ln σ(x) + (1 − t) ln σ(−x)]; derivative (1 − t)·σ(x) − w·t·σ(−x).
    /// w &gt; 1 raises recall (positives count w times). w = 1 is exactly <see cref="BinaryCrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction)"/>.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Logits x; finite (up to ±1e308).</param>
    /// <param name="targets">Targets t in [0, 1].</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂x_i; empty to skip; else at least predictions.Length.</param>
    /// <param name="reduction">Sum or Mean (default; divides by n, as PyTorch).</param>
    /// <param name="positiveWeight">w &gt; 0, finite.</param>
    /// <returns>The summed or mean loss; finite for every finite logit.</returns>
    /// <exception cref="ArgumentException">Lengths differ; gradient too short; no predictions; a NaN/∞ logit or a target outside [0, 1] (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">positiveWeight is not finite and positive, or reduction is not Sum or Mean.</exception>
    public static T BinaryCrossEntropyWithLogits<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction, double positiveWeight)
        where T : IFloatingPointIeee754<T>
        => BinaryCrossEntropyWithLogits(predictions, targets, ReadOnlySpan<T>.Empty, gradient, reduction, positiveWeight);

    /// <summary>BCE with logits and a positive-class weight, per element: values[i] = ℓ_i, gradient[i] = ∂ℓ_i/∂x_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Logits x; finite.</param>
    /// <param name="targets">Targets t in [0, 1].</param>
    /// <param name="values">Receives the losses; empty to skip; else at least predictions.Length.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip; else at least predictions.Length.</param>
    /// <param name="positiveWeight">w &gt; 0, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ; a destination too short; a bad logit or target (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">positiveWeight is not finite and positive.</exception>
    public static void BinaryCrossEntropyWithLogitsElementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double positiveWeight)
        where T : IFloatingPointIeee754<T>
        => BinaryCrossEntropyWithLogitsElementwise(predictions, targets, ReadOnlySpan<T>.Empty, values, gradient, positiveWeight);

    private static void CheckAlpha(double alpha)
    {
        if (double.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha = NaN; Barron's shape α may be any real number or ±∞, but not NaN.");
        }
    }

    private static void CheckOptionalDestination<T>(int length, Span<T> destination, string name)
    {
        if (!destination.IsEmpty)
        {
            Guard.Destination(length, destination.Length, name);
        }
    }

    private static void CheckFinite<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
        where T : IFloatingPointIeee754<T>
    {
        Kernel.ThrowFirstInvalid<T, FiniteDomain>(predictions, new Operand(nameof(predictions)));
        Kernel.ThrowFirstInvalid<T, FiniteDomain>(targets, new Operand(nameof(targets)));
    }

    private static void Write<T>(Span<T> destination, int i, double value)
        where T : IFloatingPointIeee754<T>
    {
        if (!destination.IsEmpty)
        {
            destination[i] = T.CreateTruncating(value);
        }
    }
}
