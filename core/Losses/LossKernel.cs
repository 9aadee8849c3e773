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
        => Reduce<T, TLoss, FiniteDomain, TTargets>(loss, predictions, targets, ReadOnlySpan<T>.Empty, gradient, reduction);

    /// <summary>
    /// Σ w_i·ℓ_i, or that sum divided by n (Mean: PyTorch's convention for per-element weights — not by Σ w); an empty
    /// <paramref name="weights"/> means every w_i = 1. A zero weight removes its element (even where ℓ_i = ∞).
    /// </summary>
    internal static T Reduce<T, TLoss, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
        => Reduce<T, TLoss, TPredictions, TTargets, NarrowPass<TLoss>>(loss, predictions, targets, weights, gradient, reduction);

    /// <summary>As the other overloads, with the vector pass chosen by <typeparamref name="TPass"/>.</summary>
    internal static T Reduce<T, TLoss, TPredictions, TTargets, TPass>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
        where TPass : ILossPass<TLoss>
    {
        Guard.SameLength(predictions.Length, targets.Length, nameof(predictions), nameof(targets));
        if (!weights.IsEmpty)
        {
            Guard.SameLength(predictions.Length, weights.Length, nameof(predictions), nameof(weights));
        }

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
            return T.CreateTruncating(Run<T, TLoss, TPredictions, TTargets, TPass>(loss, predictions, targets, weights, Span<T>.Empty, gradient, scale));
        }

        var result = SplitRun<T, TLoss, TPredictions, TTargets, TPass>(loss, predictions, targets, weights, gradient, scale);
        if (!result.Valid)
        {
            ThrowFirstInvalid<T, TPredictions, TTargets>(predictions, targets, weights);
        }

        return T.CreateTruncating(result.Total);
    }

    /// <summary>
    /// The Mean reduction of one element of double and its derivative: the bits <see cref="Reduce{T, TLoss, TPredictions, TTargets, TPass}"/>
    /// returns and writes for n = 1 (the same pass over a one-element stretch, scale 1/n = 1), without its argument checks
    /// and spans, for a caller that checked the shapes once (the training fold's one-row step). Invalid input is reported
    /// in <paramref name="valid"/>, not thrown: the caller reruns the element through <c>Reduce</c> to raise its error.
    /// </summary>
    internal static double MeanOfOne<TLoss, TPredictions, TTargets, TPass>(
        in TLoss loss, double prediction, double target, out double derivative, out bool valid)
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
        where TPass : ILossPass<TLoss>
    {
        derivative = 0.0;
        var result = TPass.Accumulate<double, TPredictions, TTargets>(
            loss, new ReadOnlySpan<double>(in prediction), new ReadOnlySpan<double>(in target), ReadOnlySpan<double>.Empty, Span<double>.Empty,
            new Span<double>(ref derivative), 1.0, streamGradient: false);
        valid = result.Valid;
        return result.Total;
    }

    /// <summary>A long reduction on both threads, in chunks both claim (<see cref="Split.RunChunks"/>), joined in chunk order.</summary>
    private static unsafe Partial SplitRun<T, TLoss, TPredictions, TTargets, TPass>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, double scale)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
        where TPass : ILossPass<TLoss>
    {
        var n = predictions.Length;
        var chunkLength = Split.ChunkLength(n);
        Span<Partial> parts = stackalloc Partial[Split.ChunkCount(n, chunkLength)];
        fixed (byte* p = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(predictions)))
        fixed (byte* t = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(targets)))
        fixed (byte* w = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(weights)))
        fixed (byte* g = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(gradient)))
        {
            var job = new LossJob<T, TLoss, TPredictions, TTargets, TPass>(
                loss, p, t, weights.IsEmpty ? null : w, gradient.IsEmpty ? null : g, scale, n >= WideLossKernel.NonTemporalThreshold);
            Split.RunChunks(job, n, chunkLength, parts);
        }

        return Partial.JoinInOrder(parts);
    }

    /// <summary>A chunk of a split loss reduction over pinned predictions, targets, (optionally) weights and (optionally) gradient.</summary>
    private readonly unsafe struct LossJob<T, TLoss, TPredictions, TTargets, TPass>(
        TLoss loss, void* predictions, void* targets, void* weights, void* gradient, double scale, bool streamGradient)
        : ISplitJob<Partial>
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
        where TPass : ILossPass<TLoss>
    {
        private readonly TLoss _loss = loss;

        public Partial Run(int start, int length)
            => TPass.Accumulate<T, TPredictions, TTargets>(
                _loss,
                Split.Span<T>(predictions, start, length),
                Split.Span<T>(targets, start, length),
                weights == null ? ReadOnlySpan<T>.Empty : Split.Span<T>(weights, start, length),
                Span<T>.Empty,
                gradient == null ? Span<T>.Empty : Split.WritableSpan<T>(gradient, start, length),
                scale,
                streamGradient);
    }

    /// <summary>values[i] = ℓ(prediction_i, target_i) and gradient[i] = ∂ℓ/∂prediction_i (either may be empty to skip it).</summary>
    internal static void Elementwise<T, TLoss, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TTargets : IDomain
        => Elementwise<T, TLoss, FiniteDomain, TTargets>(loss, predictions, targets, ReadOnlySpan<T>.Empty, values, gradient);

    /// <summary>values[i] = w_i·ℓ_i and gradient[i] = w_i·∂ℓ_i/∂prediction_i (an empty <paramref name="weights"/> means w_i = 1).</summary>
    internal static void Elementwise<T, TLoss, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
        => Elementwise<T, TLoss, TPredictions, TTargets, NarrowPass<TLoss>>(loss, predictions, targets, weights, values, gradient);

    /// <summary>As the other overloads, with the vector pass chosen by <typeparamref name="TPass"/>.</summary>
    internal static void Elementwise<T, TLoss, TPredictions, TTargets, TPass>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
        where TPass : ILossPass<TLoss>
    {
        Guard.SameLength(predictions.Length, targets.Length, nameof(predictions), nameof(targets));
        if (!weights.IsEmpty)
        {
            Guard.SameLength(predictions.Length, weights.Length, nameof(predictions), nameof(weights));
        }

        if (!values.IsEmpty)
        {
            Guard.Destination(predictions.Length, values.Length, nameof(values));
        }

        if (!gradient.IsEmpty)
        {
            Guard.Destination(predictions.Length, gradient.Length, nameof(gradient));
        }

        _ = Run<T, TLoss, TPredictions, TTargets, TPass>(loss, predictions, targets, weights, values, gradient, 1.0);
    }

    private static double Run<T, TLoss, TPredictions, TTargets, TPass>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scaleFactor)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
        where TPass : ILossPass<TLoss>
    {
        var result = TPass.Accumulate<T, TPredictions, TTargets>(
            loss, predictions, targets, weights, values, gradient, scaleFactor, predictions.Length >= WideLossKernel.NonTemporalThreshold);
        if (!result.Valid)
        {
            ThrowFirstInvalid<T, TPredictions, TTargets>(predictions, targets, weights);
        }

        return result.Total;
    }

    internal static void ThrowFirstInvalid<T, TPredictions, TTargets>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights)
        where T : IFloatingPointIeee754<T>
        where TPredictions : IDomain
        where TTargets : IDomain
    {
        Kernel.ThrowFirstInvalid<T, TPredictions>(predictions, new Operand(nameof(predictions)));
        Kernel.ThrowFirstInvalid<T, TTargets>(targets, new Operand(nameof(targets)));
        Kernel.ThrowFirstInvalid<T, NonNegativeDomain>(weights, new Operand(nameof(weights)));
    }

    /// <summary>One pass: Σ scale·w_i·ℓ_i (compensated), values[i] = w_i·ℓ_i, gradient[i] = scale·w_i·∂ℓ_i/∂ŷ_i; invalid input reported, not thrown.</summary>
    internal static Partial Accumulate<T, TLoss, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scaleFactor)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
    {
        var total = new VectorNeumaier();
        var validP = Vector256<double>.AllBitsSet;
        var validT = Vector256<double>.AllBitsSet;
        var validW = Vector256<double>.AllBitsSet;
        var scale = Vector256.Create(scaleFactor);
        var writeValues = !values.IsEmpty;
        var writeGradient = !gradient.IsEmpty;
        var weighted = !weights.IsEmpty;
        var i = 0;
        for (; i <= predictions.Length - Kernel.Lanes; i += Kernel.Lanes)
        {
            Kernel.Load(predictions, i, out var p0, out var p1);
            Kernel.Load(targets, i, out var t0, out var t1);
            validP &= TPredictions.ValidLanes(p0) & TPredictions.ValidLanes(p1);
            validT &= TTargets.ValidLanes(t0) & TTargets.ValidLanes(t1);
            var v0 = loss.Value(p0, t0, out var d0);
            var v1 = loss.Value(p1, t1, out var d1);
            if (weighted)
            {
                Kernel.Load(weights, i, out var w0, out var w1);
                validW &= NonNegativeDomain.ValidLanes(w0) & NonNegativeDomain.ValidLanes(w1);
                (v0, d0) = Weigh(w0, v0, d0);
                (v1, d1) = Weigh(w1, v1, d1);
            }

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
        var tailValid = ScalarTail<T, TLoss, TPredictions, TTargets>(loss, predictions, targets, weights, values, gradient, scaleFactor, i, ref tail);

        var valid = tailValid && Vector256.EqualsAll((validP & validT & validW).AsUInt64(), Vector256<ulong>.AllBitsSet);
        return new Partial(total.Result(tail), 0.0, 0.0, valid);
    }

    /// <summary>
    /// The scalar pass every loss kernel ends with (and a stretch too short for a vector runs alone): elements
    /// [start, n) one at a time, Σ scale·w_i·ℓ_i added to <paramref name="tail"/>, values and gradient written as the
    /// vector passes write them.
    /// </summary>
    /// <returns>Whether every element, target and weight was in its domain.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool ScalarTail<T, TLoss, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient,
        double scaleFactor, int start, ref ScalarNeumaier tail)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, ILossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
    {
        var writeValues = !values.IsEmpty;
        var writeGradient = !gradient.IsEmpty;
        var weighted = !weights.IsEmpty;
        var valid = true;
        for (var i = start; i < predictions.Length; i++)
        {
            var p = double.CreateTruncating(predictions[i]);
            var t = double.CreateTruncating(targets[i]);
            valid &= TPredictions.IsValid(p) && TTargets.IsValid(t);
            var v = loss.Value(p, t, out var d);
            if (weighted)
            {
                var w = double.CreateTruncating(weights[i]);
                valid &= NonNegativeDomain.IsValid(w);
                (v, d) = w == 0.0 ? (0.0, 0.0) : (w * v, w * d);
            }

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

        return valid;
    }

    /// <summary>(w·ℓ, w·∂ℓ), and exactly 0 where w = 0 (a removed element contributes nothing, even an infinite loss).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<double> Value, Vector256<double> Derivative) Weigh(Vector256<double> w, Vector256<double> value, Vector256<double> derivative)
    {
        var kept = ~Vector256.Equals(w, Vector256<double>.Zero);
        return (kept & (w * value), kept & (w * derivative));
    }
}
