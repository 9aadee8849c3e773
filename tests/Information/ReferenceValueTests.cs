using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Information;

/// <summary>Reference values from SciPy 1.10 and mpmath (50 digits), and the tails where the peers lose digits.</summary>
public class ReferenceValueTests
{
    private static readonly double[] P = [0.2, 0.1, 0.7];
    private static readonly double[] Q = [0.5, 0.3, 0.2];
    private static readonly double[] WithZero = [0.25, 0, 0.5, 0.25];
    private static readonly double[] Full = [0.1, 0.2, 0.3, 0.4];

    private static void Close(double expected, double actual, double relative = 1e-14)
        => Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Matches_scipy_stats_entropy_and_rel_entr()
    {
        Close(0.8018185525433373, Entropy.Of(P));
        Close(1.0296530140645737, Entropy.Of(Q));
        Close(1.0397207708399179, Entropy.Of(WithZero));
        Close(0.3669845875401002, Kl.Divergence(WithZero, Full));
    }

    [Fact]
    public void Matches_scipy_jensenshannon_in_both_bases()
    {
        Close(0.3645792178051282, JensenShannon.Distance(P, Q));
        Close(0.4379042682835753, JensenShannon.Distance(P, Q, LogBase.Two));
        Close(0.10728421350956276, JensenShannon.Divergence(WithZero, Full));
    }

    [Fact]
    public void Kl_with_a_zero_in_q_under_positive_p_is_infinite_not_nan()
    {
        Assert.Equal(double.PositiveInfinity, Kl.Divergence(Full, WithZero));
        Assert.Equal(double.PositiveInfinity, CrossEntropy.Of(Full, WithZero));
        Assert.True(double.IsFinite(JensenShannon.Divergence(Full, WithZero)));
    }

    [Fact]
    public void Kl_between_close_distributions_keeps_its_relative_accuracy()
    {
        // p = (½ + δ, ½ − δ), q = (½, ½), δ = 1e-6: KL = 2.0000000000013333333e-12 (mpmath). A direct Σ p ln(p/q) is off by ~1e-5 relative.
        const double delta = 1e-6;
        Close(2.0000000000013333333e-12, Kl.Divergence([0.5 + delta, 0.5 - delta], [0.5, 0.5]), 1e-9);
        Close(2.0000000000013333333e-12, Kl.FromLogs<double>([Math.Log(0.5 + delta), Math.Log(0.5 - delta)], [Math.Log(0.5), Math.Log(0.5)]), 1e-9);
    }

    [Fact]
    public void Kl_against_a_subnormal_q_is_finite_where_scipy_returns_infinity()
    {
        // KL((1, 0) ‖ (5e-324, 1)) = ln(1/5e-324) = 744.44007192138126 (mpmath); scipy.stats.entropy gives inf because p/q overflows.
        Close(744.44007192138126, Kl.Divergence([1.0, 0.0], [double.Epsilon, 1.0]), 1e-13);
    }

    [Fact]
    public void Subnormal_entries_keep_every_measure_finite_and_exact()
    {
        // 1/q and 1/(p + q) overflow for subnormal entries; the kernels must not route through them.
        double[] p = [1e-310, 3e-310, 1.0 - 4e-310, 0, 0, 0, 0, 0, 1e-320];
        double[] q = [3e-310, 1e-310, 1.0 - 4e-310, 0, 0, 0, 0, 0, 1e-320];
        var js = JensenShannon.Divergence(p, q);
        Assert.True(js is >= 0 and < 1e-300, $"JS = {js:R}");
        var kl = Kl.Divergence(p, q);
        Assert.True(kl is >= 0 and < 1e-300, $"KL = {kl:R}");
        Assert.Equal(0.0, Kl.Divergence(p, p));
    }

