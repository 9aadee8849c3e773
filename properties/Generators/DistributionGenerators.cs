using FsCheck;
using FsCheck.Fluent;
using Functional.Distributions;

namespace Functional.Properties.Generators;

/// <summary>Two members of one family (p, q) and a seed for the Monte-Carlo draws; q is sometimes exactly p.</summary>
public sealed record UnivariatePair(string Family, IUnivariateDistribution P, IUnivariateDistribution Q, ulong Seed)
{
    public override string ToString() => $"{Family}: p = {P}, q = {Q}, seed = {Seed}";
}

/// <summary>Two members of one multivariate family and a seed.</summary>
public sealed record MultivariatePair(string Family, IMultivariateDistribution P, IMultivariateDistribution Q, ulong Seed)
{
    public override string ToString() => $"{Family}: p = {P}, q = {Q}, seed = {Seed}";
}

/// <summary>
/// Generators of valid distribution parameters (never FsCheck's default double): locations in [−3, 3], scales and shapes
/// log-uniform over about two decades, kept where a Monte-Carlo standard error with 20 000 draws is itself reliable (no shape
/// below ½, where ln p has a heavy tail at 0).
/// </summary>
public static class DistributionGenerators
{
    private const int Resolution = 1 << 30;

    /// <summary>Uniform on [lower, upper].</summary>
    public static Gen<double> Between(double lower, double upper)
        => Gen.Choose(0, Resolution).Select(i => lower + ((upper - lower) * (i / (double)Resolution)));

    /// <summary>Log-uniform on [lower, upper] (both &gt; 0).</summary>
    public static Gen<double> LogBetween(double lower, double upper)
        => Between(Math.Log(lower), Math.Log(upper)).Select(Math.Exp);

    public static Gen<ulong> Seed { get; } = Gen.Choose(0, int.MaxValue).Select(i => (ulong)i);

    private static Gen<Gaussian> Gaussians { get; } =
        Between(-3.0, 3.0).SelectMany(m => LogBetween(0.3, 3.0).Select(s => new Gaussian(m, s)));

    private static Gen<Laplace> Laplaces { get; } =
        Between(-3.0, 3.0).SelectMany(m => LogBetween(0.3, 3.0).Select(s => new Laplace(m, s)));

    private static Gen<Exponential> Exponentials { get; } = LogBetween(0.2, 5.0).Select(r => new Exponential(r));

    private static Gen<Poisson> Poissons { get; } = LogBetween(0.1, 30.0).Select(r => new Poisson(r));

    private static Gen<Bernoulli> Bernoullis { get; } = Gen.Frequency(
        (4, Between(0.02, 0.98).Select(p => new Bernoulli(p))),
        (1, Between(-8.0, 8.0).Select(Bernoulli.FromLogit)));

    private static Gen<Categorical> Categoricals(int k) => Gen.Frequency(
        (3, Gen.ArrayOf(LogBetween(0.05, 1.0), k).Select(w => Categorical.FromProbabilities(Functional.Information.ProbabilityVector.Normalize(w).ToArray()))),
        (1, Gen.ArrayOf(Between(-4.0, 4.0), k).Select(l => Categorical.FromLogits(l))));

    private static Gen<Beta> Betas { get; } = LogBetween(0.5, 8.0).SelectMany(a => LogBetween(0.5, 8.0).Select(b => new Beta(a, b)));

    private static Gen<Gamma> Gammas { get; } =
        LogBetween(0.5, 10.0).SelectMany(a => LogBetween(0.2, 5.0).Select(r => Gamma.FromShapeRate(a, r)));

    private static Gen<Uniform> Uniforms { get; } =
        Between(-3.0, 3.0).SelectMany(a => LogBetween(0.1, 5.0).Select(w => new Uniform(a, a + w)));

    /// <summary>Uniform q that contains p (finite KL): p's interval widened on each side.</summary>
    private static Gen<(Uniform, Uniform)> NestedUniforms { get; } =
        Uniforms.SelectMany(p => Between(0.0, 2.0).SelectMany(l => Between(0.0, 2.0).Select(r => (p, new Uniform(p.Lower - l, p.Upper + r)))));

