using FsCheck.Fluent;
using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using static Functional.Properties.Information.Measures;

namespace Functional.Properties.Information;

public class CrossEntropyProperties
{
    /// <summary>
    /// H(p, q) = H(p) + KL(p ‖ q). The tolerance is relative to the size of the terms, plus |Σq − Σp| + 1e-14:
    /// the −p + q terms of KL sum to the (tiny) difference of the two normalisation residues.
    /// </summary>
    [Fact]
    public void Cross_entropy_is_entropy_plus_kl()
        => Holds.ForAll(Arbs.Pairs(), c =>
        {
            var (p, q) = (c.P, c.Q);
            var (ce, h, kl) = (CrossH(p, q), H(p), KL(p, q));
            if (double.IsPositiveInfinity(ce) || double.IsPositiveInfinity(kl))
            {
                Approx.That(ce == kl, () => $"H(p, q) = {Approx.Show(ce)} and KL = {Approx.Show(kl)}: one infinite, not both");
                return;
            }

            var residue = Math.Abs(q.Sum() - p.Sum());
            Approx.Equal(ce, h + kl, 1e-12, residue + 1e-14, $"H(p, q) vs H(p) + KL(p ‖ q) = {Approx.Show(h)} + {Approx.Show(kl)}");
        });

    [Fact]
    public void Cross_entropy_of_p_with_itself_is_entropy()
        => Holds.ForAll(Arbs.Vector(), InvarianceLaws.Agree(c => CrossH(c.P, c.P), c => H(c.P), 0.0, 0.0, "H(p, p) vs H(p)"));

    [Fact]
    public void Cross_entropy_from_log_q_equals_cross_entropy()
        => Holds.ForAll(Arbs.Pairs(), InvarianceLaws.Agree(
            c => CrossEntropy.FromLogQ<double>(c.P, Logs(c.Q)), c => CrossH(c.P, c.Q), 1e-14, 0.0, "FromLogQ vs Of"));

    [Fact]
    public void Cross_entropy_is_permutation_invariant()
        => Holds.ForAll(Arbs.Permuted(2), InvarianceLaws.PermutationInvariant(CrossH));

    [Fact]
    public void Cross_entropy_scales_with_the_log_base()
        => Holds.ForAll(Arbs.Pairs(), Arbs.Bases(), InvarianceLaws.ScalesWithBase((c, b) => CrossEntropy.Of(c.P, c.Q, b)));

    [Fact]
    public void Cross_entropy_float_agrees_with_double()
        => Holds.ForAll(Arb.Filter(Arbs.Pairs(), Floats.Narrowable), FloatLaws.Agree((p, q) => CrossEntropy.Of<float>(p, q), (p, q) => CrossEntropy.Of<double>(p, q)));

    [Fact]
    public void Cross_entropy_ignores_outcomes_that_neither_distribution_has()
        => Holds.ForAll(Arbs.Pairs(), InvarianceLaws.ZeroPaddingInvariant(CrossH));
}
