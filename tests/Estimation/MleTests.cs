using Functional.Estimation;

namespace Functional.Tests.Estimation;

/// <summary>
/// Maximum-likelihood fits: the lecture's coin table and Gaussian derivation, and every family against SciPy's <c>fit</c>
/// (or an mpmath root of the score equations, 40 digits, where SciPy's optimiser stops early). Reference script:
/// <code>
/// import numpy as np, scipy.stats as ss, mpmath as mp   # /usr/bin/python3, mp.mp.dps = 40
/// ss.laplace.fit(x); ss.expon.fit(e, floc=0); ss.uniform.fit(u); ss.gamma.fit(g, floc=0); ss.beta.fit(b, floc=0, fscale=1)
/// mp.findroot(lambda a: mp.log(a) - mp.digamma(a) - s, 1)                     # Gamma shape, s = ln x̄ − mean ln x
/// mp.findroot([ψ(a+b)−ψ(a)+mean ln x, ψ(a+b)−ψ(b)+mean ln(1−x)], (2, 2))        # Beta
/// mp.findroot([ψ(Σα)−ψ(α_j)+mean ln x_j for j], (5, 10, 8))                    # Dirichlet
/// np.cov(M.T, bias=True); ss.multivariate_normal.logpdf(M, mu, C).sum()       # MVN
/// </code>
/// Log-likelihoods are the sums of SciPy's logpdf/logpmf at the fitted parameters.
/// </summary>
public class MleTests
{
    public static TheoryData<int, long, long, double> CoinTable() => new()
    {
        { 0, 53, 47, 0.53 },
        { 1, 55, 45, 0.55 },
        { 2, 49, 51, 0.49 },
        { 3, 41, 59, 0.41 },
        { 4, 39, 61, 0.39 },
        { 5, 27, 73, 0.27 },
        { 6, 0, 100, 0.0 },
    };

    [Theory]
    [MemberData(nameof(CoinTable))]
    public void Coin_table_from_the_lecture_is_reproduced_exactly(int coin, long heads, long tails, double kappa)
    {
        var fit = Mle.Bernoulli(heads, tails);

        Assert.Equal(kappa, fit.Distribution.P); // exact: H/(H+T) is one correctly rounded division
        Assert.Equal(100, fit.Count);
        Assert.Equal(1, fit.Parameters);
        Assert.Null(fit.Newton);
        // ℓ = H ln κ + T ln(1 − κ), with 0·ln 0 = 0 for coin 6
        var expected = (heads == 0 ? 0.0 : heads * Math.Log(kappa)) + (tails * Math.Log(1.0 - kappa));
        Assert.Equal(expected, fit.LogLikelihood, 12);
        Assert.True(coin < 6 || fit.LogLikelihood == 0.0);
    }

    [Fact]
    public void Coin_from_outcomes_equals_coin_from_counts()
    {
        var outcomes = Enumerable.Repeat(1.0, 53).Concat(Enumerable.Repeat(0.0, 47)).ToArray();
        var fit = Mle.Bernoulli(outcomes);

        Assert.Equal(0.53, fit.Distribution.P);
        Assert.Equal(Mle.Bernoulli(53, 47).LogLikelihood, fit.LogLikelihood);
        Assert.Equal(fit.Distribution.LogLikelihood(outcomes), fit.LogLikelihood, 12);
    }

    [Fact]
    public void Gaussian_derivation_on_the_worked_sample_mean_5_biased_variance_4()
    {
        // scipy.stats.norm.fit([2,4,4,4,5,5,7,9]) = (5.0, 2.0); Σ logpdf = −16.896685710116945 = −(8/2)(ln(2π·4) + 1)
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        var fit = Mle.Gaussian(x);

        Assert.Equal(5.0, fit.Distribution.Mean);
        Assert.Equal(4.0, fit.Distribution.Variance); // (1/n)Σ(x − x̄)² = 32/8, not 32/7
        Assert.Equal(2.0, fit.Distribution.StandardDeviation);
        Assert.Equal(-16.896685710116945, fit.LogLikelihood, 13);
        Assert.Equal(fit.Distribution.LogLikelihood(x), fit.LogLikelihood, 13);
        Assert.Equal(2, fit.Parameters);
        Assert.Equal((2 * 2) + (2 * 16.896685710116945), fit.Aic, 12);
        Assert.Equal((2 * Math.Log(8)) + (2 * 16.896685710116945), fit.Bic, 12);
    }

    [Fact]
    public void Laplace_is_median_and_mean_absolute_deviation_like_scipy()
    {
        // ss.laplace.fit([1.0, 2.5, -0.3, 4.2, 0.8, 1.9, 3.3]) = (1.9, 1.2142857142857142); Σ logpdf = −13.211122365006318
        double[] x = [1.0, 2.5, -0.3, 4.2, 0.8, 1.9, 3.3];
        var fit = Mle.Laplace(x);

        Assert.Equal(1.9, fit.Distribution.Location);
        Assert.Equal(1.2142857142857142, fit.Distribution.Scale, 15);
        Assert.Equal(-13.211122365006318, fit.LogLikelihood, 12);
    }

