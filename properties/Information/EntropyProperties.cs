using FsCheck.Fluent;
using Functional.Information;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Properties.Laws;
using static Functional.Properties.Information.Measures;

namespace Functional.Properties.Information;

public class EntropyProperties
{
    [Fact]
    public void Entropy_is_between_0_and_log_n()
        => Holds.ForAll(Arbs.Vector(), EntropyLaws.Bounded(H, n => Math.Log(n)));

    [Fact]
    public void Entropy_in_bits_is_between_0_and_log2_n()
        => Holds.ForAll(Arbs.Vector(), EntropyLaws.Bounded(p => Entropy.Of(p, Functional.Numerics.LogBase.Two), n => Math.Log2(n)));

    [Fact]
    public void Entropy_of_uniform_is_log_n()
        => Holds.ForAll(Arbs.Vector(), EntropyLaws.MaximalAtUniform(H, n => Math.Log(n)));

    [Fact]
    public void Entropy_of_one_hot_is_exactly_zero()
        => Holds.ForAll(Arbs.Vector(Shape.OneHot), EntropyLaws.ZeroWhenCertain(H));

    [Fact]
    public void Entropy_is_concave()
        => Holds.ForAll(Arbs.Pairs(), Arbs.Lambda(), EntropyLaws.Concave(H));

    [Fact]
    public void Entropy_is_permutation_invariant()
        => Holds.ForAll(Arbs.Permuted(1), InvarianceLaws.PermutationInvariant(H));

    [Fact]
    public void Entropy_scales_with_the_log_base()
        => Holds.ForAll(Arbs.Vector(), Arbs.Bases(), InvarianceLaws.ScalesWithBase((c, b) => Entropy.Of(c.P, b)));

    [Fact]
    public void Entropy_float_agrees_with_double()
        => Holds.ForAll(Arb.Filter(Arbs.Vector(), Floats.Narrowable), FloatLaws.Agree(p => Entropy.Of<float>(p), p => Entropy.Of<double>(p)));

    [Fact]
    public void Entropy_ignores_outcomes_of_probability_zero()
        => Holds.ForAll(Arbs.Vector(), InvarianceLaws.ZeroPaddingInvariant(H));
}
