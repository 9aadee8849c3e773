using Functional.Laws.Generators;

namespace Functional.Laws;

/// <summary>
/// The metric axioms for a distance between probability vectors: non-negative, identity of indiscernibles
/// (zero on identical, positive on distinct), symmetric, and the triangle inequality. √JS passes; KL fails
/// (it is neither symmetric nor does it obey the triangle inequality) and the report shows a counterexample.
/// </summary>
public sealed class MetricLawSuite : LawSuite
{
    /// <summary>The metric laws of <paramref name="distance"/>; <paramref name="slack"/> is the absolute rounding slack for the triangle inequality and symmetry.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="distance"/> or <paramref name="name"/> is null.</exception>
    public MetricLawSuite(Func<double[], double[], double> distance, string name, double slack = 1e-12)
        : base($"metric '{name}'")
    {
        ArgumentNullException.ThrowIfNull(distance);
        Add("non-negative", "d(p, q) ≥ 0, never NaN", () => Arbs.Pairs(), DivergenceLaws.NonNegative(distance));
        Add("zero on identical", "d(p, p) = 0", () => Arbs.Vector(), DivergenceLaws.ZeroOnIdentical(distance));
        Add("positive on distinct", "p ≠ q ⇒ d(p, q) > 0", () => Arbs.DistinctPairs(), DivergenceLaws.PositiveOnDistinct(distance));
        Add("symmetric", "d(p, q) = d(q, p)", () => Arbs.Pairs(), DivergenceLaws.Symmetric(distance, slack));
        Add("triangle inequality", "d(p, r) ≤ d(p, q) + d(q, r)", () => Arbs.Triples(), MetricLaws.TriangleInequality(distance, slack));
    }
}
