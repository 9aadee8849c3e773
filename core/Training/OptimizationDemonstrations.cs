using System.Collections.Immutable;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;

namespace Functional.Training;

/// <summary>One optimiser's risk curve in a demonstration.</summary>
/// <param name="Name">A label (e.g. <c>"mini-batch, k = 16"</c>).</param>
/// <param name="Steps">The update count after each recorded point (0 first).</param>
/// <param name="Risk">The full training risk at each recorded point (the excess risk R − R* where the demonstration says so).</param>
public sealed record RiskCurve(string Name, ImmutableArray<long> Steps, ImmutableArray<double> Risk);

/// <summary>GD vs per-sample SGD vs mini-batch SGD on one problem, the same budget of epochs.</summary>
/// <param name="OptimalRisk">R* of the problem (Newton's method to convergence).</param>
/// <param name="LearningRate">The constant η every mode uses.</param>
/// <param name="Curves">Full batch, per sample, mini-batch; the risk after each epoch (index 0 = the zero start).</param>
public sealed record OptimizationModesDemonstration(double OptimalRisk, double LearningRate, ImmutableArray<RiskCurve> Curves);

/// <summary>Momentum vs none on an ill-conditioned least-squares problem.</summary>
/// <param name="ConditionNumber">κ = λ_max/λ_min of the Hessian XᵀX/n.</param>
/// <param name="LearningRate">η = 1/λ_max, used by every run.</param>
/// <param name="Target">The excess-risk ratio (R − R*)/(R₀ − R*) a run must reach.</param>
/// <param name="Curves">Plain GD, heavy ball, Nesterov: the excess risk R − R* after every step.</param>
/// <param name="StepsToTarget">For each curve, the first step whose excess ratio is ≤ <paramref name="Target"/> (null: never, within the budget).</param>
public sealed record MomentumDemonstration(double ConditionNumber, double LearningRate, double Target, ImmutableArray<RiskCurve> Curves, ImmutableArray<long?> StepsToTarget);

/// <summary>One run of the SAM demonstration on <see cref="Demonstrations.ProductLandscape"/>.</summary>
/// <param name="Name">The optimiser.</param>
/// <param name="First">w₁ after each step (w₀ first).</param>
/// <param name="Second">w₂ after each step.</param>
/// <param name="Risk">f(w_t).</param>
/// <param name="MaxEigenvalue">λ_max(∇²f(w_T)) at the final point.</param>
/// <param name="Sharpness">The ρ-sharpness max_{‖ε‖ = ρ} f(w_T + ε) − f(w_T) at the final point (over 3600 directions).</param>
public sealed record SharpnessRun(string Name, ImmutableArray<double> First, ImmutableArray<double> Second, ImmutableArray<double> Risk, double MaxEigenvalue, double Sharpness)
{
    /// <summary>f(w_T).</summary>
    public double FinalRisk => Risk[^1];
}

/// <summary>SAM vs plain gradient steps from the same start on the valley of minima w₁w₂ = 1.</summary>
/// <param name="Radius">SAM's ρ (also the radius of the sharpness measure).</param>
/// <param name="LearningRate">η of both runs.</param>
/// <param name="Runs">Plain SGD rule, then SAM wrapping it.</param>
public sealed record SharpnessDemonstration(double Radius, double LearningRate, ImmutableArray<SharpnessRun> Runs);

