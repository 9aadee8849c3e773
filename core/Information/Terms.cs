using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Information;

// The per-element terms of the information measures, in nats. Each is the scalar and the lane-wise form of
// one formula; NOTES.md derives them. All are ≥ 0 for valid input, so their sums are too.

/// <summary>−p·ln p, with 0·ln 0 = 0.</summary>
internal readonly struct EntropyTerm : IUnaryTerm
{
    public static double Invoke(double p) => -StableMath.XLogY(p, p);

    public static bool NonNegative => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p) where TL : struct, ILanes<TL> => -LaneMath.XLogY(p, p);
}

/// <summary>−p·ln p − (1 − p)·ln(1 − p), with ln(1 − p) as log1p(−p).</summary>
internal readonly struct BinaryEntropyTerm : IUnaryTerm
{
    public static double Invoke(double p)
    {
        var complement = 1.0 - p;
        return -StableMath.XLogY(p, p) - (complement == 0.0 ? 0.0 : complement * StableMath.Log1P(-p));
    }

    public static bool NonNegative => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p) where TL : struct, ILanes<TL>
    {
        var complement = TL.One - p;
        var second = TL.Select(TL.Equal(complement, TL.Zero), TL.Zero, complement * LaneMath.Log1P(-p));
        return -LaneMath.XLogY(p, p) - second;
    }
}

/// <summary>−ln p (+∞ at p = 0).</summary>
internal readonly struct SurprisalTerm : IUnaryTerm
{
    public static double Invoke(double p) => -Math.Log(p);

    public static bool NonNegative => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p) where TL : struct, ILanes<TL> => -TL.Log(p);
}

/// <summary>x itself (for sums and sample averages).</summary>
internal readonly struct IdentityTerm : IUnaryTerm
{
    public static double Invoke(double x) => x;

    public static bool NonNegative => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL x) where TL : struct, ILanes<TL> => x;
}

/// <summary>p·f (expectation).</summary>
internal readonly struct ProductTerm : IPairTerm
{
    public static double Invoke(double p, double f) => p * f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInvoke<TL>(TL x, TL y, out TL term) where TL : struct, ILanes<TL>
    {
        term = Invoke(x, y);
        return true;
    }

    public static bool NonNegative => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p, TL f) where TL : struct, ILanes<TL> => p * f;
}

/// <summary>−p·ln q: 0 where p = 0 (whatever q), +∞ where q = 0 &lt; p.</summary>
internal readonly struct CrossEntropyTerm : IPairTerm
{
    public static double Invoke(double p, double q) => -StableMath.XLogY(p, q);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInvoke<TL>(TL x, TL y, out TL term) where TL : struct, ILanes<TL>
    {
        term = Invoke(x, y);
        return true;
    }

    public static bool NonNegative => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p, TL q) where TL : struct, ILanes<TL> => -LaneMath.XLogY(p, q);
}

/// <summary>−p·(ln q), ln q given: 0 where p = 0 (even for ln q = −∞).</summary>
internal readonly struct CrossEntropyFromLogQTerm : IPairTerm
{
    public static double Invoke(double p, double logQ) => p == 0.0 ? 0.0 : -p * logQ;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInvoke<TL>(TL x, TL y, out TL term) where TL : struct, ILanes<TL>
    {
        term = Invoke(x, y);
        return true;
    }

    public static bool NonNegative => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p, TL logQ) where TL : struct, ILanes<TL>
        => TL.Select(TL.Equal(p, TL.Zero), TL.Zero, -p * logQ);
}

