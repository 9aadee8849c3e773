using Functional.Distributions;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Distributions;

/// <summary>
/// Closed-form KL between same-family pairs against torch.distributions.kl_divergence (PyTorch 1.13, float64). The script:
/// <code>
/// import torch
/// from torch.distributions import *
/// from torch.distributions.kl import kl_divergence as kl
/// t = lambda *v: torch.tensor(v, dtype=torch.float64)
/// pairs = [
///  ("new Gaussian(0.5, 1.2)", "new Gaussian(-1.0, 2.5)", Normal(t(0.5), t(1.2)), Normal(t(-1.0), t(2.5))),
///  ("new Bernoulli(0.3)", "new Bernoulli(0.85)", Bernoulli(t(0.3)), Bernoulli(t(0.85))),
///  ("Categorical.FromProbabilities([0.2, 0.5, 0.3])", "Categorical.FromProbabilities([0.6, 0.1, 0.3])", Categorical(t(0.2, 0.5, 0.3)), Categorical(t(0.6, 0.1, 0.3))),
///  ("new Exponential(2.5)", "new Exponential(0.4)", Exponential(t(2.5)), Exponential(t(0.4))),
///  ("new Poisson(3.7)", "new Poisson(1.2)", Poisson(t(3.7)), Poisson(t(1.2))),
///  ("new Laplace(-1.0, 0.5)", "new Laplace(0.7, 1.3)", Laplace(t(-1.0), t(0.5)), Laplace(t(0.7), t(1.3))),
///  ("new Uniform(-1.0, 2.0)", "new Uniform(-3.0, 4.0)", Uniform(t(-1.0), t(2.0)), Uniform(t(-3.0), t(4.0))),
///  ("new Beta(2.5, 0.7)", "new Beta(1.1, 3.0)", Beta(t(2.5), t(0.7)), Beta(t(1.1), t(3.0))),
///  ("Gamma.FromShapeRate(3.2, 1.7)", "Gamma.FromShapeRate(0.8, 0.3)", Gamma(t(3.2), t(1.7)), Gamma(t(0.8), t(0.3))),
/// ]
/// for a, b, p, q in pairs:
///     print(f"        ({a}, {b}, {repr(kl(p, q).item())}),")
/// d1 = Dirichlet(t(2.0, 0.5, 3.5)); d2 = Dirichlet(t(1.0, 1.5, 0.8))
/// print("Dirichlet", repr(kl(d1, d2).item()))
/// m1 = MultivariateNormal(t(1.0, -2.0, 0.5), covariance_matrix=torch.tensor([[2.0, 0.3, -0.4],[0.3, 1.0, 0.2],[-0.4, 0.2, 1.5]], dtype=torch.float64))
/// m2 = MultivariateNormal(t(0.0, 0.5, -1.0), covariance_matrix=torch.tensor([[1.0, -0.2, 0.1],[-0.2, 2.0, 0.0],[0.1, 0.0, 0.7]], dtype=torch.float64))
/// print("MVN", repr(kl(m1, m2).item()))
/// print(torch.__version__)
/// </code>
/// </summary>
public class KlBetweenTests
{
    private static void Close(double expected, double actual, double relative, string what)
        => Assert.True(
            actual == expected || Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R}");

    public static TheoryData<string, double, double> TorchPairs()
    {
        var data = new TheoryData<string, double, double>();
        void Add<T>(T p, T q, Func<T, T, double> between, double expected) => data.Add(typeof(T).Name, between(p, q), expected);

        Add(new Gaussian(0.5, 1.2), new Gaussian(-1.0, 2.5), (p, q) => Kl.Between(p, q), 0.5291691750802004);
        Add(new Bernoulli(0.3), new Bernoulli(0.85), (p, q) => Kl.Between(p, q), 0.7658753662145557);
        Add(Categorical.FromProbabilities([0.2, 0.5, 0.3]), Categorical.FromProbabilities([0.6, 0.1, 0.3]), (p, q) => Kl.Between(p, q), 0.5849964984834282);
        Add(new Exponential(2.5), new Exponential(0.4), (p, q) => Kl.Between(p, q), 0.9925814637483101);
        Add(new Poisson(3.7), new Poisson(1.2), (p, q) => Kl.Between(p, q), 1.66624167256803);
        Add(new Laplace(-1.0, 0.5), new Laplace(0.7, 1.3), (p, q) => Kl.Between(p, q), 1.276039625781408);
        Add(new Uniform(-1.0, 2.0), new Uniform(-3.0, 4.0), (p, q) => Kl.Between(p, q), 0.8472978603872037);
        Add(new Beta(2.5, 0.7), new Beta(1.1, 3.0), (p, q) => Kl.Between(p, q), 3.753780727251995);
        Add(Gamma.FromShapeRate(3.2, 1.7), Gamma.FromShapeRate(0.8, 0.3), (p, q) => Kl.Between(p, q), 0.41625491699619266);
        Add(new Dirichlet(2.0, 0.5, 3.5), new Dirichlet(1.0, 1.5, 0.8), (p, q) => Kl.Between(p, q), 2.8166316464763153);
        Add(
            new MultivariateGaussian([1.0, -2.0, 0.5], [2.0, 0.3, -0.4, 0.3, 1.0, 0.2, -0.4, 0.2, 1.5]),
            new MultivariateGaussian([0.0, 0.5, -1.0], [1.0, -0.2, 0.1, -0.2, 2.0, 0.0, 0.1, 0.0, 0.7]),
            (p, q) => Kl.Between(p, q),
            3.9609484578865146);
        return data;
    }

