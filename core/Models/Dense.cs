using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>
/// The dense kernels the models run on: dot products and axpy on 256-bit lanes with fused multiply-adds, in a fixed order
/// that depends only on the length (never on the address), so the same inputs give the same bits wherever the arrays lie.
/// </summary>
/// <remarks>
/// TensorPrimitives.Dot peels to an aligned address before its vector loop, so its rounding can depend on where the garbage
/// collector placed an array; the training fold promises bit-identical reruns, hence these.
/// </remarks>
internal static class Dense
{
    /// <summary>Σ a_i b_i: two vector accumulators by index, a fused scalar tail, a fixed horizontal sum.</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var result = 0.0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var s0 = Vector256<double>.Zero;
            var s1 = Vector256<double>.Zero;
            for (; i <= n - 8; i += 8)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)(i + 4)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 4)), s1);
            }

            result = Horizontal(s0 + s1);
        }

        for (; i < n; i++)
        {
            result = Math.FusedMultiplyAdd(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i), result);
        }

        return result;
    }

    /// <summary>y ← y + α x (fused per element, so every element rounds once whichever path it takes).</summary>
    internal static void AddScaled(Span<double> y, double alpha, ReadOnlySpan<double> x)
    {
        var n = x.Length;
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; i <= n - 4; i += 4)
            {
                Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref py, i) = Math.FusedMultiplyAdd(alpha, Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
        }
    }

    /// <summary>
    /// Two dot products against one shared vector, a₀·b and a₁·b, each bit-identical to <see cref="Dot"/> of its pair (the
    /// same two accumulators, the same horizontal sum, the same fused tail): the training fold's one-row step takes the
    /// score x·w and ‖w‖² (a₁ = b = w) in one pass over w.
    /// </summary>
    /// <remarks>Written apart from <see cref="Dot4"/>: one kernel for both, its second pair of chains switched off at
    /// compile time, ran Dot2 1.2× and Dot4 1.06–1.1× slower (NOTES, seventh slice).</remarks>
    internal static void Dot2(ReadOnlySpan<double> a0, ReadOnlySpan<double> a1, ReadOnlySpan<double> b, out double d0, out double d1)
    {
        var n = b.Length;
        if (!Vector256.IsHardwareAccelerated || n < 8 || a0.Length < n || a1.Length < n)
        {
            (d0, d1) = (Dot(a0[..n], b), Dot(a1[..n], b));
            return;
        }

        ref var p0 = ref MemoryMarshal.GetReference(a0);
        ref var p1 = ref MemoryMarshal.GetReference(a1);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var s00 = Vector256<double>.Zero;
        var s01 = Vector256<double>.Zero;
        var s10 = Vector256<double>.Zero;
        var s11 = Vector256<double>.Zero;
        var i = 0;
        for (; i <= n - 8; i += 8)
        {
            var b0 = Vector256.LoadUnsafe(ref pb, (nuint)i);
            var b1 = Vector256.LoadUnsafe(ref pb, (nuint)(i + 4));
            s00 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p0, (nuint)i), b0, s00);
            s01 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p0, (nuint)(i + 4)), b1, s01);
            s10 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p1, (nuint)i), b0, s10);
            s11 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p1, (nuint)(i + 4)), b1, s11);
        }

        var r0 = Horizontal(s00 + s01);
        var r1 = Horizontal(s10 + s11);
        for (; i < n; i++)
        {
            var bi = Unsafe.Add(ref pb, i);
            r0 = Math.FusedMultiplyAdd(Unsafe.Add(ref p0, i), bi, r0);
            r1 = Math.FusedMultiplyAdd(Unsafe.Add(ref p1, i), bi, r1);
        }

        (d0, d1) = (r0, r1);
    }

    /// <summary>
    /// Four dot products against one shared vector, Σ_i a_j,i b_i for j = 0 … 3, each bit-identical to <see cref="Dot"/> of
    /// its pair (the same two accumulators, the same horizontal sum, the same fused tail): four independent FMA chains
    /// hide the FMA latency that bounds a single short dot product, and the shared vector is loaded once for all four.
    /// </summary>
    internal static void Dot4(
        ReadOnlySpan<double> a0, ReadOnlySpan<double> a1, ReadOnlySpan<double> a2, ReadOnlySpan<double> a3, ReadOnlySpan<double> b,
        out double d0, out double d1, out double d2, out double d3)
    {
        var n = b.Length;
        if (!Vector256.IsHardwareAccelerated || n < 8 || a0.Length < n || a1.Length < n || a2.Length < n || a3.Length < n)
        {
            (d0, d1, d2, d3) = (Dot(a0[..n], b), Dot(a1[..n], b), Dot(a2[..n], b), Dot(a3[..n], b));
            return;
        }

        ref var p0 = ref MemoryMarshal.GetReference(a0);
        ref var p1 = ref MemoryMarshal.GetReference(a1);
        ref var p2 = ref MemoryMarshal.GetReference(a2);
        ref var p3 = ref MemoryMarshal.GetReference(a3);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var s00 = Vector256<double>.Zero;
        var s01 = Vector256<double>.Zero;
        var s10 = Vector256<double>.Zero;
        var s11 = Vector256<double>.Zero;
        var s20 = Vector256<double>.Zero;
        var s21 = Vector256<double>.Zero;
        var s30 = Vector256<double>.Zero;
        var s31 = Vector256<double>.Zero;
        var i = 0;
        for (; i <= n - 8; i += 8)
        {
            var b0 = Vector256.LoadUnsafe(ref pb, (nuint)i);
            var b1 = Vector256.LoadUnsafe(ref pb, (nuint)(i + 4));
            s00 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p0, (nuint)i), b0, s00);
            s01 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p0, (nuint)(i + 4)), b1, s01);
            s10 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p1, (nuint)i), b0, s10);
            s11 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p1, (nuint)(i + 4)), b1, s11);
            s20 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p2, (nuint)i), b0, s20);
            s21 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p2, (nuint)(i + 4)), b1, s21);
            s30 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p3, (nuint)i), b0, s30);
            s31 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p3, (nuint)(i + 4)), b1, s31);
        }

        var r0 = Horizontal(s00 + s01);
        var r1 = Horizontal(s10 + s11);
        var r2 = Horizontal(s20 + s21);
        var r3 = Horizontal(s30 + s31);
        for (; i < n; i++)
        {
            var bi = Unsafe.Add(ref pb, i);
            r0 = Math.FusedMultiplyAdd(Unsafe.Add(ref p0, i), bi, r0);
            r1 = Math.FusedMultiplyAdd(Unsafe.Add(ref p1, i), bi, r1);
            r2 = Math.FusedMultiplyAdd(Unsafe.Add(ref p2, i), bi, r2);
            r3 = Math.FusedMultiplyAdd(Unsafe.Add(ref p3, i), bi, r3);
        }

        (d0, d1, d2, d3) = (r0, r1, r2, r3);
    }

    /// <summary>
    /// y ← y + α₀x₀ + α₁x₁ + α₂x₂ + α₃x₃, bit-identical to four <see cref="AddScaled"/> calls in that order (each element
    /// takes the same four fused roundings in the same order) but loading and storing y once instead of four times.
    /// </summary>
    internal static void AddScaled4(
        Span<double> y, double alpha0, ReadOnlySpan<double> x0, double alpha1, ReadOnlySpan<double> x1,
        double alpha2, ReadOnlySpan<double> x2, double alpha3, ReadOnlySpan<double> x3)
    {
        var n = x0.Length;
        if (y.Length < n || x1.Length < n || x2.Length < n || x3.Length < n)
        {
            AddScaled(y, alpha0, x0);
            AddScaled(y, alpha1, x1);
            AddScaled(y, alpha2, x2);
            AddScaled(y, alpha3, x3);
            return;
        }

        ref var py = ref MemoryMarshal.GetReference(y);
        ref var q0 = ref MemoryMarshal.GetReference(x0);
        ref var q1 = ref MemoryMarshal.GetReference(x1);
        ref var q2 = ref MemoryMarshal.GetReference(x2);
        ref var q3 = ref MemoryMarshal.GetReference(x3);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a0 = Vector256.Create(alpha0);
            var a1 = Vector256.Create(alpha1);
            var a2 = Vector256.Create(alpha2);
            var a3 = Vector256.Create(alpha3);
            for (; i <= n - 4; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref py, (nuint)i);
                v = Vector256.FusedMultiplyAdd(a0, Vector256.LoadUnsafe(ref q0, (nuint)i), v);
                v = Vector256.FusedMultiplyAdd(a1, Vector256.LoadUnsafe(ref q1, (nuint)i), v);
                v = Vector256.FusedMultiplyAdd(a2, Vector256.LoadUnsafe(ref q2, (nuint)i), v);
                v = Vector256.FusedMultiplyAdd(a3, Vector256.LoadUnsafe(ref q3, (nuint)i), v);
                v.StoreUnsafe(ref py, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            var v = Unsafe.Add(ref py, i);
            v = Math.FusedMultiplyAdd(alpha0, Unsafe.Add(ref q0, i), v);
            v = Math.FusedMultiplyAdd(alpha1, Unsafe.Add(ref q1, i), v);
            v = Math.FusedMultiplyAdd(alpha2, Unsafe.Add(ref q2, i), v);
            v = Math.FusedMultiplyAdd(alpha3, Unsafe.Add(ref q3, i), v);
            Unsafe.Add(ref py, i) = v;
        }
    }

    /// <summary>Below this many matrix entries one thread does the whole product (a hand-off costs more).</summary>
    private const int SplitEntries = 1 << 17;

    /// <summary>
    /// <see cref="Scores"/> on two cores for large matrices: each core scores its own rows, so every score is the same
    /// bits as on one core.
    /// </summary>
    internal static unsafe void ScoresParallel(ReadOnlySpan<double> features, int rows, int columns, ReadOnlySpan<double> weights, double bias, Span<double> scores)
    {
        if ((long)rows * columns < SplitEntries || rows < 2 || rows >= 1 << 20)
        {
            Scores(features, rows, columns, weights, bias, scores);
            return;
        }

        fixed (double* x = features)
        fixed (double* w = weights)
        fixed (double* s = scores)
        {
            // rows × 1024: Split.Run's midpoint (a multiple of 1024) is then ⌊rows/2⌋ rows
            Split.Run(new ScoresJob(x, w, s, columns, weights.Length, bias), rows * 1024, out _, out int _);
        }
    }

    /// <summary>scores_r = x_r · w (+ b): one dot product per row of the row-major matrix, four rows at a time
    /// (<see cref="Dot4"/>, so every score has the bits of <see cref="Dot"/>).</summary>
    internal static void Scores(ReadOnlySpan<double> features, int rows, int columns, ReadOnlySpan<double> weights, double bias, Span<double> scores)
    {
        var r = 0;
        if (columns >= 8)
        {
            for (; r <= rows - 4; r += 4)
            {
                var block = features.Slice(r * columns, 4 * columns);
                Dot4(block[..columns], block.Slice(columns, columns), block.Slice(2 * columns, columns), block.Slice(3 * columns, columns), weights,
                    out var d0, out var d1, out var d2, out var d3);
                scores[r] = d0 + bias;
                scores[r + 1] = d1 + bias;
                scores[r + 2] = d2 + bias;
                scores[r + 3] = d3 + bias;
            }
        }

        for (; r < rows; r++)
        {
            scores[r] = Dot(features.Slice(r * columns, columns), weights) + bias;
        }
    }

    /// <summary>g ← g + Σ_r α_r x_r over the rows of a row-major matrix, in row order per element (bit-identical to one
    /// <see cref="AddScaled"/> per row), four rows per pass over g.</summary>
    internal static void AddScaledRows(Span<double> y, ReadOnlySpan<double> alphas, ReadOnlySpan<double> features, int rows, int columns)
        => AddScaledColumns(y, alphas, features, rows, columns, 0, columns);

    /// <summary>Columns [first, first + count) of <see cref="AddScaledRows"/>: y holds those columns only.</summary>
    private static void AddScaledColumns(Span<double> y, ReadOnlySpan<double> alphas, ReadOnlySpan<double> features, int rows, int columns, int first, int count)
    {
        var r = 0;
        for (; r <= rows - 4; r += 4)
        {
            var block = features.Slice((r * columns) + first);
            AddScaled4(
                y, alphas[r], block[..count], alphas[r + 1], block.Slice(columns, count),
                alphas[r + 2], block.Slice(2 * columns, count), alphas[r + 3], block.Slice(3 * columns, count));
        }

        for (; r < rows; r++)
        {
            AddScaled(y, alphas[r], features.Slice((r * columns) + first, count));
        }
    }

    /// <summary>
    /// The softmax weight gradient G_k ← G_k + Σ_r d_{r,k} x_r for every class k (G row-major, classes × columns), four
    /// rows per pass over each G_k, every element adding its rows in row order; on two cores for large batches, each
    /// owning half of the feature columns of every class (so the same bits as on one core).
    /// </summary>
    internal static unsafe void AddScaledClassesParallel(Span<double> y, ReadOnlySpan<double> derivatives, ReadOnlySpan<double> features, int rows, int columns, int classes)
    {
        if ((long)rows * columns * classes < SplitEntries || columns < 16 || columns >= 1 << 20)
        {
            AddScaledClasses(y, derivatives, features, rows, columns, classes, 0, columns);
            return;
        }

        fixed (double* py = y)
        fixed (double* a = derivatives)
        fixed (double* x = features)
        {
            Split.Run(new ClassColumnsJob(py, a, x, rows, columns, classes), columns * 1024, out _, out int _);
        }
    }

    /// <summary>Columns [first, first + count) of every class's row of <see cref="AddScaledClassesParallel"/>.</summary>
    private static void AddScaledClasses(Span<double> y, ReadOnlySpan<double> derivatives, ReadOnlySpan<double> features, int rows, int columns, int classes, int first, int count)
    {
        var c = classes;
        var r = 0;
        for (; r <= rows - 4; r += 4)
        {
            var block = features.Slice((r * columns) + first);
            var x0 = block[..count];
            var x1 = block.Slice(columns, count);
            var x2 = block.Slice(2 * columns, count);
            var x3 = block.Slice(3 * columns, count);
            for (var k = 0; k < c; k++)
            {
                var at = (r * c) + k;
                AddScaled4(y.Slice((k * columns) + first, count), derivatives[at], x0, derivatives[at + c], x1, derivatives[at + (2 * c)], x2, derivatives[at + (3 * c)], x3);
            }
        }

        for (; r < rows; r++)
        {
            var x = features.Slice((r * columns) + first, count);
            for (var k = 0; k < c; k++)
            {
                AddScaled(y.Slice((k * columns) + first, count), derivatives[(r * c) + k], x);
            }
        }
    }

    /// <summary>Softmax logits (see SoftmaxModel.Logits) on two cores for large batches, each core its own rows.</summary>
    internal static unsafe void LogitsParallel(
        ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> features, int rows, int columns, int classes, Span<double> logits)
    {
        if ((long)rows * columns * classes < SplitEntries || rows < 2 || rows >= 1 << 20)
        {
            SoftmaxModel.Logits(weights, biases, features, rows, columns, classes, logits);
            return;
        }

        fixed (double* w = weights)
        fixed (double* b = biases)
        fixed (double* x = features)
        fixed (double* o = logits)
        {
            Split.Run(new LogitsJob(w, biases.IsEmpty ? null : b, x, o, columns, classes), rows * 1024, out _, out int _);
        }
    }

    private readonly unsafe struct LogitsJob(double* weights, double* biases, double* features, double* logits, int columns, int classes) : ISplitJob<int>
    {
        public int Run(int start, int length)
        {
            var first = start / 1024;
            var count = length / 1024;
            SoftmaxModel.Logits(
                Split.Span<double>(weights, 0, classes * columns), biases == null ? ReadOnlySpan<double>.Empty : Split.Span<double>(biases, 0, classes),
                Split.Span<double>(features, first * columns, count * columns), count, columns, classes, Split.WritableSpan<double>(logits, first * classes, count * classes));
            return 0;
        }
    }

    private readonly unsafe struct ClassColumnsJob(double* y, double* derivatives, double* features, int rows, int columns, int classes) : ISplitJob<int>
    {
        public int Run(int start, int length)
        {
            var first = start / 1024;
            var count = length / 1024;
            AddScaledClasses(
                Split.WritableSpan<double>(y, 0, classes * columns), Split.Span<double>(derivatives, 0, rows * classes), Split.Span<double>(features, 0, rows * columns),
                rows, columns, classes, first, count);
            return 0;
        }
    }

    private readonly unsafe struct ScoresJob(double* features, double* weights, double* scores, int columns, int weightCount, double bias) : ISplitJob<int>
    {
        public int Run(int start, int length)
        {
            var first = start / 1024;
            var count = length / 1024;
            Scores(
                Split.Span<double>(features, first * columns, count * columns), count, columns, Split.Span<double>(weights, 0, weightCount), bias,
                Split.WritableSpan<double>(scores, first, count));
            return 0;
        }
    }

    private static double Horizontal(Vector256<double> s) => (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
}
