using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Functional.Numerics;

namespace Functional.Losses;

/// <summary>
/// The fused row kernel of softmax cross-entropy with integer labels, for double and for float in its own lanes: per row
/// one pass for the maximum (and the NaN/+∞ check), one pass that computes e^(o_j − max) once, sums it and writes it to
/// the gradient row, and one pass over that row (still in L1) that scales it by 1/S and subtracts the label — one
/// exponential per logit where the general path takes two. Large batches go in chunks of rows that two cores claim in
/// turn. A gradient of 2^20 elements or more (far beyond the caches) is not written twice: the exponentials go to a row of
/// stack scratch and the scaling pass writes the gradient row once, by non-temporal stores, so its lines are neither read
/// for ownership nor left to evict the logits (the same bits as in place).
/// </summary>
/// <remarks>
/// The row sum S = Σ e^(o_j − max) ∈ [1, C] is summed plainly in 8 or 16 double partial sums (16 with 512-bit lanes):
/// every term lies in [0, 1] and one is exactly 1, so its relative error is at most (C/8)·ε — far inside the loss's
/// own rounding. The total over rows stays compensated (Neumaier). Where 512-bit vectors are accelerated the double
/// exponentials run eight to a vector (the partial sums then group differently: the same bits on every run of one machine,
/// not across machines with and without AVX-512). Every exponential is the core's own <c>VectorMath.Exp</c> (within 1 ulp,
/// the same bits at every JIT tier). Float logits, with AVX-512: sixteen float lanes, o − max in float with its exact
/// rounding error t recovered (TwoSum) and put back as e^s·(1 + t), e^s by <see cref="ExpOfNonPositive"/> (within two
/// float ulps, tested), the terms widened to double to be summed. Without AVX-512 the float logits are widened and
/// exponentiated in double lanes by <c>VectorMath.Exp</c>, each term rounded to float once. The row kernels are compiled
/// optimized at once: they run per row inside the caller's loop and were otherwise left at instrumented tier 0.
/// </remarks>
internal static class SoftmaxRows
{
    /// <summary>Below this many logits one thread does all rows.</summary>
    private const int SplitThreshold = 1 << 16;

    /// <summary>From this many gradient elements on (8 MB of double) the gradient rows are streamed past the caches.</summary>
    private const int StreamThreshold = 1 << 20;

    /// <summary>Scratch for one row of exponentials: rows up to 32 KB (most of an L1 data cache) go through it.</summary>
    private const int ScratchBytes = 32 * 1024;

