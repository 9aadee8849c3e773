using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Functional.Numerics;

/// <summary>
/// log Σ exp(x_i), computed with the max shift m + log Σ exp(x_i − m) so it never overflows, and the softmax and
/// log-softmax built on it.
/// </summary>
/// <remarks>
/// One pass over memory: the input is processed in L1-sized blocks, each block's maximum found first, and the running
/// sum rescaled when the maximum grows (an online log-sum-exp), so 1e7 values are read from RAM once. The sum is
/// compensated. Entries may be −∞ (masked logits); if every entry is −∞ the result is −∞, not NaN. NaN and +∞ are rejected.
/// </remarks>
public static class LogSumExp
{
    private const int Block = 1024;

    /// <summary>LSE(x) = log Σ exp(x_i).</summary>
    /// <typeparam name="T">float or double (computed in double).</typeparam>
    /// <param name="x">At least one value; each finite or −∞.</param>
    /// <returns>LSE(x) ∈ [max x, max x + ln n]; −∞ when every entry is −∞. Shift-invariant: LSE(x + c) = LSE(x) + c.</returns>
    /// <exception cref="ArgumentException">x is empty, or x[i] is NaN or +∞ (named with i).</exception>
    public static T Of<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(Compute(x, nameof(x)).Value);

    /// <summary>LSE of an array; see <see cref="Of{T}(ReadOnlySpan{T})"/>.</summary>
    /// <param name="x">The values.</param>
    /// <returns>LSE(x).</returns>
    /// <exception cref="ArgumentNullException">x is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static double Of(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Compute<double>(x, nameof(x)).Value;
    }

    /// <summary>softmax(x)_i = exp(x_i − LSE(x)), the gradient of LSE; sums to 1.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="x">At least one value; each finite or −∞.</param>
    /// <param name="destination">At least x.Length entries; may be x's memory.</param>
    /// <remarks>If every entry is −∞ the destination is all zeros (no mass anywhere; a masked-out row contributes no gradient) rather than NaN.</remarks>
    /// <exception cref="ArgumentException">destination too short; x empty; x[i] NaN or +∞.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> destination) where T : IFloatingPointIeee754<T>
    {
        Guard.Destination(x.Length, destination.Length);
        var (max, sum, _) = Compute(x, nameof(x));
        if (double.IsNegativeInfinity(max))
        {
            destination[..x.Length].Clear();
            return;
        }

        Shift(x, destination, max, 1.0 / sum, exponentiate: true);
    }

    /// <summary>log-softmax(x)_i = x_i − LSE(x), exact for very negative entries (no log of an underflowed softmax).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="x">At least one value; each finite or −∞.</param>
    /// <param name="destination">At least x.Length entries; may be x's memory.</param>
    /// <remarks>If every entry is −∞ the destination is all −∞.</remarks>
    /// <exception cref="ArgumentException">destination too short; x empty; x[i] NaN or +∞.</exception>
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> destination) where T : IFloatingPointIeee754<T>
    {
        Guard.Destination(x.Length, destination.Length);
        var (max, sum, _) = Compute(x, nameof(x));
        if (double.IsNegativeInfinity(max))
        {
            destination[..x.Length].Fill(T.NegativeInfinity);
            return;
        }

        Shift(x, destination, max, -Math.Log(sum), exponentiate: false);
    }

    // softmax = e^(x − m) · (1/S) and log-softmax = (x − m) + (−ln S): x − m is exact for nearby values,
    // where x − LSE would inherit the rounding of a large LSE.
    internal static void Shift<T>(ReadOnlySpan<T> x, Span<T> destination, double max, double adjust, bool exponentiate) where T : IFloatingPointIeee754<T>
    {
        var shift = Vector256.Create(max);
        var adjustment = Vector256.Create(adjust);
        var i = 0;
        for (; i <= x.Length - Kernel.Lanes; i += Kernel.Lanes)
        {
            Kernel.Load(x, i, out var x0, out var x1);
            var y0 = x0 - shift;
            var y1 = x1 - shift;
            if (exponentiate)
            {
                y0 = VectorMath.Exp(y0) * adjustment;
                y1 = VectorMath.Exp(y1) * adjustment;
            }
            else
            {
                y0 += adjustment;
                y1 += adjustment;
            }

            Kernel.Store(destination, i, y0, y1);
        }

        for (; i < x.Length; i++)
        {
            var y = double.CreateTruncating(x[i]) - max;
            destination[i] = T.CreateTruncating(exponentiate ? Math.Exp(y) * adjust : y + adjust);
        }
    }

    /// <summary>The maximum m and S = Σ e^(x_i − m) of part of the input (LSE = m + ln S), and whether every value there was valid.</summary>
    internal readonly record struct Shifted(double Max, double Sum, bool Valid)
    {
        internal double Value => double.IsNegativeInfinity(Max) ? Max : Max + Math.Log(Sum);

        /// <summary>Both halves against the larger maximum: S = S₁e^(m₁ − m) + S₂e^(m₂ − m).</summary>
        internal Shifted Join(Shifted next)
        {
            var max = Math.Max(Max, next.Max);
            if (double.IsNegativeInfinity(max) || double.IsNaN(max))
            {
                return new Shifted(max, 0.0, Valid && next.Valid);
            }

            var sum = (Sum * Math.Exp(Max - max)) + (next.Sum * Math.Exp(next.Max - max));
            return new Shifted(max, sum, Valid && next.Valid);
        }
    }

    /// <summary>One half of a split log-sum-exp over pinned memory.</summary>
    private readonly unsafe struct Job<T>(void* x) : ISplitJob<Shifted> where T : IFloatingPointIeee754<T>
    {
        public Shifted Run(int start, int length) => Accumulate(Split.Span<T>(x, start, length));
    }

    private static unsafe Shifted Compute<T>(ReadOnlySpan<T> x, string name) where T : IFloatingPointIeee754<T>
    {
        Guard.NotEmpty(x.Length, name, "log-sum-exp needs at least one value");
        Shifted result;
        if (x.Length < Split.Threshold)
        {
            result = Accumulate(x);
        }
        else
        {
            // two halves, not chunks: see the remark on Split.RunChunks
            fixed (byte* start = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(x)))
            {
                Split.Run(new Job<T>(start), x.Length, out var first, out Shifted second);
                result = first.Join(second);
            }
        }

        if (!result.Valid)
        {
            for (var i = 0; i < x.Length; i++)
            {
                var xi = double.CreateTruncating(x[i]);
                if (!(xi < double.PositiveInfinity))
                {
                    throw Guard.InvalidElement(new Operand(name), i, xi,
                        double.IsNaN(xi) ? "is NaN" : "is +∞; log-sum-exp takes finite values or −∞ (a masked entry)");
                }
            }
        }

        return result;
    }

    internal static Shifted Accumulate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        => LaneWidth.Wide ? Accumulate<T, Lanes512>(x) : Accumulate<T, Lanes256>(x);

    // Each block's exponentials (all in [0, 1]) are summed plainly in four accumulators a lane and the block sum joins a
    // per-lane Neumaier total: ≤ (Block/(4·lanes) + 2)ε relative per block, as in Kernel's blocked sums.
    private static Shifted Accumulate<T, TL>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL>
    {
        var step = 4 * TL.Count;
        var max = double.NegativeInfinity;
        var sum = new LaneNeumaier<TL>();
        var tail = new ScalarNeumaier();
        var valid = TL.AllBitsSet;
        var positiveInfinity = TL.Create(double.PositiveInfinity);
        for (var start = 0; start < x.Length; start += Block)
        {
            var block = x.Slice(start, Math.Min(Block, x.Length - start));
            var vectorEnd = block.Length - (block.Length % step);

            var blockMax = TL.Create(double.NegativeInfinity);
            for (var i = 0; i < vectorEnd; i += 2 * TL.Count)
            {
                TL.Load(block, i, out var x0, out var x1);
                valid &= TL.LessThan(x0, positiveInfinity) & TL.LessThan(x1, positiveInfinity);
                blockMax = TL.Max(blockMax, TL.Max(x0, x1));
            }

            var newMax = Math.Max(max, TL.MaxAcross(blockMax));
            for (var i = vectorEnd; i < block.Length; i++)
            {
                var xi = double.CreateTruncating(block[i]);
                if (!(xi < double.PositiveInfinity))
                {
                    valid = TL.Zero;
                }

                newMax = Math.Max(newMax, xi);
            }

            if (newMax > max && !double.IsNegativeInfinity(max))
            {
                var rescale = Math.Exp(max - newMax);
                sum.Scale(rescale);
                tail.Scale(rescale);
            }

            max = newMax;
            if (double.IsNegativeInfinity(max) || double.IsNaN(max))
            {
                continue;
            }

            var shift = TL.Create(max);
            TL s0 = TL.Zero, s1 = TL.Zero, s2 = TL.Zero, s3 = TL.Zero;
            for (var i = 0; i < vectorEnd; i += step)
            {
                TL.Load(block, i, out var x0, out var x1);
                TL.Load(block, i + (2 * TL.Count), out var x2, out var x3);
                s0 += TL.Exp(x0 - shift);
                s1 += TL.Exp(x1 - shift);
                s2 += TL.Exp(x2 - shift);
                s3 += TL.Exp(x3 - shift);
            }

            sum.Add((s0 + s1) + (s2 + s3));
            for (var i = vectorEnd; i < block.Length; i++)
            {
                tail.Add(Math.Exp(double.CreateTruncating(block[i]) - max));
            }
        }

        return new Shifted(max, sum.Result(tail), TL.All(valid));
    }
}
