using Functional.Distributions;
using Functional.Estimation;
using Functional.Laws;
using Functional.Numerics;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using SampleModel = Functional.Laws.Generators.SampleModel;
using SampleModels = Functional.Laws.Generators.SampleModels;

namespace Functional.Properties.Estimation;

/// <summary>
/// The estimator laws of the laws package (<see cref="LawsOf.Estimator"/>: a local maximum of ℓ, shift and scale
/// equivariance where the family has it, consistency on large samples) applied to every MLE; plus what is particular to
/// ours: the reported ℓ(θ̂), a numerical 1-D maximisation along each parameter landing on the estimate, and MAP's limits.
/// </summary>
public class EstimationProperties
{
    /// <summary>The fitted parameters θ̂ and ℓ(θ̂) of a family's MLE.</summary>
    private static (double[] Theta, double LogLikelihood) Fit(string family, double[] x) => family switch
    {
        "gaussian" => Pair(Mle.Gaussian(x), f => [f.Distribution.Mean, f.Distribution.StandardDeviation]),
        "laplace" => Pair(Mle.Laplace(x), f => [f.Distribution.Location, f.Distribution.Scale]),
        "exponential" => Pair(Mle.Exponential(x), f => [f.Distribution.Rate]),
        "poisson" => Pair(Mle.Poisson(x), f => [f.Distribution.Rate]),
        "uniform" => Pair(Mle.Uniform(x), f => [f.Distribution.Lower, f.Distribution.Upper]),
        "gamma" => Pair(Mle.Gamma(x), f => [f.Distribution.Shape, f.Distribution.Rate]),
        "beta" => Pair(Mle.Beta(x), f => [f.Distribution.Alpha, f.Distribution.BetaParameter]),
        _ => Pair(Mle.Bernoulli(x), f => [f.Distribution.P]),
    };

    private static (double[], double) Pair<T>(Fit<T> fit, Func<Fit<T>, double[]> theta) => (theta(fit), fit.LogLikelihood);

    /// <summary>ℓ(θ) by the distribution's own kernel; −∞ outside the parameter space or when a value leaves the support.</summary>
    private static double LogLikelihood(string family, double[] theta, double[] x)
    {
        var distribution = SampleCase.Build(family, theta);
        if (distribution is null)
        {
            return double.NegativeInfinity;
        }

        try
        {
            return distribution.LogLikelihood(x);
        }
        catch (ArgumentException)
        {
            return double.NegativeInfinity;
        }
    }

    /// <summary>A sample the MLE exists for: not every value equal, strictly inside the support where ln x enters.</summary>
    private static bool Fittable(SampleCase c, double[] x)
        => x.Distinct().Count() > 1 || c.Family is "poisson" or "bernoulli";

    /// <summary>A family's MLE as the estimator laws see it: x → θ̂, with the distribution's own ℓ.</summary>
    private static EstimatorUnderTest Estimator(string family)
        => new($"Mle.{family}", x => Fit(family, x).Theta, (theta, x) => LogLikelihood(family, theta, x));

    /// <summary>What each family's MLE claims: how its parameters move under x + c and a·x, and its asymptotic standard errors.</summary>
    private static (SampleModel Model, EstimatorTraits Traits) Claims(string family) => family switch
    {
        "gaussian" => (SampleModels.Gaussian, new()
        {
            Roles = [ParameterRole.Location, ParameterRole.Scale],
            ShiftEquivariant = true,
            ScaleEquivariant = true,
            StandardErrors = (t, n) => [t[1] / Math.Sqrt(n), t[1] / Math.Sqrt(2.0 * n)],
        }),
        "laplace" => (SampleModels.Laplace, new()
        {
            Roles = [ParameterRole.Location, ParameterRole.Scale],
            ShiftEquivariant = true,
            ScaleEquivariant = true,
            StandardErrors = (t, n) => [t[1] / Math.Sqrt(n), t[1] / Math.Sqrt(n)],
        }),
        "exponential" => (SampleModels.Exponential, new()
        {
            Roles = [ParameterRole.Rate],
            ScaleEquivariant = true,
            StandardErrors = (t, n) => [t[0] / Math.Sqrt(n)],
        }),
        "poisson" => (SampleModels.Poisson, new() { StandardErrors = (t, n) => [Math.Sqrt(t[0] / n)] }),
        "uniform" => (SampleModels.Uniform, new()
        {
            Roles = [ParameterRole.Location, ParameterRole.Location],
            ShiftEquivariant = true,
            ScaleEquivariant = true,
            // the range shrinks at rate width/n, not 1/√n
            StandardErrors = (t, n) => [(t[1] - t[0]) / n * 3, (t[1] - t[0]) / n * 3],
        }),
        "gamma" => (SampleModels.Gamma, new()
        {
            Roles = [ParameterRole.Shape, ParameterRole.Rate],
            ScaleEquivariant = true,
            StandardErrors = (t, n) => GammaErrors(t[0], t[1], n),
        }),
        "beta" => (SampleModels.Beta, new() { StandardErrors = (t, _) => [t[0] * 0.05, t[1] * 0.05] }),
        _ => (SampleModels.Bernoulli, new() { StandardErrors = (t, n) => [Math.Sqrt(t[0] * (1 - t[0]) / n)] }),
    };

