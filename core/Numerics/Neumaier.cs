using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Functional.Numerics;

/// <summary>
/// Neumaier's compensated sum (Kahan–Babuška): the error of Σ x over n terms is about ε·|Σ x| + n·ε²·Σ|x|,
/// independent of n to first order, where a plain sum's grows with n.
/// </summary>
internal struct ScalarNeumaier
{
    private double _sum;
    private double _compensation;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(double value)
    {
        var t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    /// <summary>The sum; an infinite sum is returned as is (its compensation is NaN from ∞ − ∞).</summary>
    internal readonly double Result => double.IsFinite(_sum) ? _sum + _compensation : _sum;

    internal readonly double Sum => _sum;

    /// <summary>Multiplies the running sum (and its compensation) by <paramref name="factor"/>.</summary>
    internal void Scale(double factor)
    {
        _sum *= factor;
        _compensation *= factor;
    }

    internal readonly double Compensation => _compensation;
}

/// <summary>Four independent Neumaier sums, one per lane of a <see cref="Vector256{T}"/>.</summary>
internal struct VectorNeumaier
{
    private Vector256<double> _sum;
    private Vector256<double> _compensation;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(Vector256<double> value)
    {
        var t = _sum + value;
        var sumLarger = Vector256.GreaterThanOrEqual(Vector256.Abs(_sum), Vector256.Abs(value));
        _compensation += Vector256.ConditionalSelect(sumLarger, (_sum - t) + value, (value - t) + _sum);
        _sum = t;
    }

    /// <summary>Multiplies the running sum (and its compensation) by <paramref name="factor"/>: a change of reference point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Scale(double factor)
    {
        var f = Vector256.Create(factor);
        _sum *= f;
        _compensation *= f;
    }

    /// <summary>Combines the four lanes and a scalar tail into one compensated total.</summary>
    internal readonly double Result(ScalarNeumaier tail)
    {
        var total = new ScalarNeumaier();
        for (var lane = 0; lane < Vector256<double>.Count; lane++)
        {
            total.Add(_sum[lane]);
        }

        total.Add(tail.Sum);
        if (!double.IsFinite(total.Sum))
        {
            return total.Sum;
        }

        var compensation = Vector256.Sum(_compensation) + tail.Compensation;
        return total.Result + compensation;
    }
}
