namespace Functional.Numerics;

/// <summary>
/// The gamma-family special functions the distributions need: ln Γ, ψ (digamma), ψ₁ (trigamma), ln B and ln n!,
/// accurate to a few ulps (about 1e-15 relative) for positive arguments.
/// </summary>
/// <remarks>
/// <para>Near the zeros of ln Γ (x = 1 and x = 2) a recurrence from a large argument would cancel, so
/// [0.5, 2.5] uses the Taylor series about 2 with ζ(k) − 1 coefficients (Abramowitz–Stegun 6.1.33):
/// ln Γ(2 + w) = (1 − γ)w + Σ_{k≥2} (ζ(k) − 1)(−w)^k / k, |w| ≤ ½, whose terms shrink like 4^−k and which is exactly 0 at
/// w = 0. Arguments ≥ 10 use Stirling's series with eight Bernoulli terms; those in between recur to one of the two.</para>
/// <para>ψ has its positive root at x₀ ≈ 1.4616321; within about 1e-3 of x₀ its error is about 1e-17 absolute rather than
/// relative. Negative arguments use the reflection formulas; the poles (0, −1, −2, …) give +∞ for ln |Γ| and NaN for ψ, ψ₁.</para>
/// </remarks>
public static class SpecialFunctions
{
    /// <summary>ζ(k) − 1 for k = 2, 3, …, 41 (mpmath, 40 digits, rounded to 17).</summary>
    private static ReadOnlySpan<double> ZetaMinusOne =>
    [
        0.64493406684822644, 0.20205690315959429, 0.082323233711138192, 0.036927755143369926, 0.01734306198444914,
        0.0083492773819228268, 0.0040773561979443394, 0.0020083928260822144, 0.00099457512781808534, 0.00049418860411946456,
        0.0002460865533080483, 0.00012271334757848915, 0.000061248135058704829, 0.000030588236307020494, 0.000015282259408651872,
        0.0000076371976378997623, 0.0000038172932649998399, 0.0000019082127165539389, 0.00000095396203387279611, 0.00000047693298678780646,
        0.00000023845050272773299, 0.00000011921992596531107, 0.00000005960818905125948, 0.00000002980350351465228, 0.000000014901554828365041,
        0.0000000074507117898354295, 0.0000000037253340247884571, 0.000000001862659723513049, 0.00000000093132743241966818, 0.00000000046566290650337841,
    ];

    private const double EulerGamma = 0.57721566490153286061;
    private const double OneMinusEulerGamma = 0.42278433509846713939;

    /// <summary>½ ln(2π).</summary>
    internal const double HalfLogTwoPi = 0.91893853320467274178;

    private const double StirlingFrom = 10.0;

    /// <summary>ln |Γ(x)|.</summary>
    /// <param name="x">Any value.</param>
    /// <returns>ln |Γ(x)|: 0 at 1 and 2 exactly; +∞ at the poles 0, −1, −2, … and at ±∞ (as SciPy's <c>gammaln</c>); NaN for NaN.
    /// Overflows to +∞ only above x ≈ 2.5e305.</returns>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (x <= 0.0)
        {
            if (x == Math.Floor(x))
            {
                return double.PositiveInfinity;
            }

            // Reflection: |Γ(x)Γ(1 − x)| = π / |sin πx|.
            return Math.Log(Math.PI / Math.Abs(SinPi(x))) - LogGamma(1.0 - x);
        }

        if (x < 0.5)
        {
            // Γ(x) = Γ(x + 2) / (x(x + 1)), keeping the series argument w = x small.
            return LogGammaNearTwo(x) - Math.Log(x) - StableMath.Log1P(x);
        }

        if (x < 1.5)
        {
            var w = x - 1.0;
            return LogGammaNearTwo(w) - StableMath.Log1P(w);
        }

        if (x <= 2.5)
        {
            return LogGammaNearTwo(x - 2.0);
        }

