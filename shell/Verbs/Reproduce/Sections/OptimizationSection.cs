using System.Globalization;
using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Training;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// Issue 5 "Demonstrations": GD vs SGD vs mini-batch on one logistic regression, momentum vs none on an ill-conditioned least-squares
/// problem, and SAM vs SGD on the valley of minima of w₁w₂ = 1 — every number from the core's training fold and optimizers.
/// </summary>
internal sealed class OptimizationSection : IReproduceSection
{
    private const string Black = "#111111";

    public string Name => "optimization";

    public string Title => "Optimisation: GD vs SGD vs mini-batch, momentum vs none, SAM vs SGD";

    public int Order => 62;

    public ReportSection Build()
    {
        var items = new List<ReportItem>();
        items.AddRange(Modes());
        items.AddRange(Momentum());
        items.AddRange(Sam());
        return new ReportSection(
            Name,
            Title,
            "Three experiments with the core's pure training fold (Trainer.Epochs) and optimizers. First, the same logistic regression "
            + "trained for the same number of epochs by full-batch gradient descent, per-sample SGD and mini-batch SGD, all with the plain "
            + "SGD rule and a constant rate. Second, full-batch gradient descent on an ill-conditioned least-squares problem with and "
            + "without momentum. Third, sharpness-aware minimisation against plain steps on a landscape whose minima differ in sharpness.",
            items);
    }

    private static IEnumerable<ReportItem> Modes()
    {
        var demo = Demonstrations.OptimizationModes();
        var epochs = demo.Curves[0].Risk.Length - 1;
        var perEpoch = demo.Curves.Select(c => new Series(c.Name, [.. Enumerable.Range(0, c.Risk.Length).Select(e => (double)e)], [.. c.Risk.Select(r => r - demo.OptimalRisk)], SeriesKind.LineMarkers)).ToArray();
        yield return new Figure(
            "optimization-modes",
            $"Excess risk R − R* after each epoch (R* = {demo.OptimalRisk.ToString("G6", CultureInfo.InvariantCulture)}, by Newton's method). After one epoch per-sample SGD has taken 400 steps and is nearly done; "
            + "full-batch GD has taken one. With a constant rate, per-sample SGD then stalls on its noise floor while the mini-batch run keeps improving.",
            new Chart("Same epochs: full batch, per sample, mini-batch", new Axis("epoch"), new Axis("excess risk R − R* (log scale)", AxisScale.Log), perEpoch, Width: 820));
        var perStep = demo.Curves.Select(c => new Series(c.Name, [.. c.Steps.Select(s => (double)s)], [.. c.Risk.Select(r => r - demo.OptimalRisk)], SeriesKind.LineMarkers)).ToArray();
        yield return new Figure(
            "optimization-modes-steps",
            "The same runs against the number of updates: per update, the full gradient is the most effective, but each one costs a pass over the data.",
            new Chart("Per update", new Axis("updates (log scale)", AxisScale.Log, Min: 1), new Axis("excess risk R − R* (log scale)", AxisScale.Log), perStep, Width: 820));
        yield return new Table(
            "optimization-modes",
            $"Logistic regression with ridge λ = 0.01 on 400 standardised rows of 4 features (two overlapping Gaussian classes, seed 1), η = {demo.LearningRate.ToString("R", CultureInfo.InvariantCulture)}, {epochs} epochs, from zeros.",
            ["mode", "updates", "risk after epoch 1", "final risk", "final R − R*"],
            [.. demo.Curves.Select(c => (IReadOnlyList<Cell>)[Cell.Of(c.Name), Cell.Of(c.Steps[^1].ToString(CultureInfo.InvariantCulture)), Cell.Of(c.Risk[1]), Cell.Of(c.Risk[^1]), Cell.Of(c.Risk[^1] - demo.OptimalRisk)])]);
    }

