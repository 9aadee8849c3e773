using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>A reduced loss: Σ or mean of ℓ, with ∂(reduced)/∂prediction written to gradient.</summary>
internal delegate T ReduceLoss<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, Reduction reduction);

/// <summary>A per-element loss: values[i] = ℓ_i, gradient[i] = ∂ℓ_i/∂prediction_i.</summary>
internal delegate void ElementwiseLoss<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> values, Span<T> gradient);

/// <summary>What a loss's targets may be.</summary>
internal enum TargetKind
{
    /// <summary>Any finite value (regression).</summary>
    Finite,

    /// <summary>Soft labels in [0, 1] (BCE with logits).</summary>
    UnitInterval,

    /// <summary>Labels −1 or +1 (logistic loss on margins).</summary>
    Sign,
}

/// <summary>
/// One loss of core/Losses under test: its four entry points (Reduce and Elementwise, double and float), the plain
/// textbook formula it must agree with, and the domain of its targets.
/// </summary>
internal sealed record LossCase(
    string Name,
    TargetKind Targets,
    ReduceLoss<double> ReduceDouble,
    ReduceLoss<float> ReduceFloat,
    ElementwiseLoss<double> ElementwiseDouble,
    ElementwiseLoss<float> ElementwiseFloat,
    Func<double, double, Textbook.Term> Reference)
{
    /// <summary>Whether the predictions are probabilities in [0, 1] (binary cross-entropy) rather than any finite score.</summary>
    public bool Probabilities { get; init; }

    public override string ToString() => Name;
}

