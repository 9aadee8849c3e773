using Functional.Laws.Generators;
using static Functional.Laws.Approx;

namespace Functional.Laws;

/// <summary>
/// Laws of a metric on probability vectors. With <see cref="DivergenceLaws.NonNegative"/>,
/// <see cref="DivergenceLaws.ZeroOnIdentical"/>, <see cref="DivergenceLaws.PositiveOnDistinct"/> and
/// <see cref="DivergenceLaws.Symmetric"/>, the triangle inequality completes the definition.
/// </summary>
public static class MetricLaws
{
    /// <summary>d(p, r) ≤ d(p, q) + d(q, r) + slack, on triples (P, Q, R).</summary>
    public static Action<Dists> TriangleInequality(Func<double[], double[], double> distance, double slack = 1e-12)
        => c =>
        {
            var (p, q, r) = (c.P, c.Q, c.R);
            var direct = distance(p, r);
            var (first, second) = (distance(p, q), distance(q, r));
            That(
                direct <= first + second + slack,
                () => $"d(p, r) = {Show(direct)} > d(p, q) + d(q, r) = {Show(first)} + {Show(second)} = {Show(first + second)}");
        };

    /// <summary>All the metric laws at once.</summary>
    public static IEnumerable<(string Law, Action<Dists> Body)> All(Func<double[], double[], double> distance, double slack = 1e-12)
    {
        yield return ("non-negative", DivergenceLaws.NonNegative(distance));
        yield return ("zero on identical", DivergenceLaws.ZeroOnIdentical(distance));
        yield return ("positive on distinct", DivergenceLaws.PositiveOnDistinct(distance));
        yield return ("symmetric", DivergenceLaws.Symmetric(distance));
        yield return ("triangle inequality", TriangleInequality(distance, slack));
    }
}
