using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Functional.Numerics;

/// <summary>
/// SIMD forms of <see cref="StableMath"/>: the same formulas, lane by lane, on <see cref="Vector256{T}"/> of double.
/// </summary>
internal static partial class VectorMath
{
    /// <summary>Coefficients c_m of G(x)/x² = Σ (−1)^k x^(k−2)/(k(k−1)), k = 2…15 (the next term is below 2^-60 relative for |x| &lt; 1/16).</summary>
    internal static ReadOnlySpan<double> RelativeEntropySeries =>
    [
        1.0 / 2, -1.0 / 6, 1.0 / 12, -1.0 / 20, 1.0 / 30, -1.0 / 42, 1.0 / 56, -1.0 / 72, 1.0 / 90,
        -1.0 / 110, 1.0 / 132, -1.0 / 156, 1.0 / 182, -1.0 / 210,
    ];

    /// <summary>Coefficients of Φ(t)/t² = Σ t^(k−2)/k!, k = 2…11.</summary>
    internal static ReadOnlySpan<double> ExpRemainderSeries =>
    [
        1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
        1.0 / 3628800, 1.0 / 39916800,
    ];

    /// <summary>Coefficients of h(δ)/δ² = Σ (δ²)^(j−1)/(j(2j − 1)), j = 1…8.</summary>
    internal static ReadOnlySpan<double> JensenShannonSeries =>
    [
        1.0, 1.0 / 6, 1.0 / 15, 1.0 / 28, 1.0 / 45, 1.0 / 66, 1.0 / 91, 1.0 / 120,
    ];

    /// <summary>
    /// Σ c_i x^i as even and odd halves in x² (two independent Horner chains, half the latency of one);
    /// <see cref="StableMath.Polynomial"/> evaluates in the same order, so scalar and lanes agree.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Polynomial(Vector256<double> x, ReadOnlySpan<double> coefficients)
    {
        var x2 = x * x;
        var last = (coefficients.Length - 1) & ~1;
        var even = Vector256.Create(coefficients[last]);
        for (var i = last - 2; i >= 0; i -= 2)
        {
            even = Vector256.FusedMultiplyAdd(even, x2, Vector256.Create(coefficients[i]));
        }

        var lastOdd = coefficients.Length % 2 == 0 ? coefficients.Length - 1 : coefficients.Length - 2;
        var odd = Vector256.Create(coefficients[lastOdd]);
        for (var i = lastOdd - 2; i >= 1; i -= 2)
        {
            odd = Vector256.FusedMultiplyAdd(odd, x2, Vector256.Create(coefficients[i]));
        }

        return Vector256.FusedMultiplyAdd(odd, x, even);
    }

    /// <summary>Lane-wise <see cref="StableMath.Log1P"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Log1P(Vector256<double> x)
    {
        var u = Vector256<double>.One + x;
        var log = Log(u);
        var corrected = log * x / (u - Vector256<double>.One);
        var exact = Vector256.Equals(u, Vector256<double>.One);
        var infinite = Vector256.Equals(u, Vector256.Create(double.PositiveInfinity));
        return Vector256.ConditionalSelect(exact, x, Vector256.ConditionalSelect(infinite, u, corrected));
    }

    /// <summary>Lane-wise <see cref="StableMath.ExpM1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> ExpM1(Vector256<double> x)
    {
        var u = Exp(x);
        var um1 = u - Vector256<double>.One;
        var corrected = um1 * x / Log(u);
        var exact = Vector256.Equals(u, Vector256<double>.One);
        var saturated = Vector256.Equals(um1, Vector256.Create(-1.0)) | Vector256.Equals(u, Vector256.Create(double.PositiveInfinity));
        return Vector256.ConditionalSelect(exact, x, Vector256.ConditionalSelect(saturated, um1, corrected));
    }

