using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Functional.Distributions;
using Functional.Numerics;

namespace Functional.Laws.Generators;

/// <summary>
/// A parametric family to draw samples from, for the estimator laws: how to pick true parameters θ (from a seeded
/// <see cref="System.Random"/>, in a range where the family is well behaved) and how to draw n values from θ with a seed.
/// </summary>
/// <param name="Name">The family's name, for reports.</param>
/// <param name="DrawParameters">A seeded Random → θ.</param>
/// <param name="Draw">(θ, seed, n) → n values from the family at θ; the same seed gives the same values.</param>
public sealed record SampleModel(string Name, Func<System.Random, double[]> DrawParameters, Func<double[], ulong, int, double[]> Draw)
{
    /// <summary>A family given by a core distribution built from θ; draws with <see cref="Rng.FromSeed"/>.</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static SampleModel Of(string name, Func<System.Random, double[]> drawParameters, Func<double[], IUnivariateDistribution> distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return new SampleModel(name, drawParameters, (theta, seed, n) =>
        {
            var x = new double[n];
            _ = distribution(theta).Sample(Rng.FromSeed(seed), x);
            return x;
        });
    }

    /// <summary>The family's name.</summary>
    public override string ToString() => Name;
}

/// <summary>A sample of n values drawn from a <see cref="SampleModel"/> at true parameters θ with a seed.</summary>
/// <param name="Model">The family.</param>
/// <param name="Truth">θ, the generating parameters.</param>
/// <param name="Seed">The sample's seed.</param>
/// <param name="N">n, the sample size.</param>
public sealed record SampleCase(SampleModel Model, double[] Truth, ulong Seed, int N)
{
    /// <summary>The n values, drawn afresh (so a law cannot corrupt the case); the same every time.</summary>
    public double[] Values => Model.Draw(Truth, Seed, N);

    /// <summary>The family, θ, n, the seed and the first values.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Model.Name}({string.Join(", ", Truth.Select(Approx.Show))}), n = {N}, seed = {Seed}; x = {Dists.Show(Values)}");
}

/// <summary>Generators of samples for the estimator laws: seeded draws from a model, shrinking towards smaller samples.</summary>
public static class Samples
{
    /// <summary>Samples of size <paramref name="minimum"/> … <paramref name="maximum"/> from <paramref name="model"/>; shrinks n (same θ and seed).</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when the sizes are not 1 ≤ minimum ≤ maximum.</exception>
    public static Arbitrary<SampleCase> From(SampleModel model, int minimum, int maximum)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimum);
        return Arb.From(
            from seed in Gen.Choose(0, int.MaxValue)
            from n in Gen.Choose(minimum, maximum)
            select new SampleCase(model, model.DrawParameters(new System.Random(seed)), (ulong)seed, n),
            c => Shrink(c, minimum));
    }

    private static IEnumerable<SampleCase> Shrink(SampleCase c, int minimum)
    {
        if (c.N > minimum)
        {
            yield return c with { N = minimum };
            if (c.N / 2 > minimum)
            {
                yield return c with { N = c.N / 2 };
            }

            yield return c with { N = c.N - 1 };
        }
    }
}

/// <summary>
/// The core's families as <see cref="SampleModel"/>s, with true parameters in ranges where they are well behaved
/// (locations in [−100, 100], scales and rates log-uniform over four orders of magnitude).
/// </summary>
public static class SampleModels
{
    private static double Between(System.Random r, double lo, double hi) => lo + ((hi - lo) * r.NextDouble());

    private static double LogUniform(System.Random r, double lo, double hi) => lo * Math.Pow(hi / lo, r.NextDouble());

    /// <summary>N(μ, σ²): θ = (μ, σ), μ ∈ [−100, 100], σ ∈ [0.01, 100].</summary>
    public static SampleModel Gaussian { get; } = SampleModel.Of(
        "Gaussian", r => [Between(r, -100, 100), LogUniform(r, 0.01, 100)], t => new Gaussian(t[0], t[1]));

    /// <summary>Laplace(μ, b): θ = (μ, b), μ ∈ [−100, 100], b ∈ [0.01, 100].</summary>
    public static SampleModel Laplace { get; } = SampleModel.Of(
        "Laplace", r => [Between(r, -100, 100), LogUniform(r, 0.01, 100)], t => new Laplace(t[0], t[1]));

    /// <summary>Exponential(λ): θ = (λ), λ ∈ [0.01, 100].</summary>
    public static SampleModel Exponential { get; } = SampleModel.Of(
        "Exponential", r => [LogUniform(r, 0.01, 100)], t => new Exponential(t[0]));

    /// <summary>Poisson(λ): θ = (λ), λ ∈ [0.1, 50].</summary>
    public static SampleModel Poisson { get; } = SampleModel.Of(
        "Poisson", r => [LogUniform(r, 0.1, 50)], t => new Poisson(t[0]));

    /// <summary>Uniform(a, b): θ = (a, b), a ∈ [−100, 100], b − a ∈ [0.01, 100].</summary>
    public static SampleModel Uniform { get; } = SampleModel.Of(
        "Uniform", r => { var a = Between(r, -100, 100); return [a, a + LogUniform(r, 0.01, 100)]; }, t => new Uniform(t[0], t[1]));

    /// <summary>Gamma(α, β) by shape and rate: α ∈ [0.3, 50], β ∈ [0.1, 10].</summary>
    public static SampleModel Gamma { get; } = SampleModel.Of(
        "Gamma", r => [LogUniform(r, 0.3, 50), LogUniform(r, 0.1, 10)], t => Distributions.Gamma.FromShapeRate(t[0], t[1]));

    /// <summary>Beta(α, β): α, β ∈ [0.5, 20].</summary>
    public static SampleModel Beta { get; } = SampleModel.Of(
        "Beta", r => [LogUniform(r, 0.5, 20), LogUniform(r, 0.5, 20)], t => new Beta(t[0], t[1]));

    /// <summary>Bernoulli(p): p ∈ [0.05, 0.95].</summary>
    public static SampleModel Bernoulli { get; } = SampleModel.Of(
        "Bernoulli", r => [Between(r, 0.05, 0.95)], t => new Bernoulli(t[0]));
}
