using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Losses;

/// <summary>Barron's ρ(x, α, c) at one point with its three partial derivatives.</summary>
/// <param name="Value">ρ(x, α, c) ≥ 0.</param>
/// <param name="DerivativeX">∂ρ/∂x = (x/c²)·((x/c)²/|α − 2| + 1)^(α/2 − 1).</param>
/// <param name="DerivativeAlpha">∂ρ/∂α ≥ 0 (ρ increases with α); +∞ at α = 2 for x ≠ 0, 0 in the limits α = ±∞.</param>
/// <param name="DerivativeScale">∂ρ/∂c = −(x/c)·∂ρ/∂x ≤ 0.</param>
public readonly record struct BarronPoint(double Value, double DerivativeX, double DerivativeAlpha, double DerivativeScale);

/// <summary>
/// Barron's (2019) general robust loss ρ(x, α, c) = |α − 2|/α·(((x/c)²/|α − 2| + 1)^(α/2) − 1) with its limits and
/// derivatives, evaluated without cancellation. NOTES.md ("Losses (issue 4, second slice)") derives every form used here.
/// </summary>
internal static class Barron
{
    /// <summary>Below this u·max(1, |α|/2) the α-derivative is summed as its power series in u (it is O(z³), the closed form cancels).</summary>
    private const double SeriesLimit = 0.1;

    internal static BarronPoint Evaluate(double x, double alpha, double c)
    {
        var r = x / c;
        if (alpha == 2.0)
        {
            return new BarronPoint(0.5 * r * r, r / c, x == 0.0 ? 0.0 : double.PositiveInfinity, -(r * r) / c);
        }

        if (double.IsInfinity(alpha))
        {
            // α → −∞: Welsch 1 − e^(−z/2); α → +∞: e^(z/2) − 1. Both have ∂/∂α → 0.
            var half = 0.5 * r * r;
            var sign = alpha < 0.0 ? -1.0 : 1.0;
            var e = Math.Exp(sign * half);
            return new BarronPoint(sign * StableMath.ExpM1(sign * half), e == 0.0 ? 0.0 : r / c * e, 0.0, e == 0.0 ? 0.0 : -(r * r) / c * e);
        }

        var s = alpha - 2.0;
        var b = Math.Abs(s);
        var sigma = s > 0.0 ? 1.0 : -1.0;
        var z = r * r;
        var u = z / b;
        var finiteU = u < 1e300;
        // L = ln(1 + u); where u (or z) overflows, ln u = 2(ln|x| − ln c) − ln b to within ln(1 + 1/u) < 1e-300.
        var logTerm = finiteU ? StableMath.Log1P(u) : LogZ(x, c) - Math.Log(b);
        var y = 0.5 * alpha * logTerm;
        var nearTwo = b <= 1.0 && Math.Abs(s * logTerm) <= 0.25;

        double value;
        var e2 = 0.0;
        if (nearTwo)
        {
            // (1 + u)^(α/2) = (1 + u)·e^(sL/2), and b·u = z: ρ = (z + (b + z)·expm1(sL/2))/α, no cancellation for α ∈ [1, 3].
            e2 = StableMath.ExpM1(0.5 * s * logTerm);
            // Where z = (x/c)² overflows, ρ ≈ z/α does too (α ∈ [1, 3] here): +∞, not ∞ − ∞.
            value = double.IsPositiveInfinity(z) ? z : (z + ((b + z) * e2)) / alpha;
        }
        else if (Math.Abs(y) <= 1.0)
        {
            // ρ = (b/2)·L·expm1(y)/y: no 0/0 at α = 0 (it gives ln(1 + z/2)), no cancellation near it.
            value = 0.5 * b * logTerm * Exprel(y);
        }
        else
        {
            value = (b / alpha) * (Power(u, r, b, alpha, y) - 1.0);
            if (double.IsPositiveInfinity(value) && alpha > 0.0)
            {
                value = Math.Exp(Math.Log(b / alpha) + y); // b/α small enough to bring the overflowed power back
            }
        }

        // ∂ρ/∂x = (r/c)·q and ∂ρ/∂c = −(r²/c)·q, q = (1 + u)^(s/2) = q₁², each product ordered so no factor over- or underflows alone.
        var q1 = finiteU ? (u >= 1.0 ? Math.Pow(1.0 + u, 0.25 * s) : Math.Exp(0.25 * s * logTerm)) : SplitPower(r, b, 0.25 * s, logTerm);
        var rq = r * q1;
        var dx = rq / c * q1;
        var dc = -(rq * rq) / c;
        if (x != 0.0 && (dx == 0.0 || !double.IsFinite(dx)))
        {
            dx = Math.CopySign(Math.Exp(Math.Log(Math.Abs(x)) - (2.0 * Math.Log(c)) + (0.5 * s * logTerm)), x);
        }

        if (x != 0.0 && (dc == 0.0 || !double.IsFinite(dc)))
        {
            dc = -Math.Exp(LogZ(x, c) - Math.Log(c) + (0.5 * s * logTerm));
        }

        return new BarronPoint(value, dx, AlphaDerivative(alpha, s, b, sigma, z, u, logTerm, y, nearTwo, e2, value), dc);
    }

