using Functional.Numerics;

namespace Functional.Optimization;

/// <summary>The small vector helpers the optimizers share: overflow-free norms, dot products, finiteness checks.</summary>
internal static class VectorOps
{
    /// <summary>‖x‖₂ without overflow or underflow: Σx² directly when it is a normal number, else rescaled by max|x|.</summary>
    internal static double Norm(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum = Math.FusedMultiplyAdd(v, v, sum);
        }

        if (sum is > 1e-290 and < double.PositiveInfinity)
        {
            return Math.Sqrt(sum);
        }

        var max = MaxAbs(x);
        if (max == 0.0 || double.IsInfinity(max) || double.IsNaN(max))
        {
            return max;
        }

        var scaled = 0.0;
        foreach (var v in x)
        {
            var r = v / max;
            scaled = Math.FusedMultiplyAdd(r, r, scaled);
        }

        return max * Math.Sqrt(scaled);
    }

    internal static double MaxAbs(ReadOnlySpan<double> x)
    {
        var max = 0.0;
        foreach (var v in x)
        {
            var a = Math.Abs(v);
            if (!(a <= max))
            {
                max = a;
            }
        }

        return max;
    }

    /// <summary>Σ x_i y_i through the models' dense kernel: one dot product, address-independent rounding, everywhere.</summary>
    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Models.Dense.Dot(x, y);

    /// <summary>Throws naming the first entry of <paramref name="x"/> that is NaN or infinite.</summary>
    internal static void Finite(ReadOnlySpan<double> x, string name)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw Guard.InvalidElement(new Operand(name), i, x[i], "is not finite");
            }
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and positive.</summary>
    internal static void Positive(double value, string name)
    {
        if (!(value > 0.0 && value < double.PositiveInfinity))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)}; it must be finite and positive.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    internal static void NonNegative(double value, string name)
    {
        if (!(value >= 0.0 && value < double.PositiveInfinity))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)}; it must be finite and non-negative.");
        }
    }

    /// <summary>Throws unless <paramref name="low"/> ≤ <paramref name="value"/> &lt; <paramref name="high"/> (or ≤ high when <paramref name="highIncluded"/>).</summary>
    internal static void InRange(double value, double low, double high, bool highIncluded, string name)
    {
        var ok = value >= low && (highIncluded ? value <= high : value < high);
        if (!ok)
        {
            var upper = highIncluded ? $"{Format.Number(high)}]" : $"{Format.Number(high)})";
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)}; it must lie in [{Format.Number(low)}, {upper}.");
        }
    }
}