    [Fact]
    public void Exponential_rate_is_one_over_the_mean_like_scipy()
    {
        // ss.expon.fit(e, floc=0) = (0, 1.3833333333333335): scale = x̄; Σ logpdf = −7.946976273446983
        double[] e = [0.5, 1.2, 0.1, 3.4, 0.9, 2.2];
        var fit = Mle.Exponential(e);

        Assert.Equal(1.0 / 1.3833333333333335, fit.Distribution.Rate, 15);
        Assert.Equal(-7.946976273446983, fit.LogLikelihood, 12);
    }

    [Fact]
    public void Poisson_rate_is_the_mean_and_the_likelihood_matches_scipy()
    {
        // mean 2.0; ss.poisson.logpmf(p, 2).sum() = −17.973802972838975
        double[] p = [0, 3, 1, 2, 2, 5, 0, 1, 4, 2];
        var fit = Mle.Poisson(p);

        Assert.Equal(2.0, fit.Distribution.Rate);
        Assert.Equal(-17.973802972838975, fit.LogLikelihood, 12);
    }

    [Fact]
    public void Poisson_of_all_zeros_is_rate_zero_with_likelihood_one()
    {
        var fit = Mle.Poisson([0.0, 0.0, 0.0]);
        Assert.Equal(0.0, fit.Distribution.Rate);
        Assert.Equal(0.0, fit.LogLikelihood);
    }

    [Fact]
    public void Uniform_is_the_sample_range_like_scipy()
    {
        // ss.uniform.fit(u) = (0.3, 2.1) (loc, width); Σ logpdf = −3.709686723646887 = −5 ln 2.1
        double[] u = [0.3, 1.7, 0.9, 2.4, 1.1];
        var fit = Mle.Uniform(u);

        Assert.Equal(0.3, fit.Distribution.Lower);
        Assert.Equal(2.4, fit.Distribution.Upper);
        Assert.Equal(-3.709686723646887, fit.LogLikelihood, 12);
    }

    [Fact]
    public void Gamma_newton_matches_the_40_digit_root_and_scipy()
    {
        // mpmath: α = 1.1903522445902222273, β = 0.86049559849895581949, ℓ = −7.892596844910469321
        // scipy gamma.fit(g, floc=0): a = 1.190352244590222, 1/scale = 0.8604955984989555
        double[] g = [0.5, 1.2, 0.1, 3.4, 0.9, 2.2];
        var fit = Mle.Gamma(g);

        Assert.Equal(1.1903522445902222273, fit.Distribution.Shape, 13);
        Assert.Equal(0.86049559849895581949, fit.Distribution.Rate, 13);
        Assert.Equal(-7.892596844910469321, fit.LogLikelihood, 12);
        Assert.NotNull(fit.Newton);
        Assert.True(fit.Newton!.Converged);
        Assert.InRange(fit.Newton.Iterations, 1, 10);
        Assert.True(fit.Newton.Gradient < 1e-13, $"gradient {fit.Newton.Gradient}");
        Assert.True(fit.Newton.Step <= Mle.DefaultTolerance);
    }

    [Fact]
    public void Beta_newton_matches_the_40_digit_root_and_beats_scipys_optimiser()
    {
        // mpmath: α = 2.2326182140183444092, β = 2.7610634808312737593, ℓ = 1.6717134318682718721
        // scipy beta.fit(b, floc=0, fscale=1): 2.232618213788103, 2.761063480991245 — off in the 10th digit
        double[] b = [0.12, 0.45, 0.33, 0.81, 0.57, 0.26, 0.64, 0.39];
        var fit = Mle.Beta(b);

        Assert.Equal(2.2326182140183444092, fit.Distribution.Alpha, 12);
        Assert.Equal(2.7610634808312737593, fit.Distribution.BetaParameter, 12);
        Assert.Equal(1.6717134318682718721, fit.LogLikelihood, 12);
        Assert.True(fit.Newton!.Converged);
        Assert.True(fit.Newton.Gradient < 1e-12, $"gradient {fit.Newton.Gradient}");
    }

    [Fact]
    public void Dirichlet_newton_matches_the_40_digit_root()
    {
        // mpmath: α = (5.0475636064900003053, 10.614600797289768354, 9.2822587814447548178), ℓ = 10.918486809470901225
        // (scipy.stats.dirichlet.logpdf at that α, summed: 10.91848680947093)
        double[] rows = [0.2, 0.3, 0.5, 0.1, 0.6, 0.3, 0.3, 0.3, 0.4, 0.25, 0.5, 0.25, 0.15, 0.45, 0.4];
        var fit = Mle.Dirichlet(rows, 3);
        var alpha = fit.Distribution.Concentration();

        Assert.Equal(5.0475636064900003053, alpha[0], 9);
        Assert.Equal(10.614600797289768354, alpha[1], 9);
        Assert.Equal(9.2822587814447548178, alpha[2], 9);
        Assert.Equal(10.918486809470901225, fit.LogLikelihood, 11);
        Assert.Equal(3, fit.Parameters);
        Assert.True(fit.Newton!.Converged);
    }

