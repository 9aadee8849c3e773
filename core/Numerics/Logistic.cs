using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Functional.Numerics;

/// <summary>
/// The logistic function and its logarithms, computed without forming a probability that could round to 0 or 1:
/// softplus(x) = ln(1 + eˣ), σ(x) = 1/(1 + e⁻ˣ), ln σ(x) = −softplus(−x).
/// </summary>
/// <remarks>
/// softplus(x) = max(x, 0) + log1p(e^−|x|), so it is exact for |x| up to 1e308 (softplus(40) − 40 = 4.25e-18 is kept, not
/// rounded away) and never overflows; σ uses e^−|x| only, so σ(−40) = 4.25e-18 rather than 0 and σ(40) rounds to 1 correctly.
/// </remarks>
public static class Logistic
{
    /// <summary>softplus(x) = ln(1 + eˣ) = max(x, 0) + log1p(e^−|x|).</summary>
    /// <param name="x">Any value; ±∞ give +∞ and 0; NaN gives NaN.</param>
    /// <returns>softplus(x) ≥ 0.</returns>
    public static double Softplus(double x) => Math.Max(x, 0.0) + StableMath.Log1P(Math.Exp(-Math.Abs(x)));

    /// <summary>σ(x) = 1/(1 + e⁻ˣ), accurate in both tails.</summary>
    /// <param name="x">Any value.</param>
    /// <returns>σ(x) in [0, 1].</returns>
    public static double Sigmoid(double x)
    {
        var e = Math.Exp(-Math.Abs(x));
        var s = 1.0 / (1.0 + e);
        return x >= 0.0 ? s : e * s;
    }

    /// <summary>ln σ(x) = −softplus(−x), finite for every finite x (ln σ(−1000) = −1000).</summary>
    /// <param name="x">Any value.</param>
    /// <returns>ln σ(x) ≤ 0.</returns>
    public static double LogSigmoid(double x) => -Softplus(-x);

    /// <summary>log1p(e^−|x|), the part of softplus that the tails keep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> SoftplusOfMinusAbs(Vector256<double> absX)
        => VectorMath.Log1P(VectorMath.Exp(-absX));

    /// <summary>σ(−|x|) = e^−|x|/(1 + e^−|x|) ∈ [0, ½]: the small side of the logistic, never rounded to 0 early.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> SigmoidOfMinusAbs(Vector256<double> absX)
    {
        var e = VectorMath.Exp(-absX);
        return e / (Vector256<double>.One + e);
    }
}
