using Functional.Estimation;

namespace Functional.Tests.Estimation;

/// <summary>The discrete Bayes posterior (the lecture's "no homework" example) and the location M-estimators.</summary>
public class BayesAndLocationTests
{
    private static readonly string[] Explanations = ["lazy", "grandma sick", "dog ate it", "aliens"];
    private static readonly double[] NoHomeworkPrior = [0.8, 0.19, 0.0099, 0.0001];

    [Fact]
    public void No_homework_every_likelihood_one_gives_map_lazy_and_posterior_equal_to_prior()
    {
        var posterior = Bayes.FromProbabilities(NoHomeworkPrior, [1.0, 1.0, 1.0, 1.0]);

        Assert.Equal("lazy", Explanations[posterior.MapIndex]);
        var probabilities = posterior.Probabilities();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(NoHomeworkPrior[i], probabilities[i], 15);
        }

        // the prior sums to 1, so the evidence p(X) = Σ 1·p(h) = 1
        Assert.Equal(0.0, posterior.LogEvidence, 15);
    }

    [Fact]
    public void No_homework_in_log_space_matches_the_probability_form()
    {
        var logPrior = NoHomeworkPrior.Select(p => Math.Log(p)).ToArray();
        var posterior = Bayes.Posterior(logPrior, new double[4]);

        Assert.Equal(0, posterior.MapIndex);
        Assert.Equal(Math.Log(0.0001), posterior.LogPosterior[3], 13);
    }

    [Fact]
    public void Evidence_can_overturn_the_prior()
    {
        // likelihoods 0.01, 0.5, 0.9, 1: joint (0.008, 0.095, 0.00891, 0.0001), evidence 0.11201
        var posterior = Bayes.FromProbabilities(NoHomeworkPrior, [0.01, 0.5, 0.9, 1.0]);

        Assert.Equal("grandma sick", Explanations[posterior.MapIndex]);
        Assert.Equal(Math.Log(0.11201), posterior.LogEvidence, 14);
        Assert.Equal(0.095 / 0.11201, posterior.Probabilities()[1], 14);
    }

    [Fact]
    public void Likelihoods_that_underflow_as_probabilities_still_give_the_posterior()
    {
        // e^-2000 underflows to 0: a product form would divide 0 by 0. Posterior = (1, e^-1) / (1 + e^-1).
        var posterior = Bayes.Posterior([Math.Log(0.5), Math.Log(0.5)], [-2000.0, -2001.0]);

        Assert.Equal(1.0 / (1.0 + Math.Exp(-1.0)), posterior.Probabilities()[0], 15);
        Assert.Equal(Math.Log(0.5) - 2000.0 + Math.Log(1.0 + Math.Exp(-1.0)), posterior.LogEvidence, 11);
        Assert.Equal(0, posterior.MapIndex);
    }

    [Fact]
    public void A_hypothesis_ruled_out_by_the_prior_stays_ruled_out()
    {
        var posterior = Bayes.Posterior([double.NegativeInfinity, 0.0], [10.0, -5.0]);

        Assert.Equal(double.NegativeInfinity, posterior.LogPosterior[0]);
        Assert.Equal(0.0, posterior.LogPosterior[1]);
        Assert.Equal(1, posterior.MapIndex);
    }

    [Fact]
    public void Bayes_bad_input_is_named()
    {
        var lengths = Assert.Throws<ArgumentException>(() => Bayes.Posterior([0.0, 0.0], [0.0]));
        Assert.Equal("logLikelihood", lengths.ParamName);
        var empty = Assert.Throws<ArgumentException>(() => Bayes.Posterior([], []));
        Assert.Equal("logPrior", empty.ParamName);
        var nan = Assert.Throws<ArgumentException>(() => Bayes.Posterior([0.0, double.NaN], [0.0, 0.0]));
        Assert.Contains("logPrior[1] = NaN", nan.Message, StringComparison.Ordinal);
        var inf = Assert.Throws<ArgumentException>(() => Bayes.Posterior([0.0, 0.0], [double.PositiveInfinity, 0.0]));
        Assert.Contains("logLikelihood[0] = Infinity", inf.Message, StringComparison.Ordinal);
        var impossible = Assert.Throws<ArgumentException>(() => Bayes.Posterior([double.NegativeInfinity, 0.0], [0.0, double.NegativeInfinity]));
        Assert.Contains("impossible", impossible.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentException>(() => Bayes.FromProbabilities([0.5, -0.5], [1.0, 1.0]));
        Assert.Contains("prior[1] = -0.5 is negative", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Bayes.LogPosterior([0.0, 0.0], [0.0, 0.0], new double[1]));
    }

    // x = (0, 1, 2, 3, 4, 5, 100): mean 115/7, median 3. Huber(δ = 10): the outlier 100 is clamped, the rest are within δ
    // of μ, so the score equation Σ clamp(x − μ, −δ, δ) = (15 − 6μ) + 10 = 0 gives μ = 25/6 exactly — between the two.
    private static readonly double[] WithOutlier = [0, 1, 2, 3, 4, 5, 100];

    [Fact]
    public void L2_gives_the_mean_L1_the_median_and_Huber_lies_between()
    {
        var l2 = Location.L2(WithOutlier);
        var l1 = Location.L1(WithOutlier);
        var huber = Location.Huber(WithOutlier, delta: 10.0);

        Assert.Equal(115.0 / 7.0, l2.Estimate, 14);
        Assert.Equal(3.0, l1.Estimate);
        Assert.Equal(25.0 / 6.0, huber.Estimate, 12);
        Assert.True(l1.Estimate < huber.Estimate && huber.Estimate < l2.Estimate);
        Assert.Equal(0.0, huber.Score, 10);
        Assert.InRange(huber.Iterations, 0, 10);
        Assert.Equal(0.0, l1.Score);
        Assert.Equal(0.0, l2.Score, 12);
    }

    [Fact]
    public void Objectives_are_the_losses_at_the_estimate()
    {
        var l2 = Location.L2(WithOutlier);
        var mean = 115.0 / 7.0;
        Assert.Equal(WithOutlier.Sum(x => 0.5 * (x - mean) * (x - mean)), l2.Objective, 10);
        Assert.Equal(3 + 2 + 1 + 0 + 1 + 2 + 97, Location.L1(WithOutlier).Objective);
        // Huber at μ = 25/6: ½d² for the six inner points, 10·(|d| − 5) for the outlier
        var mu = 25.0 / 6.0;
        var expected = WithOutlier.Take(6).Sum(x => 0.5 * (x - mu) * (x - mu)) + (10.0 * (100 - mu - 5.0));
        Assert.Equal(expected, Location.Huber(WithOutlier, 10.0).Objective, 10);
    }

    [Fact]
    public void Huber_tends_to_the_mean_for_a_large_threshold_and_to_the_median_for_a_small_one()
    {
        Assert.Equal(115.0 / 7.0, Location.Huber(WithOutlier, delta: 1000.0).Estimate, 12);
        Assert.Equal(3.0, Location.Huber(WithOutlier, delta: 1e-6).Estimate, 5);
    }

    [Fact]
    public void Even_length_median_is_the_midpoint_like_numpy()
    {
        // numpy.median([4, 1, 3, 2]) = 2.5
        Assert.Equal(2.5, Location.L1([4.0, 1.0, 3.0, 2.0]).Estimate);
        Assert.Equal(1.69e308, Location.L1([1.6e308, 1.78e308]).Estimate, 1e293);
    }

    [Fact]
    public void Huber_matches_scipy_minimize_scalar_on_a_skewed_sample()
    {
        // /usr/bin/python3:
        //   x = np.array([0.3, -1.2, 2.5, 0.7, 8.0, 1.1, -0.4, 12.0, 0.9]); d = 1.345
        //   f = lambda m: np.sum(np.where(abs(x-m) <= d, 0.5*(x-m)**2, d*(abs(x-m) - 0.5*d)))
        //   scipy.optimize.minimize_scalar(f, bracket=(0, 3), tol=1e-14).x  -> 1.0862500061901401
        // Exactly: at μ ≈ 1.086 the points 0.3, 0.7, 1.1, 0.9 are within δ, −1.2 and −0.4 clamp at −δ, 2.5, 8, 12 at +δ,
        // so the score equation (3.0 − 4μ) − 2δ + 3δ = 0 gives μ = (3 + 1.345)/4 = 1.08625.
        double[] x = [0.3, -1.2, 2.5, 0.7, 8.0, 1.1, -0.4, 12.0, 0.9];
        var huber = Location.Huber(x, 1.345);
        Assert.Equal(1.08625, huber.Estimate, 12);
        Assert.Equal(1.0862500061901401, huber.Estimate, 7);
    }

    [Fact]
    public void All_equal_sample_returns_the_value_after_no_steps()
    {
        var huber = Location.Huber([2.5, 2.5, 2.5], 1.0);
        Assert.Equal(2.5, huber.Estimate);
        Assert.Equal(0, huber.Iterations);
        Assert.Equal(0.0, huber.Objective);
    }

    [Fact]
    public void Location_bad_input_is_named()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Location.L2([])).ParamName);
        Assert.Contains("x[1] = NaN is NaN", Assert.Throws<ArgumentException>(() => Location.L1([1.0, double.NaN])).Message, StringComparison.Ordinal);
        Assert.Contains("x[0] = Infinity is infinite", Assert.Throws<ArgumentException>(() => Location.Huber([double.PositiveInfinity], 1.0)).Message, StringComparison.Ordinal);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => Location.Huber([1.0], 0.0)).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => Location.Huber([1.0], double.NaN)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Location.Huber([1.0], 1.0, tolerance: 0.0)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => Location.Huber([1.0], 1.0, maxIterations: 0)).ParamName);
    }
}