public static partial class Demonstrations
{
    /// <summary>
    /// GD vs SGD vs mini-batch: binary logistic regression with ridge λ (Ω = ½λ‖w‖², bias not penalised) on
    /// <paramref name="data"/> (by default 400 rows, 4 standardised features, two overlapping Gaussian classes), trained by
    /// <see cref="Trainer.Epochs"/> from zeros with the plain SGD rule and a constant η in each mode for the same number
    /// of epochs. Per epoch, full batch takes 1 step, mini-batch ⌈n/k⌉ and per-sample n: after one epoch the stochastic modes
    /// are far ahead, and per-sample SGD ends on a noise floor above R* that the full-batch run approaches smoothly.
    /// </summary>
    /// <param name="data">Labelled (0/1) training data; null for the built-in synthetic set. Pass standardised features.</param>
    /// <param name="epochs">The epoch budget, ≥ 1.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="batchSize">k of the mini-batch run, in [1, n].</param>
    /// <param name="lambda">λ ≥ 0 of the ridge penalty.</param>
    /// <param name="seed">The seed of the synthetic data and of the shuffles.</param>
    /// <returns>R* and the three curves.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    /// <exception cref="ArgumentException">The data's targets are not 0/1.</exception>
    public static OptimizationModesDemonstration OptimizationModes(
        Dataset? data = null, int epochs = 30, double learningRate = 0.05, int batchSize = 16, double lambda = 0.01, ulong seed = 1)
    {
        if (!(learningRate > 0.0 && double.IsFinite(learningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"learningRate = {learningRate}; η is finite and > 0.");
        }

        data ??= SyntheticClasses(seed, 400, 4);
        var regularizer = Regularizer.Ridge(lambda);
        var optimum = LogisticRegression.FitNewton(data, regularizer);
        var model = TrainingModel.Logistic(new LinearModel(data.Columns));
        var optimalRisk = optimum.Risk;
        (string Name, TrainingMode Mode)[] modes =
            [("full batch (GD)", TrainingMode.FullBatch), ("per sample (SGD)", TrainingMode.PerSample), ($"mini-batch, k = {batchSize}", TrainingMode.MiniBatch)];
        var curves = ImmutableArray.CreateBuilder<RiskCurve>();
        foreach (var (name, mode) in modes)
        {
            var setup = new TrainingSetup(
                model, data, Optimizers.Sgd(), Schedules.Constant(learningRate), new TrainingOptions(epochs, mode, batchSize), regularizer, seed: seed);
            var states = Trainer.Epochs(setup).ToArray();
            curves.Add(new RiskCurve(name, [.. states.Select(s => s.Step)], [.. states.Select(s => s.TrainRisk)]));
        }

        return new OptimizationModesDemonstration(optimalRisk, learningRate, curves.ToImmutable());
    }

    /// <summary>
    /// Momentum vs none: least squares (mean ½(xᵀw − y)², no intercept) on 200 rows of two Gaussian features with standard
    /// deviations 1 and 1/√<paramref name="conditioning"/>, so the Hessian H = XᵀX/n has condition number ≈
    /// <paramref name="conditioning"/>. Full-batch GD from zeros with η = 1/λ_max(H): plain (the SGD rule without momentum),
    /// heavy ball (momentum <paramref name="momentum"/>) and Nesterov. Plain GD contracts the slow direction by (1 − 1/κ) per
    /// step; momentum by about √β, so it reaches the target in far fewer steps.
    /// </summary>
    /// <param name="steps">The step budget, ≥ 1.</param>
    /// <param name="momentum">β ∈ (0, 1).</param>
    /// <param name="conditioning">The intended κ, ≥ 1.</param>
    /// <param name="target">The excess-risk ratio to reach, in (0, 1).</param>
    /// <param name="seed">The data seed.</param>
    /// <returns>κ, η, the curves and the steps each run needs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    public static MomentumDemonstration Momentum(int steps = 2000, double momentum = 0.9, double conditioning = 100.0, double target = 1e-6, ulong seed = 1)
    {
        if (!(momentum > 0.0 && momentum < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum = {momentum}; β lies in (0, 1).");
        }

        if (!(conditioning >= 1.0 && double.IsFinite(conditioning)))
        {
            throw new ArgumentOutOfRangeException(nameof(conditioning), conditioning, $"conditioning = {conditioning}; κ is finite and ≥ 1.");
        }

        if (!(target > 0.0 && target < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"target = {target}; the ratio lies in (0, 1).");
        }

        const int rows = 200;
        var generator = new SeededGenerator(seed);
        var features = new double[rows * 2];
        var targets = new double[rows];
        var slow = 1.0 / Math.Sqrt(conditioning);
        for (var i = 0; i < rows; i++)
        {
            features[2 * i] = generator.NextGaussian();
            features[(2 * i) + 1] = slow * generator.NextGaussian();
            targets[i] = (2.0 * features[2 * i]) - (3.0 * features[(2 * i) + 1] / slow) + (0.1 * generator.NextGaussian());
        }

        var data = new Dataset(features, 2, targets);
        var (h11, h12, h22) = (0.0, 0.0, 0.0);
        for (var i = 0; i < rows; i++)
        {
            h11 += features[2 * i] * features[2 * i] / rows;
            h12 += features[2 * i] * features[(2 * i) + 1] / rows;
            h22 += features[(2 * i) + 1] * features[(2 * i) + 1] / rows;
        }

        var half = Math.Sqrt(((h11 - h22) * (h11 - h22) / 4.0) + (h12 * h12));
        var (largest, smallest) = (((h11 + h22) / 2.0) + half, ((h11 + h22) / 2.0) - half);
        var rate = 1.0 / largest;
        var linear = new LinearModel(2, Intercept: false);
        var optimum = LinearRegression.LeastSquares(data, intercept: false);
        var optimalRisk = linear.Objective(data, LinearRegression.SquaredError, Regularizer.None).Value(optimum);
        (string Name, Optimizer Optimizer)[] runs =
        [
            ("no momentum", Optimizers.Sgd()),
            ($"heavy ball, β = {Numerics.Format.Number(momentum)}", Optimizers.Sgd(momentum)),
            ($"Nesterov, β = {Numerics.Format.Number(momentum)}", Optimizers.Sgd(momentum, nesterov: true)),
        ];
        var curves = ImmutableArray.CreateBuilder<RiskCurve>();
        var reached = ImmutableArray.CreateBuilder<long?>();
        foreach (var (name, optimizer) in runs)
        {
            var setup = new TrainingSetup(
                TrainingModel.Linear(linear), data, optimizer, Schedules.Constant(rate), new TrainingOptions(steps, TrainingMode.FullBatch), seed: seed);
            var states = Trainer.Epochs(setup).ToArray();
            var excess = states.Select(s => Math.Max(0.0, s.TrainRisk - optimalRisk)).ToArray();
            curves.Add(new RiskCurve(name, [.. states.Select(s => s.Step)], [.. excess]));
            var first = Array.FindIndex(excess, e => e <= target * excess[0]);
            reached.Add(first < 0 ? null : states[first].Step);
        }

        return new MomentumDemonstration(largest / smallest, rate, target, curves.ToImmutable(), reached.ToImmutable());
    }

    /// <summary>
    /// The landscape of the SAM demonstration, a two-parameter product model: f(w) = ½(w₁w₂ − 1)². Its minima form the hyperbola
    /// w₁w₂ = 1, where ∇²f = (w₂, w₁)(w₂, w₁)ᵀ has λ_max = w₁² + w₂² ≥ 2: the balanced minima (±1, ±1) are the flattest.
    /// </summary>
    /// <param name="first">w₁.</param>
    /// <param name="second">w₂.</param>
    /// <param name="gradient">Receives ∇f(w) (two entries), or empty.</param>
    /// <returns>f(w).</returns>
    public static double ProductLandscape(double first, double second, Span<double> gradient)
    {
        var r = (first * second) - 1.0;
        if (!gradient.IsEmpty)
        {
            gradient[0] = r * second;
            gradient[1] = r * first;
        }

        return 0.5 * r * r;
    }

    /// <summary>λ_max of the Hessian of <see cref="ProductLandscape"/>: ∇²f = [[w₂², 2w₁w₂ − 1], [2w₁w₂ − 1, w₁²]].</summary>
    /// <param name="first">w₁.</param>
    /// <param name="second">w₂.</param>
    /// <returns>(w₁² + w₂²)/2 + √(((w₂² − w₁²)/2)² + (2w₁w₂ − 1)²).</returns>
    public static double ProductLandscapeMaxEigenvalue(double first, double second)
    {
        var (a, d, b) = (second * second, first * first, (2.0 * first * second) - 1.0);
        return ((a + d) / 2.0) + Math.Sqrt((((a - d) / 2.0) * ((a - d) / 2.0)) + (b * b));
    }

    /// <summary>
    /// SAM vs SGD (Foret et al. 2021) on <see cref="ProductLandscape"/>: both start at the unbalanced point
    /// (<paramref name="startFirst"/>, <paramref name="startSecond"/>) and take <paramref name="steps"/> steps of the plain SGD rule
    /// (exact gradients: there is no data noise in this toy), one with ∇f(w), one through <see cref="Optimizers.SharpnessAware"/>
    /// with ∇f(w + ρ·g/‖g‖). Gradient flow conserves w₁² − w₂², so plain steps stop at the sharp minimum nearest their start
    /// (λ_max ≈ 6.5 from (2.5, 0.1)); SAM keeps drifting along the valley towards the balanced minimum (λ_max → 2), at the price of
    /// a small residual f (its fixed points sit slightly off the valley).
    /// </summary>
    /// <param name="radius">ρ &gt; 0.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="steps">The step budget, ≥ 1.</param>
    /// <param name="startFirst">w₁ at the start, finite.</param>
    /// <param name="startSecond">w₂ at the start, finite.</param>
    /// <returns>Both runs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    public static SharpnessDemonstration SharpnessAware(double radius = 0.1, double learningRate = 0.05, int steps = 2000, double startFirst = 2.5, double startSecond = 0.1)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps = {steps}; the budget is at least 1.");
        }

        if (!double.IsFinite(startFirst) || !double.IsFinite(startSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(startFirst), (startFirst, startSecond), $"start = ({startFirst}, {startSecond}); w₀ is finite.");
        }

        var objective = Objective.From((w, g) => ProductLandscape(w[0], w[1], g));
        (string Name, Optimizer Optimizer)[] runs =
            [("SGD", Optimizers.Sgd()), ($"SAM, ρ = {Numerics.Format.Number(radius)}", Optimizers.SharpnessAware(Optimizers.Sgd(), radius))];
        var result = ImmutableArray.CreateBuilder<SharpnessRun>();
        foreach (var (name, optimizer) in runs)
        {
            double[] w = [startFirst, startSecond];
            var state = optimizer.Init(w);
            var (first, second, risk) = (new double[steps + 1], new double[steps + 1], new double[steps + 1]);
            var gradient = new double[2];
            (first[0], second[0]) = (w[0], w[1]);
            risk[0] = objective.ValueAndGradient(w, gradient);
            for (var t = 1; t <= steps; t++)
            {
                var step = optimizer.Step(w, gradient, state, learningRate, optimizer.RequiresObjective ? objective : null);
                state = step.State;
                w = [step.Parameters[0], step.Parameters[1]];
                (first[t], second[t]) = (w[0], w[1]);
                risk[t] = objective.ValueAndGradient(w, gradient);
            }

            var f = risk[^1];
            var worst = double.NegativeInfinity;
            const int directions = 3600;
            for (var k = 0; k < directions; k++)
            {
                var angle = 2.0 * Math.PI * k / directions;
                worst = Math.Max(worst, ProductLandscape(w[0] + (radius * Math.Cos(angle)), w[1] + (radius * Math.Sin(angle)), []));
            }

            result.Add(new SharpnessRun(name, [.. first], [.. second], [.. risk], ProductLandscapeMaxEigenvalue(w[0], w[1]), worst - f));
        }

        return new SharpnessDemonstration(radius, learningRate, result.ToImmutable());
    }

    // Two Gaussian classes N(±μ, I) with μ = (0.6, 0.4, 0.2, 0, …), standardised on themselves.
    private static Dataset SyntheticClasses(ulong seed, int rows, int columns)
    {
        var generator = new SeededGenerator(seed);
        var features = new double[rows * columns];
        var targets = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var label = i % 2;
            targets[i] = label;
            for (var j = 0; j < columns; j++)
            {
                var shift = Math.Max(0.0, 0.6 - (0.2 * j));
                features[(i * columns) + j] = (label == 1 ? shift : -shift) + generator.NextGaussian();
            }
        }

        var raw = new Dataset(features, columns, targets);
        return Standardizer.Fit(raw).Apply(raw);
    }
}
