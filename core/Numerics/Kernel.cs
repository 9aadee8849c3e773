using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Functional.Numerics;

/// <summary>A term f(x) of a reduction or map, scalar and lane-wise; the two must agree.</summary>
internal interface IUnaryTerm
{
    /// <summary>Whether every term is ≥ 0 for valid input, so blocks of terms may be summed plainly (see <see cref="Kernel"/>).</summary>
    static abstract bool NonNegative { get; }

    static abstract double Invoke(double x);

    static abstract TL Invoke<TL>(TL x) where TL : struct, ILanes<TL>;
}

/// <summary>A term f(x, y) of a reduction over two operands, scalar and lane-wise; the two must agree.</summary>
internal interface IPairTerm
{
    /// <summary>Whether every term is ≥ 0 for valid input, so blocks of terms may be summed plainly (see <see cref="Kernel"/>).</summary>
    static abstract bool NonNegative { get; }

    static abstract double Invoke(double x, double y);

    static abstract TL Invoke<TL>(TL x, TL y) where TL : struct, ILanes<TL>;

    /// <summary>
    /// The lane-wise term by a path that makes no calls, or false where some lane needs the full
    /// <see cref="Invoke{TL}(TL, TL)"/>; where it succeeds the value is Invoke's, bit for bit.
    /// </summary>
    /// <remarks>A call anywhere in the kernel's inner loop makes the JIT keep the loop's accumulators in memory, so the
    /// kernel runs a block on this path and redoes the block with Invoke, outside the loop, only when it fails.</remarks>
    static abstract bool TryInvoke<TL>(TL x, TL y, out TL term) where TL : struct, ILanes<TL>;
}

/// <summary>The result of a reduction: Σ f, and each operand's mass (for the normalisation check).</summary>
internal readonly record struct Sums(double Total, double MassX, double MassY);

/// <summary>A reduction over part of the input, not yet checked: Σ f (compensated), the masses, and whether every value was valid.</summary>
internal readonly record struct Partial(double Total, double MassX, double MassY, bool Valid)
{
    /// <summary>
    /// A split reduction's parts (a loss's chunks, a kernel's two halves) joined in order, so the bits depend on the length
    /// only: one compensated sum over the parts' totals (and one over each mass), so k chunks add about ε·|S| rather than k
    /// roundings.
    /// </summary>
    internal static Partial JoinInOrder(ReadOnlySpan<Partial> parts)
    {
        var total = new ScalarNeumaier();
        var massX = new ScalarNeumaier();
        var massY = new ScalarNeumaier();
        var valid = true;
        foreach (var part in parts)
        {
            total.Add(part.Total);
            massX.Add(part.MassX);
            massY.Add(part.MassY);
            valid &= part.Valid;
        }

        return new Partial(total.Result, massX.Result, massY.Result, valid);
    }
}

/// <summary>The running state of the pair reduction at a block boundary: validity mask, bit bound, masses, and the block's sum.</summary>
internal readonly record struct BlockState<TL>(TL Valid, TL Bound, TL MassX, TL MassY, TL Sum) where TL : struct, ILanes<TL>;

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
/// The one SIMD driver every information measure runs on: a single pass over the inputs, two vectors a step on the
/// machine's lane width (<see cref="ILanes{TSelf}"/>: 8 doubles a vector with AVX-512, 4 otherwise; float is widened to
/// double), validating every lane, zero allocation.
/// </summary>
/// <remarks>
/// Validation rides in the pass as a running AND of lane masks; only when it fails is the input scanned
/// again, scalar, to name the first bad element. Terms and masses are computed in double whatever T is.
/// Sums: terms that are never negative are summed plainly in blocks of <see cref="Block"/> elements (four accumulators
/// a lane: two accumulators, so each adds 512/(2·lanes) terms) and the block sums joined with a per-lane Neumaier sum; a plain sum of m
/// non-negative terms has relative error ≤ (m − 1)ε, so the whole has ≤ ~20ε relative (NOTES "Speed, fourth slice").
/// Terms of either sign (sums, expectations) keep a Neumaier sum per element. Blocks start at multiples of
/// <see cref="Block"/> from the start of each half of a <see cref="Split"/> (its midpoint is a multiple of 1024), so the
/// bits depend only on n and the lane width.
/// </remarks>
internal static class Kernel
{
    /// <summary>Elements a step: four vectors, so four independent terms are in flight.</summary>
    internal const int Step = 16;

    /// <summary>Elements one <see cref="Load{T}"/> brings in: two vectors of 4 doubles.</summary>
    internal const int Lanes = 8;