    private static double AlphaDerivative(double alpha, double s, double b, double sigma, double z, double u, double logTerm, double y, bool nearTwo, double e2, double value)
    {
        var p = 0.5 * alpha;
        if (u * Math.Max(1.0, Math.Abs(p)) < SeriesLimit)
        {
            // ∂ρ/∂α = z²/(4b)·Σ_{k≥3} u^(k−2) M_k / k!, with R_k = Π_{i=2}^{k−1}(p − i) and M_k = Σ_j (j − 1)·R_k/(p − j),
            // by the recurrences R_{k+1} = R_k(p − k), M_{k+1} = M_k(p − k) + (k − 1)R_k: every term exact, nothing cancels.
            double rk = 1.0, mk = 0.0, factorial = 2.0, power = 1.0, total = 0.0;
            for (var k = 3; k < 64; k++)
            {
                (rk, mk) = (rk * (p - (k - 1)), (mk * (p - (k - 1))) + ((k - 2) * rk));
                factorial *= k;
                power *= u;
                var term = power * mk / factorial;
                total += term;
                if (Math.Abs(term) <= 1e-17 * Math.Abs(total))
                {
                    break;
                }
            }

            return z / (4.0 * b) * z * total;
        }

        var g = LogMinusRatio(u, logTerm);
        if (nearTwo)
        {
            if (double.IsPositiveInfinity(z))
            {
                return z; // ≈ z·ln(z/b)/4 > 0, past the double range with z
            }

            // From ρ = (z + (b + z)·expm1(sL/2))/α: d(sL/2)/dα = (L − u/(1 + u))/2.
            return (-value + (sigma * e2) + (0.5 * (b + z) * (1.0 + e2) * g)) / alpha;
        }

        // ∂ρ/∂α = (σ/2)·(e^y·g − L²·φ'(y)), φ(y) = expm1(y)/y; both terms O(u²) for small u, so no O(u) cancellation.
        return 0.5 * sigma * ((Math.Exp(y) * g) - (logTerm * logTerm * ExprelDerivative(y)));
    }

    /// <summary>2 ln|x/c| without forming x/c.</summary>
    private static double LogZ(double x, double c) => 2.0 * (Math.Log(Math.Abs(x)) - Math.Log(c));

    /// <summary>(1 + u)^(α/2) by pow where 1 + u is exact enough, |r|^α·b^(−α/2) where u overflowed, e^y otherwise.</summary>
    private static double Power(double u, double r, double b, double alpha, double y)
    {
        if (u < 1e300)
        {
            return u >= 1.0 ? Math.Pow(1.0 + u, 0.5 * alpha) : Math.Exp(y);
        }

        return SplitPower(r, b, 0.5 * alpha, 2.0 * y / alpha);
    }

    /// <summary>
    /// (1 + u)^e ≈ u^e = |r|^(2e)·b^(−e) for u past 1e300, each power exact to an ulp (e^(e·L) would lose |e·L|·ε);
    /// e^(e·L) where a factor over- or underflows.
    /// </summary>
    private static double SplitPower(double r, double b, double e, double logTerm)
    {
        var split = Math.Pow(Math.Abs(r), 2.0 * e) * Math.Pow(b, -e);
        return double.IsFinite(split) && split > 0.0 ? split : Math.Exp(e * logTerm);
    }

    /// <summary>φ(y) = expm1(y)/y, φ(0) = 1.</summary>
    private static double Exprel(double y) => y == 0.0 ? 1.0 : StableMath.ExpM1(y) / y;

    /// <summary>φ'(y) = (y·eʸ − expm1 y)/y², as Σ_{k≥1} k·y^(k−1)/(k + 1)! for |y| &lt; ½ (the closed form cancels there).</summary>
    private static double ExprelDerivative(double y)
    {
        if (Math.Abs(y) < 0.5)
        {
            double total = 0.0, power = 1.0, factorial = 1.0;
            for (var k = 1; k < 24; k++)
            {
                factorial *= k + 1;
                total += k * power / factorial;
                power *= y;
            }

            return total;
        }

        return y > 709.0 ? double.PositiveInfinity : ((y * Math.Exp(y)) - StableMath.ExpM1(y)) / (y * y);
    }

    /// <summary>g(u) = ln(1 + u) − u/(1 + u) = Σ_{k≥2} vᵏ/k with v = u/(1 + u) (all terms positive) for v &lt; 0.1.</summary>
    private static double LogMinusRatio(double u, double logTerm)
    {
        var v = u == 0.0 ? 0.0 : 1.0 / (1.0 + (1.0 / u));
        if (v >= 0.1)
        {
            return logTerm - v;
        }

        double total = 0.0, power = v * v;
        for (var k = 2; k < 40 && power > 1e-18 * total; k++)
        {
            total += power / k;
            power *= v;
        }

        return total;
    }
}

/// <summary>Barron's ρ(d, α, c), d = ŷ − y, with ∂ρ/∂ŷ. Lane by lane through the scalar form (branchy; bit-identical to it).</summary>
internal readonly struct BarronTerm(double alpha, double scale) : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var point = Barron.Evaluate(prediction - target, alpha, scale);
        derivative = point.DerivativeX;
        return point.Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var d = prediction - target;
        var p0 = Barron.Evaluate(d[0], alpha, scale);
        var p1 = Barron.Evaluate(d[1], alpha, scale);
        var p2 = Barron.Evaluate(d[2], alpha, scale);
        var p3 = Barron.Evaluate(d[3], alpha, scale);
        derivative = Vector256.Create(p0.DerivativeX, p1.DerivativeX, p2.DerivativeX, p3.DerivativeX);
        return Vector256.Create(p0.Value, p1.Value, p2.Value, p3.Value);
    }
}
