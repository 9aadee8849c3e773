using Functional.Training;

namespace Functional.Tests.Training;

/// <summary>Each core demonstration shows what it claims (the numbers quoted are seed 1's, see NOTES.md).</summary>
public class DemonstrationTests
{
    // seed 1: line error (RMS distance to the true line over [0, 10]) L2 1.58; L1 0.32; Huber 0.19; Welsch 0.12;
    // Barron α = 1 0.24, α = 0 0.13, α = −2 0.12; α adapted (→ 0.14) 0.13
    [Fact]
    public void Robust_fits_recover_the_line_that_least_squares_misses()
    {
        var demo = Demonstrations.RobustRegression();
        Assert.Equal(60, demo.X.Length);
        Assert.Equal(6, demo.Outliers.Count(o => o));
        var l2 = demo.Fits.Single(f => f.Name == "L2");
        Assert.True(l2.LineError > 1.0, $"L2 is pulled up by the outliers: {l2.LineError}");
        Assert.Equal(["L2", "L1", "Huber, δ = 1", "Welsch, c = 1", "Barron, α = 1, c = 1", "Barron, α = 0, c = 1", "Barron, α = −2, c = 1", "Barron, α adapted, c = 1"],
            demo.Fits.Select(f => f.Name));
        foreach (var fit in demo.Fits.Skip(1))
        {
            Assert.True(fit.LineError < l2.LineError / 4, $"{fit.Name}: {fit.LineError} vs L2 {l2.LineError}");
            Assert.Equal(demo.TrueSlope, fit.Slope, 0.1);
        }

        // the redescending losses (Welsch, Barron α ≤ 0) ignore the outliers entirely and beat the convex ones
        var welsch = demo.Fits.Single(f => f.Name.StartsWith("Welsch", StringComparison.Ordinal));
        Assert.True(welsch.LineError < demo.Fits.Single(f => f.Name == "L1").LineError);
        var adapted = demo.Fits[^1];
        Assert.NotNull(adapted.Alpha);
        Assert.InRange(adapted.Alpha!.Value, 0.001, 0.5);
    }

    [Fact]
    public void The_L2_fit_is_the_least_squares_line_and_the_L1_fit_minimises_the_absolute_deviations()
    {
        var demo = Demonstrations.RobustRegression(seed: 7, points: 20);
        var (x, y) = (demo.X, demo.Y);
        double Sum(double a, double b, Func<double, double> loss) => x.Select((xi, i) => loss(a + (b * xi) - y[i])).Sum();
        var l2 = demo.Fits[0];
        var l1 = demo.Fits[1];
        // normal equations: the residuals sum to 0 and are orthogonal to x
        Assert.Equal(0.0, x.Select((xi, i) => l2.Predict(xi) - y[i]).Sum(), 1e-10);
        Assert.Equal(0.0, x.Select((xi, i) => (l2.Predict(xi) - y[i]) * xi).Sum(), 1e-9);
        var best = Sum(l1.Intercept, l1.Slope, Math.Abs);
        foreach (var (da, db) in new[] { (1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-4), (0.0, -1e-4), (1e-3, -1e-4), (-1e-3, 1e-4) })
        {
            Assert.True(Sum(l1.Intercept + da, l1.Slope + db, Math.Abs) >= best - 1e-12, $"({da}, {db}) lowers the L1 sum below {best}");
        }
    }

