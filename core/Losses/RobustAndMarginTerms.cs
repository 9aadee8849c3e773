using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Losses;

// Margin surrogates of the 0-1 error, on m = y·f with labels y ∈ {−1, +1}; derivatives are with respect to the score f
// (∂/∂f = y·∂/∂m). Kinks take the lowest-norm subgradient. Robust losses in Barron's (2019) normalisation: with
// z = (d/c)², each is ≈ z/2 near d = 0, so they are interchangeable with ½(d/c)² for small residuals.

/// <summary>Hinge max(0, 1 − m); ∂/∂f = −y for m &lt; 1, 0 for m ≥ 1 (0 at the kink m = 1).</summary>
internal readonly struct HingeTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var margin = target * prediction;
        derivative = margin < 1.0 ? -target : 0.0;
        return Math.Max(0.0, 1.0 - margin);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var margin = target * prediction;
        derivative = Vector256.LessThan(margin, Vector256<double>.One) & -target;
        return Vector256.Max(Vector256<double>.Zero, Vector256<double>.One - margin);
    }
}

/// <summary>Squared hinge max(0, 1 − m)²; ∂/∂f = −2y·max(0, 1 − m).</summary>
internal readonly struct SquaredHingeTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var slack = Math.Max(0.0, 1.0 - (target * prediction));
        derivative = -2.0 * target * slack;
        return slack * slack;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var slack = Vector256.Max(Vector256<double>.Zero, Vector256<double>.One - (target * prediction));
        derivative = Vector256.Create(-2.0) * target * slack;
        return slack * slack;
    }
}

/// <summary>Modified Huber (scikit-learn): max(0, 1 − m)² for m ≥ −1, −4m below; ∂/∂f = −2y·max(0, 1 − m), or −4y.</summary>
internal readonly struct ModifiedHuberTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var margin = target * prediction;
        if (margin >= -1.0)
        {
            var slack = Math.Max(0.0, 1.0 - margin);
            derivative = -2.0 * target * slack;
            return slack * slack;
        }

        derivative = -4.0 * target;
        return -4.0 * margin;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var margin = target * prediction;
        var slack = Vector256.Max(Vector256<double>.Zero, Vector256<double>.One - margin);
        var quadratic = Vector256.GreaterThanOrEqual(margin, Vector256.Create(-1.0));
        derivative = Vector256.ConditionalSelect(quadratic, Vector256.Create(-2.0) * target * slack, Vector256.Create(-4.0) * target);
        return Vector256.ConditionalSelect(quadratic, slack * slack, Vector256.Create(-4.0) * margin);
    }
}

/// <summary>Exponential e^(−m) (AdaBoost); ∂/∂f = −y·e^(−m).</summary>
internal readonly struct ExponentialTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var value = Math.Exp(-(target * prediction));
        derivative = -target * value;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var value = VectorMath.Exp(-(target * prediction));
        derivative = -target * value;
        return value;
    }
}

/// <summary>Sigmoid surrogate σ(−m) = 1/(1 + e^m) (bounded, non-convex); ∂/∂f = −y·σ(m)·σ(−m).</summary>
internal readonly struct SigmoidSurrogateTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var margin = target * prediction;
        var e = Math.Exp(-Math.Abs(margin));
        var small = e / (1.0 + e);
        var large = 1.0 / (1.0 + e);
        derivative = -target * small * large;
        return margin >= 0.0 ? small : large;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var margin = target * prediction;
        var e = VectorMath.Exp(-Vector256.Abs(margin));
        var large = Vector256<double>.One / (Vector256<double>.One + e);
        var small = e * large;
        derivative = -target * small * large;
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(margin, Vector256<double>.Zero), small, large);
    }
}

/// <summary>The 0-1 error [m ≤ 0] (a tie counts as an error); derivative 0 (it has none that helps: NP-hard to minimise).</summary>
internal readonly struct ZeroOneTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        derivative = 0.0;
        return target * prediction <= 0.0 ? 1.0 : 0.0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        derivative = Vector256<double>.Zero;
        return Vector256.LessThanOrEqual(target * prediction, Vector256<double>.Zero) & Vector256<double>.One;
    }
}