/// <summary>
/// p·ln(p/q) − p + q ≥ 0 (the term of the generalised KL, equal to KL for normalised p, q): q·G((p − q)/q) by series
/// where p ≈ q, p·ln(p/q) − (p − q) elsewhere; q where p = 0; +∞ where q = 0 &lt; p.
/// </summary>
internal readonly struct KlTerm : IPairTerm
{
    public static double Invoke(double p, double q)
    {
        // One division (1/q) serves both the ratio and x: divisions are the slowest lane operation after the log.
        var reciprocal = 1.0 / q;
        var d = p - q;
        var x = d * reciprocal;
        if (Math.Abs(x) < StableMath.SeriesThreshold)
        {
            return q * x * x * StableMath.Polynomial(x, VectorMath.RelativeEntropySeries);
        }

        if (p == 0.0)
        {
            return q;
        }

        var ratio = p * reciprocal;
        var logRatio = double.IsPositiveInfinity(ratio) && q > 0.0 ? Math.Log(p) - Math.Log(q) : Math.Log(ratio);
        return (p * logRatio) - d;
    }

    public static bool NonNegative => true;

    // Fast lanes: q ≥ 2^-1000, so 1/q and p/q are normal; p·(1/q) replaces a second division (256-bit lanes: the
    // refined reciprocal; 512-bit lanes: TryInvoke) and ln(p/q) is one call of the table logarithm. Any other q
    // (0, subnormal) sends the whole vector to the exact-division form. The series is blended, not branched on: for independent p and q some lane of
    // eight needs it about half the time, and the mispredicted branch cost more than the polynomial (NOTES).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p, TL q) where TL : struct, ILanes<TL>
    {
        if (!TL.All(TL.GreaterThanOrEqual(q, TL.Create(SmallestFast))))
        {
            return Careful(p, q);
        }

        if (typeof(TL) == typeof(Lanes512))
        {
            return TryInvoke(p, q, out var fast) ? fast : Careful(p, q);
        }

        var reciprocal = TL.Reciprocal(q);
        var d = p - q;
        var logRatio = TL.Log(p * reciprocal);
        var term = TL.Select(TL.Equal(p, TL.Zero), q, TL.FusedMultiplyAdd(p, logRatio, -d));
        var x = d * reciprocal;
        var series = LaneMath.SeriesLanes(x);
        return TL.Select(series, q * LaneMath.RelativeEntropySeriesPart(x), term);
    }

    // On 512-bit lanes, VectorMath.TryRelativeEntropyTerm: the logarithm opened up, its r taken from p and q, and the
    // central interval's polynomial serving as the series (NOTES "Speed, fifth slice"). Other widths: Invoke.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInvoke<TL>(TL p, TL q, out TL term) where TL : struct, ILanes<TL>
    {
        if (typeof(TL) != typeof(Lanes512))
        {
            term = Invoke(p, q);
            return true;
        }

        var wideP = Unsafe.As<TL, Lanes512>(ref p).Value;
        var wideQ = Unsafe.As<TL, Lanes512>(ref q).Value;
        if (!Vector512.GreaterThanOrEqualAll(wideQ, Vector512.Create(SmallestFast))
            || !VectorMath.TryRelativeEntropyTerm(wideP, wideQ, out var wide))
        {
            term = default;
            return false;
        }

        var lanes = new Lanes512(wide);
        term = Unsafe.As<Lanes512, TL>(ref lanes);
        return true;
    }

    private const double SmallestFast = 9.332636185032189e-302; // 2^-1000

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TL Careful<TL>(TL p, TL q) where TL : struct, ILanes<TL>
    {
        var reciprocal = TL.One / q;
        var d = p - q;
        var ratio = p * reciprocal;
        var logRatio = TL.Log(ratio);
        var overflowed = TL.Equal(ratio, TL.Create(double.PositiveInfinity)) & TL.GreaterThan(q, TL.Zero);
        if (TL.Any(overflowed))
        {
            logRatio = TL.Select(overflowed, TL.Log(p) - TL.Log(q), logRatio);
        }

        var direct = TL.Select(TL.Equal(p, TL.Zero), q, (p * logRatio) - d);
        var x = d * reciprocal;
        return TL.Select(LaneMath.SeriesLanes(x), q * LaneMath.RelativeEntropySeriesPart(x), direct);
    }
}

/// <summary>The KL term with ln q given: q = e^(ln q), then as <see cref="KlTerm"/> but with ln(p/q) = ln p − ln q (no overflow).</summary>
internal readonly struct KlFromLogQTerm : IPairTerm
{
    public static double Invoke(double p, double logQ)
    {
        var q = Math.Exp(logQ);
        var d = p - q;
        var x = d / q;
        if (Math.Abs(x) < StableMath.SeriesThreshold)
        {
            return q * x * x * StableMath.Polynomial(x, VectorMath.RelativeEntropySeries);
        }

        return p == 0.0 ? q : (p * (Math.Log(p) - logQ)) - d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInvoke<TL>(TL x, TL y, out TL term) where TL : struct, ILanes<TL>
    {
        term = Invoke(x, y);
        return true;
    }

    public static bool NonNegative => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p, TL logQ) where TL : struct, ILanes<TL>
    {
        var q = TL.Exp(logQ);
        var d = p - q;
        var direct = TL.Select(TL.Equal(p, TL.Zero), q, (p * (TL.Log(p) - logQ)) - d);
        var x = d / q;
        var series = LaneMath.SeriesLanes(x);
        return TL.Select(series, q * LaneMath.RelativeEntropySeriesPart(x), direct);
    }
}

