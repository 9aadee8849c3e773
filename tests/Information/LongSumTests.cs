using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Information;

/// <summary>
/// The kernels on the machine's lane width with blocked plain sums: KL, JS and log-sum-exp at n = 10^7 against a
/// double-double sum of the scalar terms (1e-12 relative), KL of nearly equal distributions (series and direct lanes
/// mixed in every vector), zeros and subnormal q on the careful path, and the two halves of a split joined by hand
/// giving exactly the bits of the public call (what one core computes when no helper is free).
/// </summary>
public class LongSumTests
{
    private const int N = 10_000_000;

    private static void Close(double expected, double actual, double relative)
        => Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    private static double[] Distribution(int n, int seed, double zeroEvery = 0)
    {
        var random = new Random(seed);
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = zeroEvery > 0 && i % (int)zeroEvery == 0 ? 0.0 : random.NextDouble() * (i % 3 == 0 ? 1e-3 : 1.0);
        }

        return ProbabilityVector.Normalize(w).AsSpan().ToArray();
    }

    private static double Reference(double[] x, double[] y, Func<double, double, double> term)
    {
        double hi = 0, lo = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var v = term(x[i], y[i]);
            var s = hi + v;
            var bp = s - hi;
            lo += (hi - (s - bp)) + (v - bp);
            var t = s + lo;
            lo -= t - s;
            hi = t;
        }

        return hi + lo;
    }

    [Fact]
    public void Kl_and_js_at_ten_million_agree_with_a_double_double_sum_to_1e_12()
    {
        var p = Distribution(N, 1);
        var q = Distribution(N, 2);
        Close(Reference(p, q, KlTerm.Invoke), Kl.Divergence(p, q), 1e-12);
        Close(Reference(p, q, JensenShannonTerm.Invoke), JensenShannon.Divergence(p, q), 1e-12);
    }

    [Fact]
    public void Kl_of_nearly_equal_distributions_mixes_series_and_direct_lanes_accurately()
    {
        var p = Distribution(1_000_003, 3);
        var random = new Random(4);
        var w = p.Select(v => v * (1.0 + (0.2 * (random.NextDouble() - 0.5)))).ToArray();
        var q = ProbabilityVector.Normalize(w).AsSpan().ToArray();
        Close(Reference(p, q, KlTerm.Invoke), Kl.Divergence(p, q), 1e-12);
        Close(Reference(p, q, JensenShannonTerm.Invoke), JensenShannon.Divergence(p, q), 1e-12);
    }

    [Fact]
    public void Zeros_and_subnormal_q_take_the_careful_path_without_nan()
    {
        var p = Distribution(300_007, 5, zeroEvery: 7);
        var q = Distribution(300_007, 6);
        Set(q, 100, 5e-324);
        Set(q, 101, 1e-300);
        Set(q, 5, 0.0); // p[5] > 0: KL is +∞
        Assert.Equal(double.PositiveInfinity, Kl.Divergence(p, q));
        Set(q, 5, 1e-310);
        Close(Reference(p, q, KlTerm.Invoke), Kl.Divergence(p, q), 1e-12);
        Close(Reference(p, q, JensenShannonTerm.Invoke), JensenShannon.Divergence(p, q), 1e-12);
        Close(Reference(p, p, (a, _) => a == 0 ? 0 : -a * Math.Log(a)), Entropy.Of(p), 1e-12);
    }

    // Moves the mass an entry gives up to an entry further on, so the vector stays normalised.
    private static void Set(double[] q, int i, double value)
    {
        q[i + 1000] += q[i] - value;
        q[i] = value;
    }

    [Fact]
    public void Logsumexp_at_ten_million_agrees_with_a_double_double_sum()
    {
        var random = new Random(8);
        var x = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i] = (random.NextDouble() - 0.5) * 40.0;
        }

        x[12345] = double.NegativeInfinity;
        var max = x.Max();
        var reference = max + Math.Log(Reference(x, x, (v, _) => Math.Exp(v - max)));
        Close(reference, LogSumExp.Of(x), 1e-14);
    }

    [Fact]
    public void Two_halves_joined_by_hand_give_the_bits_of_the_public_call()
    {
        var n = 1_000_013;
        var p = Distribution(n, 9);
        var q = Distribution(n, 10);
        var mid = Split.Midpoint(n);
        var kl = Partial.JoinInOrder([
            Kernel.Accumulate<double, KlTerm, ProbabilityDomain, ProbabilityDomain>(p.AsSpan(0, mid), q.AsSpan(0, mid)),
            Kernel.Accumulate<double, KlTerm, ProbabilityDomain, ProbabilityDomain>(p.AsSpan(mid), q.AsSpan(mid))]);
        Assert.Equal(kl.Total, Kl.Divergence(p, q));
        var h = Partial.JoinInOrder([
            Kernel.Accumulate<double, EntropyTerm, ProbabilityDomain>(p.AsSpan(0, mid)),
            Kernel.Accumulate<double, EntropyTerm, ProbabilityDomain>(p.AsSpan(mid))]);
        Assert.Equal(h.Total, Entropy.Of(p));
        var lse = LogSumExp.Accumulate<double>(p.AsSpan(0, mid)).Join(LogSumExp.Accumulate<double>(p.AsSpan(mid)));
        Assert.Equal(lse.Value, LogSumExp.Of(p));
    }
}
