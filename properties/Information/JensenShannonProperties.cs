using FsCheck.Fluent;
using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Numerics;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using static Functional.Properties.Information.Measures;

namespace Functional.Properties.Information;

public class JensenShannonProperties
{
    private static FsCheck.Arbitrary<Dists> Pairs() => Arbs.Pairs();

    private static FsCheck.Arbitrary<Dists> Triples() => Arbs.Triples();

    private static FsCheck.Arbitrary<Dists> Vectors() => Arbs.Vector();

    private static FsCheck.Arbitrary<Dists> DistinctPairs() => Arbs.DistinctPairs();

    [Fact]
    public void Js_ignores_outcomes_that_neither_distribution_has()
        => Holds.ForAll(Arbs.Pairs(), InvarianceLaws.ZeroPaddingInvariant(JS));

    [Fact]
    public void Js_of_p_with_itself_is_exactly_zero_even_with_zeros()
        => Holds.ForAll(Arbs.Vector(Shape.Sparse, Shape.OneHot, Shape.NearDegenerate), DivergenceLaws.ZeroOnIdentical(JS));

    [Fact]
    public void Js_is_symmetric_bit_for_bit()
        => Holds.ForAll(Pairs(), DivergenceLaws.Symmetric(JS));

    [Fact]
    public void Js_in_bits_is_between_0_and_1()
        => Holds.ForAll(Pairs(), DivergenceLaws.Bounded((p, q) => JensenShannon.Divergence(p, q, LogBase.Two), 0.0, 1.0));

    [Fact]
    public void Js_distance_is_the_square_root_of_js()
        => Holds.ForAll(Pairs(), Arbs.Bases(), (c, b) =>
            Approx.Equal(JensenShannon.Distance(c.P, c.Q, b), Math.Sqrt(JensenShannon.Divergence(c.P, c.Q, b)), 0.0, 0.0, "distance vs √JS"));

    [Fact]
    public void Js_is_permutation_invariant()
        => Holds.ForAll(Arbs.Permuted(2), InvarianceLaws.PermutationInvariant(JS));

    [Fact]
    public void Js_float_agrees_with_double()
        => Holds.ForAll(
            Arb.Filter(Pairs(), c => Floats.Narrowable(c) && Floats.Narrow(c.P).Zip(Floats.Narrow(c.Q)).All(t => t.First > 0f || t.Second > 0f)),
            FloatLaws.Agree((p, q) => JensenShannon.Divergence<float>(p, q), (p, q) => JensenShannon.Divergence<double>(p, q)));

    /// <summary>Zero iff equal, no NaN at zeros, base scaling, symmetric, within [0, ln 2], jointly convex, data processing.</summary>
    [Fact]
    public void Js_satisfies_the_divergence_laws()
        => LawsOf.Divergence(
            (p, q, b) => JensenShannon.Divergence(p, q, b),
            "JensenShannon.Divergence",
            DivergenceTraits.FDivergence with { Symmetric = true, UpperBound = Ln2 }).Verify(LawConfig.FromEnvironment());

    [Fact]
    public void Js_distance_satisfies_the_metric_laws()
        => LawsOf.Metric(JSDistance, "JensenShannon.Distance").Verify(LawConfig.FromEnvironment());
}