/// <summary>
/// The KL term from ln p and ln q: p·Φ(t), Φ(t) = e^t − 1 − t, t = ln q − ln p; by series near t = 0,
/// as q − p − p·t elsewhere; q where p = 0; +∞ where q = 0 &lt; p.
/// </summary>
internal readonly struct KlFromLogsTerm : IPairTerm
{
    public static double Invoke(double logP, double logQ)
    {
        var p = Math.Exp(logP);
        var q = Math.Exp(logQ);
        var t = logQ - logP;
        if (Math.Abs(t) < StableMath.SeriesThreshold)
        {
            return p * t * t * StableMath.Polynomial(t, VectorMath.ExpRemainderSeries);
        }

        return p == 0.0 ? q : q - p - (p * t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInvoke<TL>(TL x, TL y, out TL term) where TL : struct, ILanes<TL>
    {
        term = Invoke(x, y);
        return true;
    }

    public static bool NonNegative => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL logP, TL logQ) where TL : struct, ILanes<TL>
    {
        var p = TL.Exp(logP);
        var q = TL.Exp(logQ);
        var t = logQ - logP;
        var direct = TL.Select(TL.Equal(p, TL.Zero), q, q - p - (p * t));
        var series = LaneMath.SeriesLanes(t);
        return TL.Select(series, p * LaneMath.ExpRemainderSeriesPart(t), direct);
    }
}

/// <summary>
/// ½[p·ln(p/m) + q·ln(q/m)], m = (p + q)/2: ((p + q)/4)·h(δ), δ = (p − q)/(p + q), by series near δ = 0;
/// ½[p·ln(2p/s) + q·ln(2q/s)] elsewhere (0·ln 0 = 0).
/// </summary>
internal readonly struct JensenShannonTerm : IPairTerm
{
    public static double Invoke(double p, double q)
    {
        var s = p + q;
        if (s == 0.0)
        {
            return 0.0;
        }

        // Divisions, not a shared 1/s: 1/s overflows for a subnormal s.
        var delta = (p - q) / s;
        if (Math.Abs(delta) < StableMath.SeriesThreshold)
        {
            var d2 = delta * delta;
            return 0.25 * s * d2 * StableMath.Polynomial(d2, VectorMath.JensenShannonSeries);
        }

        return 0.5 * (StableMath.XLogY(p, 2.0 * p / s) + StableMath.XLogY(q, 2.0 * q / s));
    }

    // On 512-bit lanes: Invoke's fast lanes with both logarithms taken only where every lane is a positive normal
    // number (p, q > 0), so the block's loop makes no call; a zero anywhere sends the block to Invoke.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInvoke<TL>(TL p, TL q, out TL term) where TL : struct, ILanes<TL>
    {
        if (typeof(TL) != typeof(Lanes512))
        {
            term = Invoke(p, q);
            return true;
        }

        var wideP = Unsafe.As<TL, Lanes512>(ref p).Value;
        var wideQ = Unsafe.As<TL, Lanes512>(ref q).Value;
        var s = wideP + wideQ;
        term = default;
        if (!Vector512.GreaterThanOrEqualAll(s, Vector512.Create(SmallestFast)))
        {
            return false;
        }

        var reciprocal = Vector512<double>.One / s;
        var twice = reciprocal + reciprocal;
        if (!(VectorMath.TryLog(wideP * twice, out var logP) & VectorMath.TryLog(wideQ * twice, out var logQ)))
        {
            return false;
        }

        var direct = Vector512.Create(0.5) * ((wideP * logP) + (wideQ * logQ));
        var delta = (wideP - wideQ) * reciprocal;
        var series = Vector512.LessThan(Vector512.Abs(delta), Vector512.Create(StableMath.SeriesThreshold));
        var lanes = new Lanes512(Vector512.ConditionalSelect(series, Vector512.Create(0.25) * s * VectorMath.JensenShannonSeriesPart(delta), direct));
        term = Unsafe.As<Lanes512, TL>(ref lanes);
        return true;
    }

    public static bool NonNegative => true;

    // Fast lanes: s = p + q ≥ 2^-1000, so one division 1/s replaces the three (a division: AMD's 512-bit divider
    // beats the refined reciprocal, NOTES "Speed, fifth slice"); 2p/s and 2q/s are then 1 + δ and 1 − δ up to an
    // ulp. The series is blended, as in KlTerm.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TL Invoke<TL>(TL p, TL q) where TL : struct, ILanes<TL>
    {
        if (typeof(TL) == typeof(Lanes512) && TryInvoke(p, q, out var fast))
        {
            return fast;
        }

        var s = p + q;
        if (!TL.All(TL.GreaterThanOrEqual(s, TL.Create(SmallestFast))))
        {
            return Careful(p, q);
        }

        var reciprocal = TL.One / s;
        var twice = reciprocal + reciprocal;
        var term = TL.Create(0.5) * (LaneMath.XLogY(p, p * twice) + LaneMath.XLogY(q, q * twice));
        var delta = (p - q) * reciprocal;
        var series = LaneMath.SeriesLanes(delta);
        return TL.Select(series, TL.Create(0.25) * s * LaneMath.JensenShannonSeriesPart(delta), term);
    }

    private const double SmallestFast = 9.332636185032189e-302; // 2^-1000

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TL Careful<TL>(TL p, TL q) where TL : struct, ILanes<TL>
    {
        var s = p + q;
        var two = TL.Create(2.0);
        var direct = TL.Create(0.5) * (LaneMath.XLogY(p, two * p / s) + LaneMath.XLogY(q, two * q / s));
        var delta = (p - q) / s;
        var series = LaneMath.SeriesLanes(delta);
        return TL.Select(series, TL.Create(0.25) * s * LaneMath.JensenShannonSeriesPart(delta), direct);
    }
}