    [Theory]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(11UL)]
    public void Robust_fits_beat_least_squares_on_other_seeds(ulong seed)
    {
        var demo = Demonstrations.RobustRegression(seed);
        var l2 = demo.Fits[0].LineError;
        Assert.All(demo.Fits.Skip(1), f => Assert.True(f.LineError < l2 / 2, $"seed {seed}, {f.Name}: {f.LineError} vs {l2}"));
    }

    // ln Z(0) = ln(π√2), ln Z(1) = ln(2e·K₁(1)); at α = 0.5 by mpmath (30 digits):
    //   rho = lambda x,a: abs(a-2)/a*(((x*x)/abs(a-2)+1)**(a/2)-1); Z = lambda a: quad(lambda x: exp(-rho(x,a)), [-inf,0,inf])
    //   log(Z(0.5)) -> 1.29170703099236477; diff(lambda a: log(Z(a)), 0.5) -> -0.248338125221912263
    [Fact]
    public void Barrons_partition_function_matches_its_closed_forms()
    {
        Assert.Equal(1.49130347612937282885, Demonstrations.BarronLogPartition(0.0, out _), 1e-11);
        Assert.Equal(1.18549523234919297847, Demonstrations.BarronLogPartition(1.0, out _), 1e-11);
        Assert.Equal(1.29170703099236477117, Demonstrations.BarronLogPartition(0.5, out var derivative), 1e-11);
        Assert.Equal(-0.248338125221912263, derivative, 1e-9);
    }

    // seed 1, η = 0.05, 30 epochs, R* = 0.48124: after epoch 1 GD 0.688, mini-batch 0.595, per sample 0.486;
    // after 30 GD 0.583, mini-batch 0.48126, per sample 0.4865 (its noise floor)
    [Fact]
    public void Stochastic_modes_race_ahead_per_epoch_and_per_sample_SGD_ends_on_a_noise_floor()
    {
        var demo = Demonstrations.OptimizationModes();
        var (full, sample, mini) = (demo.Curves[0], demo.Curves[1], demo.Curves[2]);
        Assert.All(demo.Curves, c => Assert.Equal(31, c.Risk.Length));
        Assert.Equal([1L, 400L, 25L], demo.Curves.Select(c => c.Steps[1]));
        Assert.True(sample.Risk[1] < mini.Risk[1] && mini.Risk[1] < full.Risk[1], "after one epoch");
        Assert.All(demo.Curves, c => Assert.True(c.Risk[^1] >= demo.OptimalRisk - 1e-12, $"{c.Name} below R*"));
        Assert.True(full.Risk[^1] - demo.OptimalRisk > 10 * (mini.Risk[^1] - demo.OptimalRisk), "GD is still far after 30 steps");
        Assert.True(sample.Risk[^1] > mini.Risk[^1], "per-sample SGD with a constant η stalls above the mini-batch run");
        for (var e = 1; e < full.Risk.Length; e++)
        {
            Assert.True(full.Risk[e] < full.Risk[e - 1], $"full-batch GD with a small η decreases monotonically (epoch {e})");
        }
    }

    // κ ≈ 118, η = 1/λ_max: steps to 1e-6 of the initial excess risk: plain 786, heavy ball 106, Nesterov 69
    [Fact]
    public void Momentum_reaches_the_target_in_far_fewer_steps()
    {
        var demo = Demonstrations.Momentum();
        Assert.InRange(demo.ConditionNumber, 50.0, 200.0);
        var (plain, heavy, nesterov) = (demo.StepsToTarget[0], demo.StepsToTarget[1], demo.StepsToTarget[2]);
        Assert.NotNull(plain);
        Assert.NotNull(heavy);
        Assert.NotNull(nesterov);
        Assert.True(heavy < plain / 4, $"heavy ball {heavy} vs plain {plain}");
        Assert.True(nesterov < plain / 4, $"Nesterov {nesterov} vs plain {plain}");
        // plain GD contracts the slow direction's error by (1 − 1/κ) per step, its excess risk by (1 − 1/κ)², so it needs
        // about ½·ln(1/target)·κ steps
        Assert.InRange(plain!.Value, 0.25 * Math.Log(1e6) * demo.ConditionNumber, 0.75 * Math.Log(1e6) * demo.ConditionNumber);
    }

    // from (2.5, 0.1), η = 0.05, ρ = 0.1, 2000 steps: SGD ends at λ_max 6.54, SAM at 2.11 (the flattest minimum has 2)
    [Fact]
    public void SAM_ends_at_a_flatter_minimum_by_both_measures()
    {
        var demo = Demonstrations.SharpnessAware();
        var (sgd, sam) = (demo.Runs[0], demo.Runs[1]);
        Assert.True(sgd.FinalRisk < 1e-20, $"SGD converges: {sgd.FinalRisk}");
        Assert.True(sam.FinalRisk < 1e-3, $"SAM converges to near the valley: {sam.FinalRisk}");
        Assert.True(sam.MaxEigenvalue < sgd.MaxEigenvalue / 2, $"λ_max {sam.MaxEigenvalue} vs {sgd.MaxEigenvalue}");
        Assert.True(sam.Sharpness < sgd.Sharpness / 2, $"ρ-sharpness {sam.Sharpness} vs {sgd.Sharpness}");
        Assert.True(sam.MaxEigenvalue >= 2.0 - 1e-9, "no minimum is flatter than (1, 1)");
        // gradient steps nearly conserve w₁² − w₂² (exactly, for gradient flow); SAM shrinks it
        double Balance(SharpnessRun r, int t) => (r.First[t] * r.First[t]) - (r.Second[t] * r.Second[t]);
        Assert.Equal(Balance(sgd, 0), Balance(sgd, sgd.Risk.Length - 1), 0.5);
        Assert.True(Balance(sam, sam.Risk.Length - 1) < Balance(sam, 0) / 2);
    }

    [Fact]
    public void The_product_landscape_has_the_stated_gradient_and_curvature()
    {
        Span<double> g = stackalloc double[2];
        Assert.Equal(0.5 * 0.25, Demonstrations.ProductLandscape(1.5, 1.0, g));
        Assert.Equal([0.5, 0.75], g.ToArray());
        Assert.Equal(2.0, Demonstrations.ProductLandscapeMaxEigenvalue(1.0, 1.0), 1e-15);
        // [[w₂², 2w₁w₂ − 1], [·, w₁²]] at (2, 0.5): [[0.25, 1], [1, 4]], λ_max = 2.125 + √(1.875² + 1)
        Assert.Equal(2.125 + Math.Sqrt((1.875 * 1.875) + 1.0), Demonstrations.ProductLandscapeMaxEigenvalue(2.0, 0.5), 1e-14);
    }

    [Fact]
    public void Schedule_curves_are_the_factories_values_and_keep_their_shapes()
    {
        var curves = Demonstrations.ScheduleCurves(horizon: 200, initial: 0.1);
        Assert.Equal(15, curves.Length);
        Assert.Equal(8, curves.Count(c => c.Family == ScheduleFamily.Decay));
        Assert.Equal(4, curves.Count(c => c.Family == ScheduleFamily.Annealing));
        Assert.Equal(3, curves.Count(c => c.Family == ScheduleFamily.Cyclic));
        Assert.All(curves, c => Assert.Equal(200, c.Rates.Length));
        Assert.All(curves, c => Assert.Equal(c.Schedule.At(137), c.Rates[137]));
        Assert.All(curves, c => Assert.All(c.Rates, r => Assert.InRange(r, 0.0, 0.1)));
        foreach (var c in curves.Where(c => c.Family == ScheduleFamily.Decay))
        {
            for (var t = 1; t < c.Rates.Length; t++)
            {
                Assert.True(c.Rates[t] <= c.Rates[t - 1], $"{c.Label} rises at {t}");
            }
        }

        var triangular = curves.Single(c => c.Label == "triangular");
        Assert.Equal(triangular.Rates[10], triangular.Rates[60]);
        Assert.Equal(0.1, triangular.Rates[25], 1e-15);
        var robbins = curves.Single(c => c.Label.StartsWith("Robbins", StringComparison.Ordinal));
        Assert.Equal(0.1 / 100.0, robbins.Rates[99], 1e-17);
        var oneCycle = curves.Single(c => c.Label == "one-cycle");
        Assert.Equal(0.1, oneCycle.Rates.Max(), 1e-15);
        Assert.Equal(59, oneCycle.Rates.IndexOf(oneCycle.Rates.Max()));
    }

    [Fact]
    public void Bad_settings_are_named()
    {
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.RobustRegression(points: 5)).ParamName);
        Assert.Equal("outlierFraction", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.RobustRegression(outlierFraction: 0.5)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.RobustRegression(noise: double.NaN)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.RobustRegression(scale: 0.0)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.OptimizationModes(learningRate: 0.0)).ParamName);
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.OptimizationModes(epochs: 0)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.Momentum(momentum: 1.0)).ParamName);
        Assert.Equal("conditioning", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.Momentum(conditioning: 0.5)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.Momentum(target: 0.0)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.SharpnessAware(steps: 0)).ParamName);
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.SharpnessAware(radius: -1.0)).ParamName);
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.ScheduleCurves(horizon: 10)).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.ScheduleCurves(initial: double.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void Every_demonstration_is_deterministic()
    {
        Assert.True(Demonstrations.RobustRegression().Fits.SequenceEqual(Demonstrations.RobustRegression().Fits));
        // ImmutableArray's own Equals compares references, so compare the contents
        Assert.Equal(Demonstrations.OptimizationModes().Curves[1].Risk.ToArray(), Demonstrations.OptimizationModes().Curves[1].Risk.ToArray());
        Assert.Equal(Demonstrations.SharpnessAware().Runs[1].Risk.ToArray(), Demonstrations.SharpnessAware().Runs[1].Risk.ToArray());
        Assert.Equal(Demonstrations.EarlyStopping().ValidationMse.ToArray(), Demonstrations.EarlyStopping().ValidationMse.ToArray());
    }
}

