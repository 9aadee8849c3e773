using Functional.Losses;
using Functional.Properties.Generators;
using Functional.Properties.Laws;

namespace Functional.Properties.Losses;

/// <summary>One of the core's losses in the shapes the laws take.</summary>
internal sealed record CoreLoss(
    string Name,
    TargetDomain Domain,
    LossUnderTest Elementwise,
    LossReduction Reduce,
    LossReductionSingle ReduceSingle,
    Func<double, double, double, bool> MathematicsFinite)
{
    /// <summary>The size of the terms that cancel in the value (see <see cref="LossLaws.DerivativeMatchesFiniteDifference"/>); none by default.</summary>
    public Func<double, double, double, double>? TermSize { get; init; }

    /// <summary>Whether ℓ ≥ 0 (false for negative log-likelihoods: a density may exceed 1, and ln k! is omitted).</summary>
    public bool NonNegative { get; init; } = true;
}

/// <summary>The core's element-wise losses (Functional.Losses.Loss) as <see cref="LossUnderTest"/>s and reductions.</summary>
internal static class CoreLosses
{
    public static readonly CoreLoss HalfSquaredError = new(
        "HalfSquaredError",
        TargetDomain.Real,
        new("HalfSquaredError", (p, t, _, v, g) => Loss.HalfSquaredErrorElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.HalfSquaredError<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.HalfSquaredError<float>(p, t, g, r),
        (p, t, _) => Math.Abs(p - t) < 1e154);

    public static readonly CoreLoss SquaredError = new(
        "SquaredError",
        TargetDomain.Real,
        new("SquaredError", (p, t, _, v, g) => Loss.SquaredErrorElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.SquaredError<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.SquaredError<float>(p, t, g, r),
        (p, t, _) => Math.Abs(p - t) < 1e154);

    public static readonly CoreLoss AbsoluteError = new(
        "AbsoluteError",
        TargetDomain.Real,
        new("AbsoluteError", (p, t, _, v, g) => Loss.AbsoluteErrorElementwise<double>(p, t, v, g)) { Kinks = (t, _) => [t] },
        (p, t, _, g, r) => Loss.AbsoluteError<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.AbsoluteError<float>(p, t, g, r),
        (p, t, _) => Math.Abs(p) + Math.Abs(t) < 1.7e308);

    public static readonly CoreLoss Huber = new(
        "Huber",
        TargetDomain.Real,
        new("Huber", (p, t, delta, v, g) => Loss.HuberElementwise<double>(p, t, v, g, delta)),
        (p, t, delta, g, r) => Loss.Huber<double>(p, t, g, r, delta),
        (p, t, delta, g, r) => Loss.Huber<float>(p, t, g, r, delta),
        (p, t, delta) => delta * (Math.Abs(p) + Math.Abs(t)) < 1.7e308);

    public static readonly CoreLoss SmoothL1 = new(
        "SmoothL1",
        TargetDomain.Real,
        new("SmoothL1", (p, t, beta, v, g) => Loss.SmoothL1Elementwise<double>(p, t, v, g, beta)),
        (p, t, beta, g, r) => Loss.SmoothL1<double>(p, t, g, r, beta),
        (p, t, beta, g, r) => Loss.SmoothL1<float>(p, t, g, r, beta),
        (p, t, _) => Math.Abs(p) + Math.Abs(t) < 1.7e308);

    public static readonly CoreLoss BinaryCrossEntropyWithLogits = new(
        "BinaryCrossEntropyWithLogits",
        TargetDomain.UnitInterval,
        new("BinaryCrossEntropyWithLogits", (p, t, _, v, g) => Loss.BinaryCrossEntropyWithLogitsElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.BinaryCrossEntropyWithLogits<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.BinaryCrossEntropyWithLogits<float>(p, t, g, r),
        (_, _, _) => true)
    {
        TermSize = (p, _, _) => Math.Abs(p), // max(x, 0) − t·x
    };

    public static readonly CoreLoss Logistic = new(
        "Logistic",
        TargetDomain.Sign,
        new("Logistic", (p, t, _, v, g) => Loss.LogisticElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.Logistic<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.Logistic<float>(p, t, g, r),
        (_, _, _) => true)
    {
        TermSize = (p, _, _) => Math.Abs(p),
    };

    public static readonly CoreLoss Hinge = new(
        "Hinge",
        TargetDomain.Sign,
        new("Hinge", (p, t, _, v, g) => Loss.HingeElementwise<double>(p, t, v, g)) { Kinks = (t, _) => [t] },
        (p, t, _, g, r) => Loss.Hinge<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.Hinge<float>(p, t, g, r),
        (_, _, _) => true);

    public static readonly CoreLoss SquaredHinge = new(
        "SquaredHinge",
        TargetDomain.Sign,
        new("SquaredHinge", (p, t, _, v, g) => Loss.SquaredHingeElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.SquaredHinge<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.SquaredHinge<float>(p, t, g, r),
        (p, _, _) => Math.Abs(p) < 1e154);

    public static readonly CoreLoss ModifiedHuber = new(
        "ModifiedHuber",
        TargetDomain.Sign,
        new("ModifiedHuber", (p, t, _, v, g) => Loss.ModifiedHuberElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.ModifiedHuber<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.ModifiedHuber<float>(p, t, g, r),
        (p, _, _) => Math.Abs(p) < 4e307);

    public static readonly CoreLoss Exponential = new(
        "Exponential",
        TargetDomain.Sign,
        new("Exponential", (p, t, _, v, g) => Loss.ExponentialElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.Exponential<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.Exponential<float>(p, t, g, r),
        (p, t, _) => -(t * p) < 709.0);

    public static readonly CoreLoss SigmoidSurrogate = new(
        "SigmoidSurrogate",
        TargetDomain.Sign,
        new("SigmoidSurrogate", (p, t, _, v, g) => Loss.SigmoidSurrogateElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.SigmoidSurrogate<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.SigmoidSurrogate<float>(p, t, g, r),
        (_, _, _) => true);

    public static readonly CoreLoss Cauchy = new(
        "Cauchy",
        TargetDomain.Real,
        new("Cauchy", (p, t, c, v, g) => Loss.CauchyElementwise<double>(p, t, v, g, c)),
        (p, t, c, g, r) => Loss.Cauchy<double>(p, t, g, r, c),
        (p, t, c, g, r) => Loss.Cauchy<float>(p, t, g, r, c),
        (_, _, _) => true);

    public static readonly CoreLoss Welsch = new(
        "Welsch",
        TargetDomain.Real,
        new("Welsch", (p, t, c, v, g) => Loss.WelschElementwise<double>(p, t, v, g, c)),
        (p, t, c, g, r) => Loss.Welsch<double>(p, t, g, r, c),
        (p, t, c, g, r) => Loss.Welsch<float>(p, t, g, r, c),
        (_, _, _) => true);

    public static readonly CoreLoss GemanMcClure = new(
        "GemanMcClure",
        TargetDomain.Real,
        new("GemanMcClure", (p, t, c, v, g) => Loss.GemanMcClureElementwise<double>(p, t, v, g, c)),
        (p, t, c, g, r) => Loss.GemanMcClure<double>(p, t, g, r, c),
        (p, t, c, g, r) => Loss.GemanMcClure<float>(p, t, g, r, c),
        (_, _, _) => true);

    public static readonly CoreLoss Charbonnier = new(
        "Charbonnier",
        TargetDomain.Real,
        new("Charbonnier", (p, t, c, v, g) => Loss.CharbonnierElementwise<double>(p, t, v, g, c)),
        (p, t, c, g, r) => Loss.Charbonnier<double>(p, t, g, r, c),
        (p, t, c, g, r) => Loss.Charbonnier<float>(p, t, g, r, c),
        (p, t, c) => Math.Abs(p - t) / c < 1.7e308);

    public static readonly CoreLoss LogCosh = new(
        "LogCosh",
        TargetDomain.Real,
        new("LogCosh", (p, t, _, v, g) => Loss.LogCoshElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.LogCosh<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.LogCosh<float>(p, t, g, r),
        (p, t, _) => Math.Abs(p) + Math.Abs(t) < 1.7e308);

    public static readonly CoreLoss GaussianNll = new(
        "GaussianNll",
        TargetDomain.Real,
        new("GaussianNll", (p, t, c, v, g) => Loss.GaussianNllElementwise<double>(p, t, v, g, c, full: true)),
        (p, t, c, g, r) => Loss.GaussianNll<double>(p, t, g, r, c, full: true),
        (p, t, c, g, r) => Loss.GaussianNll<float>(p, t, g, r, c, full: true),
        (p, t, c) => Math.Abs(p - t) / c < 1e154)
    {
        NonNegative = false,
    };

    public static readonly CoreLoss PoissonNll = new(
        "PoissonNll",
        TargetDomain.Counts,
        new("PoissonNll", (p, t, _, v, g) => Loss.PoissonNllElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.PoissonNll<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.PoissonNll<float>(p, t, g, r),
        (p, t, _) => p < 709.0 && Math.Abs(p * t) < 1e300)
    {
        TermSize = (p, t, _) => Math.Exp(Math.Min(p, 709.0)) + Math.Abs(p * t),
        NonNegative = false,
    };

    /// <summary>Barron's ρ at a fixed α with the law's parameter as c (finite while ρ ~ |d/c|^α stays in range).</summary>
    private static CoreLoss BarronAt(double alpha) => new(
        $"Barron({alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})",
        TargetDomain.Real,
        new($"Barron(α = {alpha})", (p, t, c, v, g) => Loss.BarronElementwise<double>(p, t, v, g, alpha, c)),
        (p, t, c, g, r) => Loss.Barron<double>(p, t, g, r, alpha, c),
        (p, t, c, g, r) => Loss.Barron<float>(p, t, g, r, alpha, c),
        (p, t, c) => alpha <= 0.0 || (Math.Abs(p - t) / c < 1e150 && alpha * Math.Log10(1.0 + (Math.Abs(p - t) / c)) < 300.0));

    public static readonly CoreLoss BarronHalf = BarronAt(0.5);
    public static readonly CoreLoss BarronMinusThree = BarronAt(-3.0);
    public static readonly CoreLoss BarronNearZero = BarronAt(1e-9);
    public static readonly CoreLoss BarronNearTwo = BarronAt(2.0 - 1e-9);
    public static readonly CoreLoss BarronFour = BarronAt(4.0);

    public static readonly CoreLoss BinaryCrossEntropyWithLogitsPositiveWeight = new(
        "BinaryCrossEntropyWithLogits(pos_weight)",
        TargetDomain.UnitInterval,
        new("BinaryCrossEntropyWithLogits(pos_weight)", (p, t, w, v, g) => Loss.BinaryCrossEntropyWithLogitsElementwise<double>(p, t, v, g, w)),
        (p, t, w, g, r) => Loss.BinaryCrossEntropyWithLogits<double>(p, t, g, r, w),
        (p, t, w, g, r) => Loss.BinaryCrossEntropyWithLogits<float>(p, t, g, r, w),
        (p, _, w) => Math.Max(w, 1.0) * Math.Abs(p) < 1e308);

    public static readonly IReadOnlyList<CoreLoss> All =
    [
        HalfSquaredError, SquaredError, AbsoluteError, Huber, SmoothL1, BinaryCrossEntropyWithLogits, Logistic,
        Hinge, SquaredHinge, ModifiedHuber, Exponential, SigmoidSurrogate, Cauchy, Welsch, GemanMcClure, Charbonnier,
        LogCosh, GaussianNll, PoissonNll, BarronHalf, BarronMinusThree, BarronNearZero, BarronNearTwo, BarronFour,
        BinaryCrossEntropyWithLogitsPositiveWeight,
    ];

    /// <summary>Every loss's name, for [Theory] rows.</summary>
    public static TheoryData<string> Names => new(All.Select(l => l.Name));

    public static CoreLoss Named(string name) => All.Single(l => l.Name == name);
}
