using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Losses;

/// <summary>
/// The one driver every element-wise loss runs on: a single SIMD pass that validates predictions (finite) and targets (the
/// loss's domain), writes the derivative, and sums the values compensated. Float is computed in double.
/// </summary>
internal static class LossKernel
{
    /// <summary>Σ or mean of ℓ over the elements; gradient (if not empty) receives ∂(reduced loss)/∂prediction_i.</summary>
    internal static T Reduce<T, TLoss, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TTargets : IDomain
    {
        Guard.SameLength(predictions.Length, targets.Length, nameof(predictions), nameof(targets));
        if (!gradient.IsEmpty)
        {
            Guard.Destination(predictions.Length, gradient.Length, nameof(gradient));
        }

        if (reduction is not (Reduction.Sum or Reduction.Mean))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction,
                $"reduction = {reduction}: an element-wise loss reduces by Sum or Mean; for one value per element use the Elementwise form.");
        }

        Guard.NotEmpty(predictions.Length, nameof(predictions), "a loss needs at least one prediction");
        var scale = reduction == Reduction.Mean ? 1.0 / predictions.Length : 1.0;
        // The mean is summed as Σ (ℓ_i / n), not (Σ ℓ_i) / n, so finite losses whose sum would overflow keep a finite mean.
        if (predictions.Length < Split.Threshold)
        {
            return T.CreateTruncating(Run<T, TLoss, TTargets>(loss, predictions, targets, Span<T>.Empty, gradient, scale));
        }

        var result = SplitRun<T, TLoss, TTargets>(loss, predictions, targets, gradient, scale);
        if (!result.Valid)
        {
            ThrowFirstInvalid<T, TTargets>(predictions, targets);
        }

        return T.CreateTruncating(result.Total);
    }

    private static unsafe Partial SplitRun<T, TLoss, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, double scale)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TTargets : IDomain
    {
        fixed (byte* p = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(predictions)))
        fixed (byte* t = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(targets)))
        fixed (byte* g = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(gradient)))
        {
            var job = new LossJob<T, TLoss, TTargets>(loss, p, t, gradient.IsEmpty ? null : g, scale);
            Split.Run(job, predictions.Length, out var first, out Partial second);
            return first.Join(second);
        }
    }

    /// <summary>Half of a split loss reduction over pinned predictions, targets and (optionally) gradient.</summary>
    private readonly unsafe struct LossJob<T, TLoss, TTargets>(TLoss loss, void* predictions, void* targets, void* gradient, double scale)
        : ISplitJob<Partial>
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TTargets : IDomain
    {
        private readonly TLoss _loss = loss;

        public Partial Run(int start, int length)
            => Accumulate<T, TLoss, TTargets>(
                _loss,
                Split.Span<T>(predictions, start, length),
                Split.Span<T>(targets, start, length),
                Span<T>.Empty,
                gradient == null ? Span<T>.Empty : Split.WritableSpan<T>(gradient, start, length),
                scale);
    }

    /// <summary>values[i] = ℓ(prediction_i, target_i) and gradient[i] = ∂ℓ/∂prediction_i (either may be empty to skip it).</summary>
    internal static void Elementwise<T, TLoss, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TTargets : IDomain
    {
        Guard.SameLength(predictions.Length, targets.Length, nameof(predictions), nameof(targets));
        if (!values.IsEmpty)
        {
            Guard.Destination(predictions.Length, values.Length, nameof(values));
        }

        if (!gradient.IsEmpty)
        {
            Guard.Destination(predictions.Length, gradient.Length, nameof(gradient));
        }

        _ = Run<T, TLoss, TTargets>(loss, predictions, targets, values, gradient, 1.0);
    }

    private static double Run<T, TLoss, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double scaleFactor)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TTargets : IDomain
    {
        var result = Accumulate<T, TLoss, TTargets>(loss, predictions, targets, values, gradient, scaleFactor);
        if (!result.Valid)
        {
            ThrowFirstInvalid<T, TTargets>(predictions, targets);
        }

        return result.Total;
    }

    private static void ThrowFirstInvalid<T, TTargets>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
        where T : IFloatingPointIeee754<T>
        where TTargets : IDomain
    {
        Kernel.ThrowFirstInvalid<T, FiniteDomain>(predictions, new Operand(nameof(predictions)));
        Kernel.ThrowFirstInvalid<T, TTargets>(targets, new Operand(nameof(targets)));
    }

    /// <summary>One pass: Σ scale·ℓ_i (compensated), values[i] = ℓ_i, gradient[i] = scale·∂ℓ_i/∂ŷ_i; invalid input reported, not thrown.</summary>
    private static Partial Accumulate<T, TLoss, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient, double scaleFactor)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TTargets : IDomain
    {
        var total = new VectorNeumaier();
        var validP = Vector256<double>.AllBitsSet;
        var validT = Vector256<double>.AllBitsSet;
        var scale = Vector256.Create(scaleFactor);
        var writeValues = !values.IsEmpty;
        var writeGradient = !gradient.IsEmpty;
        var i = 0;
        for (; i <= predictions.Length - Kernel.Lanes; i += Kernel.Lanes)
        {
            Kernel.Load(predictions, i, out var p0, out var p1);
            Kernel.Load(targets, i, out var t0, out var t1);
            validP &= FiniteDomain.ValidLanes(p0) & FiniteDomain.ValidLanes(p1);
            validT &= TTargets.ValidLanes(t0) & TTargets.ValidLanes(t1);
            var v0 = loss.Value(p0, t0, out var d0);
            var v1 = loss.Value(p1, t1, out var d1);
            total.Add(v0 * scale);
            total.Add(v1 * scale);
            if (writeValues)
            {
                Kernel.Store(values, i, v0, v1);
            }

            if (writeGradient)
            {
                Kernel.Store(gradient, i, d0 * scale, d1 * scale);
            }
        }

        var tail = new ScalarNeumaier();
        var tailValid = true;
        for (; i < predictions.Length; i++)
        {
            var p = double.CreateTruncating(predictions[i]);
            var t = double.CreateTruncating(targets[i]);
            tailValid &= FiniteDomain.IsValid(p) && TTargets.IsValid(t);
            var v = loss.Value(p, t, out var d);
            tail.Add(v * scaleFactor);
            if (writeValues)
            {
                values[i] = T.CreateTruncating(v);
            }

            if (writeGradient)
            {
                gradient[i] = T.CreateTruncating(d * scaleFactor);
            }
        }

        var valid = tailValid && Vector256.EqualsAll((validP & validT).AsUInt64(), Vector256<ulong>.AllBitsSet);
        return new Partial(total.Result(tail), 0.0, 0.0, valid);
    }
}