/// <summary>The catalogue of element-wise losses, including Huber and smooth-L1 at a parameter other than 1.</summary>
internal static class LossCases
{
    internal static readonly LossCase[] All =
    [
        new("HalfSquaredError", TargetKind.Finite,
            (p, t, g, r) => Loss.HalfSquaredError(p, t, g, r), (p, t, g, r) => Loss.HalfSquaredError(p, t, g, r),
            Loss.HalfSquaredErrorElementwise, Loss.HalfSquaredErrorElementwise, Textbook.HalfSquaredError),
        new("SquaredError", TargetKind.Finite,
            (p, t, g, r) => Loss.SquaredError(p, t, g, r), (p, t, g, r) => Loss.SquaredError(p, t, g, r),
            Loss.SquaredErrorElementwise, Loss.SquaredErrorElementwise, Textbook.SquaredError),
        new("AbsoluteError", TargetKind.Finite,
            (p, t, g, r) => Loss.AbsoluteError(p, t, g, r), (p, t, g, r) => Loss.AbsoluteError(p, t, g, r),
            Loss.AbsoluteErrorElementwise, Loss.AbsoluteErrorElementwise, Textbook.AbsoluteError),
        new("Huber(1)", TargetKind.Finite,
            (p, t, g, r) => Loss.Huber(p, t, g, r), (p, t, g, r) => Loss.Huber(p, t, g, r),
            (p, t, v, g) => Loss.HuberElementwise(p, t, v, g), (p, t, v, g) => Loss.HuberElementwise(p, t, v, g),
            (p, t) => Textbook.Huber(p, t, 1.0)),
        new("Huber(2.5)", TargetKind.Finite,
            (p, t, g, r) => Loss.Huber(p, t, g, r, 2.5), (p, t, g, r) => Loss.Huber(p, t, g, r, 2.5),
            (p, t, v, g) => Loss.HuberElementwise(p, t, v, g, 2.5), (p, t, v, g) => Loss.HuberElementwise(p, t, v, g, 2.5),
            (p, t) => Textbook.Huber(p, t, 2.5)),
        new("SmoothL1(1)", TargetKind.Finite,
            (p, t, g, r) => Loss.SmoothL1(p, t, g, r), (p, t, g, r) => Loss.SmoothL1(p, t, g, r),
            (p, t, v, g) => Loss.SmoothL1Elementwise(p, t, v, g), (p, t, v, g) => Loss.SmoothL1Elementwise(p, t, v, g),
            (p, t) => Textbook.SmoothL1(p, t, 1.0)),
        new("SmoothL1(0.3)", TargetKind.Finite,
            (p, t, g, r) => Loss.SmoothL1(p, t, g, r, 0.3), (p, t, g, r) => Loss.SmoothL1(p, t, g, r, 0.3),
            (p, t, v, g) => Loss.SmoothL1Elementwise(p, t, v, g, 0.3), (p, t, v, g) => Loss.SmoothL1Elementwise(p, t, v, g, 0.3),
            (p, t) => Textbook.SmoothL1(p, t, 0.3)),
        new("BinaryCrossEntropyWithLogits", TargetKind.UnitInterval,
            (p, t, g, r) => Loss.BinaryCrossEntropyWithLogits(p, t, g, r), (p, t, g, r) => Loss.BinaryCrossEntropyWithLogits(p, t, g, r),
            Loss.BinaryCrossEntropyWithLogitsElementwise, Loss.BinaryCrossEntropyWithLogitsElementwise, Textbook.BinaryCrossEntropyWithLogits),
        new("Logistic", TargetKind.Sign,
            (p, t, g, r) => Loss.Logistic(p, t, g, r), (p, t, g, r) => Loss.Logistic(p, t, g, r),
            Loss.LogisticElementwise, Loss.LogisticElementwise, Textbook.Logistic),
        new("Hinge", TargetKind.Sign,
            (p, t, g, r) => Loss.Hinge(p, t, g, r), (p, t, g, r) => Loss.Hinge(p, t, g, r),
            Loss.HingeElementwise, Loss.HingeElementwise, Textbook.Hinge),
        new("SquaredHinge", TargetKind.Sign,
            (p, t, g, r) => Loss.SquaredHinge(p, t, g, r), (p, t, g, r) => Loss.SquaredHinge(p, t, g, r),
            Loss.SquaredHingeElementwise, Loss.SquaredHingeElementwise, Textbook.SquaredHinge),
        new("ModifiedHuber", TargetKind.Sign,
            (p, t, g, r) => Loss.ModifiedHuber(p, t, g, r), (p, t, g, r) => Loss.ModifiedHuber(p, t, g, r),
            Loss.ModifiedHuberElementwise, Loss.ModifiedHuberElementwise, Textbook.ModifiedHuber),
        new("Exponential", TargetKind.Sign,
            (p, t, g, r) => Loss.Exponential(p, t, g, r), (p, t, g, r) => Loss.Exponential(p, t, g, r),
            Loss.ExponentialElementwise, Loss.ExponentialElementwise, Textbook.Exponential),
        new("SigmoidSurrogate", TargetKind.Sign,
            (p, t, g, r) => Loss.SigmoidSurrogate(p, t, g, r), (p, t, g, r) => Loss.SigmoidSurrogate(p, t, g, r),
            Loss.SigmoidSurrogateElementwise, Loss.SigmoidSurrogateElementwise, Textbook.SigmoidSurrogate),
        new("ZeroOneError", TargetKind.Sign,
            (p, t, g, r) => Loss.ZeroOneError(p, t, g, r), (p, t, g, r) => Loss.ZeroOneError(p, t, g, r),
            Loss.ZeroOneErrorElementwise, Loss.ZeroOneErrorElementwise, Textbook.ZeroOneError),
        new("Cauchy(1.0)", TargetKind.Finite,
            (p, t, g, r) => Loss.Cauchy(p, t, g, r, 1.0), (p, t, g, r) => Loss.Cauchy(p, t, g, r, 1.0),
            (p, t, v, g) => Loss.CauchyElementwise(p, t, v, g, 1.0), (p, t, v, g) => Loss.CauchyElementwise(p, t, v, g, 1.0),
            (p, t) => Textbook.Cauchy(p, t, 1.0)),
        new("Cauchy(2.5)", TargetKind.Finite,
            (p, t, g, r) => Loss.Cauchy(p, t, g, r, 2.5), (p, t, g, r) => Loss.Cauchy(p, t, g, r, 2.5),
            (p, t, v, g) => Loss.CauchyElementwise(p, t, v, g, 2.5), (p, t, v, g) => Loss.CauchyElementwise(p, t, v, g, 2.5),
            (p, t) => Textbook.Cauchy(p, t, 2.5)),
        new("Welsch(1.0)", TargetKind.Finite,
            (p, t, g, r) => Loss.Welsch(p, t, g, r, 1.0), (p, t, g, r) => Loss.Welsch(p, t, g, r, 1.0),
            (p, t, v, g) => Loss.WelschElementwise(p, t, v, g, 1.0), (p, t, v, g) => Loss.WelschElementwise(p, t, v, g, 1.0),
            (p, t) => Textbook.Welsch(p, t, 1.0)),
        new("Welsch(2.5)", TargetKind.Finite,
            (p, t, g, r) => Loss.Welsch(p, t, g, r, 2.5), (p, t, g, r) => Loss.Welsch(p, t, g, r, 2.5),
            (p, t, v, g) => Loss.WelschElementwise(p, t, v, g, 2.5), (p, t, v, g) => Loss.WelschElementwise(p, t, v, g, 2.5),
            (p, t) => Textbook.Welsch(p, t, 2.5)),
        new("GemanMcClure(1.0)", TargetKind.Finite,
            (p, t, g, r) => Loss.GemanMcClure(p, t, g, r, 1.0), (p, t, g, r) => Loss.GemanMcClure(p, t, g, r, 1.0),
            (p, t, v, g) => Loss.GemanMcClureElementwise(p, t, v, g, 1.0), (p, t, v, g) => Loss.GemanMcClureElementwise(p, t, v, g, 1.0),
            (p, t) => Textbook.GemanMcClure(p, t, 1.0)),
        new("GemanMcClure(2.5)", TargetKind.Finite,
            (p, t, g, r) => Loss.GemanMcClure(p, t, g, r, 2.5), (p, t, g, r) => Loss.GemanMcClure(p, t, g, r, 2.5),
            (p, t, v, g) => Loss.GemanMcClureElementwise(p, t, v, g, 2.5), (p, t, v, g) => Loss.GemanMcClureElementwise(p, t, v, g, 2.5),
            (p, t) => Textbook.GemanMcClure(p, t, 2.5)),
        new("Charbonnier(1.0)", TargetKind.Finite,
            (p, t, g, r) => Loss.Charbonnier(p, t, g, r, 1.0), (p, t, g, r) => Loss.Charbonnier(p, t, g, r, 1.0),
            (p, t, v, g) => Loss.CharbonnierElementwise(p, t, v, g, 1.0), (p, t, v, g) => Loss.CharbonnierElementwise(p, t, v, g, 1.0),
            (p, t) => Textbook.Charbonnier(p, t, 1.0)),
        new("Charbonnier(2.5)", TargetKind.Finite,
            (p, t, g, r) => Loss.Charbonnier(p, t, g, r, 2.5), (p, t, g, r) => Loss.Charbonnier(p, t, g, r, 2.5),
            (p, t, v, g) => Loss.CharbonnierElementwise(p, t, v, g, 2.5), (p, t, v, g) => Loss.CharbonnierElementwise(p, t, v, g, 2.5),
            (p, t) => Textbook.Charbonnier(p, t, 2.5)),
        new("LogCosh", TargetKind.Finite,
            (p, t, g, r) => Loss.LogCosh(p, t, g, r), (p, t, g, r) => Loss.LogCosh(p, t, g, r),
            Loss.LogCoshElementwise, Loss.LogCoshElementwise, Textbook.LogCosh),
        new("GaussianNll(2, full)", TargetKind.Finite,
            (p, t, g, r) => Loss.GaussianNll(p, t, g, r, 2.0, full: true), (p, t, g, r) => Loss.GaussianNll(p, t, g, r, 2.0, full: true),
            (p, t, v, g) => Loss.GaussianNllElementwise(p, t, v, g, 2.0, full: true), (p, t, v, g) => Loss.GaussianNllElementwise(p, t, v, g, 2.0, full: true),
            (p, t) => Textbook.GaussianNll(p, t, 2.0)),
        new("Barron(0.5, 1.0)", TargetKind.Finite,
            (p, t, g, r) => Loss.Barron(p, t, g, r, 0.5, 1.0), (p, t, g, r) => Loss.Barron(p, t, g, r, 0.5, 1.0),
            (p, t, v, g) => Loss.BarronElementwise(p, t, v, g, 0.5, 1.0), (p, t, v, g) => Loss.BarronElementwise(p, t, v, g, 0.5, 1.0),
            (p, t) => Textbook.Barron(p, t, 0.5, 1.0)),
        new("Barron(-3, 2.5)", TargetKind.Finite,
            (p, t, g, r) => Loss.Barron(p, t, g, r, -3.0, 2.5), (p, t, g, r) => Loss.Barron(p, t, g, r, -3.0, 2.5),
            (p, t, v, g) => Loss.BarronElementwise(p, t, v, g, -3.0, 2.5), (p, t, v, g) => Loss.BarronElementwise(p, t, v, g, -3.0, 2.5),
            (p, t) => Textbook.Barron(p, t, -3.0, 2.5)),
        new("Barron(4, 7)", TargetKind.Finite,
            (p, t, g, r) => Loss.Barron(p, t, g, r, 4.0, 7.0), (p, t, g, r) => Loss.Barron(p, t, g, r, 4.0, 7.0),
            (p, t, v, g) => Loss.BarronElementwise(p, t, v, g, 4.0, 7.0), (p, t, v, g) => Loss.BarronElementwise(p, t, v, g, 4.0, 7.0),
            (p, t) => Textbook.Barron(p, t, 4.0, 7.0)),
        new("BinaryCrossEntropy", TargetKind.UnitInterval,
            (p, t, g, r) => Loss.BinaryCrossEntropy(p, t, g, r), (p, t, g, r) => Loss.BinaryCrossEntropy(p, t, g, r),
            Loss.BinaryCrossEntropyElementwise, Loss.BinaryCrossEntropyElementwise, Textbook.BinaryCrossEntropy) { Probabilities = true },
        new("BinaryCrossEntropyWithLogits(pos_weight 3)", TargetKind.UnitInterval,
            (p, t, g, r) => Loss.BinaryCrossEntropyWithLogits(p, t, g, r, 3.0), (p, t, g, r) => Loss.BinaryCrossEntropyWithLogits(p, t, g, r, 3.0),
            (p, t, v, g) => Loss.BinaryCrossEntropyWithLogitsElementwise(p, t, v, g, 3.0), (p, t, v, g) => Loss.BinaryCrossEntropyWithLogitsElementwise(p, t, v, g, 3.0),
            (p, t) => Textbook.BinaryCrossEntropyWithLogits(p, t, 3.0)),
    ];