    private static Gen<Dirichlet> Dirichlets(int k) => Gen.ArrayOf(LogBetween(0.5, 8.0), k).Select(a => new Dirichlet(a));

    private static Gen<MultivariateGaussian> MultivariateGaussians(int d)
        => Gen.ArrayOf(Between(-2.0, 2.0), d).SelectMany(mean => Gen.ArrayOf(Between(-1.0, 1.0), d * d).Select(a =>
        {
            // AAᵀ + ½I: symmetric positive definite with eigenvalues ≥ ½.
            var covariance = new double[d * d];
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    var s = i == j ? 0.5 : 0.0;
                    for (var k = 0; k < d; k++)
                    {
                        s += a[(i * d) + k] * a[(j * d) + k];
                    }

                    covariance[(i * d) + j] = s;
                }
            }

            return new MultivariateGaussian(mean, covariance);
        }));

    private static Gen<UnivariatePair> PairOf<T>(string family, Gen<T> gen) where T : IUnivariateDistribution
        => PairOf(family, gen.SelectMany(p => gen.Select(q => (p, q))), gen);

    private static Gen<UnivariatePair> PairOf<T>(string family, Gen<(T, T)> pairs, Gen<T> single) where T : IUnivariateDistribution
        => Gen.Frequency(
                (5, pairs.Select(t => ((IUnivariateDistribution)t.Item1, (IUnivariateDistribution)t.Item2))),
                (1, single.Select(p => ((IUnivariateDistribution)p, (IUnivariateDistribution)p))))
            .SelectMany(t => Seed.Select(seed => new UnivariatePair(family, t.Item1, t.Item2, seed)));

    /// <summary>Pairs from every univariate family with a closed-form KL, the Uniform ones nested (finite KL).</summary>
    public static Gen<UnivariatePair> UnivariatePairs { get; } = Gen.OneOf(
        PairOf("Gaussian", Gaussians),
        PairOf("Laplace", Laplaces),
        PairOf("Exponential", Exponentials),
        PairOf("Poisson", Poissons),
        PairOf("Bernoulli", Bernoullis),
        Gen.Choose(2, 6).SelectMany(k => PairOf("Categorical", Categoricals(k))),
        PairOf("Beta", Betas),
        PairOf("Gamma", Gammas),
        PairOf("Uniform", NestedUniforms, Uniforms));

    /// <summary>Pairs of continuous families only (for quadrature).</summary>
    public static Gen<UnivariatePair> ContinuousPairs { get; } = UnivariatePairs.Where(c => !c.P.IsDiscrete);

    /// <summary>Dirichlet (k = 2 … 5) and multivariate Gaussian (d = 1 … 4) pairs.</summary>
    public static Gen<MultivariatePair> MultivariatePairs { get; } = Gen.OneOf(
        Gen.Choose(2, 5).SelectMany(k => Dirichlets(k).SelectMany(p => Gen.Frequency(
            (5, Dirichlets(k)), (1, Gen.Constant(p))).Select(q => (p, q)))).SelectMany(t => Seed.Select(s => new MultivariatePair("Dirichlet", t.p, t.Item2, s))),
        Gen.Choose(1, 4).SelectMany(d => MultivariateGaussians(d).SelectMany(p => Gen.Frequency(
            (5, MultivariateGaussians(d)), (1, Gen.Constant(p))).Select(q => (p, q)))).SelectMany(t => Seed.Select(s => new MultivariatePair("MVN", t.p, t.Item2, s))));

    public static Arbitrary<UnivariatePair> Univariate() => Arb.From(UnivariatePairs);

    public static Arbitrary<UnivariatePair> Continuous() => Arb.From(ContinuousPairs);

    public static Arbitrary<MultivariatePair> Multivariate() => Arb.From(MultivariatePairs);
}