    public static TheoryData<string> Families => new(EstimationGenerators.Families);

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_mle_obeys_the_estimator_laws(string family)
    {
        var (model, traits) = Claims(family);
        LawsOf.Estimator(Estimator(family), model, traits).Verify(LawConfig.FromEnvironment());
    }

    [Fact]
    public void The_reported_log_likelihood_is_the_distributions_own_sum() => Holds.ForAll(EstimationGenerators.Cases(), c =>
    {
        var x = c.Sample();
        if (!Fittable(c, x))
        {
            return;
        }

        var (theta, at) = Fit(c.Family, x);
        Approx.Equal(at, LogLikelihood(c.Family, theta, x), 1e-11, 1e-11, "the reported ℓ(θ̂) vs the distribution's own sum");
    });

    [Fact]
    public void The_mle_equals_a_numerical_maximisation_along_each_parameter() => Holds.ForAll(EstimationGenerators.Cases(), c =>
    {
        var x = c.Sample();
        if (!Fittable(c, x) || c.Family is "uniform")
        {
            // The uniform's maximum sits on the support constraint, not at a stationary point.
            return;
        }

        var (theta, at) = Fit(c.Family, x);
        if (c.Family is "bernoulli" && theta[0] is 0.0 or 1.0)
        {
            return;
        }

        for (var j = 0; j < theta.Length; j++)
        {
            var width = 0.5 * Math.Max(Math.Abs(theta[j]), 1e-3);
            var index = j;
            double Along(double v)
            {
                var t = (double[])theta.Clone();
                t[index] = v;
                return LogLikelihood(c.Family, t, x);
            }

            var (argmax, max) = GoldenSection(Along, theta[j] - width, theta[j] + width);
            Approx.That(max <= at + (1e-10 * (1.0 + Math.Abs(at))), () => $"golden section found ℓ = {Approx.Show(max)} > ℓ(θ̂) = {Approx.Show(at)} along θ[{j}]");
            Approx.Equal(max, at, 1e-9, 1e-9, $"max of ℓ along θ[{j}]");
            if (!(c.Family is "laplace" && j == 0))
            {
                // (the Laplace location maximises ℓ on a whole interval for even n)
                Approx.Equal(argmax, theta[j], 2e-3, 1e-6 * width, $"argmax along θ[{j}]");
            }
        }
    });

    [Fact]
    public void Beta_bernoulli_map_tends_to_the_mle_as_the_prior_flattens_and_to_the_prior_mode_without_data()
        => Holds.ForAll(EstimationGenerators.Cases(1, 300), c =>
        {
            var heads = (long)(c.Seed % (ulong)(c.N + 1));
            var tails = c.N - heads;
            var mle = Mle.Bernoulli(heads, tails).Distribution.P;
            var previous = double.PositiveInfinity;
            foreach (var epsilon in new[] { 1.0, 1e-2, 1e-4, 1e-8 })
            {
                var map = Map.BetaBernoulli(heads, tails, new Beta(1 + epsilon, 1 + (2 * epsilon))).Mode!.Value;
                var gap = Math.Abs(map - mle);
                Approx.That(gap <= previous + 1e-15, () => $"|MAP − MLE| grew to {Approx.Show(gap)} as ε fell to {epsilon}");
                previous = gap;
            }

            Approx.That(previous <= 1e-7, () => $"|MAP − MLE| = {Approx.Show(previous)} at ε = 1e-8");
            Assert.Equal(mle, Map.BetaBernoulli(heads, tails, new Beta(1, 1)).Mode!.Value, 15);

            var a = 1.0 + (Math.Abs(c.Parameters[0]) % 10.0);
            var b = 1.5 + (c.Parameters.Length > 1 ? Math.Abs(c.Parameters[^1]) % 10.0 : 2.0);
            Approx.Equal(Map.BetaBernoulli(0, 0, new Beta(a, b)).Mode!.Value, (a - 1) / (a + b - 2), 1e-15, 0, "mode without data");
        });

    [Fact]
    public void Moments_equal_the_exact_mean_and_variance_in_either_order() => Holds.ForAll(EstimationGenerators.Cases(1, 3000), c =>
    {
        // Sorted ascending, a sample of more than 1024 values has a pilot centre far from its mean: the two-pass path; as
        // drawn, the one pass. Both against exact rational arithmetic on the doubles themselves.
        var x = c.Sample();
        var (mean, variance) = ExactMoments(x);
        var scale = x.Max(Math.Abs);
        foreach (var order in new[] { x, x.Order().ToArray() })
        {
            var m = Moments.Of<double>(order);
            Approx.Equal(m.Mean, mean, 0, 2e-16 * scale * 4, "mean");
            Approx.Equal(m.Variance, variance, 1e-13, 1e-300, "biased variance");
        }
    });

