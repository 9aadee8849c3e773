using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Functional.Numerics;

/// <summary>What the values of one operand of a kernel may be, checked lane by lane inside the kernel's single pass.</summary>
internal interface IDomain
{
    /// <summary>Whether the operand's mass (Σ values, or Σ exp(values) for logarithms) must be 1.</summary>
    static abstract bool IsNormalised { get; }

    /// <summary>All bits set in the lanes whose values belong to the domain (NaN never does).</summary>
    static abstract Vector256<double> ValidLanes(Vector256<double> values);

    /// <summary>All bits set in the lanes whose values belong to the domain, on 512-bit lanes.</summary>
    static abstract Vector512<double> ValidLanes(Vector512<double> values);

    static abstract bool IsValid(double value);

    /// <summary>Why a value that is not valid is not: "is negative", "is NaN", ...</summary>
    static abstract string Problem(double value);

    /// <summary>The value's contribution to the operand's mass.</summary>
    static abstract Vector256<double> Mass(Vector256<double> values);

    static abstract double Mass(double value);
}

/// <summary>Probabilities: 0 ≤ v ≤ 1, summing to 1.</summary>
internal readonly struct ProbabilityDomain : IDomain
{
    public static bool IsNormalised => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ValidLanes(Vector256<double> values)
        => Vector256.GreaterThanOrEqual(values, Vector256<double>.Zero) & Vector256.LessThanOrEqual(values, Vector256<double>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ValidLanes(Vector512<double> values)
        => Vector512.GreaterThanOrEqual(values, Vector512<double>.Zero) & Vector512.LessThanOrEqual(values, Vector512<double>.One);

    public static bool IsValid(double value) => value is >= 0.0 and <= 1.0;

    public static string Problem(double value) => double.IsNaN(value) ? "is NaN"
        : value < 0.0 ? "is negative"
        : double.IsPositiveInfinity(value) ? "is infinite"
        : "is greater than 1, so it is not a probability";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mass(Vector256<double> values) => values;

    public static double Mass(double value) => value;
}

/// <summary>Probabilities that need not sum to 1 (binary entropy, surprisal): 0 ≤ v ≤ 1.</summary>
internal readonly struct UnitIntervalDomain : IDomain
{
    public static bool IsNormalised => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ValidLanes(Vector256<double> values) => ProbabilityDomain.ValidLanes(values);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ValidLanes(Vector512<double> values) => ProbabilityDomain.ValidLanes(values);

    public static bool IsValid(double value) => ProbabilityDomain.IsValid(value);

    public static string Problem(double value) => ProbabilityDomain.Problem(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mass(Vector256<double> values) => values;

    public static double Mass(double value) => value;
}

/// <summary>Natural logarithms of probabilities: −∞ ≤ v ≤ 0, with Σ exp(v) = 1.</summary>
internal readonly struct LogProbabilityDomain : IDomain
{
    public static bool IsNormalised => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ValidLanes(Vector256<double> values)
        => Vector256.LessThanOrEqual(values, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ValidLanes(Vector512<double> values)
        => Vector512.LessThanOrEqual(values, Vector512<double>.Zero);

    public static bool IsValid(double value) => value <= 0.0;

    public static string Problem(double value) => double.IsNaN(value) ? "is NaN"
        : "is positive, so it is not the logarithm of a probability (log-probabilities are ≤ 0)";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mass(Vector256<double> values) => VectorMath.Exp(values);

    public static double Mass(double value) => Math.Exp(value);
}

/// <summary>Finite, non-negative values (weights to normalise).</summary>
internal readonly struct NonNegativeDomain : IDomain
{
    public static bool IsNormalised => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ValidLanes(Vector256<double> values)
        => Vector256.GreaterThanOrEqual(values, Vector256<double>.Zero) & Vector256.LessThanOrEqual(values, Vector256.Create(double.MaxValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ValidLanes(Vector512<double> values)
        => Vector512.GreaterThanOrEqual(values, Vector512<double>.Zero) & Vector512.LessThanOrEqual(values, Vector512.Create(double.MaxValue));

    public static bool IsValid(double value) => value is >= 0.0 and <= double.MaxValue;

    public static string Problem(double value) => double.IsNaN(value) ? "is NaN" : value < 0.0 ? "is negative" : "is infinite";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mass(Vector256<double> values) => values;

    public static double Mass(double value) => value;
}

/// <summary>Class labels coded as −1 or +1 (margin losses).</summary>
internal readonly struct SignDomain : IDomain
{
    public static bool IsNormalised => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ValidLanes(Vector256<double> values)
        => Vector256.Equals(Vector256.Abs(values), Vector256<double>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ValidLanes(Vector512<double> values)
        => Vector512.Equals(Vector512.Abs(values), Vector512<double>.One);

    public static bool IsValid(double value) => value is 1.0 or -1.0;

    public static string Problem(double value) => "is not a label in {−1, +1}";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mass(Vector256<double> values) => values;

    public static double Mass(double value) => value;
}

/// <summary>Any finite value (function values, samples).</summary>
internal readonly struct FiniteDomain : IDomain
{
    public static bool IsNormalised => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ValidLanes(Vector256<double> values)
        => Vector256.LessThanOrEqual(Vector256.Abs(values), Vector256.Create(double.MaxValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ValidLanes(Vector512<double> values)
        => Vector512.LessThanOrEqual(Vector512.Abs(values), Vector512.Create(double.MaxValue));

    public static bool IsValid(double value) => double.IsFinite(value);

    public static string Problem(double value) => double.IsNaN(value) ? "is NaN" : "is infinite";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mass(Vector256<double> values) => values;

    public static double Mass(double value) => value;
}

/// <summary>A domain's lane checks at any lane width: direct for the probability domains, through the domain's members of that width otherwise.</summary>
internal static class DomainLanes
{
    /// <summary>All bits set in the lanes whose values belong to the domain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL Valid<TDomain, TL>(TL values)
        where TDomain : IDomain
        where TL : struct, ILanes<TL>
    {
        if (typeof(TDomain) == typeof(ProbabilityDomain) || typeof(TDomain) == typeof(UnitIntervalDomain))
        {
            return TL.GreaterThanOrEqual(values, TL.Zero) & TL.LessThanOrEqual(values, TL.One);
        }

        if (typeof(TL) == typeof(Lanes256))
        {
            return Narrow<TL>(TDomain.ValidLanes(Unsafe.As<TL, Lanes256>(ref values).Value));
        }

        var valid = TDomain.ValidLanes(Unsafe.As<TL, Lanes512>(ref values).Value);
        return Unsafe.As<Vector512<double>, TL>(ref valid);
    }

    /// <summary>The lanes' contributions to the operand's mass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TL Mass<TDomain, TL>(TL values)
        where TDomain : IDomain
        where TL : struct, ILanes<TL>
    {
        if (typeof(TDomain) == typeof(ProbabilityDomain) || typeof(TDomain) == typeof(UnitIntervalDomain))
        {
            return values;
        }

        if (typeof(TDomain) == typeof(LogProbabilityDomain))
        {
            return TL.Exp(values);
        }

        if (typeof(TL) == typeof(Lanes256))
        {
            return Narrow<TL>(TDomain.Mass(Unsafe.As<TL, Lanes256>(ref values).Value));
        }

        var wide = Unsafe.As<TL, Lanes512>(ref values).Value;
        return Wide<TL>(TDomain.Mass(wide.GetLower()), TDomain.Mass(wide.GetUpper()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TL Narrow<TL>(Vector256<double> value)
        where TL : struct, ILanes<TL>
    {
        var result = new Lanes256(value);
        return Unsafe.As<Lanes256, TL>(ref result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TL Wide<TL>(Vector256<double> lower, Vector256<double> upper)
        where TL : struct, ILanes<TL>
    {
        var result = new Lanes512(Vector512.Create(lower, upper));
        return Unsafe.As<Lanes512, TL>(ref result);
    }
}
