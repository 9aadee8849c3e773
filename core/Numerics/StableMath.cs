namespace Functional.Numerics;

/// <summary>
/// Accurate scalar building blocks: log(1 + x), exp(x) − 1, x·log y with the 0·log 0 = 0 convention,
/// and the series-backed functions the divergences are built from.
/// </summary>
/// <remarks>
/// .NET's <c>double.LogP1</c> and <c>double.ExpM1</c> (and TensorPrimitives') compute <c>Log(1 + x)</c> and
/// <c>Exp(x) − 1</c> literally, so <c>LogP1(1e-20)</c> is 0. These are accurate to a few ulps over the
/// whole range (Kahan's compensation: log1p(x) = log(u)·x/(u − 1) with u = 1 + x).
/// The vector forms in <see cref="VectorMath"/> use the same formulas, so scalar and SIMD agree.
/// </remarks>
public static class StableMath
{
    /// <summary>log(1 + x), accurate for tiny |x| (log1p(1e-20) = 1e-20).</summary>
    /// <param name="x">Any value. x = −1 gives −∞; x &lt; −1 and NaN give NaN; +∞ gives +∞.</param>
    /// <returns>ln(1 + x).</returns>
    public static double Log1P(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        return double.IsPositiveInfinity(u) ? u : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>exp(x) − 1, accurate for tiny |x| (expm1(1e-20) = 1e-20).</summary>
    /// <param name="x">Any value. −∞ gives −1, +∞ gives +∞, NaN gives NaN.</param>
    /// <returns>e^x − 1.</returns>
    public static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        if (um1 == -1.0 || double.IsPositiveInfinity(u))
        {
            return um1;
        }

        return um1 * x / Math.Log(u);
    }

    /// <summary>x·ln y with the convention 0·ln y = 0 for every y ≥ 0 (including y = 0), as SciPy's <c>xlogy</c>.</summary>
    /// <param name="x">The weight.</param>
    /// <param name="y">The argument of the logarithm.</param>
    /// <returns>0 when x = 0 and y is not NaN; otherwise x·ln y.</returns>
    public static double XLogY(double x, double y) => x == 0.0 && !double.IsNaN(y) ? 0.0 : x * Math.Log(y);

    /// <summary>|x| below this uses the series forms; above it the direct forms lose at most ~5 bits.</summary>
    internal const double SeriesThreshold = 0.0625;

    /// <summary>Σ c_i x^i in the order of <see cref="VectorMath.Polynomial"/> (even and odd halves in x²); needs ≥ 2 coefficients.</summary>
    internal static double Polynomial(double x, ReadOnlySpan<double> coefficients)
    {
        var x2 = x * x;
        var last = (coefficients.Length - 1) & ~1;
        var even = coefficients[last];
        for (var i = last - 2; i >= 0; i -= 2)
        {
            even = Math.FusedMultiplyAdd(even, x2, coefficients[i]);
        }

        var lastOdd = coefficients.Length % 2 == 0 ? coefficients.Length - 1 : coefficients.Length - 2;
        var odd = coefficients[lastOdd];
        for (var i = lastOdd - 2; i >= 1; i -= 2)
        {
            odd = Math.FusedMultiplyAdd(odd, x2, coefficients[i]);
        }

        return Math.FusedMultiplyAdd(odd, x, even);
    }
}
