using Functional.Losses;
using Functional.Models;
using Functional.Models.Data;

namespace Functional.Tests.Models;

/// <summary>Worked examples: the MAP reading, polynomial features, standardisation, the objective adapter, allocation.</summary>
public sealed class ModelExampleTests
{
    [Fact]
    public void Map_with_a_Gaussian_prior_maximised_numerically_equals_ridge_with_lambda_sigma2_over_n_sigmaw2()
    {
        // y = Xw* + b* + ε, ε ~ N(0, σ²); prior w ~ N(0, σ_w² I), flat prior on b.
        const double noiseVariance = 0.25, priorVariance = 0.5;
        var random = new Random(3);
        const int n = 40, d = 3;
        var x = Enumerable.Range(0, n * d).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        double[] truth = [1.5, -2.0, 0.5];
        var y = Enumerable.Range(0, n).Select(i => (x[i * d] * truth[0]) + (x[(i * d) + 1] * truth[1]) + (x[(i * d) + 2] * truth[2]) + 0.7 + (Math.Sqrt(noiseVariance) * Gaussian(random))).ToArray();

        // The log posterior (up to a constant), written out independently of the library, maximised by gradient ascent
        // with step 1/L, L = the largest curvature bound ‖X̃‖_F²/σ² + 1/σ_w².
        double[] theta = new double[d + 1];
        var lipschitz = (x.Sum(v => v * v) + n) / noiseVariance + (1 / priorVariance);
        for (var iteration = 0; iteration < 200000; iteration++)
        {
            var gradient = new double[d + 1];
            for (var i = 0; i < n; i++)
            {
                var residual = y[i] - theta[d] - Enumerable.Range(0, d).Sum(j => x[(i * d) + j] * theta[j]);
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += residual * x[(i * d) + j] / noiseVariance;
                }

                gradient[d] += residual / noiseVariance;
            }

            for (var j = 0; j < d; j++)
            {
                gradient[j] -= theta[j] / priorVariance;
            }

            if (gradient.Max(Math.Abs) < 1e-12)
            {
                break;
            }

            for (var j = 0; j <= d; j++)
            {
                theta[j] += gradient[j] / lipschitz;
            }
        }