    [Theory]
    [MemberData(nameof(TorchPairs))]
    public void Closed_form_kl_matches_torch(string family, double actual, double expected)
        => Close(expected, actual, 1e-13, family);

    [Fact]
    public void Kl_is_infinite_where_the_supports_make_it_so()
    {
        Assert.Equal(double.PositiveInfinity, Kl.Between(new Uniform(-3.0, 4.0), new Uniform(-1.0, 2.0)));
        Assert.Equal(double.PositiveInfinity, Kl.Between(new Uniform(0.0, 2.0), new Uniform(1.0, 3.0)));
        Assert.Equal(double.PositiveInfinity, Kl.Between(new Bernoulli(0.5), new Bernoulli(1.0)));
        Assert.Equal(double.PositiveInfinity, Kl.Between(new Poisson(2.0), new Poisson(0.0)));
        Assert.Equal(double.PositiveInfinity, Kl.Between(Categorical.FromProbabilities([0.5, 0.5]), Categorical.FromProbabilities([1.0, 0.0])));
        // The other direction is finite: q covers p.
        Assert.Equal(Math.Log(2.0), Kl.Between(new Bernoulli(1.0), new Bernoulli(0.5)), 15);
        Assert.Equal(2.0, Kl.Between(new Poisson(0.0), new Poisson(2.0)));
    }

    [Fact]
    public void Kl_is_exactly_zero_for_identical_parameters()
    {
        Assert.Equal(0.0, Kl.Between(new Gaussian(0.3, 1.7), new Gaussian(0.3, 1.7)));
        Assert.Equal(0.0, Kl.Between(new Laplace(0.3, 1.7), new Laplace(0.3, 1.7)));
        Assert.Equal(0.0, Kl.Between(new Beta(0.3, 1.7), new Beta(0.3, 1.7)));
        Assert.Equal(0.0, Kl.Between(Gamma.FromShapeRate(0.3, 1.7), Gamma.FromShapeRate(0.3, 1.7)));
        Assert.Equal(0.0, Kl.Between(new Dirichlet(0.3, 1.7, 4.0), new Dirichlet(0.3, 1.7, 4.0)));
        var m = new MultivariateGaussian([1.0, -2.0], [2.0, 0.3, 0.3, 1.0]);
        Assert.Equal(0.0, Kl.Between(m, m));
    }

    [Fact]
    public void Nearly_equal_gaussians_keep_relative_accuracy()
    {
        // KL(N(0, 1) ‖ N(0, σ)) = ½(r² − 1 − ln r²), r = 1/σ, σ = the double nearest 1 + 1e-9; mpmath at 40 digits:
        // r = 1/mp.mpf(1.0 + 1e-9); (r**2 - 1 - mp.log(r**2))/2. The textbook form ln σ + 1/(2σ²) − ½ cancels to noise here.
        Close(1.0000001638140818e-18, Kl.Between(new Gaussian(0.0, 1.0), new Gaussian(0.0, 1.0 + 1e-9)), 1e-9, "near-equal Gaussians");
    }

    [Fact]
    public void Kl_in_bits_is_kl_in_nats_over_ln_2()
        => Close(0.5291691750802004 / Math.Log(2.0), Kl.Between(new Gaussian(0.5, 1.2), new Gaussian(-1.0, 2.5), LogBase.Two), 1e-15, "bits");

