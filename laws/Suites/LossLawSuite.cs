using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Functional.Laws.Generators;
using Functional.Numerics;

namespace Functional.Laws;

/// <summary>
/// A loss evaluated element by element: values[i] = ℓ(predictions[i], targets[i]; parameter) and
/// derivatives[i] = ∂ℓ/∂ŷ at that point (the parameter is δ, β, c, … or ignored).
/// </summary>
/// <param name="predictions">ŷ (read only: a loss must not write its inputs).</param>
/// <param name="targets">y, in the loss's <see cref="TargetDomain"/>.</param>
/// <param name="parameter">The hyper-parameter, log-uniform in (1e-3, 1e3) or exactly 1.</param>
/// <param name="values">Receives ℓ per element.</param>
/// <param name="derivatives">Receives ∂ℓ/∂ŷ per element.</param>
public delegate void LossEvaluation(double[] predictions, double[] targets, double parameter, double[] values, double[] derivatives);

/// <summary>A reduced loss: returns Σℓ or the mean, and writes ∂(reduced)/∂ŷ_i into gradient.</summary>
/// <param name="predictions">ŷ.</param>
/// <param name="targets">y.</param>
/// <param name="parameter">The hyper-parameter.</param>
/// <param name="gradient">Receives the gradient of the reduced loss.</param>
/// <param name="reduction"><see cref="Reduction.Sum"/> or <see cref="Reduction.Mean"/>.</param>
public delegate double LossReduction(double[] predictions, double[] targets, double parameter, double[] gradient, Reduction reduction);

/// <summary>The float version of <see cref="LossReduction"/> (the inputs are the double case rounded to float).</summary>
/// <param name="predictions">ŷ.</param>
/// <param name="targets">y.</param>
/// <param name="parameter">The hyper-parameter.</param>
/// <param name="gradient">Receives the gradient of the reduced loss.</param>
/// <param name="reduction"><see cref="Reduction.Sum"/> or <see cref="Reduction.Mean"/>.</param>
public delegate float LossReductionSingle(float[] predictions, float[] targets, double parameter, float[] gradient, Reduction reduction);

/// <summary>
/// A declaration that a loss is a surrogate of the 0-1 error: with the label ±1 = <see cref="Label"/>(target) and the margin
/// m = label·ŷ, <see cref="Scale"/>·ℓ(ŷ, target) ≥ 1[m ≤ 0] everywhere and <see cref="Scale"/>·ℓ(0, target) = 1.
/// </summary>
/// <param name="Scale">The factor that makes the surrogate pass through (0, 1): 1 for hinge, 1/ln 2 for the logistic loss.</param>
/// <param name="Label">Maps a target to its label in {−1, +1} (identity for ±1 targets; t ↦ 2t − 1 for {0, 1}).</param>
public sealed record ZeroOneSurrogate(double Scale, Func<double, double> Label)
{
    /// <summary>A margin loss on ±1 targets, scaled by <paramref name="scale"/>.</summary>
    public static ZeroOneSurrogate OnSigns(double scale = 1.0) => new(scale, y => y);

    /// <summary>The scale, for reports.</summary>
    public override string ToString() => $"surrogate of the 0-1 error, scaled by {Approx.Show(Scale)}";
}

/// <summary>
/// A loss as the laws see it: its value and derivative (<see cref="Evaluate"/>) plus the declarations that switch laws on or
/// shape them — where it has kinks, whether it is non-negative, where the mathematics is finite, whether it is a surrogate of
/// the 0-1 error, the domain of its targets and predictions, and (optionally) its Sum/Mean reductions.
/// </summary>
/// <param name="Name">The loss's name, for reports.</param>
/// <param name="Evaluate">Values and derivatives, element by element.</param>
public sealed record LossUnderTest(string Name, LossEvaluation Evaluate)
{
    /// <summary>What the targets may be (default: any real).</summary>
    public TargetDomain Domain { get; init; } = TargetDomain.Real;

    /// <summary>How large the generated predictions are (default: every finite double, up to ±double.MaxValue).</summary>
    public PredictionRange Predictions { get; init; } = PredictionRange.Any;

    /// <summary>
    /// The predictions at which ℓ(·, y; parameter) is not differentiable (e.g. y for the absolute error). When declared, the
    /// finite-difference law skips intervals holding one and the lowest-norm subgradient law runs. Null: none.
    /// </summary>
    public Func<double, double, IReadOnlyList<double>>? Kinks { get; init; }

