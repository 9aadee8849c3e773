using FsCheck.Fluent;
using Functional.Information;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Properties.Laws;
using Xunit.Abstractions;
using static Functional.Properties.Information.Measures;

namespace Functional.Properties.Information;

public class KlProperties(ITestOutputHelper output)
{
    [Fact]
    public void Kl_is_non_negative_Gibbs()
        => Holds.ForAll(Arbs.Pairs(), DivergenceLaws.NonNegative(KL));

    [Fact]
    public void Kl_of_p_with_itself_is_exactly_zero()
        => Holds.ForAll(Arbs.Vector(), DivergenceLaws.ZeroOnIdentical(KL));

    [Fact]
    public void Kl_is_positive_for_distinct_inputs()
        => Holds.ForAll(Arbs.DistinctPairs(), DivergenceLaws.PositiveOnDistinct(KL));

    [Fact]
    public void Kl_is_jointly_convex()
        => Holds.ForAll(Arbs.Quads(), Arbs.Lambda(), DivergenceLaws.JointlyConvex(KL));

    [Fact]
    public void Kl_is_infinite_exactly_where_q_misses_mass_of_p()
        => Holds.ForAll(Arbs.Pairs(), c =>
        {
            var (p, q) = (c.P, c.Q);
            var uncovered = p.Zip(q).Any(t => t.First > 0.0 && t.Second == 0.0);
            var kl = Kl.Divergence(p, q);
            Approx.That(double.IsPositiveInfinity(kl) == uncovered, () => $"KL = {Approx.Show(kl)} but q misses mass of p: {uncovered}");
        });

    [Fact]
    public void Kl_is_permutation_invariant()
        => Holds.ForAll(Arbs.Permuted(2), InvarianceLaws.PermutationInvariant(KL));

    [Fact]
    public void Kl_scales_with_the_log_base()
        => Holds.ForAll(Arbs.Pairs(), Arbs.Bases(), InvarianceLaws.ScalesWithBase((c, b) => Kl.Divergence(c.P, c.Q, b)));

    [Fact]
    public void Kl_from_logs_equals_kl_of_probabilities()
        => Holds.ForAll(Arbs.Pairs(), InvarianceLaws.Agree(
            c => Kl.FromLogs<double>(Logs(c.P), Logs(c.Q)), c => Kl.Divergence(c.P, c.Q), 1e-12, 1e-15, "KL.FromLogs vs KL"));

    [Fact]
    public void Kl_from_log_q_equals_kl_of_probabilities()
        => Holds.ForAll(Arbs.Pairs(), InvarianceLaws.Agree(
            c => Kl.FromLogQ<double>(c.P, Logs(c.Q)), c => Kl.Divergence(c.P, c.Q), 1e-12, 1e-15, "KL.FromLogQ vs KL"));

    [Fact]
    public void Kl_float_agrees_with_double()
        => Holds.ForAll(Arb.Filter(Arbs.Pairs(), Floats.Narrowable), FloatLaws.Agree((p, q) => Kl.Divergence<float>(p, q), (p, q) => Kl.Divergence<double>(p, q)));

    [Fact]
    public void Kl_is_not_symmetric()
    {
        var counterexample = Holds.NotForAll(Arbs.FinitePairs(), DivergenceLaws.Symmetric(KL, relative: 1e-6));
        output.WriteLine(counterexample.ToString());
        Assert.Contains("d(p, q) vs d(q, p)", counterexample.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Kl_fails_the_triangle_inequality()
    {
        var counterexample = Holds.NotForAll(Arbs.Triples(), MetricLaws.TriangleInequality(KL));
        output.WriteLine(counterexample.ToString());
        Assert.Contains("d(p, r)", counterexample.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Square_root_of_kl_is_not_a_metric_either()
    {
        var counterexample = Holds.NotForAll(Arbs.Triples(), MetricLaws.TriangleInequality(SqrtKL));
        output.WriteLine(counterexample.ToString());
    }

    [Fact]
    public void Kl_ignores_outcomes_that_neither_distribution_has()
        => Holds.ForAll(Arbs.Pairs(), InvarianceLaws.ZeroPaddingInvariant(KL));
}
