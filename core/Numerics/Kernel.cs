using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Functional.Numerics;

/// <summary>A term f(x) of a reduction or map, scalar and lane-wise; the two must agree.</summary>
internal interface IUnaryTerm
{
    static abstract double Invoke(double x);

    static abstract Vector256<double> Invoke(Vector256<double> x);
}

/// <summary>A term f(x, y) of a reduction over two operands, scalar and lane-wise; the two must agree.</summary>
internal interface IPairTerm
{
    static abstract double Invoke(double x, double y);

    static abstract Vector256<double> Invoke(Vector256<double> x, Vector256<double> y);
}

/// <summary>The result of a reduction: Σ f, and each operand's mass (for the normalisation check).</summary>
internal readonly record struct Sums(double Total, double MassX, double MassY);

/// <summary>A reduction over part of the input, not yet checked: Σ f (compensated), the masses, and whether every value was valid.</summary>
internal readonly record struct Partial(double Total, double MassX, double MassY, bool Valid)
{
    /// <summary>This part followed by the next: totals added compensated, in this order, so the result is deterministic.</summary>
    internal Partial Join(Partial next)
    {
        var total = new ScalarNeumaier();
        total.Add(Total);
        total.Add(next.Total);
        return new Partial(total.Result, MassX + next.MassX, MassY + next.MassY, Valid && next.Valid);
    }
}

/// <summary>The unary reduction over a pinned span, as one half of a <see cref="Split"/>.</summary>
internal readonly unsafe struct UnaryJob<T, TTerm, TDomain>(void* x) : ISplitJob<Partial>
    where T : IFloatingPointIeee754<T>
    where TTerm : IUnaryTerm
    where TDomain : IDomain
{
    public Partial Run(int start, int length) => Kernel.Accumulate<T, TTerm, TDomain>(Split.Span<T>(x, start, length));
}

/// <summary>The pair reduction over two pinned spans, as one half of a <see cref="Split"/>.</summary>
internal readonly unsafe struct PairJob<T, TTerm, TDomainX, TDomainY>(void* x, void* y) : ISplitJob<Partial>
    where T : IFloatingPointIeee754<T>
    where TTerm : IPairTerm
    where TDomainX : IDomain
    where TDomainY : IDomain
{
    public Partial Run(int start, int length)
        => Kernel.Accumulate<T, TTerm, TDomainX, TDomainY>(Split.Span<T>(x, start, length), Split.Span<T>(y, start, length));
}

/// <summary>
/// The one SIMD driver every information measure runs on: a single pass over the inputs, 16 elements a step
/// (four <see cref="Vector256{T}"/> of double; float is widened to double), validating every lane,
/// summing the terms with a per-lane compensated (Neumaier) sum, zero allocation.
/// </summary>
/// <remarks>
/// Validation rides in the pass as a running AND of lane masks; only when it fails is the input scanned
/// again, scalar, to name the first bad element. Terms and masses are computed in double whatever T is.
/// </remarks>
internal static class Kernel
{
    /// <summary>Elements a step: four vectors, so four independent terms are in flight.</summary>
    internal const int Step = 16;

    /// <summary>Elements one <see cref="Load{T}"/> brings in: two vectors of 4 doubles.</summary>
    internal const int Lanes = 8;

    internal static unsafe Sums Reduce<T, TTerm, TDomain>(ReadOnlySpan<T> x, Operand nameX)
        where T : IFloatingPointIeee754<T>
        where TTerm : IUnaryTerm
        where TDomain : IDomain
    {
        Partial result;
        if (x.Length < Split.Threshold)
        {
            result = Accumulate<T, TTerm, TDomain>(x);
        }
        else
        {
            fixed (byte* start = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(x)))
            {
                Split.Run(new UnaryJob<T, TTerm, TDomain>(start), x.Length, out var first, out Partial second);
                result = first.Join(second);
            }
        }

        if (!result.Valid)
        {
            ThrowFirstInvalid<T, TDomain>(x, nameX);
        }