    [Fact]
    public void Kl_is_exactly_zero_for_identical_inputs()
    {
        double[] p = [0.1, 0.0, 0.2, 0.3, 0.4, 0.0, 0.0, 0.0, 0.0];
        Assert.Equal(0.0, Kl.Divergence(p, p));
        Assert.Equal(0.0, JensenShannon.Divergence(p, p));
        Assert.Equal(0.0, JensenShannon.Distance(p, p));
    }

    [Fact]
    public void Binary_entropy_of_a_tiny_probability_is_accurate()
    {
        // h(1e-20) = 4.7051701859880911155e-19 nats (mpmath); ln(1 − p) naively is 0 here.
        Close(4.7051701859880911155e-19, Entropy.Binary(1e-20), 1e-14);
        Assert.Equal(0.0, Entropy.Binary(0.0));
        Assert.Equal(0.0, Entropy.Binary(1.0));
    }

    [Fact]
    public void Jensen_shannon_stays_within_zero_and_log_2_for_disjoint_supports()
    {
        Assert.Equal(Math.Log(2), JensenShannon.Divergence([1.0, 0.0], [0.0, 1.0]), 15);
        Assert.Equal(1.0, JensenShannon.Divergence([1.0, 0.0], [0.0, 1.0], LogBase.Two), 15);
        Assert.Equal(1.0, JensenShannon.Distance([0.0, 1.0], [1.0, 0.0], LogBase.Two), 15);
    }

    [Fact]
    public void Log_inputs_give_the_same_divergences()
    {
        var logP = P.Select(x => Math.Log(x)).ToArray();
        var logQ = Q.Select(x => Math.Log(x)).ToArray();
        Close(Kl.Divergence(P, Q), Kl.FromLogQ<double>(P, logQ), 1e-14);
        Close(Kl.Divergence(P, Q), Kl.FromLogs<double>(logP, logQ), 1e-14);
        Close(CrossEntropy.Of(P, Q), CrossEntropy.FromLogQ<double>(P, logQ), 1e-14);
        Assert.Equal(double.PositiveInfinity, Kl.FromLogQ<double>([0.5, 0.5], [0.0, double.NegativeInfinity]));
        Assert.Equal(Math.Log(2), Kl.FromLogQ<double>([1.0, 0.0], [Math.Log(0.5), Math.Log(0.5)]), 15);
    }

    [Fact]
    public void Kl_from_a_log_q_far_below_the_double_range_stays_finite()
    {
        // q_0 = e^-800 underflows to 0 as a probability, but ln q_0 = −800 is given: KL = 1·(0 − (−800)) − 1 + e^-800 + (0 − 0 + 1) = 800.
        Close(800.0, Kl.FromLogQ<double>([1.0, 0.0], [-800.0, 0.0]), 1e-15);
    }

    [Fact]
    public void Long_sums_agree_with_a_double_double_reference_to_1e_12()
    {
        const int n = 10_000_000;
        var random = new Random(7);
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            weights[i] = random.NextDouble() * (i % 3 == 0 ? 1e-3 : 1.0);
        }

        var p = ProbabilityVector.Normalize(weights);
        var reference = DoubleDouble.Sum(p.AsSpan(), x => x == 0 ? 0 : -x * Math.Log(x));
        Close(reference, Entropy.Of(p), 1e-12);
        var average = DoubleDouble.Sum(weights, x => x) / n;
        Close(average, Expectation.SampleAverage<double>(weights), 1e-14);
    }
}

/// <summary>An error-free (TwoSum) double-double accumulator: the high-precision reference for long sums.</summary>
internal static class DoubleDouble
{
    internal static double Sum(ReadOnlySpan<double> values, Func<double, double> term)
    {
        double hi = 0, lo = 0;
        foreach (var v in values)
        {
            var x = term(v);
            var s = hi + x;
            var bp = s - hi;
            var err = (hi - (s - bp)) + (x - bp);
            hi = s;
            lo += err;
            var t = hi + lo;
            lo -= t - hi;
            hi = t;
        }

        return hi + lo;
    }
}