    internal static LossCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>A valid target for the loss's domain, from a uniform draw u ∈ [0, 1).</summary>
    internal static double Target(TargetKind kind, double u, double prediction) => kind switch
    {
        TargetKind.UnitInterval => u,
        TargetKind.Sign => u < 0.5 ? -1.0 : 1.0,
        _ => prediction + ((u - 0.5) * 20.0),
    };
}

/// <summary>
/// The textbook formulas, one element at a time, written plainly (no SIMD, no shared code with the core). Each returns
/// the value and derivative and the magnitude of the terms each was computed from, so that a tolerance can be scaled
/// to what rounding of those terms allows where the mathematics cancels (σ(x) − t with t = 1).
/// </summary>
internal static class Textbook
{
    internal readonly record struct Term(double Value, double Derivative, double ValueScale, double DerivativeScale);

    internal static Term HalfSquaredError(double p, double t)
    {
        var d = p - t;
        return new Term(0.5 * d * d, d, 0.5 * d * d, Math.Abs(d));
    }

    internal static Term SquaredError(double p, double t)
    {
        var d = p - t;
        return new Term(d * d, 2 * d, d * d, 2 * Math.Abs(d));
    }

    internal static Term AbsoluteError(double p, double t)
    {
        var d = p - t;
        return new Term(Math.Abs(d), Math.Sign(d), Math.Abs(d), 1.0);
    }

