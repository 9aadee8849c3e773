using Functional.Distributions;
using Functional.Numerics;

namespace Functional.Tests.Distributions;

public class RngAndQuadratureTests
{
    /// <summary>
    /// The published xoshiro256** (Blackman and Vigna, xoshiro256starstar.c) seeded by SplitMix64 (splitmix64.c), transcribed to
    /// Python with 64-bit masks:
    /// <code>
    /// M = (1 &lt;&lt; 64) - 1
    /// def splitmix(state):
    ///     state = (state + 0x9E3779B97F4A7C15) &amp; M; z = state
    ///     z = ((z ^ (z &gt;&gt; 30)) * 0xBF58476D1CE4E5B9) &amp; M; z = ((z ^ (z &gt;&gt; 27)) * 0x94D049BB133111EB) &amp; M
    ///     return state, z ^ (z &gt;&gt; 31)
    /// def nxt(s):
    ///     result = (rotl((s[1] * 5) &amp; M, 7) * 9) &amp; M; t = (s[1] &lt;&lt; 17) &amp; M
    ///     s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
    ///     return result
    /// </code>
    /// Seed 42 gives the state [0xbdd732262feb6e95, 0x28efe333b266f103, 0x47526757130f9f52, 0x581ce1ff0e4ae394].
    /// </summary>
    [Fact]
    public void Rng_reproduces_the_reference_xoshiro256_star_star_stream()
    {
        var rng = Rng.FromSeed(42);
        Assert.Equal(new Rng(0xbdd732262feb6e95, 0x28efe333b266f103, 0x47526757130f9f52, 0x581ce1ff0e4ae394), rng);
        ulong[] expected = [1546998764402558742UL, 6990951692964543102UL, 12544586762248559009UL, 17057574109182124193UL, 18295552978065317476UL];
        foreach (var e in expected)
        {
            (var bits, rng) = rng.NextUInt64();
            Assert.Equal(e, bits);
        }

        var (u, _) = Rng.FromSeed(42).NextDouble();
        Assert.Equal(0.08386297105988216, u);
    }

    [Fact]
    public void Rng_is_a_value_drawing_twice_from_one_state_repeats_the_draw()
    {
        var rng = Rng.FromSeed(5);
        Assert.Equal(rng.NextNormal(), rng.NextNormal());
        var (a, next) = rng.NextNormal();
        Assert.NotEqual(a, next.NextNormal().Value);
    }

    [Fact]
    public void NextInt_stays_in_range_and_hits_every_value()
    {
        var rng = Rng.FromSeed(9);
        var seen = new bool[7];
        for (var i = 0; i < 1000; i++)
        {
            (var k, rng) = rng.NextInt(7);
            Assert.InRange(k, 0, 6);
            seen[k] = true;
        }

        Assert.All(seen, Assert.True);
    }

    [Fact]
    public void Zero_probability_categories_are_never_drawn()
    {
        var c = Categorical.FromProbabilities([0.0, 0.5, 0.0, 0.5, 0.0]);
        var x = new double[10_000];
        c.Sample(Rng.FromSeed(4), x);
        Assert.All(x, v => Assert.True(v is 1.0 or 3.0));
    }

    [Fact]
    public void Tiny_shapes_sample_without_nan_or_leaving_the_support()
    {
        // Gamma(1e-3) underflows to 0 often; Beta(1e-3, 1e-3) and Dirichlet(1e-3, …) are formed in log space, so never 0/0.
        var beta = new Beta(1e-3, 1e-3);
        var dirichlet = new Dirichlet(1e-3, 1e-3, 1e-3);
        var x = new double[3000];
        beta.Sample(Rng.FromSeed(2), x);
        Assert.All(x, v => Assert.True(beta.InSupport(v), $"{v}"));
        dirichlet.Sample(Rng.FromSeed(2), x);
        for (var r = 0; r < 1000; r++)
        {
            Assert.True(dirichlet.InSupport(x.AsSpan(r * 3, 3)));
        }

        var gamma = Gamma.FromShapeRate(1e-3, 1.0);
        gamma.Sample(Rng.FromSeed(2), x);
        Assert.All(x, v => Assert.True(gamma.InSupport(v), $"{v}"));
    }

    [Fact]
    public void Poisson_sampler_switches_algorithm_at_mean_10_without_a_jump_in_the_mean()
    {
        foreach (var mean in new[] { 9.999, 10.0, 1e4 })
        {
            var x = new double[40_000];
            new Poisson(mean).Sample(Rng.FromSeed(3), x);
            var average = x.Average();
            Assert.True(Math.Abs(average - mean) < 5.0 * Math.Sqrt(mean / x.Length), $"mean {mean}: sample average {average}");
            Assert.All(x, v => Assert.True(v >= 0 && v == Math.Floor(v)));
        }
    }