    /// <summary>
    /// Predictions where ℓ switches formula (e.g. y ± δ for Huber). When declared, a law checks that ℓ and ∂ℓ/∂ŷ do not jump
    /// there. Null: none.
    /// </summary>
    public Func<double, double, IReadOnlyList<double>>? SwitchPoints { get; init; }

    /// <summary>Whether ℓ ≥ 0 is claimed (default true; false for negative log-likelihoods of densities).</summary>
    public bool NonNegative { get; init; } = true;

    /// <summary>
    /// Where the exact ℓ and ∂ℓ/∂ŷ are finite doubles, given (ŷ, y, parameter) (default: everywhere). Outside it, ±∞ is
    /// allowed (e.g. the squared error of 1e200); NaN never is.
    /// </summary>
    public Func<double, double, double, bool> MathematicsFinite { get; init; } = (_, _, _) => true;

    /// <summary>When set, the surrogate law runs: the loss (scaled) upper-bounds the 0-1 error and passes through (0, 1).</summary>
    public ZeroOneSurrogate? Surrogate { get; init; }

    /// <summary>
    /// The size of intermediate terms that cancel in the value (e.g. |ŷ| for max(ŷ, 0) − y·ŷ), whose rounding the difference
    /// quotient sees although the derivative is exact; added to the finite-difference law's rounding allowance. Null: none.
    /// </summary>
    public Func<double, double, double, double>? TermSize { get; init; }

    /// <summary>The Sum/Mean reduction; when set, the laws "mean = sum / n" and "elements add up to the sum" run.</summary>
    public LossReduction? Reduce { get; init; }

    /// <summary>The float reduction; with <see cref="Reduce"/>, the law "float agrees with double" runs.</summary>
    public LossReductionSingle? ReduceSingle { get; init; }

    /// <summary>A loss from scalar functions value(ŷ, y, parameter) and derivative(ŷ, y, parameter).</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="value"/> or <paramref name="derivative"/> is null.</exception>
    public static LossUnderTest Pointwise(string name, Func<double, double, double, double> value, Func<double, double, double, double> derivative)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(derivative);
        return new LossUnderTest(name, (p, t, a, v, g) =>
        {
            for (var i = 0; i < p.Length; i++)
            {
                v[i] = value(p[i], t[i], a);
                g[i] = derivative(p[i], t[i], a);
            }
        });
    }

    /// <summary>Values and derivatives at the given points.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="predictions"/> is null.</exception>
    public (double[] Values, double[] Derivatives) At(double[] predictions, double[] targets, double parameter)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var values = new double[predictions.Length];
        var derivatives = new double[predictions.Length];
        Evaluate(predictions, targets, parameter, values, derivatives);
        return (values, derivatives);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>A case for a family of losses: the member's shape (e.g. Barron's α) and the loss case.</summary>
/// <param name="Shape">The shape parameter that picks the family member.</param>
/// <param name="Case">Predictions, targets and the hyper-parameter.</param>
public sealed record LossFamilyCase(double Shape, LossCase Case)
{
    /// <summary>The shape and the case, for reports.</summary>
    public override string ToString() => $"shape = {Shape.ToString("R", CultureInfo.InvariantCulture)}; {Case}";
}

/// <summary>
/// The laws of a loss with a derivative. Always: ∂ℓ/∂ŷ equals a central difference away from declared kinks; never NaN, and
/// finite for extreme inputs wherever the mathematics is. Switched on by declarations on <see cref="LossUnderTest"/>: the
/// lowest-norm subgradient at kinks, ℓ ≥ 0, the 0-1 upper bound of a surrogate, continuity at switch points, and the
/// reductions' laws (Mean = Sum/n, elements add up to the Sum, float agrees with double). A Huber loss whose gradient has
/// the wrong sign outside δ fails the first law.
/// </summary>
public sealed class LossLawSuite : LawSuite
{
    /// <summary>The name of the finite-difference law.</summary>
    public const string DerivativeLaw = "derivative = finite difference";

    /// <summary>The laws of <paramref name="loss"/>.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="loss"/> is null.</exception>
    public LossLawSuite(LossUnderTest loss)
        : base($"loss '{loss?.Name}'")
    {
        ArgumentNullException.ThrowIfNull(loss);
        var (domain, range) = (loss.Domain, loss.Predictions);
        Build(loss, (law, meaning, floatRange, clause) => Add(law, meaning, () => LossGenerators.Cases(domain, floatRange ? PredictionRange.FloatSafe : range), clause(loss)));
    }