    /// <summary>Elements summed plainly before a block's sum joins the compensated total.</summary>
    internal const int Block = 512;

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
            // two halves, not chunks: see the remark on Split.RunChunks
            fixed (byte* start = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(x)))
            {
                Split.Run(new UnaryJob<T, TTerm, TDomain>(start), x.Length, out var first, out Partial second);
                result = Partial.JoinInOrder([first, second]);
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
        => LaneWidth.Wide ? Accumulate<T, TTerm, TDomain, Lanes512>(x) : Accumulate<T, TTerm, TDomain, Lanes256>(x);

    private static Partial Accumulate<T, TTerm, TDomain, TL>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
        where TTerm : IUnaryTerm
        where TDomain : IDomain
        where TL : struct, ILanes<TL>
    {
        var step = 2 * TL.Count;
        var total = new LaneNeumaier<TL>();
        var mass = TL.Zero;
        var valid = TL.AllBitsSet;
        var i = 0;
        if (TTerm.NonNegative)
        {
            for (; i <= x.Length - Block; i += Block)
            {
                TL s0 = TL.Zero, s1 = TL.Zero;
                // One vector an iteration (two shared the term's constants, which the JIT then stored to the stack every
                // iteration); s0 and s1 swap after each vector, so s0 sums the even vectors and s1 the odd ones of every
                // step of two, as before: the same bits. The mass (a validation only) is summed vector by vector.
                for (var j = i; j < i + Block; j += TL.Count)
                {
                    var xj = TL.LoadOne(x, j);
                    valid &= DomainLanes.Valid<TDomain, TL>(xj);
                    (s0, s1) = (s1, s0 + TTerm.Invoke(xj));
                    if (TDomain.IsNormalised)
                    {
                        mass += DomainLanes.Mass<TDomain, TL>(xj);
                    }
                }

                total.Add(s0 + s1);
            }
        }

        for (; i <= x.Length - step; i += step)
        {
            TL.Load(x, i, out var x0, out var x1);
            valid &= DomainLanes.Valid<TDomain, TL>(x0) & DomainLanes.Valid<TDomain, TL>(x1);
            total.Add(TTerm.Invoke(x0));
            total.Add(TTerm.Invoke(x1));
            if (TDomain.IsNormalised)
            {
                mass += DomainLanes.Mass<TDomain, TL>(x0) + DomainLanes.Mass<TDomain, TL>(x1);
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

        var allValid = tailValid && TL.All(valid);
        return new Partial(total.Result(tail), TL.Sum(mass) + tailMass, 0.0, allValid);
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
                result = Partial.JoinInOrder([first, second]);
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
        => LaneWidth.Wide
            ? Accumulate<T, TTerm, TDomainX, TDomainY, Lanes512>(x, y)
            : Accumulate<T, TTerm, TDomainX, TDomainY, Lanes256>(x, y);

    private static Partial Accumulate<T, TTerm, TDomainX, TDomainY, TL>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : IFloatingPointIeee754<T>
        where TTerm : IPairTerm
        where TDomainX : IDomain
        where TDomainY : IDomain
        where TL : struct, ILanes<TL>
    {
        var step = 2 * TL.Count;
        var total = new LaneNeumaier<TL>();
        var state = new BlockState<TL>(TL.AllBitsSet, TL.Zero, TL.Zero, TL.Zero, TL.Zero);
        var i = 0;
        if (TTerm.NonNegative)
        {
            for (; i <= x.Length - Block; i += Block)
            {
                var (valid, bound, massX, massY) = (state.Valid, state.Bound, state.MassX, state.MassY);
                TL s0 = TL.Zero, s1 = TL.Zero;
                var fast = true;
                for (var j = i; j < i + Block; j += step)
                {
                    LoadStep<T, TDomainX, TDomainY, TL>(x, y, j, ref valid, ref bound, ref massX, ref massY, out var x0, out var x1, out var y0, out var y1);
                    if (!(TTerm.TryInvoke(x0, y0, out var t0) & TTerm.TryInvoke(x1, y1, out var t1)))
                    {
                        fast = false;
                        break;
                    }

                    s0 += t0;
                    s1 += t1;
                }

                // The block again from its start with the full term: the same operations in the same order, so the
                // same bits as if every vector had taken the fast path where it could.
                state = fast ? new BlockState<TL>(valid, bound, massX, massY, s0 + s1) : SlowBlock<T, TTerm, TDomainX, TDomainY, TL>(x, y, i, state);
                total.Add(state.Sum);
            }
        }

        {
            var (valid, bound, massX, massY) = (state.Valid, state.Bound, state.MassX, state.MassY);
            for (; i <= x.Length - step; i += step)
            {
                LoadStep<T, TDomainX, TDomainY, TL>(x, y, i, ref valid, ref bound, ref massX, ref massY, out var x0, out var x1, out var y0, out var y1);
                total.Add(TTerm.Invoke(x0, y0));
                total.Add(TTerm.Invoke(x1, y1));
            }

            state = new BlockState<TL>(valid, bound, massX, massY, TL.Zero);
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

        var allValid = tailValidX && tailValidY && TL.All(state.Valid) && TL.AllBitsAtMost(state.Bound, OneBits);
        return new Partial(total.Result(tail), TL.Sum(state.MassX) + tailMassX, TL.Sum(state.MassY) + tailMassY, allValid);
    }

    /// <summary>The bits of 1.0: a double in [0, 1] has bits at most these, read unsigned (−0 aside: it costs a rescan).</summary>
    private const ulong OneBits = 0x3FF0000000000000;

    /// <summary>One block of the pair reduction with the full term, from the running state at its start.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static BlockState<TL> SlowBlock<T, TTerm, TDomainX, TDomainY, TL>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int i, BlockState<TL> state)
        where T : IFloatingPointIeee754<T>
        where TTerm : IPairTerm
        where TDomainX : IDomain
        where TDomainY : IDomain
        where TL : struct, ILanes<TL>
    {
        var (valid, bound, massX, massY) = (state.Valid, state.Bound, state.MassX, state.MassY);
        TL s0 = TL.Zero, s1 = TL.Zero;
        for (var j = i; j < i + Block; j += 2 * TL.Count)
        {
            LoadStep<T, TDomainX, TDomainY, TL>(x, y, j, ref valid, ref bound, ref massX, ref massY, out var x0, out var x1, out var y0, out var y1);
            s0 += TTerm.Invoke(x0, y0);
            s1 += TTerm.Invoke(x1, y1);
        }

        return new BlockState<TL>(valid, bound, massX, massY, s0 + s1);
    }

    /// <summary>Loads two vectors of each operand at i, folds their checks into <paramref name="valid"/> and their mass into the masses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadStep<T, TDomainX, TDomainY, TL>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> y, int i, ref TL valid, ref TL bound, ref TL massX, ref TL massY,
        out TL x0, out TL x1, out TL y0, out TL y1)
        where T : IFloatingPointIeee754<T>
        where TDomainX : IDomain
        where TDomainY : IDomain
        where TL : struct, ILanes<TL>
    {
        TL.Load(x, i, out x0, out x1);
        TL.Load(y, i, out y0, out y1);
        // Probabilities are checked as a running unsigned maximum of their bits (one instruction a vector): [0, 1] is
        // exactly the bit patterns 0 … bits(1.0), and NaN, negatives, > 1 and ∞ all lie above. Other domains keep masks.
        if (IsProbability<TDomainX>())
        {
            bound = TL.MaxBits(bound, TL.MaxBits(x0, x1));
        }
        else
        {
            valid &= DomainLanes.Valid<TDomainX, TL>(x0) & DomainLanes.Valid<TDomainX, TL>(x1);
        }

        if (IsProbability<TDomainY>())
        {
            bound = TL.MaxBits(bound, TL.MaxBits(y0, y1));
        }
        else
        {
            valid &= DomainLanes.Valid<TDomainY, TL>(y0) & DomainLanes.Valid<TDomainY, TL>(y1);
        }

        if (TDomainX.IsNormalised)
        {
            massX += DomainLanes.Mass<TDomainX, TL>(x0) + DomainLanes.Mass<TDomainX, TL>(x1);
        }

        if (TDomainY.IsNormalised)
        {
            massY += DomainLanes.Mass<TDomainY, TL>(y0) + DomainLanes.Mass<TDomainY, TL>(y1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsProbability<TDomain>() where TDomain : IDomain
        => typeof(TDomain) == typeof(ProbabilityDomain) || typeof(TDomain) == typeof(UnitIntervalDomain);

    /// <summary>destination[i] = scale·f(x[i]) for every i, validating x in the same pass. On error, destination is left partly written.</summary>
    internal static void Map<T, TTerm, TDomain>(ReadOnlySpan<T> x, Span<T> destination, Operand nameX, double scale)
        where T : IFloatingPointIeee754<T>
        where TTerm : IUnaryTerm
        where TDomain : IDomain
    {
        if (LaneWidth.Wide)
        {
            Map<T, TTerm, TDomain, Lanes512>(x, destination, nameX, scale);
        }
        else
        {
            Map<T, TTerm, TDomain, Lanes256>(x, destination, nameX, scale);
        }
    }

    private static void Map<T, TTerm, TDomain, TL>(ReadOnlySpan<T> x, Span<T> destination, Operand nameX, double scale)
        where T : IFloatingPointIeee754<T>
        where TTerm : IUnaryTerm
        where TDomain : IDomain
        where TL : struct, ILanes<TL>
    {
        var step = 4 * TL.Count;
        var valid = TL.AllBitsSet;
        var factor = TL.Create(scale);
        var i = 0;
        for (; i <= x.Length - step; i += step)
        {
            TL.Load(x, i, out var x0, out var x1);
            TL.Load(x, i + (2 * TL.Count), out var x2, out var x3);
            valid &= (DomainLanes.Valid<TDomain, TL>(x0) & DomainLanes.Valid<TDomain, TL>(x1))
                & (DomainLanes.Valid<TDomain, TL>(x2) & DomainLanes.Valid<TDomain, TL>(x3));
            TL.Store(destination, i, factor * TTerm.Invoke(x0), factor * TTerm.Invoke(x1));
            TL.Store(destination, i + (2 * TL.Count), factor * TTerm.Invoke(x2), factor * TTerm.Invoke(x3));
        }

        var tailValid = true;
        for (; i < x.Length; i++)
        {
            var xi = double.CreateTruncating(x[i]);
            tailValid &= TDomain.IsValid(xi);
            destination[i] = T.CreateTruncating(scale * TTerm.Invoke(xi));
        }

        if (!tailValid || !TL.All(valid))
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