    /// <summary>x̄ and (1/n)Σ(x − x̄)² of the doubles exactly (big-integer mantissas over a common power of two), then rounded.</summary>
    private static (double Mean, double Variance) ExactMoments(double[] x)
    {
        var parts = x.Select(v =>
        {
            var bits = BitConverter.DoubleToInt64Bits(v);
            var exponent = (int)((bits >> 52) & 0x7FF);
            var mantissa = bits & 0xFFFFFFFFFFFFFL;
            mantissa = exponent == 0 ? mantissa : mantissa | (1L << 52);
            var signed = v < 0 ? -new System.Numerics.BigInteger(mantissa) : new System.Numerics.BigInteger(mantissa);
            return (Mantissa: signed, Exponent: Math.Max(exponent, 1) - 1075);
        }).ToArray();
        var common = parts.Where(p => !p.Mantissa.IsZero).Select(p => p.Exponent).DefaultIfEmpty(0).Min();
        System.Numerics.BigInteger sum = 0, squares = 0;
        foreach (var (mantissa, exponent) in parts)
        {
            var scaled = mantissa.IsZero ? mantissa : mantissa << (exponent - common);
            sum += scaled;
            squares += scaled * scaled;
        }

        var n = new System.Numerics.BigInteger(x.Length);
        return (Ratio(sum, n, common), Ratio((n * squares) - (sum * sum), n * n, 2 * common));

        // numerator/denominator·2^exponent to ~128 significant bits before the one rounding to double
        static double Ratio(System.Numerics.BigInteger numerator, System.Numerics.BigInteger denominator, int exponent)
        {
            if (numerator.IsZero)
            {
                return 0.0;
            }

            var shift = 128 - (int)(System.Numerics.BigInteger.Abs(numerator).GetBitLength() - denominator.GetBitLength());
            var quotient = shift >= 0 ? (numerator << shift) / denominator : (numerator >> -shift) / denominator;
            return Math.ScaleB((double)quotient, exponent - shift);
        }
    }

    [Fact]
    public void Normal_normal_map_tends_to_the_sample_mean_as_the_prior_widens_and_to_the_prior_mean_as_it_narrows()
        => Holds.ForAll(EstimationGenerators.Cases(), c =>
        {
            var x = c.Sample();
            var mean = Moments.Of<double>(x).Mean;
            var wide = Map.NormalNormal(x, 1.0, Gaussian.FromVariance(-50.0, 1e30)).Mode;
            Approx.Equal(wide, mean, 1e-12, 1e-12, "MAP with a flat prior");
            var narrow = Map.NormalNormal(x, 1.0, Gaussian.FromVariance(-50.0, 1e-30)).Mode;
            Approx.Equal(narrow, -50.0, 1e-12, 1e-12, "MAP with a point-mass prior");
        });

    [Fact]
    public void Dirichlet_categorical_with_a_flat_prior_has_the_mle_as_its_mode() => Holds.ForAll(EstimationGenerators.Cases(1, 50), c =>
    {
        long[] counts = [(long)(c.Seed % 7), c.N, (long)(c.Seed % 3)];
        var mle = Mle.Categorical(counts).Distribution.Probabilities.AsSpan().ToArray();
        var map = Map.DirichletCategorical(counts, new Dirichlet(1, 1, 1));
        for (var j = 0; j < 3; j++)
        {
            Approx.Equal(map.Mode![j], mle[j], 1e-15, 1e-16, $"mode[{j}]");
        }
    });

    private static double[] GammaErrors(double shape, double rate, double n)
    {
        // Inverse Fisher information of (α, β) per observation: [[ψ′(α), −1/β], [−1/β, α/β²]]⁻¹.
        var i11 = SpecialFunctions.Trigamma(shape);
        var i12 = -1.0 / rate;
        var i22 = shape / (rate * rate);
        var det = (i11 * i22) - (i12 * i12);
        return [Math.Sqrt(i22 / det / n), Math.Sqrt(i11 / det / n)];
    }

    /// <summary>Golden-section search for the maximum of a unimodal f on [a, b], to |b − a| ≤ 1e-12·scale.</summary>
    private static (double Argmax, double Max) GoldenSection(Func<double, double> f, double a, double b)
    {
        var ratio = (Math.Sqrt(5.0) - 1.0) / 2.0;
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        double fc = f(c), fd = f(d);
        for (var i = 0; i < 200 && Math.Abs(b - a) > 1e-12 * Math.Max(1.0, Math.Abs(a)); i++)
        {
            if (fc >= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (ratio * (b - a));
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (ratio * (b - a));
                fd = f(d);
            }
        }

        return fc >= fd ? (c, fc) : (d, fd);
    }
}