        return new Sums(result.Total, result.MassX, result.MassY);
    }

    /// <summary>One pass of the unary reduction over x; reports invalid input instead of throwing.</summary>
    internal static Partial Accumulate<T, TTerm, TDomain>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
        where TTerm : IUnaryTerm
        where TDomain : IDomain
    {
        var total = new VectorNeumaier();
        var mass = Vector256<double>.Zero;
        var valid = Vector256<double>.AllBitsSet;
        var i = 0;
        for (; i <= x.Length - Step; i += Step)
        {
            Load(x, i, out var x0, out var x1);
            Load(x, i + Lanes, out var x2, out var x3);
            valid &= TDomain.ValidLanes(x0) & TDomain.ValidLanes(x1) & TDomain.ValidLanes(x2) & TDomain.ValidLanes(x3);
            total.Add(TTerm.Invoke(x0));
            total.Add(TTerm.Invoke(x1));
            total.Add(TTerm.Invoke(x2));
            total.Add(TTerm.Invoke(x3));
            if (TDomain.IsNormalised)
            {
                mass += (TDomain.Mass(x0) + TDomain.Mass(x1)) + (TDomain.Mass(x2) + TDomain.Mass(x3));
            }
        }

        var tail = new ScalarNeumaier();
        var tailMass = 0.0;
        var tailValid = true;
        for (; i < x.Length; i++)
        {
            var xi = double.CreateTruncating(x[i]);
            tailValid &= TDomain.IsValid(xi);
            tail.Add(TTerm.Invoke(xi));
            tailMass += TDomain.IsNormalised ? TDomain.Mass(xi) : 0.0;
        }

        var allValid = tailValid && Vector256.EqualsAll(valid.AsUInt64(), Vector256<ulong>.AllBitsSet);
        return new Partial(total.Result(tail), Vector256.Sum(mass) + tailMass, 0.0, allValid);
    }

    internal static unsafe Sums Reduce<T, TTerm, TDomainX, TDomainY>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Operand nameX, Operand nameY)
        where T : IFloatingPointIeee754<T>
        where TTerm : IPairTerm
        where TDomainX : IDomain
        where TDomainY : IDomain
    {
        Partial result;
        if (x.Length < Split.Threshold)
        {
            result = Accumulate<T, TTerm, TDomainX, TDomainY>(x, y);
        }
        else
        {
            fixed (byte* startX = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(x)))
            fixed (byte* startY = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(y)))
            {
                Split.Run(new PairJob<T, TTerm, TDomainX, TDomainY>(startX, startY), x.Length, out var first, out Partial second);
                result = first.Join(second);
            }
        }

        if (!result.Valid)
        {
            // Scan x, then y, for the first bad element: each scan throws if it finds one.
            ThrowFirstInvalid<T, TDomainX>(x, nameX);
            ThrowFirstInvalid<T, TDomainY>(y, nameY);
        }

        return new Sums(result.Total, result.MassX, result.MassY);
    }

    /// <summary>One pass of the pair reduction over x and y (same length); reports invalid input instead of throwing.</summary>
    internal static Partial Accumulate<T, TTerm, TDomainX, TDomainY>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : IFloatingPointIeee754<T>
        where TTerm : IPairTerm
        where TDomainX : IDomain
        where TDomainY : IDomain
    {
        var total = new VectorNeumaier();
        var massX = Vector256<double>.Zero;
        var massY = Vector256<double>.Zero;
        var validX = Vector256<double>.AllBitsSet;
        var validY = Vector256<double>.AllBitsSet;
        var i = 0;
        for (; i <= x.Length - Step; i += Step)
        {
            Load(x, i, out var x0, out var x1);
            Load(x, i + Lanes, out var x2, out var x3);
            Load(y, i, out var y0, out var y1);
            Load(y, i + Lanes, out var y2, out var y3);
            validX &= TDomainX.ValidLanes(x0) & TDomainX.ValidLanes(x1) & TDomainX.ValidLanes(x2) & TDomainX.ValidLanes(x3);
            validY &= TDomainY.ValidLanes(y0) & TDomainY.ValidLanes(y1) & TDomainY.ValidLanes(y2) & TDomainY.ValidLanes(y3);
            total.Add(TTerm.Invoke(x0, y0));
            total.Add(TTerm.Invoke(x1, y1));
            total.Add(TTerm.Invoke(x2, y2));
            total.Add(TTerm.Invoke(x3, y3));
            if (TDomainX.IsNormalised)
            {
                massX += (TDomainX.Mass(x0) + TDomainX.Mass(x1)) + (TDomainX.Mass(x2) + TDomainX.Mass(x3));
            }

            if (TDomainY.IsNormalised)
            {
                massY += (TDomainY.Mass(y0) + TDomainY.Mass(y1)) + (TDomainY.Mass(y2) + TDomainY.Mass(y3));
            }
        }

        var tail = new ScalarNeumaier();
        double tailMassX = 0.0, tailMassY = 0.0;
        var tailValidX = true;
        var tailValidY = true;
        for (; i < x.Length; i++)
        {
            var xi = double.CreateTruncating(x[i]);
            var yi = double.CreateTruncating(y[i]);
            tailValidX &= TDomainX.IsValid(xi);
            tailValidY &= TDomainY.IsValid(yi);
            tail.Add(TTerm.Invoke(xi, yi));
            tailMassX += TDomainX.IsNormalised ? TDomainX.Mass(xi) : 0.0;
            tailMassY += TDomainY.IsNormalised ? TDomainY.Mass(yi) : 0.0;
        }

        var allValid = tailValidX && tailValidY
            && Vector256.EqualsAll((validX & validY).AsUInt64(), Vector256<ulong>.AllBitsSet);
        return new Partial(total.Result(tail), Vector256.Sum(massX) + tailMassX, Vector256.Sum(massY) + tailMassY, allValid);
    }

    /// <summary>destination[i] = scale·f(x[i]) for every i, validating x in the same pass. On error, destination is left partly written.</summary>
    internal static void Map<T, TTerm, TDomain>(ReadOnlySpan<T> x, Span<T> destination, Operand nameX, double scale)
        where T : IFloatingPointIeee754<T>
        where TTerm : IUnaryTerm
        where TDomain : IDomain
    {
        var valid = Vector256<double>.AllBitsSet;
        var factor = Vector256.Create(scale);
        var i = 0;
        for (; i <= x.Length - Step; i += Step)
        {
            Load(x, i, out var x0, out var x1);
            Load(x, i + Lanes, out var x2, out var x3);
            valid &= TDomain.ValidLanes(x0) & TDomain.ValidLanes(x1) & TDomain.ValidLanes(x2) & TDomain.ValidLanes(x3);
            Store(destination, i, factor * TTerm.Invoke(x0), factor * TTerm.Invoke(x1));
            Store(destination, i + Lanes, factor * TTerm.Invoke(x2), factor * TTerm.Invoke(x3));
        }

        var tailValid = true;
        for (; i < x.Length; i++)
        {
            var xi = double.CreateTruncating(x[i]);
            tailValid &= TDomain.IsValid(xi);
            destination[i] = T.CreateTruncating(scale * TTerm.Invoke(xi));
        }

        if (!tailValid || !Vector256.EqualsAll(valid.AsUInt64(), Vector256<ulong>.AllBitsSet))
        {
            ThrowFirstInvalid<T, TDomain>(x, nameX);
        }
    }

    /// <summary>Loads <see cref="Lanes"/> elements from index i as two vectors of double (float is widened).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Load<T>(ReadOnlySpan<T> source, int i, out Vector256<double> lower, out Vector256<double> upper)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            ref var start = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(source));
            lower = Vector256.LoadUnsafe(ref start, (nuint)i);
            upper = Vector256.LoadUnsafe(ref start, (nuint)(i + Vector256<double>.Count));
        }
        else if (typeof(T) == typeof(float))
        {
            ref var start = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(source));
            (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)i));
        }
        else
        {
            Span<double> values = stackalloc double[Lanes];
            for (var k = 0; k < Lanes; k++)
            {
                values[k] = double.CreateTruncating(source[i + k]);
            }

            lower = Vector256.Create<double>(values);
            upper = Vector256.Create<double>(values[Vector256<double>.Count..]);
        }
    }

    /// <summary>Stores two vectors of double as <see cref="Lanes"/> elements of T at index i (float is narrowed, rounding to nearest).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store<T>(Span<T> destination, int i, Vector256<double> lower, Vector256<double> upper)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            ref var start = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(destination));
            lower.StoreUnsafe(ref start, (nuint)i);
            upper.StoreUnsafe(ref start, (nuint)(i + Vector256<double>.Count));
        }
        else if (typeof(T) == typeof(float))
        {
            ref var start = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(destination));
            Vector256.Narrow(lower, upper).StoreUnsafe(ref start, (nuint)i);
        }
        else
        {
            for (var k = 0; k < Vector256<double>.Count; k++)
            {
                destination[i + k] = T.CreateTruncating(lower[k]);
                destination[i + Vector256<double>.Count + k] = T.CreateTruncating(upper[k]);
            }
        }
    }

    internal static void ThrowFirstInvalid<T, TDomain>(ReadOnlySpan<T> x, Operand name)
        where T : IFloatingPointIeee754<T>
        where TDomain : IDomain
    {
        for (var i = 0; i < x.Length; i++)
        {
            var xi = double.CreateTruncating(x[i]);
            if (!TDomain.IsValid(xi))
            {
                throw Guard.InvalidElement(name, i, xi, TDomain.Problem(xi));
            }
        }
    }
}