/// <summary>The early-stopping repair of the overfitting demonstration.</summary>
public class EarlyStoppingTests
{
    // seed 1: validation MSE is lowest at epoch 6 (0.212; test 0.223), then gradient descent interpolates: train MSE → 1e-30,
    // (2e-20 after 2000 epochs), validation 1.90, test 1.052 = the degree-9 least-squares fit's test MSE
    [Fact]
    public void Gradient_descent_overfits_and_the_best_validation_epoch_repairs_it()
    {
        var demo = Demonstrations.EarlyStopping();
        var interpolant = Demonstrations.Overfitting().Fits.Single(f => f.Degree == 9 && f.Lambda == 0.0);
        Assert.Equal(2001, demo.TrainMse.Length);
        Assert.True(demo.TrainMse[^1] < 1e-15, $"GD reaches the interpolant: {demo.TrainMse[^1]}");
        Assert.Equal(interpolant.TestMse, demo.TestMse[^1], 1e-6);
        Assert.InRange(demo.BestEpoch, 1, 100);
        Assert.Equal(demo.ValidationMse.Min(), demo.ValidationMse[demo.BestEpoch]);
        Assert.True(demo.ValidationMse[^1] > 4 * demo.ValidationMse[demo.BestEpoch], "the validation error turns and rises");
        Assert.True(demo.TestMse[demo.BestEpoch] < interpolant.TestMse / 3, $"test {demo.TestMse[demo.BestEpoch]} vs {interpolant.TestMse}");
        Assert.True(demo.WeightNorm < 5.0, $"‖w‖ {demo.WeightNorm}");
        Assert.Equal(demo.TrainMse[demo.BestEpoch], demo.TrainMse.Length > 0 ? TrainMseOf(demo) : 0.0, 1e-12);
    }

    [Fact]
    public void Bad_settings_are_named()
    {
        Assert.Equal("degree", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.EarlyStopping(degree: 10)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.EarlyStopping(momentum: 1.0)).ParamName);
    }

    // the restored model's own training MSE, recomputed through Predict
    private static double TrainMseOf(EarlyStoppingDemonstration demo)
    {
        var data = Demonstrations.Overfitting();
        return data.TrainX.Select((x, i) => Math.Pow(demo.Predict(x) - data.TrainY[i], 2)).Average();
    }
}
