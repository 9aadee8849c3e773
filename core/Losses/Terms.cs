using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Functional.Numerics;

namespace Functional.Losses;

// Each loss as value and derivative with respect to the prediction, d = prediction − target. NOTES.md derives them.

/// <summary>½d², derivative d.</summary>
internal readonly struct HalfSquaredErrorTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var d = prediction - target;
        derivative = d;
        return 0.5 * d * d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var d = prediction - target;
        derivative = d;
        return Vector256.Create(0.5) * d * d;
    }
}

/// <summary>d², derivative 2d.</summary>
internal readonly struct SquaredErrorTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var d = prediction - target;
        derivative = d + d;
        return d * d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var d = prediction - target;
        derivative = d + d;
        return d * d;
    }
}

/// <summary>|d|, derivative sign(d) with the lowest-norm subgradient 0 at d = 0.</summary>
internal readonly struct AbsoluteErrorTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var d = prediction - target;
        derivative = d > 0.0 ? 1.0 : d < 0.0 ? -1.0 : 0.0;
        return Math.Abs(d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var d = prediction - target;
        derivative = (Vector256.GreaterThan(d, Vector256<double>.Zero) & Vector256<double>.One)
            - (Vector256.LessThan(d, Vector256<double>.Zero) & Vector256<double>.One);
        return Vector256.Abs(d);
    }
}

/// <summary>Huber(δ): ½d² for |d| ≤ δ, δ(|d| − ½δ) beyond; derivative clamp(d, −δ, δ).</summary>
internal readonly struct HuberTerm(double delta) : IWideLossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var d = prediction - target;
        var a = Math.Abs(d);
        derivative = Math.Clamp(d, -delta, delta);
        return a <= delta ? 0.5 * d * d : delta * (a - (0.5 * delta));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var d = prediction - target;
        var a = Vector256.Abs(d);
        var threshold = Vector256.Create(delta);
        derivative = Vector256.Min(Vector256.Max(d, -threshold), threshold);
        return Vector256.ConditionalSelect(
            Vector256.LessThanOrEqual(a, threshold), Vector256.Create(0.5) * d * d, threshold * (a - (Vector256.Create(0.5) * threshold)));
    }

    /// <summary>No first stage: Huber's few operations wait on memory, not on a chain.</summary>
    public Vector512<double> Early(Vector512<double> prediction) => Vector512<double>.Zero;

    /// <summary>No second stage.</summary>
    public (Vector512<double> First, Vector512<double> Second) Middle(Vector512<double> early) => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Value(Vector512<double> prediction, Vector512<double> target, (Vector512<double> First, Vector512<double> Second) middle, out Vector512<double> derivative)
    {
        var d = prediction - target;
        var a = Vector512.Abs(d);
        var threshold = Vector512.Create(delta);
        derivative = Vector512.Min(Vector512.Max(d, -threshold), threshold);
        return Vector512.ConditionalSelect(
            Vector512.LessThanOrEqual(a, threshold), Vector512.Create(0.5) * d * d, threshold * (a - (Vector512.Create(0.5) * threshold)));
    }
}

/// <summary>Smooth-L1(β) = Huber(β)/β: ½d²/β for |d| &lt; β, |d| − ½β beyond; derivative clamp(d/β, −1, 1).</summary>
internal readonly struct SmoothL1Term(double beta) : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var d = prediction - target;
        var a = Math.Abs(d);
        derivative = Math.Clamp(d / beta, -1.0, 1.0);
        return a < beta ? 0.5 * d * d / beta : a - (0.5 * beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var d = prediction - target;
        var a = Vector256.Abs(d);
        var b = Vector256.Create(beta);
        var half = Vector256.Create(0.5);
        derivative = Vector256.Min(Vector256.Max(d / b, -Vector256<double>.One), Vector256<double>.One);
        return Vector256.ConditionalSelect(Vector256.LessThan(a, b), half * d * d / b, a - (half * b));
    }
}