    [Fact]
    public void Multivariate_gaussian_is_mean_row_and_biased_covariance_like_numpy()
    {
        // np.cov(M.T, bias=True) = [[0.6504, −0.0888], [−0.0888, 0.6696]]; mean (1.56, 1.58);
        // ss.multivariate_normal.logpdf(M, mu, C).sum() = −12.065598542555747
        double[] m = [1.0, 2.0, 2.5, 0.5, 0.3, 1.1, 1.8, 2.9, 2.2, 1.4];
        var fit = Mle.MultivariateGaussian(m, 2);
        var covariance = fit.Distribution.Covariance();

        Assert.Equal(1.56, fit.Distribution.Mean()[0], 14);
        Assert.Equal(1.58, fit.Distribution.Mean()[1], 14);
        Assert.Equal(0.6504, covariance[0], 14);
        Assert.Equal(-0.0888, covariance[1], 14);
        Assert.Equal(0.6696, covariance[3], 14);
        Assert.Equal(-12.065598542555747, fit.LogLikelihood, 12);
        Assert.Equal(5, fit.Parameters);
    }

    [Fact]
    public void Categorical_frequencies_from_counts_and_labels_agree()
    {
        var fromCounts = Mle.Categorical([3L, 0L, 5L, 2L]);
        var fromLabels = Mle.Categorical([2, 0, 2, 3, 2, 0, 2, 3, 0, 2], 4);

        Assert.Equal([0.3, 0.0, 0.5, 0.2], fromCounts.Distribution.Probabilities.AsSpan().ToArray());
        Assert.Equal(fromCounts.Distribution.Probabilities.AsSpan().ToArray(), fromLabels.Distribution.Probabilities.AsSpan().ToArray());
        // ℓ = 3 ln .3 + 5 ln .5 + 2 ln .2, the unseen class contributes 0·ln 0 = 0
        Assert.Equal((3 * Math.Log(0.3)) + (5 * Math.Log(0.5)) + (2 * Math.Log(0.2)), fromCounts.LogLikelihood, 13);
        Assert.Equal(fromCounts.LogLikelihood, fromLabels.LogLikelihood, 14);
        Assert.Equal(3, fromCounts.Parameters);
    }

    [Fact]
    public void Every_closed_form_log_likelihood_equals_the_distributions_own_sum()
    {
        double[] x = [1.0, 2.5, 0.3, 4.2, 0.8, 1.9, 3.3];
        Assert.Equal(Mle.Gaussian(x).Distribution.LogLikelihood(x), Mle.Gaussian(x).LogLikelihood, 12);
        Assert.Equal(Mle.Laplace(x).Distribution.LogLikelihood(x), Mle.Laplace(x).LogLikelihood, 12);
        Assert.Equal(Mle.Exponential(x).Distribution.LogLikelihood(x), Mle.Exponential(x).LogLikelihood, 12);
        Assert.Equal(Mle.Uniform(x).Distribution.LogLikelihood(x), Mle.Uniform(x).LogLikelihood, 12);
        Assert.Equal(Mle.Gamma(x).Distribution.LogLikelihood(x), Mle.Gamma(x).LogLikelihood, 12);
        Assert.Equal(Likelihood.Log(Mle.Gamma(x).Distribution, x), Mle.Gamma(x).LogLikelihood, 12);
        Assert.Equal(-Likelihood.NegativeLog(Mle.Laplace(x).Distribution, x), Mle.Laplace(x).LogLikelihood, 12);
    }

    [Fact]
    public void Gamma_with_little_spread_keeps_its_digits()
    {
        // x = 1000 ± 1e-3: s = ln x̄ − mean ln x ≈ 5e-13; as a difference of logs it would be mostly rounding.
        // For small s, α ≈ 1/(2s) (ln α − ψ(α) = 1/(2α) + 1/(12α²) + …); s = mean(r − ln(1+r)) ≈ mean(r²)/2 = 5e-13.
        double[] x = [1000.001, 999.999, 1000.001, 999.999];
        var fit = Mle.Gamma(x);

        var s = 0.5 * 1e-12; // mean r² / 2 with r = ±1e-6
        var expected = 1.0 / (2.0 * s); // the next term changes α by ~1/6, a relative 1e-13
        Assert.Equal(1.0, fit.Distribution.Shape / expected, 6);
        Assert.True(fit.Newton!.Converged);
    }
}