    internal static Term Huber(double p, double t, double delta)
    {
        var d = p - t;
        var value = Math.Abs(d) <= delta ? 0.5 * d * d : delta * (Math.Abs(d) - (0.5 * delta));
        var derivative = Math.Abs(d) <= delta ? d : delta * Math.Sign(d);
        return new Term(value, derivative, Math.Abs(value) + (0.5 * delta * delta), Math.Abs(derivative));
    }

    internal static Term SmoothL1(double p, double t, double beta)
    {
        var d = p - t;
        var value = Math.Abs(d) < beta ? 0.5 * d * d / beta : Math.Abs(d) - (0.5 * beta);
        var derivative = Math.Abs(d) < beta ? d / beta : Math.Sign(d);
        return new Term(value, derivative, Math.Abs(value) + beta, Math.Abs(derivative));
    }

    /// <summary>−[t ln σ(x) + (1 − t) ln(1 − σ(x))] = softplus(x) − t·x; derivative σ(x) − t.</summary>
    internal static Term BinaryCrossEntropyWithLogits(double x, double t)
    {
        var softplus = Softplus(x);
        var sigma = Sigmoid(x);
        return new Term(softplus - (t * x), sigma - t, softplus + Math.Abs(t * x), sigma + t);
    }

    /// <summary>ln(1 + e^(−y·f)) = softplus(−y·f); derivative −y·σ(−y·f).</summary>
    internal static Term Logistic(double f, double y)
    {
        var value = Softplus(-y * f);
        var derivative = -y * Sigmoid(-y * f);
        return new Term(value, derivative, value, Math.Abs(derivative));
    }