        if (x < StirlingFrom)
        {
            var product = 1.0;
            while (x > 2.5)
            {
                x -= 1.0;
                product *= x;
            }

            return LogGammaNearTwo(x - 2.0) + Math.Log(product);
        }

        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + StirlingCorrection(x);
    }

    /// <summary>ln Γ(2 + w) for |w| ≤ ½ by its Taylor series.</summary>
    private static double LogGammaNearTwo(double w)
    {
        var coefficients = ZetaMinusOne;
        var sum = 0.0;
        for (var k = coefficients.Length - 1; k >= 0; k--)
        {
            sum = (sum * -w) + (coefficients[k] / (k + 2));
        }

        return (OneMinusEulerGamma * w) + (sum * w * w);
    }

    /// <summary>ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10: Stirling's series Σ B₂ₖ / (2k(2k − 1) x^(2k−1)).</summary>
    internal static double StirlingCorrection(double x)
    {
        var r = 1.0 / x;
        var r2 = r * r;
        return r * Horner(r * r, [1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0, 1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0, -3617.0 / 122400.0]);
    }

    /// <summary>Σ c_i y^i by Horner's rule.</summary>
    private static double Horner(double y, ReadOnlySpan<double> coefficients)
    {
        var sum = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            sum = (sum * y) + coefficients[i];
        }

        return sum;
    }

    /// <summary>sin(πx) with the argument reduced exactly (x mod 2), so it is 0 at the integers.</summary>
    private static double SinPi(double x)
    {
        var r = Math.IEEERemainder(x, 2.0);
        return r switch
        {
            0.0 or 1.0 or -1.0 => 0.0,
            > 0.5 => Math.Sin(Math.PI * (1.0 - r)),
            < -0.5 => -Math.Sin(Math.PI * (1.0 + r)),
            _ => Math.Sin(Math.PI * r),
        };
    }

    /// <summary>The digamma function ψ(x) = d/dx ln Γ(x).</summary>
    /// <param name="x">Any value.</param>
    /// <returns>ψ(x); NaN at the poles 0, −1, −2, … and for NaN; +∞ at +∞; NaN at −∞.</returns>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (x <= 0.0)
        {
            if (x == Math.Floor(x))
            {
                return double.NaN;
            }

            // Reflection: ψ(1 − x) − ψ(x) = π cot πx.
            return Digamma(1.0 - x) - (Math.PI * CosPi(x) / SinPi(x));
        }

        var shift = 0.0;
        if (x < 0.5)
        {
            shift = -1.0 / x;
            x += 1.0;
        }

        if (x <= 1.5)
        {
            // ψ(1 + w) = −γ + w/(1 + w) + Σ_{k≥2} (−1)^k (ζ(k) − 1) w^(k−1).
            var w = x - 1.0;
            var coefficients = ZetaMinusOne;
            var sum = 0.0;
            for (var k = coefficients.Length - 1; k >= 0; k--)
            {
                sum = (sum * -w) + coefficients[k];
            }

            return shift + (-EulerGamma + (w / x) + (w * sum));
        }

        if (x < StirlingFrom)
        {
            var added = 0.0;
            while (x > 1.5)
            {
                x -= 1.0;
                added += 1.0 / x;
            }

            return shift + added + Digamma(x);
        }

        var r = 1.0 / x;
        var r2 = r * r;
        var series = r2 * Horner(r2, [1.0 / 12.0, -1.0 / 120.0, 1.0 / 252.0, -1.0 / 240.0, 1.0 / 132.0, -691.0 / 32760.0, 1.0 / 12.0, -3617.0 / 8160.0]);
        return shift + Math.Log(x) - (0.5 * r) - series;
    }

    private static double CosPi(double x) => SinPi(x + 0.5);

    /// <summary>The trigamma function ψ₁(x) = d²/dx² ln Γ(x) = Σ_{k≥0} 1/(x + k)².</summary>
    /// <param name="x">Any value.</param>
    /// <returns>ψ₁(x) &gt; 0 for x &gt; 0; NaN at the poles 0, −1, −2, …, at −∞ and for NaN; 0 at +∞.</returns>
    public static double Trigamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            if (x == Math.Floor(x))
            {
                return double.NaN;
            }

            // Reflection: ψ₁(1 − x) + ψ₁(x) = π² / sin² πx.
            var s = SinPi(x);
            return (Math.PI * Math.PI / (s * s)) - Trigamma(1.0 - x);
        }

        // Every term is positive, so recurring upwards loses nothing.
        var added = 0.0;
        while (x < StirlingFrom)
        {
            added += 1.0 / (x * x);
            x += 1.0;
        }

        var r = 1.0 / x;
        var r2 = r * r;
        var series = r * r2 * Horner(r2, [1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0, -1.0 / 30.0, 5.0 / 66.0, -691.0 / 2730.0, 7.0 / 6.0, -3617.0 / 510.0]);
        return added + r + (0.5 * r2) + series;
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).</summary>
    /// <param name="a">a &gt; 0.</param>
    /// <param name="b">b &gt; 0.</param>
    /// <returns>ln B(a, b); for large arguments the Stirling terms are combined before they cancel
    /// (ln B(1, 1e10) = −ln 1e10 to full precision, where the three-term difference would lose ten digits). +∞ if a or b is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">a or b is negative, NaN or +∞.</exception>
    public static double LogBeta(double a, double b)
    {
        if (!(a >= 0.0 && a < double.PositiveInfinity))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, $"a = {Format.Number(a)}; ln B(a, b) needs a finite a ≥ 0.");
        }

        if (!(b >= 0.0 && b < double.PositiveInfinity))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, $"b = {Format.Number(b)}; ln B(a, b) needs a finite b ≥ 0.");
        }

        if (a == 0.0 || b == 0.0)
        {
            return double.PositiveInfinity;
        }

        var (small, large) = a <= b ? (a, b) : (b, a);
        var sum = small + large;
        if (large < StirlingFrom)
        {
            return LogGamma(small) + LogGamma(large) - LogGamma(sum);
        }

        var correction = StirlingCorrection(large) - StirlingCorrection(sum);
        if (small < StirlingFrom)
        {
            // ln Γ(large) − ln Γ(sum) by Stirling, the (x − ½) ln x terms combined through log1p.
            return LogGamma(small) + correction - ((large - 0.5) * StableMath.Log1P(small / large)) - (small * Math.Log(sum)) + small;
        }

        return HalfLogTwoPi - (0.5 * Math.Log(sum)) - ((small - 0.5) * StableMath.Log1P(large / small))
            - ((large - 0.5) * StableMath.Log1P(small / large)) + StirlingCorrection(small) + correction;
    }

    /// <summary>ln n! = ln Γ(n + 1).</summary>
    /// <param name="n">n ≥ 0.</param>
    /// <returns>ln n! (0 for n = 0 and 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">n is negative.</exception>
    public static double LogFactorial(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return LogGamma(n + 1.0);
    }

    /// <summary>ln x! = ln Γ(x + 1) for a whole number x held as a double (Poisson counts).</summary>
    /// <param name="x">A whole number ≥ 0.</param>
    /// <returns>ln x!.</returns>
    internal static double LogFactorial(double x) => LogGamma(x + 1.0);
}