        var lambda = LinearRegression.RidgePenaltyFromPrior(noiseVariance, priorVariance, n);
        Assert.Equal(noiseVariance / (n * priorVariance), lambda, 15);
        var ridge = LinearRegression.Ridge(new Dataset(x, d, y), lambda);
        ModelReferenceTests.AssertAbsolute(theta, ridge, 1e-9, "MAP vs ridge");
        // and a different λ gives a different answer, so the comparison has teeth
        var other = LinearRegression.Ridge(new Dataset(x, d, y), 2 * lambda);
        Assert.True(Math.Abs(other[0] - theta[0]) > 1e-4);
    }

    [Fact]
    public void Gaussian_prior_regulariser_is_sigma2_over_n_sigmaw2_and_Laplace_is_sigma2_over_n_b()
    {
        Assert.Equal(0.25 / (10 * 0.5), Regularizer.GaussianPrior(0.25, 0.5, 10).L2, 15);
        Assert.False(Regularizer.GaussianPrior(0.25, 0.5, 10).IncludeBias);
        Assert.Equal(1.0 / (4 * 2.0), Regularizer.LaplacePrior(1.0, 2.0, 4).L1, 15);
        // unit noise, summed form (n = 1): τ = 1/σ_w²
        Assert.Equal(1 / 3.0, Regularizer.GaussianPrior(1.0, 3.0, 1).L2, 15);
        var net = Regularizer.ElasticNet(0.4, 0.25);
        Assert.Equal(0.1, net.L1, 15);
        Assert.Equal(0.3, net.L2, 15);
    }

    [Fact]
    public void Regulariser_value_and_subgradient_at_zero()
    {
        var r = new Regularizer(l2: 2.0, l1: 0.5);
        double[] w = [1.0, -2.0, 0.0];
        Assert.Equal((0.5 * 2.0 * 5.0) + (0.5 * 3.0), r.Value(w), 15);
        var g = new double[3];
        r.AddGradient(w, g);
        Assert.Equal([2.0 + 0.5, -4.0 - 0.5, 0.0], g);
    }

    [Fact]
    public void Chebyshev_features_are_T1_to_Td_of_the_scaled_input()
    {
        var map = new PolynomialFeatures(3, 2.0, 6.0);
        var f = new double[9];
        map.Transform([2.0, 5.0, 6.0], f);
        // t = −1, 0.5, 1: T1 = t, T2 = 2t² − 1, T3 = 4t³ − 3t
        Assert.Equal([-1.0, 1.0, -1.0, 0.5, -0.5, -1.0, 1.0, 1.0, 1.0], f);
        var monomial = new PolynomialFeatures(3, 2.0, 6.0, PolynomialBasis.Monomial);
        monomial.Transform([5.0], f.AsSpan(0, 3));
        Assert.Equal([0.5, 0.25, 0.125], f[..3]);
        Assert.Empty(new PolynomialFeatures(0, 0, 1).Transform(new Dataset([1.0, 2.0], 1, [0.0, 1.0])).Features.ToArray());
    }

    [Fact]
    public void A_degree_15_polynomial_is_recovered_exactly_with_scaled_Chebyshev_features_and_the_design_is_well_conditioned()
    {
        // x in [0, 20]: raw x^15 reaches 3e19 while x^1 is ~10; the Vandermonde matrix is numerically singular.
        var xs = Enumerable.Range(0, 60).Select(i => 20.0 * i / 59).ToArray();
        static double P(double x) => Enumerable.Range(0, 16).Sum(k => Math.Cos(k) * Math.Pow((x - 10) / 10, k));
        var data = new Dataset(xs, 1, xs.Select(P).ToArray());
        var map = PolynomialFeatures.Fit(xs, 15);
        var expanded = map.Transform(data);
        var theta = LinearRegression.LeastSquares(expanded);
        var fitted = new double[60];
        new LinearModel(15).Predict(theta, expanded.Features, fitted);
        for (var i = 0; i < 60; i++)
        {
            Assert.True(Math.Abs(fitted[i] - data.Targets[i]) < 1e-9 * Math.Max(1, Math.Abs(data.Targets[i])), $"x = {xs[i]}: {fitted[i]} vs {data.Targets[i]}");
        }

        // Why the scaling: raw monomial columns of x ∈ [0, 20] differ in norm by ~1e18, and scaled monomials t^k, t^(k+2) are
        // nearly parallel; Chebyshev columns have norms of order 1 and are far from parallel (a well-conditioned design).
        var monomial = new PolynomialFeatures(15, map.Lower, map.Upper, PolynomialBasis.Monomial).Transform(data);
        Assert.True(MaxCosine(monomial) > 0.95, $"monomial {MaxCosine(monomial)}");
        Assert.True(MaxCosine(expanded) < 0.5, $"chebyshev {MaxCosine(expanded)}");
        var norms = Enumerable.Range(0, 15).Select(k => Math.Sqrt(Enumerable.Range(0, 60).Sum(i => expanded.Row(i)[k] * expanded.Row(i)[k]))).ToArray();
        Assert.True(norms.Max() / norms.Min() < 2, string.Join(", ", norms));
        Assert.True(Math.Pow(20, 15) / 20 > 1e17);
    }

    private static double MaxCosine(Dataset d)
    {
        var worst = 0.0;
        for (var a = 0; a < d.Columns; a++)
        {
            for (var b = a + 1; b < d.Columns; b++)
            {
                double ab = 0, aa = 0, bb = 0;
                for (var i = 0; i < d.Rows; i++)
                {
                    var (u, v) = (d.Row(i)[a], d.Row(i)[b]);
                    ab += u * v;
                    aa += u * u;
                    bb += v * v;
                }

                worst = Math.Max(worst, Math.Abs(ab) / Math.Sqrt(aa * bb));
            }
        }

        return worst;
    }

    [Fact]
    public void Standardizer_fits_on_training_data_and_maps_constant_columns_to_zero()
    {
        var train = new Dataset([1.0, 5.0, 3.0, 5.0, 5.0, 5.0], 2, [0.0, 0.0, 0.0]);
        var s = Standardizer.Fit(train);
        Assert.Equal([3.0, 5.0], s.Means.ToArray());
        Assert.Equal([Math.Sqrt(8.0 / 3), 1.0], s.Scales.ToArray());
        var test = s.Apply(new Dataset([3.0 + Math.Sqrt(8.0 / 3), 7.0], 2, [1.0]));
        Assert.Equal(1.0, test.Features[0], 14);
        Assert.Equal(2.0, test.Features[1]);
        Assert.Equal([0.0, 0.0, 0.0], s.Apply(train).Features.ToArray().Where((_, i) => i % 2 == 1));
    }

    [Fact]
    public void The_objective_adapter_equals_the_risk_and_answers_infinity_off_the_domain()
    {
        var data = new Dataset([1.0, 2.0, -1.0, 0.5, 0.0, 3.0], 2, [1.0, 0.0, 1.0]);
        var model = new LinearModel(2);
        var objective = model.Objective(data, LogisticRegression.CrossEntropy, Regularizer.Ridge(0.1));
        double[] theta = [0.3, -0.2, 0.1];
        var g1 = new double[3];
        var g2 = new double[3];
        var r1 = objective.ValueAndGradient(theta, g1);
        var r2 = LogisticRegression.Risk(model, theta, data.Features, data.Targets, Regularizer.Ridge(0.1), g2, new ModelWorkspace(3));
        Assert.Equal(r2, r1);
        Assert.Equal(g2, g1);
        Assert.Equal(3, objective.Dimension);
        Assert.Equal(double.PositiveInfinity, objective.ValueAndGradient([double.NaN, 0, 0], g1));
        Assert.Equal(double.PositiveInfinity, objective.Value([1e308, 1e308, 0]));
        var softmax = new SoftmaxModel(2, 2).Objective(data, Regularizer.None);
        Assert.Equal(double.PositiveInfinity, softmax.Value([double.PositiveInfinity, 0, 0, 0, 0, 0]));
    }

    [Fact]
    public void Risk_and_gradient_allocate_nothing_once_the_workspace_exists()
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, 64 * 8).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 64).Select(_ => (double)random.Next(2)).ToArray();
        var labels = y.Select(v => (int)v).ToArray();
        var linear = new LinearModel(8);
        var softmax = new SoftmaxModel(8, 2);
        var workspace = new ModelWorkspace(64);
        var softWorkspace = new ModelWorkspace(64, 2);
        var theta = new double[softmax.ParameterCount];
        var gradient = new double[softmax.ParameterCount];
        var penalty = Regularizer.ElasticNet(0.1, 0.5);
        var loss = LogisticRegression.CrossEntropy;
        for (var warm = 0; warm < 2; warm++)
        {
            LogisticRegression.Risk(linear, theta.AsSpan(0, 9), x, y, penalty, gradient, workspace);
            softmax.Risk(theta, x, labels, penalty, gradient, softWorkspace);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            linear.Risk(theta.AsSpan(0, 9), x, y, loss, penalty, gradient, workspace);
            softmax.Risk(theta, x, labels, penalty, gradient, softWorkspace);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Softmax_fit_classifies_iris_and_its_probabilities_sum_to_one()
    {
        var raw = DataFiles.Load("iris");
        var data = Standardizer.Fit(raw).Apply(raw);
        var fit = SoftmaxRegression.FitNewton(data, 3, Regularizer.Ridge(1.0 / data.Rows));
        var model = new SoftmaxModel(4, 3);
        var predicted = new int[data.Rows];
        model.Predict(fit.Parameters.Span, data.Features, predicted, new ModelWorkspace(data.Rows, 3));
        var labels = data.Labels(3);
        Assert.True(predicted.Zip(labels).Count(p => p.First == p.Second) >= 140);
        var probabilities = new double[data.Rows * 3];
        model.Probabilities(fit.Parameters.Span, data.Features, probabilities);
        for (var r = 0; r < data.Rows; r++)
        {
            Assert.Equal(1.0, probabilities[3 * r] + probabilities[(3 * r) + 1] + probabilities[(3 * r) + 2], 14);
        }

        Assert.Equal(0.0, fit.Parameters.Span[12..].ToArray().Sum(), 14);
    }

    [Fact]
    public void Logistic_probabilities_are_sigmoids_of_the_scores()
    {
        var model = new LinearModel(1);
        var p = new double[2];
        LogisticRegression.Probabilities(model, [2.0, -1.0], [20.0, -20.0], p);
        Assert.Equal(1.0 / (1.0 + Math.Exp(-39.0)), p[0], 15);
        Assert.Equal(Math.Exp(-41.0) / (1.0 + Math.Exp(-41.0)), p[1], 1e-30);
    }

    [Fact]
    public void Newton_on_separable_data_without_a_penalty_drives_the_risk_to_zero_with_growing_weights()
    {
        // no optimum exists: R → 0 only as w → ∞; the iteration stops when the gradient underflows the tolerance
        var data = new Dataset([-2.0, -1.0, 1.0, 2.0], 1, [0.0, 0.0, 1.0, 1.0]);
        var fit = LogisticRegression.FitNewton(data, Regularizer.None, maxIterations: 30);
        Assert.True(fit.Risk < 1e-10, $"risk {fit.Risk}");
        Assert.True(fit.Parameters.Span[0] > 10, $"slope {fit.Parameters.Span[0]}");
        var penalised = LogisticRegression.FitNewton(data, Regularizer.Ridge(0.1));
        Assert.True(penalised.Converged);
        Assert.True(penalised.Parameters.Span[0] is > 0 and < 3, $"slope {penalised.Parameters.Span[0]}");
    }

    [Fact]
    public void A_Huber_linear_fit_is_a_risk_any_loss_can_supply()
    {
        // the model passes its scores to the loss untouched: R = mean Huber(ŷ − y) + Ω
        var model = new LinearModel(1);
        double[] theta = [2.0, 1.0];
        var risk = model.Risk(theta, [0.0, 1.0, 2.0], [1.0, 0.0, 5.0], (p, t, g, r) => Loss.Huber(p, t, g, r, delta: 1.0), Regularizer.None, [], new ModelWorkspace(3));
        // residuals 0, 3, 0: Huber(3) = 1·(3 − ½)
        Assert.Equal(2.5 / 3, risk, 15);
    }

    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