    [Fact]
    public void Monte_carlo_and_quadrature_agree_with_the_closed_form()
    {
        var p = Gamma.FromShapeRate(3.2, 1.7);
        var q = Gamma.FromShapeRate(0.8, 0.3);
        var exact = Kl.Between(p, q);
        var mc = Kl.MonteCarlo(p, q, 100_000, Rng.FromSeed(1));
        Assert.True(Math.Abs(mc.Value - exact) <= 4.0 * mc.StandardError, $"MC {mc.Value:R} ± {mc.StandardError:R} vs {exact:R}");
        var quadrature = Kl.ByQuadrature(p, q);
        Assert.True(quadrature.Converged);
        Close(exact, quadrature.Value, 1e-10, "quadrature");
    }

    [Fact]
    public void Monte_carlo_is_infinite_when_a_draw_leaves_the_support_of_q()
    {
        var mc = Kl.MonteCarlo(new Uniform(0.0, 2.0), new Uniform(0.0, 1.0), 1000, Rng.FromSeed(3));
        Assert.Equal(double.PositiveInfinity, mc.Value);
        Assert.Equal(double.PositiveInfinity, Kl.ByQuadrature(new Uniform(0.0, 2.0), new Uniform(0.0, 1.0)).Value);
    }

    [Fact]
    public void Monte_carlo_kl_reproduces_with_the_same_seed()
    {
        var p = new Laplace(-1.0, 0.5);
        var q = new Laplace(0.7, 1.3);
        Assert.Equal(Kl.MonteCarlo(p, q, 5000, Rng.FromSeed(11)), Kl.MonteCarlo(p, q, 5000, Rng.FromSeed(11)));
    }

    [Fact]
    public void Forward_kl_covers_both_modes_and_reverse_kl_locks_onto_one()
    {
        // p = 0.6 N(−3, 1) + 0.4 N(3, 1): mean −0.6, variance 1 + 0.6·2.4² + 0.4·3.6² = 9.64 (exact arithmetic).
        var p = GaussianMixture.Of(0.6, new Gaussian(-3.0, 1.0), new Gaussian(3.0, 1.0));
        var fits = KlProjection.GaussianFits(p);
        Close(-0.6, fits.Forward.Mean, 1e-15, "forward mean");
        Close(9.64, fits.Forward.Variance, 1e-14, "forward variance");
        // The reverse fit sits on the heavier mode, pulled a little by the other one. SciPy 1.10 agrees:
        //   lp = lambda x: np.logaddexp(np.log(.6) + norm.logpdf(x, -3, 1), np.log(.4) + norm.logpdf(x, 3, 1))
        //   J = lambda m, ls: quad(lambda x: norm.pdf(x, m, e^ls)(norm.logpdf(x, m, e^ls) − lp(x)), m ± 40e^ls, epsrel=1e-13)
        //   minimize(J, [−3, 0], 'Nelder-Mead', xatol=1e-10, fatol=1e-14) → μ = −2.987702589662331, σ = 1.0186763588830356,
        //   KL = 0.5073882690944924 (about −ln 0.6 = 0.51: q sees one component).
        Assert.True(Math.Abs(fits.Reverse.Mean - -2.987702589662331) < 1e-6, $"reverse mean {fits.Reverse.Mean:R}");
        Assert.True(Math.Abs(fits.Reverse.StandardDeviation - 1.0186763588830356) < 1e-6, $"reverse sd {fits.Reverse.StandardDeviation:R}");
        Assert.True(Math.Abs(fits.ReverseKl - 0.5073882690944924) < 1e-10, $"reverse KL {fits.ReverseKl:R}");
        // Each fit wins on its own objective.
        Assert.True(fits.ForwardKl < fits.ForwardKlOfReverse);
        Assert.True(fits.ReverseKl < fits.ReverseKlOfForward);
    }

    [Fact]
    public void Mismatched_dimensions_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Kl.Between(new Dirichlet(1.0, 2.0), new Dirichlet(1.0, 2.0, 3.0)));
        Assert.Throws<ArgumentException>(() => Kl.Between(Categorical.FromProbabilities([1.0]), Categorical.FromProbabilities([0.5, 0.5])));
        Assert.Throws<ArgumentException>(() => Kl.Between(
            new MultivariateGaussian([0.0], [1.0]), new MultivariateGaussian([0.0, 0.0], [1.0, 0.0, 0.0, 1.0])));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kl.MonteCarlo(new Gaussian(0, 1), new Gaussian(0, 1), 1, Rng.FromSeed(1)));
        Assert.Throws<ArgumentException>(() => Kl.ByQuadrature(new Poisson(1.0), new Poisson(2.0)));
    }
}
