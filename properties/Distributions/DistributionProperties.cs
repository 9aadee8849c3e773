using Functional.Distributions;
using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Numerics;
using Functional.Properties.Generators;
using Functional.Properties.Harness;

namespace Functional.Properties.Distributions;

public class DistributionProperties
{
    /// <summary>The closed form for whichever family the pair belongs to.</summary>
    private static double ClosedKl(IUnivariateDistribution p, IUnivariateDistribution q) => (p, q) switch
    {
        (Gaussian a, Gaussian b) => Kl.Between(a, b),
        (Laplace a, Laplace b) => Kl.Between(a, b),
        (Exponential a, Exponential b) => Kl.Between(a, b),
        (Poisson a, Poisson b) => Kl.Between(a, b),
        (Bernoulli a, Bernoulli b) => Kl.Between(a, b),
        (Categorical a, Categorical b) => Kl.Between(a, b),
        (Beta a, Beta b) => Kl.Between(a, b),
        (Gamma a, Gamma b) => Kl.Between(a, b),
        (Uniform a, Uniform b) => Kl.Between(a, b),
        _ => throw new ArgumentException($"no closed form for {p.GetType().Name} and {q.GetType().Name}"),
    };

    private static double ClosedKl(IMultivariateDistribution p, IMultivariateDistribution q) => (p, q) switch
    {
        (Dirichlet a, Dirichlet b) => Kl.Between(a, b),
        (MultivariateGaussian a, MultivariateGaussian b) => Kl.Between(a, b),
        _ => throw new ArgumentException($"no closed form for {p.GetType().Name} and {q.GetType().Name}"),
    };

    [Fact]
    public void Closed_form_kl_is_non_negative_and_zero_for_identical_parameters()
        => Holds.ForAll(DistributionGenerators.Univariate(), DistributionLaws.KlNonNegativeAndZeroOnIdentical(ClosedKl));

    [Fact]
    public void Closed_form_kl_is_within_4_standard_errors_of_monte_carlo()
        => Holds.ForAll(DistributionGenerators.Univariate(), DistributionLaws.KlAgreesWithMonteCarlo(ClosedKl));

    [Fact]
    public void Closed_form_kl_equals_quadrature_for_continuous_pairs()
        => Holds.ForAll(DistributionGenerators.Continuous(), DistributionLaws.KlAgreesWithQuadrature(ClosedKl));

    [Fact]
    public void Multivariate_closed_form_kl_is_non_negative_zero_on_identical_and_matches_monte_carlo()
        => Holds.ForAll(DistributionGenerators.Multivariate(), c =>
        {
            var exact = ClosedKl(c.P, c.Q);
            Approx.That(exact >= 0.0, () => $"KL = {Approx.Show(exact)} < 0");
            Approx.That(ClosedKl(c.P, c.P) == 0.0, () => $"KL(p ‖ p) = {Approx.Show(ClosedKl(c.P, c.P))}");
            var mc = Kl.MonteCarlo(c.P, c.Q, 10_000, Rng.FromSeed(c.Seed));
            Approx.That(
                Math.Abs(exact - mc.Value) <= (4.0 * mc.StandardError) + (1e-12 * (1.0 + exact)),
                () => $"closed form {Approx.Show(exact)} vs MC {Approx.Show(mc.Value)} ± {Approx.Show(mc.StandardError)}");
        });

    [Fact]
    public void Entropy_matches_monte_carlo()
        => Holds.ForAll(DistributionGenerators.Univariate(), c => DistributionLaws.EntropyAgreesWithMonteCarlo(c.P, c.Seed));

    [Fact]
    public void Entropy_matches_quadrature_for_continuous_families()
        => Holds.ForAll(DistributionGenerators.Continuous(), c => DistributionLaws.EntropyAgreesWithQuadrature(c.P));

    [Fact]
    public void Multivariate_entropy_matches_monte_carlo()
        => Holds.ForAll(DistributionGenerators.Multivariate(), c =>
        {
            var mc = DistributionEntropy.MonteCarlo(c.P, 10_000, Rng.FromSeed(c.Seed));
            Approx.That(
                Math.Abs(c.P.Entropy - mc.Value) <= (4.0 * mc.StandardError) + 1e-12,
                () => $"entropy {Approx.Show(c.P.Entropy)} vs MC {Approx.Show(mc.Value)} ± {Approx.Show(mc.StandardError)}");
        });

    [Fact]
    public void Sampling_reproduces_with_the_same_seed()
        => Holds.ForAll(DistributionGenerators.Univariate(), c => DistributionLaws.SamplingReproduces(c.P, c.Seed));

    [Fact]
    public void Multivariate_sampling_reproduces_and_stays_in_the_support()
        => Holds.ForAll(DistributionGenerators.Multivariate(), c =>
        {
            var a = new double[c.P.Dimension * 20];
            var b = new double[a.Length];
            var nextA = c.P.Sample(Rng.FromSeed(c.Seed), a);
            var nextB = c.P.Sample(Rng.FromSeed(c.Seed), b);
            Approx.That(a.AsSpan().SequenceEqual(b) && nextA == nextB, () => "two runs from one seed differ");
            for (var r = 0; r < 20; r++)
            {
                Approx.That(c.P.InSupport(a.AsSpan(r * c.P.Dimension, c.P.Dimension)), () => $"row {r} outside the support");
            }
        });

    [Fact]
    public void Sample_moments_match_mean_and_variance()
        => Holds.ForAll(DistributionGenerators.Univariate(), c => DistributionLaws.SampleMomentsMatch(c.P, c.Seed));

    // Categorical KL between probability vectors is the information measure's KL: reuse its divergence laws.
    private static double CategoricalKl(double[] p, double[] q) => Kl.Between(Categorical.FromProbabilities(p), Categorical.FromProbabilities(q));

    [Fact]
    public void Categorical_kl_obeys_the_divergence_laws()
    {
        Holds.ForAll(Arbs.Pairs(), DivergenceLaws.NonNegative(CategoricalKl));
        Holds.ForAll(Arbs.Vector(), DivergenceLaws.ZeroOnIdentical(CategoricalKl));
        Holds.ForAll(Arbs.DistinctPairs(), DivergenceLaws.PositiveOnDistinct(CategoricalKl));
    }

    [Fact]
    public void Categorical_kl_between_distributions_equals_kl_of_their_vectors()
        => Holds.ForAll(Arbs.Pairs(), c => Approx.Equal(CategoricalKl(c.P, c.Q), Kl.Divergence(c.P, c.Q), 1e-12, 1e-15, "Kl.Between vs Kl.Divergence"));
}
