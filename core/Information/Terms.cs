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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> p) => -VectorMath.XLogY(p, p);
}

/// <summary>−p·ln p − (1 − p)·ln(1 − p), with ln(1 − p) as log1p(−p).</summary>
internal readonly struct BinaryEntropyTerm : IUnaryTerm
{
    public static double Invoke(double p)
    {
        var complement = 1.0 - p;
        return -StableMath.XLogY(p, p) - (complement == 0.0 ? 0.0 : complement * StableMath.Log1P(-p));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> p)
    {
        var complement = Vector256<double>.One - p;
        var second = Vector256.ConditionalSelect(
            Vector256.Equals(complement, Vector256<double>.Zero), Vector256<double>.Zero, complement * VectorMath.Log1P(-p));
        return -VectorMath.XLogY(p, p) - second;
    }
}

/// <summary>−ln p (+∞ at p = 0).</summary>
internal readonly struct SurprisalTerm : IUnaryTerm
{
    public static double Invoke(double p) => -Math.Log(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> p) => -VectorMath.Log(p);
}

/// <summary>x itself (for sums and sample averages).</summary>
internal readonly struct IdentityTerm : IUnaryTerm
{
    public static double Invoke(double x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> x) => x;
}

/// <summary>p·f (expectation).</summary>
internal readonly struct ProductTerm : IPairTerm
{
    public static double Invoke(double p, double f) => p * f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> p, Vector256<double> f) => p * f;
}

/// <summary>−p·ln q: 0 where p = 0 (whatever q), +∞ where q = 0 &lt; p.</summary>
internal readonly struct CrossEntropyTerm : IPairTerm
{
    public static double Invoke(double p, double q) => -StableMath.XLogY(p, q);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> p, Vector256<double> q) => -VectorMath.XLogY(p, q);
}

/// <summary>−p·(ln q), ln q given: 0 where p = 0 (even for ln q = −∞).</summary>
internal readonly struct CrossEntropyFromLogQTerm : IPairTerm
{
    public static double Invoke(double p, double logQ) => p == 0.0 ? 0.0 : -p * logQ;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> p, Vector256<double> logQ)
        => Vector256.ConditionalSelect(Vector256.Equals(p, Vector256<double>.Zero), Vector256<double>.Zero, -p * logQ);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> p, Vector256<double> q)
    {
        var reciprocal = Vector256<double>.One / q;
        var d = p - q;
        var ratio = p * reciprocal;
        var logRatio = VectorMath.Log(ratio);
        var overflowed = Vector256.Equals(ratio, Vector256.Create(double.PositiveInfinity)) & Vector256.GreaterThan(q, Vector256<double>.Zero);
        if (!Vector256.EqualsAll(overflowed, Vector256<double>.Zero))
        {
            logRatio = Vector256.ConditionalSelect(overflowed, VectorMath.Log(p) - VectorMath.Log(q), logRatio);
        }

        var direct = Vector256.ConditionalSelect(Vector256.Equals(p, Vector256<double>.Zero), q, (p * logRatio) - d);
        var x = d * reciprocal;
        return Vector256.ConditionalSelect(VectorMath.SeriesLanes(x), q * VectorMath.RelativeEntropySeriesPart(x), direct);
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
    public static Vector256<double> Invoke(Vector256<double> p, Vector256<double> logQ)
    {
        var q = VectorMath.Exp(logQ);
        var d = p - q;
        var direct = Vector256.ConditionalSelect(Vector256.Equals(p, Vector256<double>.Zero), q, (p * (VectorMath.Log(p) - logQ)) - d);
        var x = d / q;
        var series = VectorMath.SeriesLanes(x);
        return Vector256.ConditionalSelect(series, q * VectorMath.RelativeEntropySeriesPart(x), direct);
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
    public static Vector256<double> Invoke(Vector256<double> logP, Vector256<double> logQ)
    {
        var p = VectorMath.Exp(logP);
        var q = VectorMath.Exp(logQ);
        var t = logQ - logP;
        var direct = Vector256.ConditionalSelect(Vector256.Equals(p, Vector256<double>.Zero), q, q - p - (p * t));
        var series = VectorMath.SeriesLanes(t);
        return Vector256.ConditionalSelect(series, p * VectorMath.ExpRemainderSeriesPart(t), direct);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> p, Vector256<double> q)
    {
        var s = p + q;
        var two = Vector256.Create(2.0);
        var direct = Vector256.Create(0.5) * (VectorMath.XLogY(p, two * p / s) + VectorMath.XLogY(q, two * q / s));
        var delta = (p - q) / s;
        var series = VectorMath.SeriesLanes(delta);
        return Vector256.ConditionalSelect(series, Vector256.Create(0.25) * s * VectorMath.JensenShannonSeriesPart(delta), direct);
    }
}
