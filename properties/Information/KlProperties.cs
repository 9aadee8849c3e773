using FsCheck.Fluent;
using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Xunit.Abstractions;
using static Functional.Properties.Information.Measures;

namespace Functional.Properties.Information;

public class KlProperties(ITestOutputHelper output)
{
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

    /// <summary>Gibbs, zero iff equal, no NaN at zeros, base scaling, joint convexity, data processing.</summary>
    [Fact]
    public void Kl_satisfies_the_divergence_laws()
        => LawsOf.Divergence((p, q, b) => Kl.Divergence(p, q, b), "Kl.Divergence", DivergenceTraits.FDivergence).Verify(LawConfig.FromEnvironment());
}
