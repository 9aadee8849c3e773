using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Shell.Store;
using Functional.Shell.Sweeps;

namespace Functional.Shell.Verbs.Batch;

/// <summary>One run of the sweep as ranked.</summary>
/// <param name="Run">The store's entry.</param>
/// <param name="Swept">The run's value of each swept path (compact JSON), in column order.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="TrainLoss">Final training loss.</param>
/// <param name="ValidationLoss">Final validation loss, if any.</param>
/// <param name="Accuracy">Final accuracy, if any.</param>
internal sealed record RankedRun(RunEntry Run, IReadOnlyList<string> Swept, int? Epochs, double? TrainLoss, double? ValidationLoss, double? Accuracy)
{
    /// <summary>What runs are ranked by: the validation loss, else the training loss; NaN sorts last.</summary>
    public double Key => ValidationLoss ?? TrainLoss ?? double.NaN;
}

/// <summary>
/// The end of a sweep: its finished runs ranked by validation loss (the training loss for runs without validation data;
/// ties by sweep position; NaN last), with the values of the swept paths — the dotted config paths whose values differ
/// between runs of the sweep.
/// </summary>
/// <param name="SweptPaths">The swept config paths (table columns).</param>
/// <param name="Runs">The finished runs, best first.</param>
/// <param name="Total">Runs in the whole sweep.</param>
internal sealed record Ranking(IReadOnlyList<string> SweptPaths, IReadOnlyList<RankedRun> Runs, int Total)
{
    /// <summary>Ranks what the store holds of <paramref name="runs"/> (the whole sweep, every shard).</summary>
    public static async Task<Ranking> ReadAsync(RunStore store, string sweep, IReadOnlyList<SweepRun> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runs);
        var paths = FindSweptPaths(runs.Select(r => r.Config).ToList());
        var configs = runs.ToDictionary(r => r.RunId, r => r.Config, StringComparer.Ordinal);
        var ranked = (await store.ListRunsAsync(sweep, cancellationToken))
            .Where(r => r.Status == RunStatus.Finished && configs.ContainsKey(r.RunId))
            .Select(r =>
            {
                var (epochs, train, validation, accuracy, _) = RunSummary.Read(r.SummaryJson);
                var leaves = Leaves(configs[r.RunId]);
                return new RankedRun(r, paths.Select(p => leaves.TryGetValue(p, out var v) ? v : "").ToArray(), epochs, train, validation, accuracy);
            })
            .OrderBy(r => double.IsNaN(r.Key) ? 1 : 0)
            .ThenBy(r => r.Key)
            .ThenBy(r => r.Run.Index)
            .ToList();
        return new Ranking(paths, ranked, runs.Count);
    }

    /// <summary>The best run, or null when none has finished.</summary>
    public RankedRun? Best => Runs.Count > 0 ? Runs[0] : null;

    /// <summary>The ranking as a table (the CSV file holds the numbers in full).</summary>
    public Table Table()
    {
        string[] columns = ["rank", "run", .. SweptPaths, "epochs", "train loss", "validation loss", "accuracy"];
        var rows = Runs.Select((r, i) => (IReadOnlyList<Cell>)[
            Cell.Of(i + 1, 17),
            Cell.Of(r.Run.RunId),
            .. r.Swept.Select(Cell.Of),
            r.Epochs is { } e ? Cell.Of(e, 17) : Cell.Of(""),
            Number(r.TrainLoss),
            Number(r.ValidationLoss),
            Number(r.Accuracy)]).ToList();
        return new Table("ranking", "runs ranked by validation loss", columns, rows);
    }

    /// <summary>The table aligned for a terminal: text left, numbers right.</summary>
    public string Text()
    {
        var table = Table();
        var all = table.Rows.Select(r => r.Select(c => c.Display).ToArray()).Prepend([.. table.Columns]).ToArray();
        var widths = Enumerable.Range(0, table.Columns.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        var numeric = Enumerable.Range(0, table.Columns.Count).Select(c => table.Rows.All(r => r[c].Text is null or "")).ToArray();
        var lines = new List<string>();
        for (var r = 0; r < all.Length; r++)
        {
            lines.Add(string.Join("  ", all[r].Select((cell, c) => numeric[c] && c > 0 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
            if (r == 0)
            {
                lines.Add(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        return string.Join('\n', lines) + '\n';
    }

    /// <summary>The best run's config, indented JSON.</summary>
    public string? BestConfigJson()
        => Best is null ? null : JsonNode.Parse(Best.Run.ConfigJson)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>An SVG overlaying the validation-loss curves (training loss without validation data) of the best <paramref name="count"/> runs.</summary>
    public async Task<string?> CurvesSvgAsync(RunStore store, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var series = new List<Series>();
        var histories = new List<(RankedRun Run, IReadOnlyList<EpochEntry> Epochs)>();
        foreach (var run in Runs.Take(count))
        {
            histories.Add((run, await store.GetEpochsAsync(run.Run.RunId, cancellationToken)));
        }

        // The training fold records validation_risk / train_risk; other writers may say _loss.
        var names = histories.SelectMany(h => h.Epochs.SelectMany(e => e.Metrics.Select(m => m.Key))).ToHashSet(StringComparer.Ordinal);
        var metric = CurveMetrics.FirstOrDefault(names.Contains);
        if (metric is null)
        {
            return null;
        }

        foreach (var (run, epochs) in histories)
        {
            var points = epochs
                .Select(e => (e.Epoch, Value: e.Metrics.FirstOrDefault(m => m.Key == metric)))
                .Where(p => p.Value.Key is not null)
                .ToList();
            if (points.Count > 0)
            {
                series.Add(new Series(run.Run.RunId, points.Select(p => (double)p.Epoch).ToArray(), points.Select(p => p.Value.Value).ToArray(), points.Count == 1 ? SeriesKind.LineMarkers : SeriesKind.Line));
            }
        }

        if (series.Count == 0)
        {
            return null;
        }

        var values = series.SelectMany(s => s.Y).Where(double.IsFinite).DefaultIfEmpty(1.0).ToArray();
        var log = values.All(v => v > 0.0) && values.Max() / values.Min() > 100.0;
        var label = metric.Replace('_', ' ');
        return SvgChart.Render(new Chart(
            $"{label} of the best {series.Count} runs", new Axis("epoch"), new Axis(label, log ? AxisScale.Log : AxisScale.Linear), series));
    }

    /// <summary>The dotted paths of leaf values that differ between <paramref name="configs"/>, in order of first appearance.</summary>
    public static IReadOnlyList<string> FindSweptPaths(IReadOnlyList<JsonObject> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var leaves = configs.Select(Leaves).ToList();
        var order = leaves.SelectMany(l => l.Keys).Distinct(StringComparer.Ordinal);
        return order.Where(p => leaves.Select(l => l.TryGetValue(p, out var v) ? v : null).Distinct(StringComparer.Ordinal).Skip(1).Any()).ToArray();
    }

    private static Dictionary<string, string> Leaves(JsonObject config)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string path)
        {
            if (node is JsonObject o)
            {
                foreach (var (key, child) in o)
                {
                    Walk(child, path.Length == 0 ? key : $"{path}.{key}");
                }
            }
            else
            {
                leaves[path] = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";
            }
        }

        Walk(config, "");
        return leaves;
    }

    private static readonly string[] CurveMetrics = ["validation_risk", "validation_loss", "train_risk", "train_loss"];

    private static Cell Number(double? value) => value is { } v ? Cell.Of(v) : Cell.Of("");
}
