using FsCheck.Fluent;
using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Numerics;
using Functional.Properties.Harness;
using static Functional.Properties.Information.Measures;

namespace Functional.Properties.Information;

public class GibbsAndExpectationProperties
{
    private static readonly FsCheck.Arbitrary<LogBase> UsualBases
        = Arb.From(Gen.Elements(LogBase.E, LogBase.Two, LogBase.Ten, LogBase.Of(1.5), LogBase.Of(100.0)));

    [Fact]
    public void Gibbs_check_always_holds_and_its_violation_is_within_tolerance()
        => Holds.ForAll(Arbs.Pairs(), UsualBases, GibbsHolds);

    [Fact]
    public void Gibbs_check_holds_in_every_log_base()
        => Holds.ForAll(Arbs.Pairs(), Arbs.Bases(), GibbsHolds);

    private static void GibbsHolds(Dists c, LogBase b)
    {
        var w = Gibbs.Check(c.P, c.Q, b);
        Approx.That(w.Holds, () => $"Gibbs witness does not hold: {w}");
        Approx.That(w.Violation == 0.0 || w.Violation <= w.Tolerance, () => $"violation {Approx.Show(w.Violation)} > tolerance {Approx.Show(w.Tolerance)}");
        Approx.That(w.Kl >= 0.0, () => $"witness KL = {Approx.Show(w.Kl)}");
    }

    [Fact]
    public void Gibbs_witness_reports_the_measures_themselves()
        => Holds.ForAll(Arbs.Pairs(), Arbs.Bases(), (c, b) =>
        {
            var w = Gibbs.Check(c.P, c.Q, b);
            Approx.Equal(w.Entropy, Entropy.Of(c.P, b), 0.0, 0.0, "witness entropy");
            Approx.Equal(w.CrossEntropy, CrossEntropy.Of(c.P, c.Q, b), 0.0, 0.0, "witness cross-entropy");
            Approx.Equal(w.Kl, Kl.Divergence(c.P, c.Q, b), 0.0, 0.0, "witness KL");
        });

    [Fact]
    public void Expectation_of_a_constant_is_that_constant()
        => Holds.ForAll(Arbs.Vector(), Arbs.Constants(), (c, k) =>
        {
            var p = c.P;
            var f = Enumerable.Repeat(k, p.Length).ToArray();
            Approx.Equal(Expectation.Of<double>(p, f), k, 1e-12, 0.0, "E_p[k]");
        });

    [Fact]
    public void Expectation_is_linear()
        => Holds.ForAll(Arbs.Pairs(), Arbs.Constants(), (c, k) =>
        {
            // E_p[k·q + 1] = k·E_p[q] + 1, with q (another vector) as the function: bounded values, any signs of k.
            var (p, f) = (c.P, c.Q);
            var g = f.Select(x => (k * x) + 1.0).ToArray();
            var expected = (k * Expectation.Of<double>(p, f)) + 1.0;
            Approx.Equal(Expectation.Of<double>(p, g), expected, 1e-12, 1e-15 * (1.0 + Math.Abs(k)), "E_p[k·f + 1]");
        });

    [Fact]
    public void Sample_average_of_a_constant_is_that_constant()
        => Holds.ForAll(Arbs.Vector(), Arbs.Constants(), (c, k) =>
        {
            var values = Enumerable.Repeat(k, c.Length).ToArray();
            Approx.Equal(Expectation.SampleAverage<double>(values), k, 1e-15, 0.0, "average of constants");
            Approx.Equal(Expectation.SampleAverage<double>(c.P, _ => k), k, 1e-15, 0.0, "average of f = k");
        });

    [Fact]
    public void Sample_average_of_a_probability_vector_is_one_over_n()
        => Holds.ForAll(Arbs.Vector(), c =>
            Approx.Equal(Expectation.SampleAverage<double>(c.P), 1.0 / c.Length, 1e-12, 0.0, "average of p"));

    [Fact]
    public void Surprisal_expectation_is_entropy()
        => Holds.ForAll(Arbs.Vector(), c =>
        {
            var p = c.P;
            var s = new double[p.Length];
            Surprisal.Of<double>(p, s);
            var terms = p.Zip(s, (pi, si) => pi == 0.0 ? 0.0 : pi * si).Sum();
            Approx.Equal(H(p), terms, 1e-12, 0.0, "H(p) vs Σ p·surprisal(p)");
        });
}
