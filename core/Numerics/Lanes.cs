using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Functional.Numerics;

/// <summary>
/// A vector of double lanes of one width, so a kernel body is written once and runs on 256- or 512-bit registers.
/// The width is chosen once (<see cref="LaneWidth.Wide"/>); a kernel dispatches on it at its entry and the JIT
/// specialises the body for each struct, so the abstraction costs nothing in the loop.
/// </summary>
/// <remarks>Masks are lane vectors with all bits set (true) or clear (false), as the comparisons return them.</remarks>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
internal interface ILanes<TSelf> :
    IAdditionOperators<TSelf, TSelf, TSelf>,
    ISubtractionOperators<TSelf, TSelf, TSelf>,
    IMultiplyOperators<TSelf, TSelf, TSelf>,
    IDivisionOperators<TSelf, TSelf, TSelf>,
    IUnaryNegationOperators<TSelf, TSelf>,
    IBitwiseOperators<TSelf, TSelf, TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    static abstract TSelf AllBitsSet { get; }

    static abstract TSelf Create(double value);

    /// <summary>a·b + c with one rounding.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf Abs(TSelf x);

    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>The lane-wise larger bit pattern, read as unsigned 64-bit integers (a running bound on a domain's bits).</summary>
    static abstract TSelf MaxBits(TSelf a, TSelf b);

    /// <summary>Whether every lane's bit pattern, read as an unsigned 64-bit integer, is at most <paramref name="bound"/>.</summary>
    static abstract bool AllBitsAtMost(TSelf x, ulong bound);

    /// <summary>1/x, at most an ulp from the correctly rounded quotient (a refined reciprocal estimate where the hardware has one).</summary>
    static abstract TSelf Reciprocal(TSelf x);

    static abstract TSelf Equal(TSelf a, TSelf b);

    static abstract TSelf LessThan(TSelf a, TSelf b);

    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);

    static abstract TSelf GreaterThan(TSelf a, TSelf b);

    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);

    /// <summary>Lane-wise mask ? a : b.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);

    /// <summary>Whether any lane of the mask is set.</summary>
    static abstract bool Any(TSelf mask);

    /// <summary>Whether every lane of the mask is set.</summary>
    static abstract bool All(TSelf mask);

    /// <summary>Σ lanes, in a fixed order.</summary>
    static abstract double Sum(TSelf x);

    /// <summary>max over the lanes.</summary>
    static abstract double MaxAcross(TSelf x);

    /// <summary>The lanes in order, to a buffer of at least <see cref="Count"/> doubles.</summary>
    static abstract void CopyTo(TSelf x, Span<double> destination);

    /// <summary>ln x: <see cref="VectorMath"/>'s deterministic logarithm at this width.</summary>
    static abstract TSelf Log(TSelf x);

    /// <summary>e^x: <see cref="VectorMath"/>'s deterministic exponential at this width.</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>Loads 2·<see cref="Count"/> elements from index i as two vectors of double (float is widened).</summary>
    static abstract void Load<T>(ReadOnlySpan<T> source, int i, out TSelf lower, out TSelf upper) where T : IFloatingPointIeee754<T>;

    /// <summary>Loads <see cref="Count"/> elements from index i as one vector of double (float is widened): for loops that
    /// take one vector an iteration, so the JIT does not share (and spill) a term's constants between two.</summary>
    static abstract TSelf LoadOne<T>(ReadOnlySpan<T> source, int i) where T : IFloatingPointIeee754<T>;

    /// <summary>Stores two vectors as 2·<see cref="Count"/> elements of T at index i (float is narrowed, to nearest).</summary>
    static abstract void Store<T>(Span<T> destination, int i, TSelf lower, TSelf upper) where T : IFloatingPointIeee754<T>;
}

/// <summary>Which lane width this machine's kernels use, decided once.</summary>
internal static class LaneWidth
{
    /// <summary>512-bit lanes where the hardware accelerates them (AVX-512), 256-bit otherwise.</summary>
    internal static bool Wide => Vector512.IsHardwareAccelerated;
}

