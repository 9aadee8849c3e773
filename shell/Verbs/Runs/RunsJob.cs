using System.Globalization;
using System.Text;
using System.Text.Json;
using Functional.Shell.Hosting;
using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Shell.Store;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Runs;

/// <summary>Opens the run store and lists, shows, compares or exports runs; writes nothing into the store.</summary>
internal sealed class RunsJob(IOptions<RunsOptions> options, ShellContext shell) : IVerbJob
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var location = RunStore.IsPostgres(settings.Store) ? settings.Store : Path.GetFullPath(Path.Combine(shell.SettingsDirectory, settings.Store));
        if (!RunStore.IsPostgres(location) && !File.Exists(location))
        {
            // Reading must not create an empty store where the user mistyped a path.
            throw new ShellInputException($"no run store at {location} (functional batch and train write one; --store names another).");
        }

        await using var store = await RunStore.OpenAsync(location, cancellationToken: cancellationToken);
        switch (settings.Action)
        {
            case "show":
                await ShowAsync(store, settings.Ids[0], cancellationToken);
                break;
            case "compare":
                await CompareAsync(store, settings, cancellationToken);
                break;
            case "export":
                await ExportAsync(store, settings, cancellationToken);
                break;
            default:
                await ListAsync(store, settings.Sweep, cancellationToken);
                break;
        }

        await shell.Out.FlushAsync(cancellationToken);
        return ExitCodes.Done;
    }

    private async Task ListAsync(RunStore store, string? sweep, CancellationToken cancellationToken)
    {
        var runs = await store.ListRunsAsync(sweep, cancellationToken);
        if (runs.Count == 0)
        {
            await shell.Out.WriteLineAsync(sweep is null ? "The store holds no runs." : $"The store holds no runs of sweep '{sweep}'.");
            return;
        }

        var rows = runs.Select(r => new[] { r.RunId, r.Sweep, r.Status.ToString().ToLowerInvariant(), Number(r.EpochsDone), Number(r.ValidationLoss) });
        await WriteTableAsync(["run", "sweep", "status", "epochs", "validation loss"], rows);
        var counts = runs.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        await shell.Out.WriteLineAsync($"{runs.Count} runs: {string.Join(", ", counts)}.");
    }

    private async Task ShowAsync(RunStore store, string id, CancellationToken cancellationToken)
    {
        var run = await FindAsync(store, id, cancellationToken);
        var epochs = await store.GetEpochsAsync(id, cancellationToken);
        await shell.Out.WriteLineAsync($"run {run.RunId} (sweep {run.Sweep}, #{run.Index}): {run.Status.ToString().ToLowerInvariant()}, {run.EpochsDone} epochs");
        await shell.Out.WriteLineAsync("config:");
        await shell.Out.WriteLineAsync(Indent(Pretty(run.ConfigJson)));
        if (run.SummaryJson is { } summary)
        {
            await shell.Out.WriteLineAsync("summary:");
            await shell.Out.WriteLineAsync(Indent(Pretty(summary)));
        }

        if (epochs.Count > 0)
        {
            var names = epochs.SelectMany(e => e.Metrics.Select(m => m.Key)).Distinct().Where(NotTheEpoch).ToArray();
            await WriteTableAsync(
                ["epoch", .. names],
                epochs.Select(e => (string[])[Number(e.Epoch), .. names.Select(n => Number(Value(e, n)))]));
        }
    }

    private async Task CompareAsync(RunStore store, RunsOptions settings, CancellationToken cancellationToken)
    {
        var runs = new List<(RunEntry Run, IReadOnlyList<EpochEntry> Epochs)>();
        foreach (var id in settings.Ids)
        {
            runs.Add((await FindAsync(store, id, cancellationToken), await store.GetEpochsAsync(id, cancellationToken)));
        }

        var names = runs.SelectMany(r => r.Epochs.SelectMany(e => e.Metrics.Select(m => m.Key))).Distinct().Where(NotTheEpoch).ToArray();
        // batch records the training fold's names (validation_risk, train_risk) after the epoch and step counters.
        var metric = settings.Metric
            ?? PreferredMetrics.FirstOrDefault(names.Contains)
            ?? names.FirstOrDefault(n => n is not ("epoch" or "step"))
            ?? names.FirstOrDefault();
        if (metric is null)
        {
            throw new ShellInputException($"none of the runs {string.Join(", ", settings.Ids)} has a recorded epoch to compare.");
        }

        if (!names.Contains(metric))
        {
            throw new ShellInputException($"--metric {metric}: no such metric; the runs record {string.Join(", ", names)}.");
        }

        await WriteTableAsync(
            ["run", "status", "epochs", .. names.Select(n => "last " + n)],
            runs.Select(r => (string[])[
                r.Run.RunId,
                r.Run.Status.ToString().ToLowerInvariant(),
                Number(r.Run.EpochsDone),
                .. names.Select(n => Number(r.Epochs.Count == 0 ? null : Value(r.Epochs[^1], n)))]));

        var series = runs
            .Where(r => r.Epochs.Count > 0)
            .Select(r => new Series(r.Run.RunId, r.Epochs.Select(e => (double)e.Epoch).ToArray(), r.Epochs.Select(e => Value(e, metric) ?? double.NaN).ToArray()))
            .ToArray();
        var positive = series.All(s => s.Y.All(y => !double.IsFinite(y) || y > 0.0));
        var spread = series.SelectMany(s => s.Y).Where(double.IsFinite).DefaultIfEmpty(1.0).ToArray();
        var logScale = positive && spread.Max() / Math.Max(spread.Min(), double.Epsilon) > 100.0;
        var chart = new Chart($"{metric} by epoch", new Axis("epoch"), new Axis(metric, logScale ? AxisScale.Log : AxisScale.Linear), series);
        var path = Path.GetFullPath(Path.Combine(shell.SettingsDirectory, settings.Out));
        try
        {
            ReportWriter.WriteAtomically(path, SvgChart.Render(chart));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShellInputException($"cannot write {path}: {e.Message}", e);
        }

        await shell.Out.WriteLineAsync($"overlay of {metric}: {path}");
    }

    private async Task ExportAsync(RunStore store, RunsOptions settings, CancellationToken cancellationToken)
    {
        var runs = await store.ListRunsAsync(settings.Sweep, cancellationToken);
        var all = new List<(RunEntry Run, EpochEntry Epoch)>();
        foreach (var run in runs)
        {
            all.AddRange((await store.GetEpochsAsync(run.RunId, cancellationToken)).Select(e => (run, e)));
        }

        var names = all.SelectMany(x => x.Epoch.Metrics.Select(m => m.Key)).Distinct().Where(NotTheEpoch).ToArray();
        var csv = new StringBuilder();
        csv.AppendJoin(',', ((string[])["run", "sweep", "index", "status", "epoch", .. names]).Select(Quote)).Append('\n');
        foreach (var (run, epoch) in all)
        {
            string[] cells = [
                run.RunId, run.Sweep, Exact(run.Index), run.Status.ToString().ToLowerInvariant(), Exact(epoch.Epoch),
                .. names.Select(n => Value(epoch, n) is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "")];
            csv.AppendJoin(',', cells.Select(Quote)).Append('\n');
        }

        if (settings.Csv == "-")
        {
            await shell.Out.WriteAsync(csv.ToString());
            return;
        }

        var path = Path.GetFullPath(Path.Combine(shell.SettingsDirectory, settings.Csv));
        try
        {
            ReportWriter.WriteAtomically(path, csv.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShellInputException($"cannot write {path}: {e.Message}", e);
        }

        await shell.Out.WriteLineAsync($"{all.Count} rows ({runs.Count} runs) written to {path}");
    }

    // The training fold's metrics row starts with the epoch itself, which every table already has as its key column.
    private static bool NotTheEpoch(string metric) => metric != "epoch";

    private static readonly string[] PreferredMetrics = ["validation_loss", "validation_risk", "train_loss", "train_risk"];

    private static async Task<RunEntry> FindAsync(RunStore store, string id, CancellationToken cancellationToken)
        => await store.GetRunAsync(id, cancellationToken)
           ?? throw new ShellInputException($"no run '{id}' in the store (functional runs list shows the ids).");

    private async Task WriteTableAsync(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend([.. header]).ToArray();
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        for (var r = 0; r < all.Length; r++)
        {
            await shell.Out.WriteLineAsync(string.Join("  ", all[r].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
            if (r == 0)
            {
                await shell.Out.WriteLineAsync(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }

    private static double? Value(EpochEntry epoch, string name)
    {
        foreach (var (key, value) in epoch.Metrics)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    private static string Number(double? value) => value switch
    {
        null => "-",
        { } v when double.IsNaN(v) => "NaN",
        { } v when Math.Abs(v) is >= 1e-4 and < 1e6 || v == 0.0 => v.ToString("0.######", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.#####E+0", CultureInfo.InvariantCulture),
    };

    private static string Exact(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string cell)
        => cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string Pretty(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "  " + l));
}