/// <summary>
/// Cauchy/Lorentzian (Barron α = 0): ln(1 + ½r²), r = d/c; derivative (2/c)·r/(2 + r²). For |r| &gt; 1 the forms
/// 2 ln|r| + ln(½ + 1/r²) and (2/c)/(r + 2/r) keep both finite where r² would overflow.
/// </summary>
internal readonly struct CauchyTerm(double scale) : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var r = (prediction - target) / scale;
        if (Math.Abs(r) <= 1.0)
        {
            derivative = 2.0 / scale * r / (2.0 + (r * r));
            return StableMath.Log1P(0.5 * r * r);
        }

        // ln|r| as ln|d| − ln c: r itself may overflow where the loss (≈ 2 ln|r|) is still finite.
        var inverse = 1.0 / r;
        derivative = 2.0 / scale / (r + (2.0 * inverse));
        return (2.0 * (Math.Log(Math.Abs(prediction - target)) - Math.Log(scale))) + Math.Log(0.5 + (inverse * inverse));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var twoOverC = Vector256.Create(2.0 / scale);
        var two = Vector256.Create(2.0);
        var r = (prediction - target) / Vector256.Create(scale);
        var small = Vector256.LessThanOrEqual(Vector256.Abs(r), Vector256<double>.One);
        var inverse = Vector256<double>.One / r;
        derivative = Vector256.ConditionalSelect(small, twoOverC * r / (two + (r * r)), twoOverC / (r + (two * inverse)));
        var near = VectorMath.Log1P(Vector256.Create(0.5) * r * r);
        if (Vector256.EqualsAll(small, Vector256<double>.AllBitsSet))
        {
            return near;
        }

        var logAbsR = VectorMath.Log(Vector256.Abs(prediction - target)) - Vector256.Create(Math.Log(scale));
        var far = (two * logAbsR) + VectorMath.Log(Vector256.Create(0.5) + (inverse * inverse));
        return Vector256.ConditionalSelect(small, near, far);
    }
}

/// <summary>
/// Welsch/Leclerc (Barron α → −∞): 1 − e^(−½r²), r = d/c, as −expm1(−½r²); derivative (r/c)·e^(−½r²), 0 where the
/// exponential underflows. Plateaus (zero gradient) far from the target: it needs a good start.
/// </summary>
internal readonly struct WelschTerm(double scale) : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var r = (prediction - target) / scale;
        var half = 0.5 * r * r;
        var weight = Math.Exp(-half);
        derivative = weight == 0.0 ? 0.0 : r / scale * weight;
        return -StableMath.ExpM1(-half);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var c = Vector256.Create(scale);
        var r = (prediction - target) / c;
        var half = Vector256.Create(0.5) * r * r;
        var weight = VectorMath.Exp(-half);
        derivative = Vector256.ConditionalSelect(Vector256.Equals(weight, Vector256<double>.Zero), Vector256<double>.Zero, r / c * weight);
        return -VectorMath.ExpM1(-half);
    }
}

/// <summary>
/// Geman–McClure (Barron α = −2): 2r²/(r² + 4), r = d/c; derivative 16r/(c(r² + 4)²). For |r| &gt; 1, with w = 1/r:
/// 2/(1 + 4w²) and 16w³/(c(1 + 4w²)²), so neither overflows.
/// </summary>
internal readonly struct GemanMcClureTerm(double scale) : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var r = (prediction - target) / scale;
        if (Math.Abs(r) <= 1.0)
        {
            var denominator = (r * r) + 4.0;
            derivative = 16.0 * r / (scale * denominator * denominator);
            return 2.0 * r * r / denominator;
        }

        var w = 1.0 / r;
        var q = 1.0 + (4.0 * w * w);
        derivative = 16.0 * w * w * w / (scale * q * q);
        return 2.0 / q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var c = Vector256.Create(scale);
        var four = Vector256.Create(4.0);
        var sixteen = Vector256.Create(16.0);
        var r = (prediction - target) / c;
        var small = Vector256.LessThanOrEqual(Vector256.Abs(r), Vector256<double>.One);
        var denominator = (r * r) + four;
        var w = Vector256<double>.One / r;
        var q = Vector256<double>.One + (four * w * w);
        derivative = Vector256.ConditionalSelect(small, sixteen * r / (c * denominator * denominator), sixteen * w * w * w / (c * q * q));
        return Vector256.ConditionalSelect(small, Vector256.Create(2.0) * r * r / denominator, Vector256.Create(2.0) / q);
    }
}