/// <summary>
/// Binary cross-entropy on a logit x with target t ∈ [0, 1]: fma(−t, x, max(x, 0)) + log1p(e^−|x|), the linear part
/// max(x, 0) − t·x rounded once (= softplus(x) − t·x without the cancellation of a rounded max(x, 0) − t·x when t ≈ 1:
/// at t = 1 and x ≥ 0 it is exactly 0, leaving the tail log1p(e^−x));
/// derivative σ(x) − t, as (1 − t) − σ(−|x|) for x ≥ 0 and σ(−|x|) − t below, so neither tail rounds to 0.
/// </summary>
internal readonly struct BinaryCrossEntropyWithLogitsTerm : IWideLossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var e = Math.Exp(-Math.Abs(prediction));
        var (small, log1p) = SharedReciprocal.SigmoidAndLog1P(e);
        derivative = prediction >= 0.0 ? (1.0 - target) - small : small - target;
        return Math.FusedMultiplyAdd(-target, prediction, prediction >= 0.0 ? prediction : 0.0) + log1p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var e = VectorMath.Exp(-Vector256.Abs(prediction));
        var (small, log1p) = SharedReciprocal.SigmoidAndLog1P(e);
        var positive = Vector256.GreaterThanOrEqual(prediction, Vector256<double>.Zero);
        derivative = Vector256.ConditionalSelect(positive, (Vector256<double>.One - target) - small, small - target);
        return Vector256.FusedMultiplyAdd(-target, prediction, positive & prediction) + log1p;
    }

    /// <summary>e = e^−|x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Early(Vector512<double> prediction) => VectorMath.ExpOfNonPositive(-Vector512.Abs(prediction));

    /// <summary>σ(−|x|) and log1p(e) from e.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (Vector512<double> First, Vector512<double> Second) Middle(Vector512<double> early) => SharedReciprocal.SigmoidAndLog1P(early);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Value(Vector512<double> prediction, Vector512<double> target, (Vector512<double> First, Vector512<double> Second) middle, out Vector512<double> derivative)
    {
        var (small, log1p) = middle;
        var positive = Vector512.GreaterThanOrEqual(prediction, Vector512<double>.Zero);
        // The select of the two branches becomes one subtraction under the compare's mask register, and the linear part
        // one negated FMA on max(x, 0): three operations fewer than building the branches from bit masks (the same bits for
        // valid input; a NaN target's NaN value may come out with the other sign).
        derivative = Vector512.ConditionalSelect(positive, (Vector512<double>.One - target) - small, small - target);
        var positivePart = Vector512.MaxNative(prediction, Vector512<double>.Zero);
        // −(t·x) + max(x, 0) rounds as fma(−t, x, ·); the portable form keeps the vector path usable without AVX-512
        var linear = Avx512F.IsSupported
            ? Avx512F.FusedMultiplyAddNegated(target, prediction, positivePart)
            : Vector512.FusedMultiplyAdd(-target, prediction, positivePart);
        return linear + log1p;
    }
}

/// <summary>
/// The logistic loss on a margin m = y·f, y ∈ {−1, +1}: ln(1 + e^−m) = softplus(−m); derivative ∂/∂f = −y·σ(−m).
/// Equal to BCE with logits at t = (y + 1)/2.
/// </summary>
internal readonly struct LogisticTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var margin = target * prediction;
        var e = Math.Exp(-Math.Abs(margin));
        var (small, log1p) = SharedReciprocal.SigmoidAndLog1P(e);
        derivative = -target * (margin >= 0.0 ? small : 1.0 - small);
        return Math.Max(-margin, 0.0) + log1p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var margin = target * prediction;
        var e = VectorMath.Exp(-Vector256.Abs(margin));
        var (small, log1p) = SharedReciprocal.SigmoidAndLog1P(e);
        derivative = -target * Vector256.ConditionalSelect(
            Vector256.GreaterThanOrEqual(margin, Vector256<double>.Zero), small, Vector256<double>.One - small);
        return Vector256.Max(-margin, Vector256<double>.Zero) + log1p;
    }
}

/// <summary>
/// σ(−|x|) = e/(1 + e) and log1p(e) for e = e^−|x| ∈ (0, 1]. Scalar and 256-bit: one division r = 1/u, u = 1 + e, shared:
/// σ = e·r and log1p(e) = ln u + (e − (u − 1))·r (the rounding of u corrected to first order, error O(ε²)). The 512-bit
/// form has its own logarithm for e (see there).
/// </summary>
internal static class SharedReciprocal
{
    internal static (double Sigmoid, double Log1P) SigmoidAndLog1P(double e)
    {
        var u = 1.0 + e;
        var r = 1.0 / u;
        return (e * r, Math.Log(u) + ((e - (u - 1.0)) * r));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<double> Sigmoid, Vector256<double> Log1P) SigmoidAndLog1P(Vector256<double> e)
    {
        var u = Vector256<double>.One + e;
        var r = Vector256<double>.One / u;
        return (e * r, VectorMath.Log(u) + ((e - (u - Vector256<double>.One)) * r));
    }