    /// <summary>
    /// The laws of every member of a family of losses (e.g. Barron's ρ(·, α, c) over α): each case draws a shape from
    /// <paramref name="shapes"/> and checks <paramref name="member"/>(shape). Which laws run follows the first member's
    /// declarations; each case uses its own member's.
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="shapes"/> is empty.</exception>
    public LossLawSuite(string name, Func<double, LossUnderTest> member, IReadOnlyList<double> shapes)
        : base($"loss family '{name}'")
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Count == 0)
        {
            throw new ArgumentException("A family needs at least one shape.", nameof(shapes));
        }

        var first = member(shapes[0]);
        var (domain, range) = (first.Domain, first.Predictions);
        Build(first, (law, meaning, floatRange, clause) =>
            Add(law, meaning, () => FamilyCases(shapes, domain, floatRange ? PredictionRange.FloatSafe : range), c => clause(member(c.Shape))(c.Case)));
    }

    private static void Build(LossUnderTest loss, Action<string, string, bool, Func<LossUnderTest, Action<LossCase>>> add)
    {
        add(DerivativeLaw, "∂ℓ/∂ŷ = (ℓ(ŷ + h) − ℓ(ŷ − h)) / 2h within rounding and truncation, away from declared kinks", false,
            l => LossLaws.DerivativeMatchesFiniteDifference(l, termSize: l.TermSize));
        add("finite at extremes", "never NaN, up to ŷ = ±double.MaxValue; ℓ and ∂ℓ/∂ŷ finite wherever the mathematics is", false,
            l => LossLaws.FiniteWhereTheMathematicsIs(l, l.MathematicsFinite));
        if (loss.Kinks is not null)
        {
            add("lowest-norm subgradient at kinks", "at a declared kink ∂ℓ/∂ŷ is the subgradient of least |g|: 0 when the one-sided slopes straddle 0", false,
                l => LossLaws.LowestNormSubgradientAtKinks(l));
        }

        if (loss.NonNegative)
        {
            add("non-negative", "ℓ(ŷ, y) ≥ 0", false, LossLaws.NonNegative);
        }

        if (loss.Surrogate is not null)
        {
            add("bounds the 0-1 error", "s·ℓ(ŷ, y) ≥ 1[y·ŷ ≤ 0] and s·ℓ(0, y) = 1", false,
                l => LossLaws.UpperBoundsZeroOneError(l, l.Surrogate!.Scale, l.Surrogate.Label));
        }

        if (loss.SwitchPoints is not null)
        {
            add("continuous at switch points", "ℓ and ∂ℓ/∂ŷ do not jump where the formula switches", false,
                l => LossLaws.ContinuousAcross(l, l.SwitchPoints!));
        }

        if (loss.Reduce is not null)
        {
            add("mean = sum / n", "Mean = Sum / n, and the Mean gradient is the Sum gradient / n", false,
                l => LossLaws.MeanIsSumOverN(l.Reduce!, l.Name));
            add("elements add up to the sum", "Σ element-wise ℓ = the Sum reduction, and the element-wise derivatives are its gradient", false,
                l => LossLaws.ElementwiseAddsUpToSum(l.Reduce!, l));
            if (loss.ReduceSingle is not null)
            {
                add("float agrees with double", "the float reduction on float inputs = the double one on the same numbers, to 1e-5", true,
                    l => LossLaws.FloatAgreesWithDouble(l.ReduceSingle!, l.Reduce!, l.Name));
            }
        }
    }

    private static Arbitrary<LossFamilyCase> FamilyCases(IReadOnlyList<double> shapes, TargetDomain domain, PredictionRange range)
    {
        var cases = LossGenerators.Cases(domain, range);
        var gen = from shape in Gen.Elements(shapes.ToArray())
                  from c in cases.Generator
                  select new LossFamilyCase(shape, c);
        return Arb.From(gen, f => Shrink(f, shapes[0], domain));
    }

    private static IEnumerable<LossFamilyCase> Shrink(LossFamilyCase f, double first, TargetDomain domain)
    {
        foreach (var c in LossGenerators.Shrink(f.Case, domain))
        {
            yield return f with { Case = c };
        }

        if (!f.Shape.Equals(first))
        {
            yield return f with { Shape = first };
        }
    }
}