    /// <summary>Σ_r scale·ℓ_r and the gradient rows; false when a logit is NaN or +∞ (the caller finds and names it).</summary>
    internal static unsafe bool TryRun<T>(ReadOnlySpan<T> logits, int columns, ReadOnlySpan<int> labels, Span<T> gradient, double scale, out double total)
        where T : IFloatingPointIeee754<T>
    {
        var rows = labels.Length;
        var stream = gradient.Length >= StreamThreshold && Avx512F.IsSupported;
        if (logits.Length < SplitThreshold || rows < 2)
        {
            var part = Rows(logits, columns, labels, gradient, scale, stream);
            total = part.Total;
            return part.Valid;
        }

        // Rows go in chunks that both threads claim in turn, each chunk's sum kept in its own slot and the slots joined in
        // chunk order: the bits depend on the row count only, and a helper that starts late or loses its core mid-call
        // leaves its unclaimed chunks to the caller instead of a half the caller must wait for.
        var chunkRows = Split.ChunkLength(rows, (int)(((long)MinChunkLogits + columns - 1) / columns), 1);
        Span<Partial> parts = stackalloc Partial[Split.ChunkCount(rows, chunkRows)];
        fixed (byte* x = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(logits)))
        fixed (int* y = &MemoryMarshal.GetReference(labels))
        fixed (byte* g = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(gradient)))
        {
            Split.RunChunks(new Job<T>(x, y, gradient.IsEmpty ? null : g, columns, scale, stream), rows, chunkRows, parts);
        }

        var joined = parts[0];
        for (var c = 1; c < parts.Length; c++)
        {
            joined = joined.Join(parts[c]);
        }

        total = joined.Total;
        return joined.Valid;
    }

    /// <summary>Logits per chunk at least (16 rows of 1000: tens of µs of work, far more than a claim costs), unless that
    /// would leave fewer than two chunks.</summary>
    private const int MinChunkLogits = 16 * 1024;

    /// <summary>A chunk of rows of a split batch over pinned logits, labels and (optionally) gradient.</summary>
    private readonly unsafe struct Job<T>(void* logits, int* labels, void* gradient, int columns, double scale, bool stream)
        : ISplitJob<Partial>
        where T : IFloatingPointIeee754<T>
    {
        public Partial Run(int firstRow, int count)
            => Rows(
                Split.Span<T>(logits, firstRow * columns, count * columns),
                columns,
                new ReadOnlySpan<int>(labels + firstRow, count),
                gradient == null ? Span<T>.Empty : Split.WritableSpan<T>(gradient, firstRow * columns, count * columns),
                scale,
                stream);
    }

    private static Partial Rows<T>(ReadOnlySpan<T> logits, int columns, ReadOnlySpan<int> labels, Span<T> gradient, double scale, bool stream)
        where T : IFloatingPointIeee754<T>
    {
        var total = new ScalarNeumaier();
        var write = !gradient.IsEmpty;
        // a streamed gradient row is written once: its exponentials wait in a row of scratch that stays in L1
        stream &= write && columns <= ScratchBytes / Unsafe.SizeOf<T>();
        Span<byte> scratch = stream ? stackalloc byte[columns * Unsafe.SizeOf<T>()] : default;
        for (var r = 0; r < labels.Length; r++)
        {
            var label = labels[r];
            double loss;
            bool valid;
            if (typeof(T) == typeof(double))
            {
                var row = As<T, double>(logits.Slice(r * columns, columns));
                var terms = scratch.IsEmpty ? Span<double>.Empty : MemoryMarshal.Cast<byte, double>(scratch)[..columns];
                loss = RowDouble(row, label, write ? AsWritable<T, double>(gradient.Slice(r * columns, columns)) : Span<double>.Empty, terms, scale, stream, out valid);
            }
            else if (typeof(T) == typeof(float))
            {
                var row = As<T, float>(logits.Slice(r * columns, columns));
                var terms = scratch.IsEmpty ? Span<float>.Empty : MemoryMarshal.Cast<byte, float>(scratch)[..columns];
                loss = RowFloat(row, label, write ? AsWritable<T, float>(gradient.Slice(r * columns, columns)) : Span<float>.Empty, terms, scale, stream, out valid);
            }
            else
            {
                throw new NotSupportedException($"{typeof(T).Name}: the fused softmax rows take float or double.");
            }

            if (!valid)
            {
                if (stream)
                {
                    Sse.StoreFence();
                }

                return new Partial(0.0, 0.0, false);
            }

            total.Add(loss);
        }

        if (stream)
        {
            // non-temporal stores are weakly ordered: they are made visible before the caller (or the joining thread) reads
            Sse.StoreFence();
        }

        return new Partial(total.Sum, total.Compensation, true);
    }

    /// <summary>scale·ℓ of one row; the gradient row (if not empty) receives scale·(softmax − e_label).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double RowDouble(ReadOnlySpan<double> row, int label, Span<double> gradient, Span<double> terms, double scale, bool stream, out bool valid)
    {
        var n = row.Length;
        ref var x = ref MemoryMarshal.GetReference(row);
        var positiveInfinity = Vector256.Create(double.PositiveInfinity);
        var ok = Vector256<double>.AllBitsSet;
        var m0 = Vector256.Create(double.NegativeInfinity);
        var m1 = m0;
        var i = 0;
        for (; i <= n - 8; i += 8)
        {
            var a = Vector256.LoadUnsafe(ref x, (nuint)i);
            var b = Vector256.LoadUnsafe(ref x, (nuint)(i + 4));
            ok &= Vector256.LessThan(a, positiveInfinity) & Vector256.LessThan(b, positiveInfinity);
            // the processor's max: exact for ordered values, it may keep −0 where +0 ties with it, which no output can
            // show (a −0 maximum then means two zero logits: every o − max and e^(o − max) is the same, the sum is ≥ 2, so
            // (max − o_label) + ln S is too); NaN and +∞ are rejected by the check beside it, before the maximum is used
            m0 = Vector256.MaxNative(m0, a);
            m1 = Vector256.MaxNative(m1, b);
        }

        var mv = Vector256.MaxNative(m0, m1);
        var max = Math.Max(Math.Max(mv[0], mv[1]), Math.Max(mv[2], mv[3]));
        var tailValid = true;
        for (var j = i; j < n; j++)
        {
            var v = Unsafe.Add(ref x, j);
            tailValid &= v < double.PositiveInfinity;
            max = Math.Max(max, v);
        }

        valid = tailValid && Vector256.EqualsAll(ok.AsUInt64(), Vector256<ulong>.AllBitsSet);
        if (!valid)
        {
            return double.NaN;
        }

        var labelled = Unsafe.Add(ref x, label);
        if (double.IsNegativeInfinity(max))
        {
            // every logit −∞: no distribution; +∞ loss (the labelled class is impossible) and a NaN gradient, as the general path
            gradient.Fill(double.NaN);
            return double.PositiveInfinity;
        }

        var write = !gradient.IsEmpty;
        ref var g = ref MemoryMarshal.GetReference(terms.IsEmpty ? gradient : terms);
        i = 0;
        Vector256<double> sv;
        if (Vector512.IsHardwareAccelerated)
        {
            // the exponential is the cost here: eight lanes take about half the time per logit of four
            var wide = Vector512.Create(max);
            var w0 = Vector512<double>.Zero;
            var w1 = Vector512<double>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var e0 = VectorMath.Exp(Vector512.LoadUnsafe(ref x, (nuint)i) - wide);
                var e1 = VectorMath.Exp(Vector512.LoadUnsafe(ref x, (nuint)(i + 8)) - wide);
                w0 += e0;
                w1 += e1;
                if (write)
                {
                    e0.StoreUnsafe(ref g, (nuint)i);
                    e1.StoreUnsafe(ref g, (nuint)(i + 8));
                }
            }

            if (i <= n - 8)
            {
                var e0 = VectorMath.Exp(Vector512.LoadUnsafe(ref x, (nuint)i) - wide);
                w0 += e0;
                if (write)
                {
                    e0.StoreUnsafe(ref g, (nuint)i);
                }

                i += 8;
            }

            var w = w0 + w1;
            sv = w.GetLower() + w.GetUpper();
        }
        else
        {
            var shift = Vector256.Create(max);
            var s0 = Vector256<double>.Zero;
            var s1 = Vector256<double>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var e0 = VectorMath.Exp(Vector256.LoadUnsafe(ref x, (nuint)i) - shift);
                var e1 = VectorMath.Exp(Vector256.LoadUnsafe(ref x, (nuint)(i + 4)) - shift);
                s0 += e0;
                s1 += e1;
                if (write)
                {
                    e0.StoreUnsafe(ref g, (nuint)i);
                    e1.StoreUnsafe(ref g, (nuint)(i + 4));
                }
            }

            sv = s0 + s1;
        }

        var sum = (sv[0] + sv[1]) + (sv[2] + sv[3]);
        for (var j = i; j < n; j++)
        {
            var e = Math.Exp(Unsafe.Add(ref x, j) - max);
            sum += e;
            if (write)
            {
                Unsafe.Add(ref g, j) = e;
            }
        }

        if (write)
        {
            ScaleRow(terms.IsEmpty ? gradient : terms, gradient, scale / sum, label, scale, stream);
        }

        return scale * (double.IsNegativeInfinity(labelled) ? double.PositiveInfinity : (max - labelled) + Math.Log(sum));
    }

    /// <summary>As <see cref="RowDouble"/> for float logits: the exponentials in float lanes (AVX-512) or double lanes, the sum and the loss in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double RowFloat(ReadOnlySpan<float> row, int label, Span<float> gradient, Span<float> terms, double scale, bool stream, out bool valid)
    {
        var n = row.Length;
        ref var x = ref MemoryMarshal.GetReference(row);
        var positiveInfinity = Vector256.Create(float.PositiveInfinity);
        var ok = Vector256<float>.AllBitsSet;
        var m0 = Vector256.Create(float.NegativeInfinity);
        var m1 = m0;
        var l0 = Vector256.Create(float.PositiveInfinity);
        var l1 = l0;
        var i = 0;
        for (; i <= n - 16; i += 16)
        {
            var a = Vector256.LoadUnsafe(ref x, (nuint)i);
            var b = Vector256.LoadUnsafe(ref x, (nuint)(i + 8));
            ok &= Vector256.LessThan(a, positiveInfinity) & Vector256.LessThan(b, positiveInfinity);
            // the processor's max: exact for ordered values, it may keep −0 where +0 ties with it, which no output can
            // show (a −0 maximum then means two zero logits: every o − max and e^(o − max) is the same, the sum is ≥ 2, so
            // (max − o_label) + ln S is too); NaN and +∞ are rejected by the check beside it, before the maximum is used
            m0 = Vector256.MaxNative(m0, a);
            m1 = Vector256.MaxNative(m1, b);
            l0 = Vector256.MinNative(l0, a);
            l1 = Vector256.MinNative(l1, b);
        }

        var mv = Vector256.MaxNative(m0, m1);
        var lv = Vector256.MinNative(l0, l1);
        var maxF = float.NegativeInfinity;
        var minF = float.PositiveInfinity;
        for (var k = 0; k < 8; k++)
        {
            maxF = MathF.Max(maxF, mv[k]);
            minF = MathF.Min(minF, lv[k]);
        }

        var tailValid = true;
        for (var j = i; j < n; j++)
        {
            var v = Unsafe.Add(ref x, j);
            tailValid &= v < float.PositiveInfinity;
            maxF = MathF.Max(maxF, v);
            minF = MathF.Min(minF, v);
        }

        valid = tailValid && Vector256.EqualsAll(ok.AsUInt32(), Vector256<uint>.AllBitsSet);
        if (!valid)
        {
            return double.NaN;
        }

        double labelled = Unsafe.Add(ref x, label);
        if (float.IsNegativeInfinity(maxF))
        {
            gradient.Fill(float.NaN);
            return double.PositiveInfinity;
        }

        // The scalar tail and the 256-bit path form x − max in double (the difference of two floats: exact but for extreme
        // exponent gaps) and exponentiate it in double, rounding each term to float once, when the gradient row is written.
        var max = (double)maxF;
        var write = !gradient.IsEmpty;
        ref var g = ref MemoryMarshal.GetReference(terms.IsEmpty ? gradient : terms);
        double sum;
        i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // sixteen float lanes: o − max in float with its rounding error t recovered exactly (TwoSum) and put back as
            // e^s·(1 + t); the terms are widened to double only to be summed. A row whose logits all lie within 80 of
            // its maximum (no −∞, no term near underflow: the usual row) takes the exponential without the range
            // handling, which is then the identity — the same bits in fewer operations.
            sum = minF - maxF >= -NormalRange
                ? FloatExpPass<SwitchOff>(ref x, ref g, n, maxF, write, ref i)
                : FloatExpPass<SwitchOn>(ref x, ref g, n, maxF, write, ref i);
        }
        else
        {
            var shift = Vector256.Create(max);
            var s0 = Vector256<double>.Zero;
            var s1 = Vector256<double>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)i));
                var e0 = VectorMath.Exp(lower - shift);
                var e1 = VectorMath.Exp(upper - shift);
                s0 += e0;
                s1 += e1;
                if (write)
                {
                    Vector256.Narrow(e0, e1).StoreUnsafe(ref g, (nuint)i);
                }
            }

            var sv = s0 + s1;
            sum = (sv[0] + sv[1]) + (sv[2] + sv[3]);
        }

        for (var j = i; j < n; j++)
        {
            var e = Math.Exp(Unsafe.Add(ref x, j) - max);
            sum += e;
            if (write)
            {
                Unsafe.Add(ref g, j) = (float)e;
            }
        }

        if (write)
        {
            ScaleRow(terms.IsEmpty ? gradient : terms, gradient, (float)(scale / sum), label, (float)scale, stream);
        }

        return scale * (double.IsNegativeInfinity(labelled) ? double.PositiveInfinity : (max - labelled) + Math.Log(sum));
    }

    /// <summary>
    /// gradient_j = terms_j·factor, and gradient_label = terms_label·factor − scale, each rounded as written (the same bits
    /// whether the row is written in place, from scratch, or streamed). <paramref name="terms"/> may be the gradient row
    /// itself. With <paramref name="stream"/> (AVX-512, terms in scratch) the row is written by aligned non-temporal
    /// stores: a gradient far larger than the caches then costs one write of each line, not a read for ownership and a
    /// write-back; the elements before the first 64-byte boundary and after the last are written one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void ScaleRow<T>(ReadOnlySpan<T> terms, Span<T> gradient, T factor, int label, T scale, bool stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = gradient.Length;
        ref var t = ref MemoryMarshal.GetReference(terms);
        fixed (T* d = gradient)
        {
            var address = (nuint)d;
            var i = 0;
            if (stream && Vector512.IsHardwareAccelerated && address % (nuint)sizeof(T) == 0)
            {
                var head = Math.Min(n, (int)((64 - (address % 64)) % 64) / sizeof(T));
                for (; i < head; i++)
                {
                    d[i] = Term(Unsafe.Add(ref t, i), factor, i == label, scale);
                }

                var f = Vector512.Create(factor);
                for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    var v = Vector512.LoadUnsafe(ref t, (nuint)i) * f;
                    var lane = label - i;
                    if ((uint)lane < (uint)Vector512<T>.Count)
                    {
                        v = v.WithElement(lane, v.GetElement(lane) - scale);
                    }

                    v.StoreAlignedNonTemporal(d + i);
                }
            }
            else
            {
                var f = Vector256.Create(factor);
                for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    (Vector256.LoadUnsafe(ref t, (nuint)i) * f).Store(d + i);
                }

                for (; i < n; i++)
                {
                    d[i] = Unsafe.Add(ref t, i) * factor;
                }

                d[label] -= scale;
                return;
            }

            for (; i < n; i++)
            {
                d[i] = Term(Unsafe.Add(ref t, i), factor, i == label, scale);
            }
        }

        static T Term(T term, T factor, bool labelled, T scale)
        {
            var x = term * factor;
            return labelled ? x - scale : x;
        }
    }

    /// <summary>Rows whose logits all lie within this of their maximum take the exponential without its range handling
    /// (<see cref="SwitchOff"/>): e^s of s ≥ −80 is a normal float (2^-115 and up), far from the −104 clamp and the
    /// subnormal scaling.</summary>
    internal const float NormalRange = 80f;

    /// <summary>The 512-bit exponential pass of <see cref="RowFloat"/> from <paramref name="i"/> = 0: Σ e^(o − max) in
    /// double, each term written to <paramref name="g"/> as float when <paramref name="write"/>; <paramref name="i"/> is
    /// left at the first element of the scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FloatExpPass<TFullRange>(ref float x, ref float g, int n, float maxF, bool write, ref int i)
        where TFullRange : struct, ISwitch
    {
        var shift = Vector512.Create(maxF);
        var negativeShift = -shift;
        var s0 = Vector512<double>.Zero;
        var s1 = Vector512<double>.Zero;
        for (; i <= n - 16; i += 16)
        {
            var o = Vector512.LoadUnsafe(ref x, (nuint)i);
            var d = o - shift;
            var back = d - o;
            var t = (o - (d - back)) + (negativeShift - back);
            var e = ExpOfNonPositive<TFullRange>(d);
            if (TFullRange.On)
            {
                // t is NaN where o = −∞ (∞ − ∞); e is 0 there, and so must the term be
                e = Vector512.ConditionalSelect(Vector512.Equals(t, t), Vector512.FusedMultiplyAdd(e, t, e), e);
            }
            else
            {
                e = Vector512.FusedMultiplyAdd(e, t, e);
            }

            var (lower, upper) = Vector512.Widen(e);
            s0 += lower;
            s1 += upper;
            if (write)
            {
                e.StoreUnsafe(ref g, (nuint)i);
            }
        }

        return Vector512.Sum(s0 + s1);
    }

    /// <summary>
    /// e^s in float lanes for s ≤ 0 (−∞ and anything below the smallest subnormal give 0): s = k·ln 2 + r with
    /// |r| ≤ ½ln 2 (Cody–Waite, ln 2 split so k·ln2_hi is exact), e^r by its degree-7 Taylor polynomial (truncation below
    /// 0.05 float ulp), scaled by 2^k in the exponent bits — in two steps where the result is subnormal, so it is rounded
    /// once. Within about one float ulp.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpOfNonPositive(Vector512<float> s) => ExpOfNonPositive<SwitchOn>(s);

    /// <summary><see cref="ExpOfNonPositive(Vector512{float})"/>; with <see cref="SwitchOff"/> (not the full range) for
    /// s ∈ [−80, 0] only, where its clamp, underflow mask and subnormal scaling change nothing (the same bits without
    /// them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpOfNonPositive<TFullRange>(Vector512<float> s)
        where TFullRange : struct, ISwitch
    {
        var clamped = TFullRange.On ? Vector512.Max(s, Vector512.Create(-104f)) : s;
        var k = Vector512.Round(clamped * Vector512.Create(1.44269504f));
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-0.693145751953125f), clamped);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-1.42860677e-6f), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1f / 5040f), r, Vector512.Create(1f / 720f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        // k is a whole number of at most 150 in magnitude: the plain conversion, without the saturating one's fix-ups
        var exponent = Vector512.ConvertToInt32Native(k);
        if (!TFullRange.On)
        {
            return (p.AsInt32() + Vector512.ShiftLeft(exponent, 23)).AsSingle();
        }

        // below 2^-125 the result is subnormal: scale by 2^(k + 100) (normal), then by 2^-100, which rounds once
        var deep = Vector512.LessThan(exponent, Vector512.Create(-125));
        var first = Vector512.ConditionalSelect(deep, exponent + Vector512.Create(100), exponent);
        var scaled = (p.AsInt32() + Vector512.ShiftLeft(first, 23)).AsSingle();
        scaled *= Vector512.ConditionalSelect(deep.AsSingle(), Vector512.Create(7.88860905e-31f), Vector512<float>.One);
        return Vector512.AndNot(scaled, Vector512.LessThan(s, Vector512.Create(-104f)));
    }

    /// <summary>The same memory as another element type of the same size (T is that type, checked by the caller).</summary>
    private static ReadOnlySpan<TTo> As<TFrom, TTo>(ReadOnlySpan<TFrom> span)
        => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    private static Span<TTo> AsWritable<TFrom, TTo>(Span<TFrom> span)
        => MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    /// <summary>The rows of one chunk: its Neumaier running sum and compensation, kept apart until the chunks are joined.</summary>
    internal readonly record struct Partial(double Sum, double Compensation, bool Valid)
    {
        /// <summary>The compensated total; an infinite sum is returned as is (its compensation is NaN from ∞ − ∞).</summary>
        internal double Total => double.IsFinite(Sum) ? Sum + Compensation : Sum;

        /// <summary>
        /// This chunk followed by the next, compensated: the two running sums are added with Neumaier's correction and both
        /// compensations carried, so joining rounds once at the end (adding the two rounded totals would round each
        /// compensation in separately). In chunk order, so the bits do not depend on which core ran which chunk.
        /// </summary>
        internal Partial Join(Partial next)
        {
            var total = new ScalarNeumaier();
            total.Add(Sum);
            total.Add(next.Sum);
            return new Partial(total.Sum, total.Compensation + Compensation + next.Compensation, Valid && next.Valid);
        }
    }
}
