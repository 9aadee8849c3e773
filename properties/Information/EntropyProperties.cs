using FsCheck.Fluent;
using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using static Functional.Properties.Information.Measures;

namespace Functional.Properties.Information;

public class EntropyProperties
{
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

    [Fact]
    public void Entropy_in_nats_satisfies_the_entropy_laws()
        => LawsOf.Entropy(H, "Entropy.Of (nats)").Verify(LawConfig.FromEnvironment());

    [Fact]
    public void Entropy_in_bits_satisfies_the_entropy_laws()
        => LawsOf.Entropy(p => Entropy.Of(p, Functional.Numerics.LogBase.Two), n => Math.Log2(n), "Entropy.Of (bits)").Verify(LawConfig.FromEnvironment());
}
