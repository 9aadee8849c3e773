using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Training;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// Issue 5 "Demonstrations": a line with 10 % gross outliers fitted with L2, L1, Huber, Welsch and Barron (α fixed, and α
/// adapted through Barron's likelihood) — every number from <see cref="Demonstrations.RobustRegression"/>.
/// </summary>
internal sealed class RobustSection : IReproduceSection
{
    private const string Black = "#111111";

    public string Name => "robust";

    public string Title => "Robust regression: a line with 10 % outliers under L2, L1, Huber, Welsch and Barron";

    public int Order => 52;

    public ReportSection Build()
    {
        var demo = Demonstrations.RobustRegression();
        var inliers = Enumerable.Range(0, demo.X.Length).Where(i => !demo.Outliers[i]).ToArray();
        var outliers = Enumerable.Range(0, demo.X.Length).Where(i => demo.Outliers[i]).ToArray();
        var x = Grid.Linspace(0, demo.Length, 101);
        var series = new List<Series>
        {
            new("inliers", [.. inliers.Select(i => demo.X[i])], [.. inliers.Select(i => demo.Y[i])], SeriesKind.Scatter, Color: "#777777"),
            new("outliers", [.. outliers.Select(i => demo.X[i])], [.. outliers.Select(i => demo.Y[i])], SeriesKind.Scatter, Color: "#d62728"),
            Series.Of(FormattableString.Invariant($"true line y = {demo.TrueIntercept} + {demo.TrueSlope}x"), x, v => demo.TrueIntercept + (demo.TrueSlope * v), dashed: true, color: Black),
        };
        series.AddRange(demo.Fits.Select((f, i) => Series.Of(f.Name, x, f.Predict, dashed: i >= 4)));
        var chart = new Chart("A line with 10 % gross outliers, fitted with eight losses", new Axis("x"), new Axis("y"), series, Width: 860, Height: 500);
        var zoom = new Chart(
            "The same fits near the inliers",
            new Axis("x"),
            new Axis("y", Min: -1, Max: 9),
            [series[0], .. series.Skip(2)],
            Width: 860,
            Height: 500);

        var table = new Table(
            "robust-fits",
            "Each fit's intercept â and slope b̂ (true 1 and 0.5), Barron's α, and the line error √((1/L)∫₀ᴸ(Δa + Δb·x)² dx), the RMS "
            + "vertical distance from the true line over the data's range L = 10. Seed 1, 60 points, σ = 0.5, 6 outliers pushed up by 10–20.",
            ["loss", "intercept â", "slope b̂", "α", "line error"],
            [.. demo.Fits.Select(f => (IReadOnlyList<Cell>)[
                Cell.Of(f.Name), Cell.Of(f.Intercept), Cell.Of(f.Slope), f.Alpha is { } a ? Cell.Of(a) : Cell.Of("—"), Cell.Of(f.LineError)])]);

        return new ReportSection(
            Name,
            Title,
            "Sixty points on y = 1 + 0.5x with N(0, 0.5²) noise, six of them (10 %, chosen by the seed) pushed up by 10 to 20. Least "
            + "squares is dragged towards the outliers (line error 1.6); L1, solved exactly, and Huber bound each point's pull; "
            + "Welsch and Barron with α ≤ 0 let the far points go entirely (line error ≈ 0.12). The smooth losses are minimised by "
            + "L-BFGS from the L1 line. For the adapted fit, α ∈ (0, 2) is a parameter of Barron's density exp(−ρ)/(c·Z(α)) and is "
            + "fitted with the line by minimising the negative log-likelihood (the loss alone would push α down without limit); the "
            + "outliers' heavy tail drives it towards 0, the Cauchy loss.",
            [
                new Figure("robust-fits", "All points, the true line (dashed black) and each fit. L2 runs above the inliers; every other fit lies on the true line.", chart),
                new Figure("robust-fits-zoom", "The same near the inliers: L1 and Huber still lean slightly towards the outliers; Welsch and Barron α ≤ 0 do not.", zoom),
                table,
            ]);
    }
}

internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Robust = Add(new RobustSection());
}