/// <summary>Four doubles in a <see cref="Vector256{T}"/>.</summary>
internal readonly struct Lanes256(Vector256<double> value) : ILanes<Lanes256>
{
    internal readonly Vector256<double> Value = value;

    public static int Count => Vector256<double>.Count;

    public static Lanes256 Zero => new(Vector256<double>.Zero);

    public static Lanes256 One => new(Vector256<double>.One);

    public static Lanes256 AllBitsSet => new(Vector256<double>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Create(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator +(Lanes256 left, Lanes256 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 left, Lanes256 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator *(Lanes256 left, Lanes256 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator /(Lanes256 left, Lanes256 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator &(Lanes256 left, Lanes256 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator |(Lanes256 left, Lanes256 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator ^(Lanes256 left, Lanes256 right) => new(left.Value ^ right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator ~(Lanes256 value) => new(~value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 FusedMultiplyAdd(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Abs(Lanes256 x) => new(Vector256.Abs(x.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Max(Lanes256 a, Lanes256 b) => new(Vector256.Max(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 MaxBits(Lanes256 a, Lanes256 b) => new(Vector256.Max(a.Value.AsUInt64(), b.Value.AsUInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllBitsAtMost(Lanes256 x, ulong bound) => Vector256.LessThanOrEqualAll(x.Value.AsUInt64(), Vector256.Create(bound));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Reciprocal(Lanes256 x) => new(Vector256<double>.One / x.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Equal(Lanes256 a, Lanes256 b) => new(Vector256.Equals(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LessThan(Lanes256 a, Lanes256 b) => new(Vector256.LessThan(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LessThanOrEqual(Lanes256 a, Lanes256 b) => new(Vector256.LessThanOrEqual(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 GreaterThan(Lanes256 a, Lanes256 b) => new(Vector256.GreaterThan(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 GreaterThanOrEqual(Lanes256 a, Lanes256 b) => new(Vector256.GreaterThanOrEqual(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Select(Lanes256 mask, Lanes256 a, Lanes256 b) => new(Vector256.ConditionalSelect(mask.Value, a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Lanes256 mask) => mask.Value.AsUInt64() != Vector256<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Lanes256 mask) => mask.Value.AsUInt64() == Vector256<ulong>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Lanes256 x) => (x.Value[0] + x.Value[1]) + (x.Value[2] + x.Value[3]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(Lanes256 x) => Math.Max(Math.Max(x.Value[0], x.Value[1]), Math.Max(x.Value[2], x.Value[3]));

    public static void CopyTo(Lanes256 x, Span<double> destination) => x.Value.CopyTo(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Log(Lanes256 x) => new(VectorMath.Log(x.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Exp(Lanes256 x) => new(VectorMath.Exp(x.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load<T>(ReadOnlySpan<T> source, int i, out Lanes256 lower, out Lanes256 upper) where T : IFloatingPointIeee754<T>
    {
        Kernel.Load(source, i, out var l, out var u);
        lower = new(l);
        upper = new(u);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LoadOne<T>(ReadOnlySpan<T> source, int i) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return new(Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(source)), (nuint)i));
        }

        return new(Vector256.Create(
            double.CreateTruncating(source[i]), double.CreateTruncating(source[i + 1]),
            double.CreateTruncating(source[i + 2]), double.CreateTruncating(source[i + 3])));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Span<T> destination, int i, Lanes256 lower, Lanes256 upper) where T : IFloatingPointIeee754<T>
        => Kernel.Store(destination, i, lower.Value, upper.Value);
}

/// <summary>Eight doubles in a <see cref="Vector512{T}"/>.</summary>
internal readonly struct Lanes512(Vector512<double> value) : ILanes<Lanes512>
{
    internal readonly Vector512<double> Value = value;

    public static int Count => Vector512<double>.Count;

    public static Lanes512 Zero => new(Vector512<double>.Zero);

    public static Lanes512 One => new(Vector512<double>.One);

    public static Lanes512 AllBitsSet => new(Vector512<double>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 left, Lanes512 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 left, Lanes512 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 left, Lanes512 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator /(Lanes512 left, Lanes512 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator &(Lanes512 left, Lanes512 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator |(Lanes512 left, Lanes512 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator ^(Lanes512 left, Lanes512 right) => new(left.Value ^ right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator ~(Lanes512 value) => new(~value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 FusedMultiplyAdd(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Abs(Lanes512 x) => new(Vector512.Abs(x.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Max(Lanes512 a, Lanes512 b) => new(Vector512.Max(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 MaxBits(Lanes512 a, Lanes512 b) => new(Vector512.Max(a.Value.AsUInt64(), b.Value.AsUInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllBitsAtMost(Lanes512 x, ulong bound) => Vector512.LessThanOrEqualAll(x.Value.AsUInt64(), Vector512.Create(bound));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Reciprocal(Lanes512 x) => new(VectorMath.Reciprocal(x.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Equal(Lanes512 a, Lanes512 b) => new(Vector512.Equals(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LessThan(Lanes512 a, Lanes512 b) => new(Vector512.LessThan(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LessThanOrEqual(Lanes512 a, Lanes512 b) => new(Vector512.LessThanOrEqual(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 GreaterThan(Lanes512 a, Lanes512 b) => new(Vector512.GreaterThan(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 GreaterThanOrEqual(Lanes512 a, Lanes512 b) => new(Vector512.GreaterThanOrEqual(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Select(Lanes512 mask, Lanes512 a, Lanes512 b) => new(Vector512.ConditionalSelect(mask.Value, a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Lanes512 mask) => mask.Value.AsUInt64() != Vector512<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Lanes512 mask) => mask.Value.AsUInt64() == Vector512<ulong>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Lanes512 x) => Lanes256.Sum(new(x.Value.GetLower() + x.Value.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(Lanes512 x) => Lanes256.MaxAcross(new(Vector256.Max(x.Value.GetLower(), x.Value.GetUpper())));

    public static void CopyTo(Lanes512 x, Span<double> destination) => x.Value.CopyTo(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Log(Lanes512 x) => new(VectorMath.Log(x.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Exp(Lanes512 x) => new(VectorMath.Exp(x.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LoadOne<T>(ReadOnlySpan<T> source, int i) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return new(Vector512.LoadUnsafe(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(source)), (nuint)i));
        }

        if (typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            return new(Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(source)), (nuint)i)));
        }

        return new(Vector512.Create(Lanes256.LoadOne(source, i).Value, Lanes256.LoadOne(source, i + 4).Value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load<T>(ReadOnlySpan<T> source, int i, out Lanes512 lower, out Lanes512 upper) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            ref var start = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(source));
            lower = new(Vector512.LoadUnsafe(ref start, (nuint)i));
            upper = new(Vector512.LoadUnsafe(ref start, (nuint)(i + Vector512<double>.Count)));
        }
        else if (typeof(T) == typeof(float))
        {
            ref var start = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(source));
            var (l, u) = Vector512.Widen(Vector512.LoadUnsafe(ref start, (nuint)i));
            lower = new(l);
            upper = new(u);
        }
        else
        {
            Kernel.Load(source, i, out var l0, out var l1);
            Kernel.Load(source, i + Kernel.Lanes, out var u0, out var u1);
            lower = new(Vector512.Create(l0, l1));
            upper = new(Vector512.Create(u0, u1));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Span<T> destination, int i, Lanes512 lower, Lanes512 upper) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            ref var start = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(destination));
            lower.Value.StoreUnsafe(ref start, (nuint)i);
            upper.Value.StoreUnsafe(ref start, (nuint)(i + Vector512<double>.Count));
        }
        else if (typeof(T) == typeof(float))
        {
            ref var start = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(destination));
            Vector512.Narrow(lower.Value, upper.Value).StoreUnsafe(ref start, (nuint)i);
        }
        else
        {
            Kernel.Store(destination, i, lower.Value.GetLower(), lower.Value.GetUpper());
            Kernel.Store(destination, i + Kernel.Lanes, upper.Value.GetLower(), upper.Value.GetUpper());
        }
    }
}

/// <summary>One Neumaier (Kahan–Babuška) compensated sum per lane, at any lane width.</summary>
/// <typeparam name="TL">The lane width.</typeparam>
internal struct LaneNeumaier<TL> where TL : struct, ILanes<TL>
{
    private TL _sum;
    private TL _compensation;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(TL value)
    {
        var t = _sum + value;
        var sumLarger = TL.GreaterThanOrEqual(TL.Abs(_sum), TL.Abs(value));
        _compensation += TL.Select(sumLarger, (_sum - t) + value, (value - t) + _sum);
        _sum = t;
    }

    /// <summary>Multiplies the running sum (and its compensation) by <paramref name="factor"/>: a change of reference point.</summary>
    internal void Scale(double factor)
    {
        var f = TL.Create(factor);
        _sum *= f;
        _compensation *= f;
    }

    /// <summary>Combines the lanes, in lane order, and a scalar tail into one compensated total.</summary>
    internal readonly double Result(ScalarNeumaier tail)
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        TL.CopyTo(_sum, lanes);
        var total = new ScalarNeumaier();
        for (var lane = 0; lane < TL.Count; lane++)
        {
            total.Add(lanes[lane]);
        }

        total.Add(tail.Sum);
        if (!double.IsFinite(total.Sum))
        {
            return total.Sum;
        }

        var compensation = TL.Sum(_compensation) + tail.Compensation;
        return total.Result + compensation;
    }
}
