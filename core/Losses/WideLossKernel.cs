using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Functional.Numerics;

namespace Functional.Losses;

/// <summary>The vector pass that runs one stretch of an element-wise loss for <see cref="LossKernel"/>.</summary>
internal interface ILossPass<TLoss>
    where TLoss : struct, ILossTerm
{
    /// <summary>
    /// Σ scale·w_i·ℓ_i, values[i] = w_i·ℓ_i, gradient[i] = scale·w_i·∂ℓ_i/∂ŷ_i; invalid input reported, not thrown.
    /// <paramref name="streamGradient"/>: the whole gradient (of which this stretch may be a piece) is far larger than the
    /// caches, so a pass that can store it non-temporally should.
    /// </summary>
    static abstract Partial Accumulate<T, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scale,
        bool streamGradient)
        where T : IFloatingPointIeee754<T>
        where TPredictions : IDomain
        where TTargets : IDomain;
}

/// <summary>The 256-bit pass every loss term has.</summary>
internal readonly struct NarrowPass<TLoss> : ILossPass<TLoss>
    where TLoss : struct, ILossTerm
{
    /// <inheritdoc/>
    public static Partial Accumulate<T, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scale,
        bool streamGradient)
        where T : IFloatingPointIeee754<T>
        where TPredictions : IDomain
        where TTargets : IDomain
        => LossKernel.Accumulate<T, TLoss, TPredictions, TTargets>(loss, predictions, targets, weights, values, gradient, scale);
}

/// <summary>The 512-bit pass where AVX-512 is accelerated (float and double), else the 256-bit one.</summary>
internal readonly struct WidePass<TLoss> : ILossPass<TLoss>
    where TLoss : struct, IWideLossTerm
{
    /// <inheritdoc/>
    public static Partial Accumulate<T, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scale,
        bool streamGradient)
        where T : IFloatingPointIeee754<T>
        where TPredictions : IDomain
        where TTargets : IDomain
        => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && (typeof(T) == typeof(double) || typeof(T) == typeof(float))
            // a training step's one row is decided here, before the vector pass's large frame is set up
            ? predictions.Length < WideLossKernel.Step
                ? WideLossKernel.Short<T, TLoss, TPredictions, TTargets>(loss, predictions, targets, weights, values, gradient, scale)
                : WideLossKernel.Accumulate<T, TLoss, TPredictions, TTargets>(loss, predictions, targets, weights, values, gradient, scale, streamGradient)
            : LossKernel.Accumulate<T, TLoss, TPredictions, TTargets>(loss, predictions, targets, weights, values, gradient, scale);
}

/// <summary>
/// The 512-bit form of <see cref="LossKernel"/>'s pass: sixteen elements a step (two vectors of eight doubles, one per
/// loop iteration), the loss
/// values summed plainly inside blocks of <see cref="Block"/> elements and the block sums joined compensated, and the
/// gradient written with non-temporal stores when the caller says the whole gradient is far larger than the caches.
/// </summary>
/// <remarks>
/// Block sums: the terms of the losses that take this pass (BCE with logits, Huber), times w_i ≥ 0 and the scale > 0, are
/// non-negative, so each of the sixteen plain partial sums of a block (4 terms each) is within 3ε of its exact value
/// relative to itself, and the Neumaier join of the block sums adds about ε·|S| + blocks·ε²·S: the total stays within ~4ε
/// relative for any n (NOTES.md, fourth speed slice), where a Neumaier step per vector costs seven more operations per
/// eight elements. Every grouping is fixed by the element index from the start of the stretch, never by an address, so
/// the bits depend on n only.
/// Non-temporal stores skip the read-for-ownership of each gradient line (a plain store first reads the line it
/// overwrites), a quarter of a value-and-gradient kernel's traffic; they are for gradients far larger than the caches, which
/// the caller says (a stretch may be one chunk of such a gradient).
/// .NET arrays are only 8-byte aligned, so the vectors, computed at index positions, are re-cut at the first 64-byte
/// boundary of the gradient (a two-vector permute) and stored there aligned; the elements before it and after the last
/// aligned line take ordinary stores. Each element's value is the same whatever the alignment.
/// </remarks>
internal static class WideLossKernel
{
    /// <summary>Elements per plain-summed block: 4 steps of 16, so each of the 16 lane sums adds 4 terms plainly.</summary>
    internal const int Block = 64;

