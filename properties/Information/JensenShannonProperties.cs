using FsCheck.Fluent;
using Functional.Information;
using Functional.Numerics;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Properties.Laws;
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
    public void Js_is_between_0_and_ln_2()
        => Holds.ForAll(Pairs(), DivergenceLaws.Bounded(JS, 0.0, Ln2));

    [Fact]
    public void Js_in_bits_is_between_0_and_1()
        => Holds.ForAll(Pairs(), DivergenceLaws.Bounded((p, q) => JensenShannon.Divergence(p, q, LogBase.Two), 0.0, 1.0));

    [Fact]
    public void Js_of_p_with_itself_is_exactly_zero()
        => Holds.ForAll(Vectors(), DivergenceLaws.ZeroOnIdentical(JS));

    [Fact]
    public void Js_is_positive_for_distinct_inputs()
        => Holds.ForAll(DistinctPairs(), DivergenceLaws.PositiveOnDistinct(JS));

    [Fact]
    public void Js_distance_satisfies_the_triangle_inequality()
        => Holds.ForAll(Triples(), MetricLaws.TriangleInequality(JSDistance, slack: 1e-12));

    [Fact]
    public void Js_distance_is_a_metric()
    {
        foreach (var (law, body) in MetricLaws.All(JSDistance))
        {
            Holds.ForAll(law switch { "triangle inequality" => Triples(), "zero on identical" => Vectors(), _ => Pairs() }, body);
        }
    }

    [Fact]
    public void Js_distance_is_the_square_root_of_js()
        => Holds.ForAll(Pairs(), Arbs.Bases(), (c, b) =>
            Approx.Equal(JensenShannon.Distance(c.P, c.Q, b), Math.Sqrt(JensenShannon.Divergence(c.P, c.Q, b)), 0.0, 0.0, "distance vs √JS"));

    [Fact]
    public void Js_is_permutation_invariant()
        => Holds.ForAll(Arbs.Permuted(2), InvarianceLaws.PermutationInvariant(JS));

    [Fact]
    public void Js_scales_with_the_log_base()
        => Holds.ForAll(Pairs(), Arbs.Bases(), InvarianceLaws.ScalesWithBase((c, b) => JensenShannon.Divergence(c.P, c.Q, b)));

    [Fact]
    public void Js_float_agrees_with_double()
        => Holds.ForAll(
            Arb.Filter(Pairs(), c => Floats.Narrowable(c) && Floats.Narrow(c.P).Zip(Floats.Narrow(c.Q)).All(t => t.First > 0f || t.Second > 0f)),
            FloatLaws.Agree((p, q) => JensenShannon.Divergence<float>(p, q), (p, q) => JensenShannon.Divergence<double>(p, q)));
}
