using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Information;

/// <summary>The lecture's worked examples (SEEDS.md sections 2 and 3), to the digits the lecture prints and beyond.</summary>
public class WorkedExampleTests
{
    private static readonly double[] P = [0.2, 0.1, 0.7];
    private static readonly double[] Q = [0.5, 0.3, 0.2];

    [Fact]
    public void Fair_coin_has_one_bit()
    {
        Assert.Equal(1.0, Entropy.Of([0.5, 0.5], LogBase.Two), 15);
        Assert.Equal(1.0, Entropy.Binary(0.5, LogBase.Two), 15);
    }

    [Fact]
    public void Coin_with_p_0_9_has_0_469_bits()
    {
        Assert.Equal(0.469, Entropy.Of([0.9, 0.1], LogBase.Two), 3);
        Assert.Equal(0.46899559358928117, Entropy.Binary(0.9, LogBase.Two), 15);
        Assert.Equal(Entropy.Of([0.9, 0.1], LogBase.Two), Entropy.Binary(0.9, LogBase.Two), 15);
    }

    [Fact]
    public void Twenty_sided_die_has_4_3219_bits()
    {
        Assert.Equal(4.3219, Entropy.Of(ProbabilityVector.Uniform(20), LogBase.Two), 4);
        Assert.Equal(Math.Log2(20), Entropy.Of(ProbabilityVector.Uniform(20), LogBase.Two), 14);
    }

    [Fact]
    public void Kl_of_the_lecture_pair_is_0_5838_nats_and_0_2535_in_base_10()
    {
        Assert.Equal(0.5838, Kl.Divergence(P, Q), 4);
        Assert.Equal(0.5838147027051154, Kl.Divergence(P, Q), 14);
        Assert.Equal(0.2535, Kl.Divergence(P, Q, LogBase.Ten), 4);
        Assert.Equal(0.5838147027051154 / Math.Log(10), Kl.Divergence(P, Q, LogBase.Ten), 14);
    }

    [Fact]
    public void Kl_the_other_way_is_0_5372_nats_so_kl_is_not_symmetric()
    {
        Assert.Equal(0.5372, Kl.Divergence(Q, P), 4);
        Assert.Equal(0.5371764588384369, Kl.Divergence(Q, P), 14);
        Assert.NotEqual(Kl.Divergence(P, Q), Kl.Divergence(Q, P), 3);
    }

    [Fact]
    public void Cross_entropy_is_entropy_plus_kl_on_the_lecture_pair()
    {
        Assert.Equal(1.385633255248453, CrossEntropy.Of(P, Q), 14);
        Assert.Equal(Entropy.Of(P) + Kl.Divergence(P, Q), CrossEntropy.Of(P, Q), 14);
    }

    [Fact]
    public void Expectation_and_sample_average_agree_on_the_lecture_example()
    {
        double[] x = [1, 2, 3];
        double[] f = [10, 6, 3];
        Assert.Equal(2.5, Expectation.Of<double>(P, x), 14);
        Assert.Equal(4.7, Expectation.Of<double>(P, f), 14);

        double[] sample = [1, 1, 2, 3, 3, 3, 3, 3, 3, 3];
        Assert.Equal(2.5, Expectation.SampleAverage<double>(sample), 14);
        Assert.Equal(4.7, Expectation.SampleAverage<double>(sample, v => f[(int)v - 1]), 14);
    }

    [Fact]
    public void One_hot_vectors_have_zero_entropy_exactly()
    {
        Assert.Equal(0.0, Entropy.Of(ProbabilityVector.OneHot(5, 2)));
        Assert.Equal(0.0, Entropy.Of<float>([0f, 1f, 0f]));
    }

    [Fact]
    public void Gibbs_witness_on_the_lecture_pair_holds_with_a_gap_equal_to_kl()
    {
        var witness = Gibbs.Check(P, Q);
        Assert.True(witness.Holds);
        Assert.Equal(0.0, witness.Violation);
        Assert.Equal(witness.Kl, witness.Gap, 14);
        Assert.Equal(0.8018185525433373, witness.Entropy, 14);
    }

    [Fact]
    public void Surprisal_of_a_fair_coin_flip_is_one_bit_and_entropy_is_its_expectation()
    {
        Assert.Equal(1.0, Surprisal.Of(0.5, LogBase.Two), 15);
        var surprisal = new double[3];
        Surprisal.Of<double>(P, surprisal);
        Assert.Equal(Entropy.Of(P), Expectation.Of<double>(P, surprisal), 14);
    }
}