    /// <summary>ln cosh d (as |d| − ln 2 + ln(1 + e^(−2|d|)) once cosh would overflow); derivative tanh d.</summary>
    internal static Term LogCosh(double p, double t)
    {
        var d = p - t;
        var value = Math.Abs(d) < 20 ? Math.Log(Math.Cosh(d)) : Math.Abs(d) - Math.Log(2) + Log1P(Math.Exp(-2 * Math.Abs(d)));
        return new Term(value, Math.Tanh(d), Math.Abs(d) + 1, 1);
    }

    /// <summary>−ln N(y; ŷ, σ²) = ½((ŷ − y)/σ)² + ln σ + ½ ln 2π.</summary>
    internal static Term GaussianNll(double p, double t, double sigma)
    {
        var r = (p - t) / sigma;
        var value = (0.5 * r * r) + Math.Log(sigma) + (0.5 * Math.Log(2 * Math.PI));
        return new Term(value, r / sigma, (0.5 * r * r) + Math.Abs(Math.Log(sigma)) + 1, Math.Abs(r / sigma));
    }

    /// <summary>Barron's ρ(d, α, c) = |α − 2|/α·((z/|α − 2| + 1)^(α/2) − 1), z = (d/c)², plainly (α away from 0 and 2); derivative (d/c²)(z/|α − 2| + 1)^(α/2 − 1).</summary>
    internal static Term Barron(double p, double t, double alpha, double c)
    {
        var d = p - t;
        var z = d / c * (d / c);
        var b = Math.Abs(alpha - 2);
        var value = b / alpha * (Math.Pow((z / b) + 1, alpha / 2) - 1);
        var derivative = d / (c * c) * Math.Pow((z / b) + 1, (alpha / 2) - 1);
        return new Term(value, derivative, Math.Abs(value) + (b / Math.Abs(alpha)) + 1, Math.Abs(derivative));
    }

    /// <summary>−[t ln p + (1 − t) ln(1 − p)] with 0·ln 0 = 0; derivative (1 − t)/(1 − p) − t/p.</summary>
    internal static Term BinaryCrossEntropy(double p, double t)
    {
        var value = -((t == 0 ? 0 : t * Math.Log(p)) + (t == 1 ? 0 : (1 - t) * Math.Log(1 - p)));
        var derivative = (t == 1 ? 0 : (1 - t) / (1 - p)) - (t == 0 ? 0 : t / p);
        return new Term(value, derivative, Math.Abs(value) + 1, Math.Abs(derivative) + (1 / p) + (1 / (1 - p)));
    }

    /// <summary>BCE with logits and a positive-class weight w: w·t·softplus(−x) + (1 − t)·softplus(x); derivative (1 − t)σ(x) − w·t·σ(−x).</summary>
    internal static Term BinaryCrossEntropyWithLogits(double x, double t, double w)
    {
        var value = (w * t * Softplus(-x)) + ((1 - t) * Softplus(x));
        var derivative = ((1 - t) * Sigmoid(x)) - (w * t * Sigmoid(-x));
        return new Term(value, derivative, value + Math.Abs(x), 1 + w);
    }