    private static IEnumerable<ReportItem> Momentum()
    {
        var demo = Demonstrations.Momentum();
        const int shown = 1000;
        var series = demo.Curves.Select(c => new Series(c.Name, [.. c.Steps.Take(shown + 1).Select(s => (double)s)], [.. c.Risk.Take(shown + 1)])).ToList();
        series.Add(new Series("target", [0, shown], [demo.Target * demo.Curves[0].Risk[0], demo.Target * demo.Curves[0].Risk[0]], Dashed: true, Color: Black));
        yield return new Figure(
            "optimization-momentum",
            $"Excess risk per step at η = 1/λ_max on a problem with condition number κ = {demo.ConditionNumber.ToString("F0", CultureInfo.InvariantCulture)}. Plain GD crawls along the flat direction at (1 − 1/κ) per step; momentum's rate is about √β.",
            new Chart("Momentum vs none on an ill-conditioned quadratic", new Axis("step"), new Axis("excess risk R − R* (log scale)", AxisScale.Log, Min: 1e-12), series, Width: 820));
        yield return new Table(
            "optimization-momentum",
            $"Steps to reduce the excess risk to {demo.Target.ToString("G", CultureInfo.InvariantCulture)} of its initial value: least squares on 200 rows of two Gaussian features with standard deviations 1 and 0.1 (no intercept), η = 1/λ_max = {demo.LearningRate.ToString("G6", CultureInfo.InvariantCulture)}.",
            ["optimizer", "steps to target"],
            [.. demo.Curves.Select((c, i) => (IReadOnlyList<Cell>)[Cell.Of(c.Name), demo.StepsToTarget[i] is { } s ? Cell.Of(s.ToString(CultureInfo.InvariantCulture)) : Cell.Of("not reached")])]);
    }

    private static IEnumerable<ReportItem> Sam()
    {
        var demo = Demonstrations.SharpnessAware();
        var valleyX = Grid.Linspace(0.3, 3.0, 271);
        var paths = new List<Series> { Series.Of("minima w₁w₂ = 1", valleyX, v => 1.0 / v, dashed: true, color: Black) };
        paths.AddRange(demo.Runs.Select(r => new Series(r.Name, [.. r.First], [.. r.Second])));
        paths.Add(new Series("start", [demo.Runs[0].First[0]], [demo.Runs[0].Second[0]], SeriesKind.Scatter, Color: Black));
        yield return new Figure(
            "optimization-sam-paths",
            "Both runs fall into the valley of minima near their start; plain steps stop there (gradient flow conserves w₁² − w₂²), SAM keeps drifting along the valley towards the balanced minimum (1, 1).",
            new Chart("Paths in the (w₁, w₂) plane on f = ½(w₁w₂ − 1)²", new Axis("w₁", Min: 0, Max: 3), new Axis("w₂", Min: 0, Max: 3), paths, Width: 700, Height: 560));
        var sharpness = demo.Runs.Select(r => new Series(
            r.Name,
            [.. Enumerable.Range(0, r.Risk.Length).Select(t => (double)t)],
            [.. Enumerable.Range(0, r.Risk.Length).Select(t => Demonstrations.ProductLandscapeMaxEigenvalue(r.First[t], r.Second[t]))])).ToList();
        sharpness.Add(new Series("flattest minimum, λ_max = 2", [0, demo.Runs[0].Risk.Length - 1], [2, 2], Dashed: true, Color: Black));
        yield return new Figure(
            "optimization-sam-sharpness",
            "The sharpness λ_max of the Hessian along each run: SGD settles at the sharpness of the minimum it reached first, SAM keeps lowering it towards 2.",
            new Chart("Sharpness along the runs", new Axis("step"), new Axis("λ_max(∇²f(w_t))", Min: 0), sharpness, Width: 820));
        yield return new Table(
            "optimization-sam",
            $"Final points after {demo.Runs[0].Risk.Length - 1} steps from (2.5, 0.1), η = {demo.LearningRate.ToString("R", CultureInfo.InvariantCulture)}, ρ = {demo.Radius.ToString("R", CultureInfo.InvariantCulture)}: f, the Hessian's largest eigenvalue, and the ρ-sharpness max over ‖ε‖ = ρ of f(w + ε) − f(w). SAM pays a small residual f for a much flatter point.",
            ["optimizer", "w₁", "w₂", "f(w)", "λ_max", "ρ-sharpness"],
            [.. demo.Runs.Select(r => (IReadOnlyList<Cell>)[Cell.Of(r.Name), Cell.Of(r.First[^1]), Cell.Of(r.Second[^1]), Cell.Of(r.FinalRisk), Cell.Of(r.MaxEigenvalue), Cell.Of(r.Sharpness)])]);
    }
}

internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Optimization = Add(new OptimizationSection());
}