    /// <summary>G(x) = (1 + x)·ln(1 + x) − x by its series, for lanes where |x| is below the series threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> RelativeEntropySeriesPart(Vector256<double> x)
        => x * x * Polynomial(x, RelativeEntropySeries);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> ExpRemainderSeriesPart(Vector256<double> t)
        => t * t * Polynomial(t, ExpRemainderSeries);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> JensenShannonSeriesPart(Vector256<double> delta)
    {
        var d2 = delta * delta;
        return d2 * Polynomial(d2, JensenShannonSeries);
    }

    /// <summary>G(x) = (1 + x)·ln(1 + x) − x by its series (Estrin's scheme, unrolled: four FMAs deep).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> RelativeEntropySeriesPart(Vector512<double> x)
    {
        var x2 = x * x;
        var x4 = x2 * x2;
        var x8 = x4 * x4;
        var p0 = Vector512.FusedMultiplyAdd(x, Vector512.Create(-1.0 / 6), Vector512.Create(1.0 / 2));
        var p1 = Vector512.FusedMultiplyAdd(x, Vector512.Create(-1.0 / 20), Vector512.Create(1.0 / 12));
        var p2 = Vector512.FusedMultiplyAdd(x, Vector512.Create(-1.0 / 42), Vector512.Create(1.0 / 30));
        var p3 = Vector512.FusedMultiplyAdd(x, Vector512.Create(-1.0 / 72), Vector512.Create(1.0 / 56));
        var p4 = Vector512.FusedMultiplyAdd(x, Vector512.Create(-1.0 / 110), Vector512.Create(1.0 / 90));
        var p5 = Vector512.FusedMultiplyAdd(x, Vector512.Create(-1.0 / 156), Vector512.Create(1.0 / 132));
        var p6 = Vector512.FusedMultiplyAdd(x, Vector512.Create(-1.0 / 210), Vector512.Create(1.0 / 182));
        var q0 = Vector512.FusedMultiplyAdd(x2, p1, p0);
        var q1 = Vector512.FusedMultiplyAdd(x2, p3, p2);
        var q2 = Vector512.FusedMultiplyAdd(x2, p5, p4);
        var r0 = Vector512.FusedMultiplyAdd(x4, q1, q0);
        var r1 = Vector512.FusedMultiplyAdd(x4, p6, q2);
        return x2 * Vector512.FusedMultiplyAdd(x8, r1, r0);
    }

    /// <summary>h(δ) = (1 + δ)ln(1 + δ) + (1 − δ)ln(1 − δ) by its series in u = δ² (Estrin's scheme, unrolled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> JensenShannonSeriesPart(Vector512<double> delta)
    {
        var u = delta * delta;
        var u2 = u * u;
        var u4 = u2 * u2;
        var p0 = Vector512.FusedMultiplyAdd(u, Vector512.Create(1.0 / 6), Vector512<double>.One);
        var p1 = Vector512.FusedMultiplyAdd(u, Vector512.Create(1.0 / 28), Vector512.Create(1.0 / 15));
        var p2 = Vector512.FusedMultiplyAdd(u, Vector512.Create(1.0 / 66), Vector512.Create(1.0 / 45));
        var p3 = Vector512.FusedMultiplyAdd(u, Vector512.Create(1.0 / 120), Vector512.Create(1.0 / 91));
        var q0 = Vector512.FusedMultiplyAdd(u2, p1, p0);
        var q1 = Vector512.FusedMultiplyAdd(u2, p3, p2);
        return u * Vector512.FusedMultiplyAdd(u4, q1, q0);
    }

    /// <summary>Lanes with |x| &lt; <see cref="StableMath.SeriesThreshold"/> (false for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> SeriesLanes(Vector256<double> x)
        => Vector256.LessThan(Vector256.Abs(x), Vector256.Create(StableMath.SeriesThreshold));

    /// <summary>x·ln y lane-wise, with 0 where x = 0 (0·ln 0 = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> XLogY(Vector256<double> x, Vector256<double> y)
        => Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), Vector256<double>.Zero, x * Log(y));
}