    /// <summary>
    /// The 512-bit form: log1p(e) by <see cref="VectorMath.Log1POfUnitInterval"/> (a table and a polynomial, no division),
    /// σ = e/u with u = 1 + e rounded, corrected for that rounding: with l = e − (u − 1) the part of 1 + e that u lost,
    /// e/(u + l) = q − q·l/u to first order, and 1/u is taken as the logarithm's table entry 1/c (within 1/30 of it: the
    /// correction, itself under half an ulp, is then right to 3 %), so σ = q + q·(1/c)·((u − 1) − e), error O(ε²).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector512<double> Sigmoid, Vector512<double> Log1P) SigmoidAndLog1P(Vector512<double> e)
    {
        var one = Vector512<double>.One;
        var u = one + e;
        var q = e / u;
        var log1p = VectorMath.Log1POfUnitInterval(e, out var inverseCentre);
        var sigmoid = Vector512.FusedMultiplyAdd(q * inverseCentre, (u - one) - e, q);
        return (sigmoid, log1p);
    }
}

/// <summary>
/// Binary cross-entropy on a probability p ∈ [0, 1] with target t ∈ [0, 1]: −[t ln p + (1 − t) ln(1 − p)], ln(1 − p) as
/// log1p(−p) (exact for small p; 1 − p is exact for p ≥ ½), a zero-weight term dropped (0·ln 0 = 0); derivative
/// (1 − t)/(1 − p) − t/p with the same convention. +∞ (not PyTorch's clamp at 100) where p ∈ {0, 1} contradicts t.
/// </summary>
internal readonly struct BinaryCrossEntropyTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var positive = target == 0.0 ? 0.0 : target * Math.Log(prediction);
        var negative = target == 1.0 ? 0.0 : (1.0 - target) * StableMath.Log1P(-prediction);
        derivative = (target == 1.0 ? 0.0 : (1.0 - target) / (1.0 - prediction)) - (target == 0.0 ? 0.0 : target / prediction);
        return -(positive + negative);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var one = Vector256<double>.One;
        var hasPositive = ~Vector256.Equals(target, Vector256<double>.Zero);
        var hasNegative = ~Vector256.Equals(target, one);
        var complement = one - target;
        var positive = hasPositive & (target * VectorMath.Log(prediction));
        var negative = hasNegative & (complement * VectorMath.Log1P(-prediction));
        derivative = (hasNegative & (complement / (one - prediction))) - (hasPositive & (target / prediction));
        return -(positive + negative);
    }
}

/// <summary>
/// BCE with logits and a positive-class weight w (PyTorch's <c>pos_weight</c>): w·t·softplus(−x) + (1 − t)·softplus(x);
/// derivative (1 − t)·σ(x) − w·t·σ(−x). Both softplus share log1p(e^−|x|) and both sigmoids σ(−|x|), as the w = 1 term.
/// </summary>
internal readonly struct WeightedBinaryCrossEntropyWithLogitsTerm(double positiveWeight) : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var e = Math.Exp(-Math.Abs(prediction));
        var (small, log1p) = SharedReciprocal.SigmoidAndLog1P(e);
        var positive = positiveWeight * target;
        var negative = 1.0 - target;
        if (prediction >= 0.0)
        {
            derivative = (negative * (1.0 - small)) - (positive * small);
            return (positive * log1p) + (negative == 0.0 ? 0.0 : negative * (prediction + log1p));
        }

        derivative = (negative * small) - (positive * (1.0 - small));
        return (positive == 0.0 ? 0.0 : positive * (log1p - prediction)) + (negative * log1p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var one = Vector256<double>.One;
        var e = VectorMath.Exp(-Vector256.Abs(prediction));
        var (small, log1p) = SharedReciprocal.SigmoidAndLog1P(e);
        var positive = Vector256.Create(positiveWeight) * target;
        var negative = one - target;
        var isPositive = Vector256.GreaterThanOrEqual(prediction, Vector256<double>.Zero);
        var sigmaX = Vector256.ConditionalSelect(isPositive, one - small, small);
        var sigmaMinusX = Vector256.ConditionalSelect(isPositive, small, one - small);
        derivative = (negative * sigmaX) - (positive * sigmaMinusX);
        // softplus(x) = max(x, 0) + log1p(e^−|x|), softplus(−x) = max(−x, 0) + log1p(e^−|x|); a zero coefficient drops its term.
        var softplusX = Vector256.Max(prediction, Vector256<double>.Zero) + log1p;
        var softplusMinusX = Vector256.Max(-prediction, Vector256<double>.Zero) + log1p;
        return (~Vector256.Equals(positive, Vector256<double>.Zero) & (positive * softplusMinusX))
               + (~Vector256.Equals(negative, Vector256<double>.Zero) & (negative * softplusX));
    }
}
