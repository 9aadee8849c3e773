using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Functional.Distributions;
using Functional.Numerics;

namespace Functional.Properties.Generators;

/// <summary>A family, true parameters in a sensible range, and a seeded sample of size N drawn from it with the core's generator.</summary>
public sealed record SampleCase(string Family, double[] Parameters, ulong Seed, int N)
{
    /// <summary>The generating distribution.</summary>
    public IUnivariateDistribution Truth => Build(Family, Parameters)!;

    /// <summary>N draws from <see cref="Truth"/> with Rng.FromSeed(Seed): the same every time.</summary>
    public double[] Sample()
    {
        var x = new double[N];
        Truth.Sample(Rng.FromSeed(Seed), x);
        return x;
    }

    /// <summary>The family's distribution at θ, or null when θ is outside the parameter space.</summary>
    public static IUnivariateDistribution? Build(string family, double[] theta)
    {
        try
        {
            return family switch
            {
                "gaussian" => new Gaussian(theta[0], theta[1]),
                "laplace" => new Laplace(theta[0], theta[1]),
                "exponential" => new Exponential(theta[0]),
                "poisson" => new Poisson(theta[0]),
                "uniform" => new Uniform(theta[0], theta[1]),
                "gamma" => Gamma.FromShapeRate(theta[0], theta[1]),
                "beta" => new Beta(theta[0], theta[1]),
                "bernoulli" => new Bernoulli(theta[0]),
                _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown family"),
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public override string ToString()
        => $"{Family}({string.Join(", ", Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}), n = {N}, seed = {Seed}";
}

/// <summary>Generators for the estimator properties.</summary>
public static class EstimationGenerators
{
    public static readonly string[] Families = ["gaussian", "laplace", "exponential", "poisson", "uniform", "gamma", "beta", "bernoulli"];

    /// <summary>Log-uniform in [lo, hi].</summary>
    public static Gen<double> LogUniform(double lo, double hi)
        => Gen.Choose(0, 1_000_000).Select(k => lo * Math.Pow(hi / lo, k / 1_000_000.0));

    private static Gen<double> Uniform(double lo, double hi)
        => Gen.Choose(0, 1_000_000).Select(k => lo + ((hi - lo) * k / 1_000_000.0));

    private static Gen<double[]> Parameters(string family) => family switch
    {
        "gaussian" or "laplace" => Uniform(-100, 100).SelectMany(m => LogUniform(0.01, 100).Select(s => new[] { m, s })),
        "exponential" => LogUniform(0.01, 100).Select(r => new[] { r }),
        "poisson" => LogUniform(0.1, 50).Select(r => new[] { r }),
        "uniform" => Uniform(-100, 100).SelectMany(a => LogUniform(0.01, 100).Select(w => new[] { a, a + w })),
        "gamma" => LogUniform(0.3, 50).SelectMany(a => LogUniform(0.1, 10).Select(b => new[] { a, b })),
        "beta" => LogUniform(0.5, 20).SelectMany(a => LogUniform(0.5, 20).Select(b => new[] { a, b })),
        _ => Uniform(0.05, 0.95).Select(p => new[] { p }),
    };

    /// <summary>Any family, its parameters, a seed, and n in [minimum, maximum].</summary>
    public static Arbitrary<SampleCase> Cases(int minimum = 8, int maximum = 200)
        => Arb.From(Gen.Elements(Families)
            .SelectMany(f => Parameters(f).SelectMany(p => Gen.Choose(0, int.MaxValue).SelectMany(seed => Gen.Choose(minimum, maximum)
                .Select(n => new SampleCase(f, p, (ulong)seed, n))))));
}
