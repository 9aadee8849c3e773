using System.Globalization;
using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Training;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// SEEDS.md §7–8 and issue 5 "Demonstrations": polynomial fits of degree 1, 2, 4, 9 to ten noisy points of sin(2πx), the
/// training and test error and ‖w‖ over a sweep of degrees, and the repairs: ridge (L2) and early stopping — every number from
/// <see cref="Demonstrations.Overfitting"/> and <see cref="Demonstrations.EarlyStopping"/>.
/// </summary>
internal sealed class OverfittingSection : IReproduceSection
{
    private const string Black = "#111111";

    public string Name => "overfitting";

    public string Title => "Overfitting: polynomial degree, test error, ‖w‖, and the L2 and early-stopping repairs";

    public int Order => 51;

    public ReportSection Build()
    {
        var shown = Demonstrations.Overfitting();
        var sweep = Demonstrations.Overfitting(degrees: [.. Enumerable.Range(0, 10)]);
        var stopped = Demonstrations.EarlyStopping();
        var plain = sweep.Fits.Where(f => f.Lambda == 0.0).ToArray();
        var ridge = sweep.Fits.Where(f => f.Lambda > 0.0).ToArray();
        var lambda = ridge[0].Lambda.ToString("R", CultureInfo.InvariantCulture);
        var x = Grid.Linspace(0, 1, 401);
        var truth = Series.Of("sin(2πx)", x, v => Math.Sin(2 * Math.PI * v), dashed: true, color: Black);
        var points = new Series("training points", shown.TrainX, shown.TrainY, SeriesKind.Scatter, Color: Black);

        var fits = shown.Fits.Where(f => f.Lambda == 0.0).Select(f => Series.Of($"degree {f.Degree}", x, f.Predict)).ToList();
        var fitsChart = new Chart(
            "Least-squares polynomials through 10 noisy points", new Axis("x"), new Axis("y", Min: -2, Max: 2), [points, truth, .. fits]);

        double[] degrees = [.. plain.Select(f => (double)f.Degree)];
        var errorChart = new Chart(
            "Mean squared error against the degree",
            new Axis("degree d"),
            new Axis("MSE (log scale)", AxisScale.Log, Min: 1e-4, Max: 10),
            [
                new Series("train, λ = 0", degrees, [.. plain.Select(f => f.TrainMse)], SeriesKind.LineMarkers),
                new Series("test, λ = 0", degrees, [.. plain.Select(f => f.TestMse)], SeriesKind.LineMarkers),
                new Series($"train, λ = {lambda}", degrees, [.. ridge.Select(f => f.TrainMse)], SeriesKind.LineMarkers, Dashed: true),
                new Series($"test, λ = {lambda}", degrees, [.. ridge.Select(f => f.TestMse)], SeriesKind.LineMarkers, Dashed: true),
            ]);
        var normChart = new Chart(
            "The weights' norm ‖w‖ against the degree",
            new Axis("degree d"),
            new Axis("‖w‖₂ (log scale)", AxisScale.Log),
            [
                new Series("λ = 0", degrees.Skip(1).ToArray(), [.. plain.Skip(1).Select(f => f.WeightNorm)], SeriesKind.LineMarkers),
                new Series($"ridge, λ = {lambda}", degrees.Skip(1).ToArray(), [.. ridge.Skip(1).Select(f => f.WeightNorm)], SeriesKind.LineMarkers, Dashed: true),
            ]);

        var nine = plain[9];
        var nineRidge = ridge[9];
        var repairChart = new Chart(
            "Degree 9: interpolation, ridge and early stopping",
            new Axis("x"),
            new Axis("y", Min: -2, Max: 2),
            [
                points,
                truth,
                Series.Of("λ = 0 (interpolates)", x, nine.Predict),
                Series.Of($"ridge, λ = {lambda}", x, nineRidge.Predict),
                Series.Of($"early stopping, epoch {stopped.BestEpoch}", x, stopped.Predict),
            ]);

        double[] epochs = [.. Enumerable.Range(0, stopped.TrainMse.Length).Select(e => (double)e)];
        var stoppingChart = new Chart(
            "Degree 9 trained by gradient descent: the validation error turns",
            new Axis("epoch (full-batch step)", AxisScale.Log, Min: 1),
            new Axis("MSE (log scale)", AxisScale.Log, Min: 1e-4, Max: 10),
            [
                new Series("train", epochs, [.. stopped.TrainMse]),
                new Series("validation", epochs, [.. stopped.ValidationMse]),
                new Series("test", epochs, [.. stopped.TestMse], Dashed: true),
                new Series("best validation epoch", [stopped.BestEpoch, stopped.BestEpoch], [1e-4, 10], Dashed: true, Color: Black),
            ]);

        var rows = sweep.Fits.Select(f => (IReadOnlyList<Cell>)[
            Cell.Of(f.Degree.ToString(CultureInfo.InvariantCulture)), Cell.Of(f.Lambda), Cell.Of(f.TrainMse), Cell.Of(f.TestMse), Cell.Of(f.WeightNorm)]).ToList();
        rows.Add([Cell.Of("9"), Cell.Of($"early stopping (epoch {stopped.BestEpoch})"), Cell.Of(stopped.TrainMse[stopped.BestEpoch]), Cell.Of(stopped.TestMse[stopped.BestEpoch]), Cell.Of(stopped.WeightNorm)]);
        var table = new Table(
            "overfitting-sweep",
            $"Each degree's least-squares fit (λ = 0), then its ridge fit (λ = {lambda}, of the mean loss), then degree 9 stopped early: "
            + "training and test MSE and ‖w‖₂ of the feature weights (intercept excluded). Seed 1, 10 training points, 100 test points, σ = 0.3.",
            ["degree", "λ", "train MSE", "test MSE", "‖w‖₂"],
            rows);

        return new ReportSection(
            Name,
            Title,
            "Ten points of sin(2πx) + N(0, 0.3²) on [0, 1], fitted by least squares on scaled monomials t, t², …, t^d (t = 2x − 1). "
            + "The training error falls with every degree and reaches 0 at d = 9, where the polynomial interpolates the noise; the "
            + "test error (100 fresh points) falls until d ≈ 3–4 and then rises, and ‖w‖ jumps by orders of magnitude. A small ridge "
            + "penalty keeps the weights small and the test error low at every degree; so does stopping gradient descent when the "
            + "error on 20 separate validation points stops improving (there on Chebyshev features, which let gradient descent reach the interpolant within 2000 steps).",
            [
                new Figure("overfitting-fits", "Degrees 1 and 2 underfit, 4 is close to sin(2πx), 9 passes through every point and swings between them.", fitsChart),
                new Figure("overfitting-mse", "Training MSE falls monotonically; test MSE has its minimum at a middle degree and rises at 9 (the degree-9 training MSE, about 1e-27, is below the axis). Dashed: the same with ridge.", errorChart),
                new Figure("overfitting-norm", "‖w‖ grows by orders of magnitude as the fit starts to interpolate; ridge holds it down.", normChart),
                new Figure("overfitting-repairs", "The degree-9 fit without and with the repairs: ridge and early stopping both give a smooth curve close to sin(2πx).", repairChart),
                new Figure("overfitting-early-stopping", "Full-batch gradient descent on the degree-9 features: the training error keeps falling while the validation error reaches its minimum and rises again; early stopping keeps the best validation epoch. The training MSE goes on down to about 1e-30, below the axis.", stoppingChart),
                table,
            ]);
    }
}

internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Overfitting = Add(new OverfittingSection());
}