    [Fact]
    public void Quadrature_integrates_known_integrals_including_endpoint_singularities()
    {
        static void Close(double expected, QuadratureResult r, double tolerance = 1e-13)
        {
            Assert.True(r.Converged, $"did not converge: {r}");
            Assert.True(Math.Abs(r.Value - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {r.Value:R}");
        }

        Close(2.0, Quadrature.Integrate(x => 1.0 / Math.Sqrt(x), 0.0, 1.0));                      // ∫₀¹ x^(−½) = 2
        Close(-1.0, Quadrature.Integrate(Math.Log, 0.0, 1.0));                                     // ∫₀¹ ln x = −1
        Close(Math.Sqrt(Math.PI), Quadrature.Integrate(x => Math.Exp(-x * x), double.NegativeInfinity, double.PositiveInfinity));
        Close(1.0, Quadrature.Integrate(x => Math.Exp(-x), 0.0, double.PositiveInfinity));
        Close(1.0, Quadrature.Integrate(Math.Exp, double.NegativeInfinity, 0.0));
        Close(Math.PI, Quadrature.Integrate(x => 1.0 / (1.0 + (x * x)), double.NegativeInfinity, double.PositiveInfinity), 1e-10);
        // |x|e^(−|x|) has a kink at 0: split there, each half is analytic. ∫ = 2.
        Close(2.0, Quadrature.IntegratePiecewise(x => Math.Abs(x) * Math.Exp(-Math.Abs(x)), double.NegativeInfinity, double.PositiveInfinity, [0.0]));
        Assert.Equal(0.0, Quadrature.Integrate(x => x, 1.0, 1.0).Value);
    }

    [Fact]
    public void Quadrature_rejects_bad_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => Quadrature.Integrate(null!, 0.0, 1.0));
        Assert.Equal("upper", Assert.Throws<ArgumentOutOfRangeException>(() => Quadrature.Integrate(x => x, 1.0, 0.0)).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentOutOfRangeException>(() => Quadrature.Integrate(x => x, double.NaN, 0.0)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => Quadrature.Integrate(x => x, 0.0, 1.0, 0.0, -1.0)).ParamName);
        Assert.Equal("relativeTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Quadrature.Integrate(x => x, 0.0, 1.0, relativeTolerance: 0.0)).ParamName);
    }

    /// <summary>
    /// p = 0.3 N(−1, 0.5²) + 0.7 N(2, 1.5²) against SciPy 1.10:
    /// <code>
    /// lp = lambda x: np.logaddexp(np.log(.3) + stats.norm.logpdf(x, -1, .5), np.log(.7) + stats.norm.logpdf(x, 2, 1.5))
    /// [lp(x) for x in [-1, .5, 2, 40]]; integrate.quad(lambda x: -np.exp(lp(x)) * lp(x), -inf, inf, epsabs=1e-14, epsrel=1e-13)
    /// </code>
    /// Mean 1.1 and variance 0.3(0.25 + 2.1²) + 0.7(2.25 + 0.9²) = 3.54 by exact arithmetic.
    /// </summary>
    [Fact]
    public void Gaussian_mixture_matches_scipy()
    {
        var p = GaussianMixture.Of(0.3, new Gaussian(-1.0, 0.5), new Gaussian(2.0, 1.5));
        double[] x = [-1.0, 0.5, 2.0, 40.0];
        double[] expected = [-1.3296828535987042, -2.157802899373038, -1.6810785656701672, -322.5699674741404];
        for (var i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(p.LogDensity(x[i]) - expected[i]) <= 1e-14 * Math.Abs(expected[i]), $"{x[i]}: {p.LogDensity(x[i]):R}");
        }

        Assert.True(Math.Abs(p.Entropy - 1.9402892143791313) < 1e-12, $"entropy {p.Entropy:R}");
        Assert.True(Math.Abs(p.Mean - 1.1) < 1e-15);
        Assert.True(Math.Abs(p.Variance - 3.54) < 1e-14);
        var mc = DistributionEntropy.MonteCarlo(p, 50_000, Rng.FromSeed(12));
        Assert.True(Math.Abs(mc.Value - p.Entropy) < 4.0 * mc.StandardError, $"MC {mc.Value:R} ± {mc.StandardError:R}");
    }
}