/// <summary>The <see cref="VectorMath"/> helpers at any lane width (<see cref="ILanes{TSelf}"/>), for the kernels that run on the machine's width.</summary>
internal static class LaneMath
{
    /// <summary>Σ c_i x^i as even and odd halves in x², in the order of <see cref="VectorMath.Polynomial"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL Polynomial<TL>(TL x, ReadOnlySpan<double> coefficients) where TL : struct, ILanes<TL>
    {
        var x2 = x * x;
        var last = (coefficients.Length - 1) & ~1;
        var even = TL.Create(coefficients[last]);
        for (var i = last - 2; i >= 0; i -= 2)
        {
            even = TL.FusedMultiplyAdd(even, x2, TL.Create(coefficients[i]));
        }

        var lastOdd = coefficients.Length % 2 == 0 ? coefficients.Length - 1 : coefficients.Length - 2;
        var odd = TL.Create(coefficients[lastOdd]);
        for (var i = lastOdd - 2; i >= 1; i -= 2)
        {
            odd = TL.FusedMultiplyAdd(odd, x2, TL.Create(coefficients[i]));
        }

        return TL.FusedMultiplyAdd(odd, x, even);
    }

    /// <summary>Lane-wise <see cref="StableMath.Log1P"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL Log1P<TL>(TL x) where TL : struct, ILanes<TL>
    {
        var u = TL.One + x;
        var log = TL.Log(u);
        var corrected = log * x / (u - TL.One);
        var exact = TL.Equal(u, TL.One);
        var infinite = TL.Equal(u, TL.Create(double.PositiveInfinity));
        return TL.Select(exact, x, TL.Select(infinite, u, corrected));
    }

    /// <summary>G(x) = (1 + x)·ln(1 + x) − x by its series.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL RelativeEntropySeriesPart<TL>(TL x) where TL : struct, ILanes<TL>
    {
        // Written on the raw vector types: the wrapper structs' IL would exhaust the JIT's inlining budget in the KL loop.
        if (typeof(TL) == typeof(Lanes512))
        {
            var wide = new Lanes512(VectorMath.RelativeEntropySeriesPart(Unsafe.As<TL, Lanes512>(ref x).Value));
            return Unsafe.As<Lanes512, TL>(ref wide);
        }

        var narrow = new Lanes256(VectorMath.RelativeEntropySeriesPart(Unsafe.As<TL, Lanes256>(ref x).Value));
        return Unsafe.As<Lanes256, TL>(ref narrow);
    }

    /// <summary>Φ(t) = e^t − 1 − t by its series.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL ExpRemainderSeriesPart<TL>(TL t) where TL : struct, ILanes<TL>
        => t * t * Polynomial(t, VectorMath.ExpRemainderSeries);

    /// <summary>h(δ) = (1 + δ)ln(1 + δ) + (1 − δ)ln(1 − δ) by its series.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL JensenShannonSeriesPart<TL>(TL delta) where TL : struct, ILanes<TL>
    {
        if (typeof(TL) == typeof(Lanes512))
        {
            var wide = new Lanes512(VectorMath.JensenShannonSeriesPart(Unsafe.As<TL, Lanes512>(ref delta).Value));
            return Unsafe.As<Lanes512, TL>(ref wide);
        }

        var narrow = new Lanes256(VectorMath.JensenShannonSeriesPart(Unsafe.As<TL, Lanes256>(ref delta).Value));
        return Unsafe.As<Lanes256, TL>(ref narrow);
    }

    /// <summary>Lanes with |x| &lt; <see cref="StableMath.SeriesThreshold"/> (false for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL SeriesLanes<TL>(TL x) where TL : struct, ILanes<TL>
        => TL.LessThan(TL.Abs(x), TL.Create(StableMath.SeriesThreshold));

    /// <summary>x·ln y lane-wise, with 0 where x = 0 (0·ln 0 = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL XLogY<TL>(TL x, TL y) where TL : struct, ILanes<TL>
        => TL.Select(TL.Equal(x, TL.Zero), TL.Zero, x * TL.Log(y));
}