/// <summary>
/// Charbonnier / pseudo-Huber (Barron α = 1): √(r² + 1) − 1, r = d/c, as r²/(√(r² + 1) + 1) for |r| ≤ 1 and
/// |r|·√(1 + 1/r²) − 1 beyond (no overflow); derivative r/(c·√(r² + 1)).
/// </summary>
internal readonly struct CharbonnierTerm(double scale) : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var r = (prediction - target) / scale;
        var a = Math.Abs(r);
        if (a <= 1.0)
        {
            var root = Math.Sqrt((r * r) + 1.0);
            derivative = r / (scale * root);
            return r * r / (root + 1.0);
        }

        var stretch = Math.Sqrt(1.0 + (1.0 / r / r));
        derivative = Math.CopySign(1.0, r) / (scale * stretch);
        return (a * stretch) - 1.0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var c = Vector256.Create(scale);
        var r = (prediction - target) / c;
        var a = Vector256.Abs(r);
        var small = Vector256.LessThanOrEqual(a, Vector256<double>.One);
        var w = Vector256<double>.One / r;
        var root = Vector256.Sqrt((r * r) + Vector256<double>.One);
        var stretch = Vector256.Sqrt(Vector256<double>.One + (w * w));
        var sign = Vector256.CopySign(Vector256<double>.One, r);
        derivative = Vector256.ConditionalSelect(small, r / (c * root), sign / (c * stretch));
        return Vector256.ConditionalSelect(small, r * r / (root + Vector256<double>.One), (a * stretch) - Vector256<double>.One);
    }
}

/// <summary>Gaussian NLL with a fixed σ: ½(d/σ)² + ln σ (+ ½ ln 2π when full); derivative d/σ².</summary>
internal readonly struct GaussianNllTerm(double sigma, double constant) : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var r = (prediction - target) / sigma;
        derivative = r / sigma;
        return (0.5 * r * r) + constant;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var s = Vector256.Create(sigma);
        var r = (prediction - target) / s;
        derivative = r / s;
        return (Vector256.Create(0.5) * r * r) + Vector256.Create(constant);
    }
}

/// <summary>Poisson NLL on a log-rate x with count k ≥ 0: eˣ − k·x (ln k! omitted, as PyTorch's default); derivative eˣ − k.</summary>
internal readonly struct PoissonNllTerm : ILossTerm
{
    public double Value(double prediction, double target, out double derivative)
    {
        var rate = Math.Exp(prediction);
        derivative = rate - target;
        // Where eˣ overflows it dominates k·x: the loss is +∞, not ∞ − ∞.
        return double.IsPositiveInfinity(rate) ? rate : rate - (target == 0.0 ? 0.0 : target * prediction);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var rate = VectorMath.Exp(prediction);
        derivative = rate - target;
        var linear = Vector256.ConditionalSelect(Vector256.Equals(target, Vector256<double>.Zero), Vector256<double>.Zero, target * prediction);
        return Vector256.ConditionalSelect(Vector256.Equals(rate, Vector256.Create(double.PositiveInfinity)), rate, rate - linear);
    }
}

/// <summary>
/// log-cosh: ln cosh d, d = ŷ − y (≈ ½d² near 0, |d| − ln 2 far out); derivative tanh d. Evaluated as d²·P(d²) (the Taylor
/// series, 11 terms, next below 2^-56 relative) for |d| &lt; ¼ and |d| + log1p(e^−2|d|) − ln 2 beyond, which never overflows;
/// tanh d = −expm1(−2|d|)/(2 + expm1(−2|d|)) with the sign of d.
/// </summary>
internal readonly struct LogCoshTerm : ILossTerm
{
    private const double Ln2 = 0.69314718055994530942;

    /// <summary>Coefficients of ln cosh(d)/d² in powers of d²: 2^(2n)(2^(2n) − 1)B_(2n)/(2n(2n)!), n = 1…11 (mpmath).</summary>
    private static ReadOnlySpan<double> Series =>
    [
        0.5, -0.08333333333333333, 0.022222222222222223, -0.006746031746031746,
        0.0021869488536155205, -0.0007386029608251831, 0.0002565805740408915, -9.09896491907074e-05,
        3.277930227475478e-05, -1.1956455712177625e-05, 4.405244525877023e-06,
    ];

    public double Value(double prediction, double target, out double derivative)
    {
        var d = prediction - target;
        var a = Math.Abs(d);
        var m = StableMath.ExpM1(-2.0 * a);
        derivative = Math.CopySign(-m / (2.0 + m), d);
        if (a < 0.25)
        {
            var d2 = d * d;
            return d2 * StableMath.Polynomial(d2, Series);
        }

        return a + StableMath.Log1P(Math.Exp(-2.0 * a)) - Ln2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative)
    {
        var d = prediction - target;
        var a = Vector256.Abs(d);
        var minusTwoA = Vector256.Create(-2.0) * a;
        var m = VectorMath.ExpM1(minusTwoA);
        derivative = Vector256.CopySign(-m / (Vector256.Create(2.0) + m), d);
        var d2 = d * d;
        var near = d2 * VectorMath.Polynomial(d2, Series);
        var far = a + VectorMath.Log1P(VectorMath.Exp(minusTwoA)) - Vector256.Create(Ln2);
        return Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(0.25)), near, far);
    }
}
