using Functional.Estimation;
using Functional.Shell.Plots;
using Functional.Shell.Reports;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// SEEDS.md §1 and §6: the coin table (κ = H/(H+T)) with its log-likelihood curves, the "no homework" MAP, and the
/// location estimators L2 → mean, L1 → median, Huber → in between on a sample with an outlier.
/// </summary>
internal sealed class EstimationSection : IReproduceSection
{
    private static readonly (int Heads, int Tails)[] Coins = [(53, 47), (55, 45), (49, 51), (41, 59), (39, 61), (27, 73), (0, 100)];

    private static readonly (string Explanation, double Prior)[] Homework =
        [("lazy", 0.8), ("grandma sick", 0.19), ("dog ate it", 0.0099), ("aliens", 0.0001)];

    public string Name => "estimation";

    public string Title => "Maximum likelihood and MAP: the coin table, the no-homework MAP, mean/median/Huber";

    public int Order => 11;

    public ReportSection Build()
    {
        var coinRows = Coins.Select((c, i) =>
        {
            var fit = Mle.Bernoulli(c.Heads, c.Tails);
            return (IReadOnlyList<Cell>)[Cell.Of(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Cell.Of(c.Heads), Cell.Of(c.Tails), Cell.Of(fit.Distribution.P), Cell.Of(fit.LogLikelihood)];
        }).ToArray();
        var coinTable = new Table(
            "estimation-coin-table",
            "The lecture's coins: κ̂ = H/(H + T) maximises l(κ) = H log κ + T log(1 − κ) (Mle.Bernoulli). The all-tails coin gets κ̂ = 0 and l = 0.",
            ["coin", "heads", "tails", "κ̂ (MLE)", "max log-likelihood (nats)"],
            coinRows);

        var kappa = Grid.Linspace(0.005, 0.995, 199);
        var curves = Coins.Take(6).Select(c => Series.Of(
            $"H = {c.Heads}, T = {c.Tails}", kappa, k => (c.Heads * Math.Log(k)) + (c.Tails * Math.Log(1.0 - k)))).ToArray();
        var curveChart = new Chart("Log-likelihood of κ for each coin: the maximum sits at H/(H+T)", new Axis("κ"), new Axis("l(κ) (nats)", Min: -300, Max: 0), curves);

        var posterior = Bayes.FromProbabilities(Homework.Select(h => h.Prior).ToArray(), Homework.Select(_ => 1.0).ToArray());
        var probabilities = posterior.Probabilities();
        var homeworkTable = new Table(
            "estimation-no-homework-map",
            $"Every explanation explains the missing homework (likelihood 1), so the posterior is the prior and the MAP is \"{Homework[posterior.MapIndex].Explanation}\" (Bayes.FromProbabilities, in log space).",
            ["explanation", "prior", "likelihood", "posterior", "MAP"],
            Homework.Select((h, i) => (IReadOnlyList<Cell>)[Cell.Of(h.Explanation), Cell.Of(h.Prior), Cell.Of(1.0), Cell.Of(probabilities[i]), Cell.Of(i == posterior.MapIndex ? "←" : "")]).ToArray());

        double[] sample = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 30.0];
        var deltas = Grid.Linspace(0.1, 10.0, 100);
        var mean = Location.L2(sample).Estimate;
        var median = Location.L1(sample).Estimate;
        var locationChart = new Chart(
            "Huber(δ) location estimate: from the median to the mean",
            new Axis("δ"),
            new Axis("μ̂"),
            [
                Series.Of("Huber(δ)", deltas, d => Location.Huber(sample, d).Estimate),
                Series.Of("L2: mean", deltas, _ => mean, dashed: true),
                Series.Of("L1: median", deltas, _ => median, dashed: true),
            ]);
        var locationTable = new Table(
            "estimation-location-estimates",
            "The minimiser of Σ ρ(x_i − μ) for the sample 1, 1.5, 2, 2.5, 3, 3.5, 4, 30.",
            ["ρ", "μ̂"],
            [[Cell.Of("L2 (mean)"), Cell.Of(mean)], [Cell.Of("L1 (median)"), Cell.Of(median)], [Cell.Of("Huber, δ = 1"), Cell.Of(Location.Huber(sample, 1.0).Estimate)], [Cell.Of("Huber, δ = 5"), Cell.Of(Location.Huber(sample, 5.0).Estimate)]]);

        return new ReportSection(
            Name,
            Title,
            "Maximum likelihood picks the parameter under which the data are most probable; MAP adds a prior and picks the "
            + "posterior mode. With squared error the best location is the mean, with absolute error the median, and Huber's loss "
            + "lies in between: an outlier drags the mean but not the median.",
            [
                coinTable,
                new Figure("estimation-coin-log-likelihood", "l(κ) for six coins; each peaks at its κ̂ = H/(H+T).", curveChart),
                homeworkTable,
                locationTable,
                new Figure("estimation-location-huber", "Huber's location estimate as δ grows: near the median for small δ, the mean for large δ.", locationChart),
            ]);
    }
}

/// <content>Registers <see cref="EstimationSection"/>.</content>
internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Estimation = Add(new EstimationSection());
}
