using Functional.Distributions;
using Functional.Numerics;
using Functional.Properties.Generators;
using static Functional.Laws.Approx;

namespace Functional.Properties.Distributions;

/// <summary>
/// Laws of distributions and of a divergence between two of them, each a property body over a generated pair; point them at
/// your own distributions or your own closed-form KL. Monte-Carlo comparisons allow 4 standard errors (the seeds are fixed, so
/// a pass is reproducible, not luck that changes between runs).
/// </summary>
public static class DistributionLaws
{
    /// <summary>kl(p, q) ≥ 0 and kl(p, p) = 0 exactly.</summary>
    public static Action<UnivariatePair> KlNonNegativeAndZeroOnIdentical(Func<IUnivariateDistribution, IUnivariateDistribution, double> kl)
        => c =>
        {
            var value = kl(c.P, c.Q);
            That(value >= 0.0, () => $"KL(p ‖ q) = {Show(value)} is not ≥ 0");
            var self = kl(c.P, c.P);
            That(self == 0.0, () => $"KL(p ‖ p) = {Show(self)}, not 0");
        };

    /// <summary>|kl(p, q) − MC| ≤ 4 SE (+ 1e-12 relative, for estimates whose summand is constant) with n draws from p.</summary>
    public static Action<UnivariatePair> KlAgreesWithMonteCarlo(
        Func<IUnivariateDistribution, IUnivariateDistribution, double> kl, int samples = 20_000)
        => c =>
        {
            var exact = kl(c.P, c.Q);
            var mc = Functional.Information.Kl.MonteCarlo(c.P, c.Q, samples, Rng.FromSeed(c.Seed));
            That(
                Math.Abs(exact - mc.Value) <= (4.0 * mc.StandardError) + (1e-12 * (1.0 + Math.Abs(exact))),
                () => $"closed form {Show(exact)} vs Monte-Carlo {Show(mc.Value)} ± {Show(mc.StandardError)} (n = {samples}): "
                    + $"{Show(Math.Abs(exact - mc.Value) / mc.StandardError)} standard errors apart");
        };

    /// <summary>kl(p, q) = ∫ p ln(p/q) by quadrature to <paramref name="relative"/> (+ the same absolute).</summary>
    public static Action<UnivariatePair> KlAgreesWithQuadrature(
        Func<IUnivariateDistribution, IUnivariateDistribution, double> kl, double relative = 1e-9)
        => c =>
        {
            var exact = kl(c.P, c.Q);
            var quadrature = Functional.Information.Kl.ByQuadrature(c.P, c.Q);
            Equal(quadrature.Value, exact, relative, relative, $"KL by quadrature ({quadrature.Evaluations} points) vs closed form");
        };

    /// <summary>The closed-form entropy is within 4 SE of −mean ln p(x_i), x_i ~ p.</summary>
    public static void EntropyAgreesWithMonteCarlo(IUnivariateDistribution p, ulong seed, int samples = 20_000)
    {
        var mc = DistributionEntropy.MonteCarlo(p, samples, Rng.FromSeed(seed));
        That(
            Math.Abs(p.Entropy - mc.Value) <= (4.0 * mc.StandardError) + (1e-12 * (1.0 + Math.Abs(p.Entropy))),
            () => $"entropy {Show(p.Entropy)} vs Monte-Carlo {Show(mc.Value)} ± {Show(mc.StandardError)}");
    }

    /// <summary>The closed-form entropy equals −∫ p ln p by quadrature (continuous p).</summary>
    public static void EntropyAgreesWithQuadrature(IUnivariateDistribution p, double relative = 1e-9)
    {
        var quadrature = DistributionEntropy.ByQuadrature(p);
        Equal(quadrature.Value, p.Entropy, relative, relative, "entropy by quadrature vs closed form");
    }

    /// <summary>The same seed gives the same draws and the same final generator; another seed gives other draws (continuous p).</summary>
    public static void SamplingReproduces(IUnivariateDistribution p, ulong seed, int samples = 100)
    {
        var a = new double[samples];
        var b = new double[samples];
        var nextA = p.Sample(Rng.FromSeed(seed), a);
        var nextB = p.Sample(Rng.FromSeed(seed), b);
        That(a.AsSpan().SequenceEqual(b) && nextA == nextB, () => "two runs from one seed differ");
        var rng = Rng.FromSeed(seed);
        for (var i = 0; i < 10; i++)
        {
            (var x, var next) = p.Sample(rng);
            (var y, _) = p.Sample(rng);
            That(x == y || (double.IsNaN(x) && double.IsNaN(y)), () => "one draw from one state differs");
            That(p.InSupport(x), () => $"draw {Show(x)} is outside the support");
            rng = next;
        }
    }

    /// <summary>The sample mean and variance of n draws are within 5 standard errors of Mean and Variance
    /// (SE of the mean √(Var/n); of the variance √((m₄ − s⁴)/n) from the sample's fourth central moment).</summary>
    public static void SampleMomentsMatch(IUnivariateDistribution p, ulong seed, int samples = 50_000)
    {
        var x = new double[samples];
        p.Sample(Rng.FromSeed(seed), x);
        var mean = x.Average();
        double m2 = 0.0, m4 = 0.0;
        foreach (var v in x)
        {
            var d2 = (v - mean) * (v - mean);
            m2 += d2;
            m4 += d2 * d2;
        }

        m2 /= samples;
        m4 /= samples;
        var meanError = Math.Sqrt(p.Variance / samples);
        That(Math.Abs(mean - p.Mean) <= (5.0 * meanError) + 1e-12, () => $"sample mean {Show(mean)} vs {Show(p.Mean)} (SE {Show(meanError)})");
        var varianceError = Math.Sqrt(Math.Max(m4 - (m2 * m2), 0.0) / samples);
        That(
            Math.Abs(m2 - p.Variance) <= (5.0 * varianceError) + (1e-9 * p.Variance),
            () => $"sample variance {Show(m2)} vs {Show(p.Variance)} (SE {Show(varianceError)})");
    }
}