    /// <summary>Non-temporal gradient stores from this many elements (8 MB of double) in the whole gradient: well past the L2.</summary>
    internal const int NonTemporalThreshold = 1 << 20;

    /// <summary>Elements per step (two vectors) of the vector loop; shorter stretches take <see cref="Short"/>, and the
    /// last n mod 16 elements the scalar tail.</summary>
    internal const int Step = 16;

    /// <summary>Doubles in a 512-bit vector: the loop's stride.</summary>
    private const int Lanes = 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe Partial Accumulate<T, TLoss, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scaleFactor,
        bool streamGradient)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, IWideLossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
    {
        // Pinned for the whole pass: the streamed stores are cut at an address computed once.
        fixed (byte* gradientStart = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(gradient)))
        {
            var n = predictions.Length;
            var total = new LaneNeumaier<Lanes512>();
            // one bit per lane, in a general register: the compares' masks leave the vector registers at once
            var validLanes = 0xFFUL;
            var scale = Vector512.Create(scaleFactor);
            // a sum's unit scale skips the gradient's multiplication (×1 is exact: the same bits)
            var scaled = scaleFactor != 1.0;
            var writeValues = !values.IsEmpty;
            var writeGradient = !gradient.IsEmpty;
            var weighted = !weights.IsEmpty;

            // The permute that re-cuts (previous, current) at the gradient's first 64-byte boundary: lanes head … head + 7.
            var address = (nuint)gradientStart;
            var streaming = streamGradient && typeof(T) == typeof(double) && writeGradient && n >= Step && address % sizeof(double) == 0;
            var head = streaming ? (int)((64 - (address % 64)) % 64) / sizeof(double) : 0;
            var recut = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7) + Vector512.Create((long)head);
            var pending = Vector512<double>.Zero;
            var lanes = stackalloc double[8];

            // One vector of eight per iteration (the JIT shared the polynomials' constants between two vectors of one
            // iteration and stored them to the stack on every iteration); the elements covered, the sixteen lane sums and
            // the blocks are those of sixteen-element steps: `current` is the sum of the even vectors of each step and
            // `other` of the odd ones, swapped after every vector, so the bits are the same.
            var current = Vector512<double>.Zero;
            var other = Vector512<double>.Zero;
            var inBlock = 0;
            var end = n - (n % Step);
            var i = 0;

            // The term's stages run ahead (software pipelining): the iteration that finishes the vector at i runs the first
            // stage of the vector at i + 16 and the second of the one at i + 8, so the long chains of consecutive vectors (BCE's
            // exponential, then its logarithm and division) overlap instead of each iteration waiting on its own
            // (NOTES, ninth slice). Near the end the first stage repeats the last vector, and the last iteration's second stage
            // runs on it too: three stages a call whose results are never used (guarding them with branches measured no faster,
            // at 256 elements or 40 000).
            var early = end > 0 ? loss.Early(Load(predictions, Lanes)) : Vector512<double>.Zero;
            var middle = loss.Middle(end > 0 ? loss.Early(Load(predictions, 0)) : Vector512<double>.Zero);

            for (; i < end; i += Lanes)
            {
                var earlyAhead = loss.Early(Load(predictions, Math.Min(i + (2 * Lanes), end - Lanes)));
                var middleAhead = loss.Middle(early);
                var p = Load(predictions, i);
                var t = Load(targets, i);
                validLanes &= TPredictions.ValidLanes(p).ExtractMostSignificantBits() & TTargets.ValidLanes(t).ExtractMostSignificantBits();
                var v = loss.Value(p, t, middle, out var d);
                (early, middle) = (earlyAhead, middleAhead);
                if (weighted)
                {
                    var w = Load(weights, i);
                    validLanes &= NonNegativeDomain.ValidLanes(w).ExtractMostSignificantBits();
                    var kept = ~Vector512.Equals(w, Vector512<double>.Zero);
                    (v, d) = (kept & (w * v), kept & (w * d));
                }

                current = Vector512.FusedMultiplyAdd(v, scale, current);
                (current, other) = (other, current);
                if (++inBlock == Block / Lanes)
                {
                    // eight swaps since the block began: `current` holds the even vectors' sums again
                    total.Add(new Lanes512(current));
                    total.Add(new Lanes512(other));
                    current = Vector512<double>.Zero;
                    other = Vector512<double>.Zero;
                    inBlock = 0;
                }

                if (writeValues)
                {
                    Store(values, i, v);
                }

                if (writeGradient)
                {
                    if (scaled)
                    {
                        d *= scale;
                    }

                    if (streaming)
                    {
                        var gd = (double*)gradientStart;
                        if (i == 0)
                        {
                            // through memory, not d[k]: a vector indexed by a variable is kept on the stack everywhere
                            d.Store(lanes);
                            for (var k = 0; k < head; k++)
                            {
                                gd[k] = lanes[k];
                            }
                        }
                        else
                        {
                            Avx512F.PermuteVar8x64x2(pending, recut, d).StoreAlignedNonTemporal(gd + (i - Lanes + head));
                        }

                        pending = d;
                    }
                    else
                    {
                        Store(gradient, i, d);
                    }
                }
            }

            // an odd number of swaps never remains: `end` is a multiple of sixteen
            var acc0 = current;
            var acc1 = other;
            total.Add(new Lanes512(acc0));
            total.Add(new Lanes512(acc1));
            if (streaming)
            {
                // The last vector's lanes from head on were not part of an aligned line; the fence orders the streamed lines
                // before whatever the caller (or the thread joining this chunk) does next.
                var gd = (double*)gradientStart;
                pending.Store(lanes);
                for (var k = head; k < 8 && i > 0; k++)
                {
                    gd[i - 8 + k] = lanes[k];
                }

                Sse.StoreFence();
            }

            var tail = new ScalarNeumaier();
            var tailValid = LossKernel.ScalarTail<T, TLoss, TPredictions, TTargets>(loss, predictions, targets, weights, values, gradient, scaleFactor, i, ref tail);

            var valid = tailValid && validLanes == 0xFFUL;
            return new Partial(total.Result(tail), 0.0, 0.0, valid);
        }
    }

    /// <summary>
    /// <see cref="Accumulate"/> for fewer than <see cref="Step"/> elements: its scalar tail alone, joined as
    /// <see cref="LaneNeumaier{TL}.Result"/> joins a tail to eight zero lanes (0 + s, then + 0 and + (0 + c): the same bits,
    /// a negative zero included).
    /// </summary>
    internal static Partial Short<T, TLoss, TPredictions, TTargets>(
        in TLoss loss, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double scaleFactor)
        where T : IFloatingPointIeee754<T>
        where TLoss : struct, IWideLossTerm
        where TPredictions : IDomain
        where TTargets : IDomain
    {
        var tail = new ScalarNeumaier();
        var valid = LossKernel.ScalarTail<T, TLoss, TPredictions, TTargets>(loss, predictions, targets, weights, values, gradient, scaleFactor, 0, ref tail);

        var zero = 0.0;
        var sum = zero + tail.Sum;
        var total = double.IsFinite(sum) ? (sum + zero) + (zero + tail.Compensation) : sum;
        return new Partial(total, 0.0, 0.0, valid);
    }

    /// <summary>Eight elements from index i as a vector of double (float is widened); T is float or double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Load<T>(ReadOnlySpan<T> source, int i)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector512.LoadUnsafe(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(source)), (nuint)i);
        }

        return Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(source)), (nuint)i));
    }

    /// <summary>A vector of double as eight elements of T at index i (float is narrowed, rounding to nearest).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Span<T> destination, int i, Vector512<double> value)
    {
        if (typeof(T) == typeof(double))
        {
            value.StoreUnsafe(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(destination)), (nuint)i);
        }
        else
        {
            Avx512F.ConvertToVector256Single(value).StoreUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(destination)), (nuint)i);
        }
    }
}
