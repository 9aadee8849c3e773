using System.Globalization;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Losses;

namespace Functional.Properties.Losses;

/// <summary>
/// The core's element-wise losses (Functional.Losses.Loss) as <see cref="LossUnderTest"/>s with everything they declare:
/// target domain, kinks, switch points, non-negativity, where the mathematics is finite, the 0-1 surrogates, and the
/// Sum/Mean reductions in double and float. <see cref="LossLawProperties"/> runs the laws package's loss suite on each.
/// </summary>
internal static class CoreLosses
{
    private static LossUnderTest Core(
        string name,
        TargetDomain domain,
        LossUnderTest elementwise,
        LossReduction reduce,
        LossReductionSingle reduceSingle,
        Func<double, double, double, bool> mathematicsFinite)
        => elementwise with
        {
            Name = name,
            Domain = domain,
            Reduce = reduce,
            ReduceSingle = reduceSingle,
            MathematicsFinite = mathematicsFinite,
        };

    /// <summary>Huber's and smooth-L1's switch points y ± δ (β).</summary>
    private static IReadOnlyList<double> PlusMinusParameter(double target, double parameter) => [target - parameter, target + parameter];

    public static readonly LossUnderTest HalfSquaredError = Core(
        "HalfSquaredError",
        TargetDomain.Real,
        new("HalfSquaredError", (p, t, _, v, g) => Loss.HalfSquaredErrorElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.HalfSquaredError<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.HalfSquaredError<float>(p, t, g, r),
        (p, t, _) => Math.Abs(p - t) < 1e154);

    public static readonly LossUnderTest SquaredError = Core(
        "SquaredError",
        TargetDomain.Real,
        new("SquaredError", (p, t, _, v, g) => Loss.SquaredErrorElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.SquaredError<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.SquaredError<float>(p, t, g, r),
        (p, t, _) => Math.Abs(p - t) < 1e154);

    public static readonly LossUnderTest AbsoluteError = Core(
        "AbsoluteError",
        TargetDomain.Real,
        new("AbsoluteError", (p, t, _, v, g) => Loss.AbsoluteErrorElementwise<double>(p, t, v, g)) { Kinks = (t, _) => [t] },
        (p, t, _, g, r) => Loss.AbsoluteError<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.AbsoluteError<float>(p, t, g, r),
        (p, t, _) => Math.Abs(p) + Math.Abs(t) < 1.7e308);

    public static readonly LossUnderTest Huber = Core(
        "Huber",
        TargetDomain.Real,
        new("Huber", (p, t, delta, v, g) => Loss.HuberElementwise<double>(p, t, v, g, delta)),
        (p, t, delta, g, r) => Loss.Huber<double>(p, t, g, r, delta),
        (p, t, delta, g, r) => Loss.Huber<float>(p, t, g, r, delta),
        (p, t, delta) => delta * (Math.Abs(p) + Math.Abs(t)) < 1.7e308) with
    {
        SwitchPoints = PlusMinusParameter,
    };

    public static readonly LossUnderTest SmoothL1 = Core(
        "SmoothL1",
        TargetDomain.Real,
        new("SmoothL1", (p, t, beta, v, g) => Loss.SmoothL1Elementwise<double>(p, t, v, g, beta)),
        (p, t, beta, g, r) => Loss.SmoothL1<double>(p, t, g, r, beta),
        (p, t, beta, g, r) => Loss.SmoothL1<float>(p, t, g, r, beta),
        (p, t, _) => Math.Abs(p) + Math.Abs(t) < 1.7e308) with
    {
        SwitchPoints = PlusMinusParameter,
    };

    public static readonly LossUnderTest BinaryCrossEntropyWithLogits = Core(
        "BinaryCrossEntropyWithLogits",
        TargetDomain.UnitInterval,
        new("BinaryCrossEntropyWithLogits", (p, t, _, v, g) => Loss.BinaryCrossEntropyWithLogitsElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.BinaryCrossEntropyWithLogits<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.BinaryCrossEntropyWithLogits<float>(p, t, g, r),
        (_, _, _) => true) with
    {
        TermSize = (p, _, _) => Math.Abs(p), // max(x, 0) − t·x
    };

    public static readonly LossUnderTest Logistic = Core(
        "Logistic",
        TargetDomain.Sign,
        new("Logistic", (p, t, _, v, g) => Loss.LogisticElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.Logistic<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.Logistic<float>(p, t, g, r),
        (_, _, _) => true) with
    {
        TermSize = (p, _, _) => Math.Abs(p),
        Surrogate = ZeroOneSurrogate.OnSigns(1.0 / Math.Log(2.0)),
    };

    public static readonly LossUnderTest Hinge = Core(
        "Hinge",
        TargetDomain.Sign,
        new("Hinge", (p, t, _, v, g) => Loss.HingeElementwise<double>(p, t, v, g)) { Kinks = (t, _) => [t] },
        (p, t, _, g, r) => Loss.Hinge<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.Hinge<float>(p, t, g, r),
        (_, _, _) => true) with
    {
        Surrogate = ZeroOneSurrogate.OnSigns(),
    };

    public static readonly LossUnderTest SquaredHinge = Core(
        "SquaredHinge",
        TargetDomain.Sign,
        new("SquaredHinge", (p, t, _, v, g) => Loss.SquaredHingeElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.SquaredHinge<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.SquaredHinge<float>(p, t, g, r),
        (p, _, _) => Math.Abs(p) < 1e154) with
    {
        Surrogate = ZeroOneSurrogate.OnSigns(),
    };

    public static readonly LossUnderTest ModifiedHuber = Core(
        "ModifiedHuber",
        TargetDomain.Sign,
        new("ModifiedHuber", (p, t, _, v, g) => Loss.ModifiedHuberElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.ModifiedHuber<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.ModifiedHuber<float>(p, t, g, r),
        (p, _, _) => Math.Abs(p) < 4e307) with
    {
        Surrogate = ZeroOneSurrogate.OnSigns(),
    };

    public static readonly LossUnderTest Exponential = Core(
        "Exponential",
        TargetDomain.Sign,
        new("Exponential", (p, t, _, v, g) => Loss.ExponentialElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.Exponential<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.Exponential<float>(p, t, g, r),
        (p, t, _) => -(t * p) < 709.0) with
    {
        Surrogate = ZeroOneSurrogate.OnSigns(),
    };

    public static readonly LossUnderTest SigmoidSurrogate = Core(
        "SigmoidSurrogate",
        TargetDomain.Sign,
        new("SigmoidSurrogate", (p, t, _, v, g) => Loss.SigmoidSurrogateElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.SigmoidSurrogate<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.SigmoidSurrogate<float>(p, t, g, r),
        (_, _, _) => true) with
    {
        Surrogate = ZeroOneSurrogate.OnSigns(2.0),
    };

    public static readonly LossUnderTest Cauchy = Core(
        "Cauchy",
        TargetDomain.Real,
        new("Cauchy", (p, t, c, v, g) => Loss.CauchyElementwise<double>(p, t, v, g, c)),
        (p, t, c, g, r) => Loss.Cauchy<double>(p, t, g, r, c),
        (p, t, c, g, r) => Loss.Cauchy<float>(p, t, g, r, c),
        (_, _, _) => true);

    public static readonly LossUnderTest Welsch = Core(
        "Welsch",
        TargetDomain.Real,
        new("Welsch", (p, t, c, v, g) => Loss.WelschElementwise<double>(p, t, v, g, c)),
        (p, t, c, g, r) => Loss.Welsch<double>(p, t, g, r, c),
        (p, t, c, g, r) => Loss.Welsch<float>(p, t, g, r, c),
        (_, _, _) => true);

    public static readonly LossUnderTest GemanMcClure = Core(
        "GemanMcClure",
        TargetDomain.Real,
        new("GemanMcClure", (p, t, c, v, g) => Loss.GemanMcClureElementwise<double>(p, t, v, g, c)),
        (p, t, c, g, r) => Loss.GemanMcClure<double>(p, t, g, r, c),
        (p, t, c, g, r) => Loss.GemanMcClure<float>(p, t, g, r, c),
        (_, _, _) => true);

    public static readonly LossUnderTest Charbonnier = Core(
        "Charbonnier",
        TargetDomain.Real,
        new("Charbonnier", (p, t, c, v, g) => Loss.CharbonnierElementwise<double>(p, t, v, g, c)),
        (p, t, c, g, r) => Loss.Charbonnier<double>(p, t, g, r, c),
        (p, t, c, g, r) => Loss.Charbonnier<float>(p, t, g, r, c),
        (p, t, c) => Math.Abs(p - t) / c < 1.7e308);

    public static readonly LossUnderTest LogCosh = Core(
        "LogCosh",
        TargetDomain.Real,
        new("LogCosh", (p, t, _, v, g) => Loss.LogCoshElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.LogCosh<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.LogCosh<float>(p, t, g, r),
        (p, t, _) => Math.Abs(p) + Math.Abs(t) < 1.7e308);

    public static readonly LossUnderTest GaussianNll = Core(
        "GaussianNll",
        TargetDomain.Real,
        new("GaussianNll", (p, t, c, v, g) => Loss.GaussianNllElementwise<double>(p, t, v, g, c, full: true)),
        (p, t, c, g, r) => Loss.GaussianNll<double>(p, t, g, r, c, full: true),
        (p, t, c, g, r) => Loss.GaussianNll<float>(p, t, g, r, c, full: true),
        (p, t, c) => Math.Abs(p - t) / c < 1e154) with
    {
        NonNegative = false,
    };

    public static readonly LossUnderTest PoissonNll = Core(
        "PoissonNll",
        TargetDomain.Counts,
        new("PoissonNll", (p, t, _, v, g) => Loss.PoissonNllElementwise<double>(p, t, v, g)),
        (p, t, _, g, r) => Loss.PoissonNll<double>(p, t, g, r),
        (p, t, _, g, r) => Loss.PoissonNll<float>(p, t, g, r),
        (p, t, _) => p < 709.0 && Math.Abs(p * t) < 1e300) with
    {
        TermSize = (p, t, _) => Math.Exp(Math.Min(p, 709.0)) + Math.Abs(p * t),
        NonNegative = false,
    };

    /// <summary>Barron's ρ at a fixed α with the law's parameter as c (finite while ρ ~ |d/c|^α stays in range).</summary>
    public static LossUnderTest Barron(double alpha) => Core(
        $"Barron({alpha.ToString("R", CultureInfo.InvariantCulture)})",
        TargetDomain.Real,
        new($"Barron(α = {alpha})", (p, t, c, v, g) => Loss.BarronElementwise<double>(p, t, v, g, alpha, c)),
        (p, t, c, g, r) => Loss.Barron<double>(p, t, g, r, alpha, c),
        (p, t, c, g, r) => Loss.Barron<float>(p, t, g, r, alpha, c),
        (p, t, c) => alpha <= 0.0 || (Math.Abs(p - t) / c < 1e150 && alpha * Math.Log10(1.0 + (Math.Abs(p - t) / c)) < 300.0));

    public static readonly LossUnderTest BinaryCrossEntropyWithLogitsPositiveWeight = Core(
        "BinaryCrossEntropyWithLogits(pos_weight)",
        TargetDomain.UnitInterval,
        new("BinaryCrossEntropyWithLogits(pos_weight)", (p, t, w, v, g) => Loss.BinaryCrossEntropyWithLogitsElementwise<double>(p, t, v, g, w)),
        (p, t, w, g, r) => Loss.BinaryCrossEntropyWithLogits<double>(p, t, g, r, w),
        (p, t, w, g, r) => Loss.BinaryCrossEntropyWithLogits<float>(p, t, g, r, w),
        (p, _, w) => Math.Max(w, 1.0) * Math.Abs(p) < 1e308);

    public static readonly IReadOnlyList<LossUnderTest> All =
    [
        HalfSquaredError, SquaredError, AbsoluteError, Huber, SmoothL1, BinaryCrossEntropyWithLogits, Logistic,
        Hinge, SquaredHinge, ModifiedHuber, Exponential, SigmoidSurrogate, Cauchy, Welsch, GemanMcClure, Charbonnier,
        LogCosh, GaussianNll, PoissonNll, BinaryCrossEntropyWithLogitsPositiveWeight,
    ];

    /// <summary>Shapes α of <see cref="Barron"/> the family law suite draws: away from and close to the special points 0 and 2.</summary>
    public static readonly IReadOnlyList<double> BarronShapes = [0.5, -3.0, 1e-9, 2.0 - 1e-9, 4.0];

    /// <summary>Every loss's name, for [Theory] rows.</summary>
    public static TheoryData<string> Names => new(All.Select(l => l.Name));

    public static LossUnderTest Named(string name) => All.Single(l => l.Name == name);
}
