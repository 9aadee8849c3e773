using Functional.Distributions;
using Functional.Estimation;

namespace Functional.Tests.Estimation;

/// <summary>MAP with conjugate priors: the closed-form posteriors, their modes and means, worked by hand (exact rationals).</summary>
public class MapTests
{
    [Fact]
    public void Beta_bernoulli_mode_is_h_plus_a_minus_1_over_n_plus_a_plus_b_minus_2()
    {
        // 53 heads, 47 tails, Beta(3, 5): posterior Beta(56, 52), mode 55/106, mean 56/108
        var map = Map.BetaBernoulli(53, 47, new Beta(3, 5));

        Assert.Equal(56.0, map.Posterior.Alpha);
        Assert.Equal(52.0, map.Posterior.BetaParameter);
        Assert.Equal(55.0 / 106.0, map.Mode!.Value, 15);
        Assert.Equal(56.0 / 108.0, map.PosteriorMean!.Value, 15);
        Assert.Equal(100, map.Count);
    }

    [Fact]
    public void Uniform_prior_makes_map_equal_to_mle_for_every_coin()
    {
        foreach (var (heads, tails) in new (long, long)[] { (53, 47), (27, 73), (0, 100), (100, 0) })
        {
            var map = Map.BetaBernoulli(heads, tails, new Beta(1, 1));
            Assert.Equal(Mle.Bernoulli(heads, tails).Distribution.P, map.Mode!.Value, 15);
        }
    }

    [Fact]
    public void Coin_with_no_heads_and_a_prior_is_no_longer_certain()
    {
        // coin 6 of the lecture (0/100): the MLE says κ = 0; Beta(2, 2) says 1/102
        var map = Map.BetaBernoulli(0, 100, new Beta(2, 2));
        Assert.Equal(1.0 / 102.0, map.Mode!.Value, 15);
    }

    [Fact]
    public void Beta_modes_at_the_edges_and_none_when_bimodal()
    {
        Assert.Equal(0.0, Map.BetaBernoulli(0, 3, new Beta(0.5, 1)).Mode);
        Assert.Equal(1.0, Map.BetaBernoulli(3, 0, new Beta(1, 0.5)).Mode);
        Assert.Null(Map.BetaBernoulli(0, 0, new Beta(0.5, 0.5)).Mode);
        Assert.Null(Map.BetaBernoulli(0, 0, new Beta(1, 1)).Mode);
        Assert.Equal(0.5, Map.BetaBernoulli(0, 0, new Beta(1, 1)).PosteriorMean);
    }

    [Fact]
    public void Dirichlet_categorical_is_additive_smoothing()
    {
        // counts (3, 0, 5, 2), Dir(1,1,1,1): posterior Dir(4,1,6,3); mean (add-one) 4/14, 1/14, 6/14, 3/14; mode = MLE 3/10, 0, 5/10, 2/10
        var map = Map.DirichletCategorical([3L, 0L, 5L, 2L], new Dirichlet(1, 1, 1, 1));

        Assert.Equal([4.0, 1.0, 6.0, 3.0], map.Posterior.Concentration().ToArray());
        Assert.Equal([4 / 14.0, 1 / 14.0, 6 / 14.0, 3 / 14.0], map.PosteriorMean!);
        Assert.Equal([0.3, 0.0, 0.5, 0.2], map.Mode!);
        Assert.Equal(10, map.Count);

        var labels = Map.DirichletCategorical([2, 0, 2, 3, 2, 0, 2, 3, 0, 2], new Dirichlet(1, 1, 1, 1));
        Assert.Equal(map.PosteriorMean, labels.PosteriorMean);
    }

    [Fact]
    public void Normal_normal_posterior_is_the_precision_weighted_average()
    {
        // x̄ = 5 from n = 8, σ² = 4 (data precision 2); prior N(0, 1) (precision 1): τₙ² = 1/3, μₙ = (0·1 + 5·2)/3 = 10/3
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        var map = Map.NormalNormal(x, 4.0, new Gaussian(0.0, 1.0));

        Assert.Equal(10.0 / 3.0, map.Mode, 14);
        Assert.Equal(10.0 / 3.0, map.PosteriorMean, 14);
        Assert.Equal(1.0 / 3.0, map.Posterior.Variance, 14);
    }

    [Fact]
    public void Normal_inverse_gamma_update_by_hand()
    {
        // x = [2,4,4,4,5,5,7,9]: n = 8, x̄ = 5, Σ(x − x̄)² = 32. Prior NIG(μ₀ = 1, κ₀ = 2, α₀ = 3, β₀ = 4):
        // κₙ = 10, μₙ = (2·1 + 8·5)/10 = 4.2, αₙ = 7, βₙ = 4 + 16 + 2·8·16/20 = 32.8
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        var map = Map.NormalInverseGamma(x, new NormalInverseGamma(1, 2, 3, 4));

        Assert.Equal(10.0, map.Posterior.Kappa);
        Assert.Equal(4.2, map.Posterior.Mean, 14);
        Assert.Equal(7.0, map.Posterior.Alpha);
        Assert.Equal(32.8, map.Posterior.Beta, 13);
        Assert.Equal(4.2, map.Mode!.Value.Mean, 14);
        Assert.Equal(32.8 / 8.5, map.Mode.Value.Variance, 13);
        Assert.Equal(32.8 / 6.0, map.PosteriorMean!.Value.Variance, 13);
    }

    [Fact]
    public void Map_bad_input_is_named()
    {
        Assert.Equal("heads", Assert.Throws<ArgumentOutOfRangeException>(() => Map.BetaBernoulli(-1, 3, new Beta(1, 1))).ParamName);
        Assert.Contains("sample[1] = 2 is not an outcome 0 or 1", Assert.Throws<ArgumentException>(() => Map.BetaBernoulli([1.0, 2.0], new Beta(1, 1))).Message, StringComparison.Ordinal);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => Map.DirichletCategorical([1L, 2L], new Dirichlet(1, 1, 1))).ParamName);
        Assert.Contains("labels[1] = 3", Assert.Throws<ArgumentException>(() => Map.DirichletCategorical([0, 3], new Dirichlet(1, 1, 1))).Message, StringComparison.Ordinal);
        Assert.Equal("variance", Assert.Throws<ArgumentOutOfRangeException>(() => Map.NormalNormal([1.0], 0.0, new Gaussian(0, 1))).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => Map.NormalNormal([], 1.0, new Gaussian(0, 1))).ParamName);
        Assert.Equal("kappa", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalInverseGamma(0, 0, 1, 1)).ParamName);
        Assert.Contains("sample[0] = NaN", Assert.Throws<ArgumentException>(() => Map.NormalInverseGamma([double.NaN], new NormalInverseGamma(0, 1, 1, 1))).Message, StringComparison.Ordinal);
    }
}