    internal static Term Hinge(double f, double y)
    {
        var m = y * f;
        return new Term(Math.Max(0, 1 - m), m < 1 ? -y : 0, Math.Abs(m) + 1, 1);
    }

    internal static Term SquaredHinge(double f, double y)
    {
        var slack = Math.Max(0, 1 - (y * f));
        return new Term(slack * slack, -2 * y * slack, slack * slack, 2 * slack);
    }

    internal static Term ModifiedHuber(double f, double y)
    {
        var m = y * f;
        if (m < -1)
        {
            return new Term(-4 * m, -4 * y, 4 * Math.Abs(m), 4);
        }

        var slack = Math.Max(0, 1 - m);
        return new Term(slack * slack, -2 * y * slack, slack * slack, 2 * slack);
    }

    internal static Term Exponential(double f, double y)
    {
        var value = Math.Exp(-y * f);
        return new Term(value, -y * value, value, value);
    }

    internal static Term SigmoidSurrogate(double f, double y)
    {
        var value = Sigmoid(-y * f);
        var derivative = -y * value * Sigmoid(y * f);
        return new Term(value, derivative, value, Math.Abs(derivative));
    }

    internal static Term ZeroOneError(double f, double y) => new(y * f <= 0 ? 1 : 0, 0, 1, 0);

    internal static Term Cauchy(double p, double t, double c)
    {
        var r = (p - t) / c;
        var value = Log1P(0.5 * r * r);
        var derivative = (p - t) / ((c * c) + (0.5 * (p - t) * (p - t)));
        return new Term(value, derivative, value, Math.Abs(derivative));
    }

    internal static Term Welsch(double p, double t, double c)
    {
        var r = (p - t) / c;
        var e = Math.Exp(-0.5 * r * r);
        var value = r * r < 1e-3 ? HalfSeries(0.5 * r * r) : 1 - e;
        var derivative = (p - t) / (c * c) * e;
        return new Term(value, derivative, value, Math.Abs(derivative));
    }

    internal static Term GemanMcClure(double p, double t, double c)
    {
        var r = (p - t) / c;
        var z = r * r;
        var value = 2 * z / (z + 4);
        var derivative = 16 * (p - t) / (c * c * (z + 4) * (z + 4));
        return new Term(value, derivative, value, Math.Abs(derivative));
    }

    internal static Term Charbonnier(double p, double t, double c)
    {
        var r = (p - t) / c;
        var root = Math.Sqrt((r * r) + 1);
        var value = r * r / (root + 1);
        var derivative = (p - t) / (c * c * root);
        return new Term(value, derivative, value + 1, Math.Abs(derivative));
    }

    /// <summary>1 − e^(−h) by its series, for small h (the plain form cancels).</summary>
    private static double HalfSeries(double h) => h - (h * h / 2) + (h * h * h / 6) - (h * h * h * h / 24);

    /// <summary>ln(1 + eˣ), as x + ln(1 + e⁻ˣ) for x &gt; 0 so it never overflows.</summary>
    internal static double Softplus(double x) => x > 0 ? x + Log1P(Math.Exp(-x)) : Log1P(Math.Exp(x));

    /// <summary>1/(1 + e⁻ˣ), as eˣ/(1 + eˣ) for x &lt; 0 so the lower tail keeps its digits.</summary>
    internal static double Sigmoid(double x) => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));

    /// <summary>ln(1 + u), Kahan's correction of the rounding of 1 + u (Goldberg 1991, theorem 4).</summary>
    internal static double Log1P(double u)
    {
        var w = 1.0 + u;
        return w == 1.0 ? u : Math.Log(w) * u / (w - 1.0);
    }
}

/// <summary>Tolerance checks with a message that names the case.</summary>
internal static class Near
{
    internal static bool Ok(double expected, double actual, double relative, double absolute)
        => expected == actual || Math.Abs(actual - expected) <= (relative * Math.Abs(expected)) + absolute;

    internal static void Check(double expected, double actual, double relative, double absolute, string context)
    {
        if (!Ok(expected, actual, relative, absolute))
        {
            Fail(expected, actual, context);
        }
    }

    internal static void Fail(double expected, double actual, string context)
        => Assert.Fail($"{context}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):G3})");
}
