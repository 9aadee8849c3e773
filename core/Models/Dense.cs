using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

            var s = s0 + s1;
            result = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
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

    /// <summary>scores_r = x_r · w (+ b): one dot product per row of the row-major matrix.</summary>
    internal static void Scores(ReadOnlySpan<double> features, int rows, int columns, ReadOnlySpan<double> weights, double bias, Span<double> scores)
    {
        for (var r = 0; r < rows; r++)
        {
            scores[r] = Dot(features.Slice(r * columns, columns), weights) + bias;
        }
    }
}
