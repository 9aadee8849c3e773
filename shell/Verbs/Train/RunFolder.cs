using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Shell.Training;
using Functional.Training;

namespace Functional.Shell.Verbs.Train;

/// <summary>
/// The files of a training run folder and the order they are written in: config.json first; then per epoch checkpoint.json
/// (atomically) followed by one appended metrics.csv row — so metrics.csv never holds a row beyond the checkpoint and lacks
/// at most the checkpoint's own row, which <see cref="RepairMetrics"/> restores from the checkpoint on resume; at the end
/// model.json, the SVG plots and index.html, and summary.json last (each atomically): a folder with summary.json is complete.
/// </summary>
internal sealed class RunFolder(string path)
{
    public const string ConfigFile = "config.json";
    public const string CheckpointFile = "checkpoint.json";
    public const string MetricsFile = "metrics.csv";
    public const string ModelFile = "model.json";
    public const string SummaryFile = "summary.json";
    public const string IndexFile = "index.html";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Path { get; } = path;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public bool Has(string name) => System.IO.File.Exists(File(name));

    public void WriteJson(string name, JsonNode json) => ReportWriter.WriteAtomically(File(name), json.ToJsonString(Indented) + "\n");

    public void WriteCheckpoint(EpochState state, string configHash)
        => ReportWriter.WriteAtomically(File(CheckpointFile), Checkpoint.Serialize(state, configHash) + "\n");

    /// <summary>Starts metrics.csv with its header (atomically: a fresh run).</summary>
    public void StartMetrics(IReadOnlyList<string> names) => ReportWriter.WriteAtomically(File(MetricsFile), string.Join(',', names) + "\n");

    /// <summary>Appends one row; the line is written in one call, so a kill leaves at most one unterminated line.</summary>
    public void AppendMetrics(IReadOnlyList<KeyValuePair<string, double>> row)
    {
        using var stream = new FileStream(File(MetricsFile), FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(Row(row)));
    }

    public static string Row(IReadOnlyList<KeyValuePair<string, double>> row)
        => string.Join(',', row.Select(m => m.Value.ToString("R", CultureInfo.InvariantCulture))) + "\n";

    /// <summary>
    /// Makes metrics.csv agree with the checkpoint before a resume: keeps the header and the complete rows of epochs
    /// 0 … checkpoint, drops anything after (or a half-written last line), and appends the checkpoint's own row when the
    /// kill came between the checkpoint and its row. Rewritten atomically.
    /// </summary>
    /// <exception cref="ShellInputException">metrics.csv is missing, has another header, or lacks more than the last row.</exception>
    public void RepairMetrics(PreparedRun run, EpochState checkpoint)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var header = string.Join(',', run.MetricNames);
        string text;
        try
        {
            text = System.IO.File.ReadAllText(File(MetricsFile));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            text = "";
        }

        var lines = text.Split('\n');
        // The last element is what follows the last newline: empty, or a line cut short by a kill.
        var complete = lines.Take(lines.Length - 1).ToList();
        if (complete.Count == 0 || complete[0] != header)
        {
            if (checkpoint.Epoch != 0)
            {
                throw new ShellInputException($"{File(MetricsFile)} is missing or has another header; the run cannot be resumed exactly. Start it again.");
            }

            complete = [header];
        }

        var kept = new StringBuilder(header).Append('\n');
        var epoch = -1;
        foreach (var line in complete.Skip(1))
        {
            var first = line.Split(',')[0];
            if (!int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) || e != epoch + 1 || e > checkpoint.Epoch
                || line.Split(',').Length != run.MetricNames.Count)
            {
                break;
            }

            kept.Append(line).Append('\n');
            epoch = e;
        }

        if (epoch == checkpoint.Epoch - 1)
        {
            kept.Append(Row(run.Metrics(checkpoint)));
        }
        else if (epoch != checkpoint.Epoch)
        {
            throw new ShellInputException(
                $"{File(MetricsFile)} ends at epoch {epoch} but the checkpoint is at epoch {checkpoint.Epoch}; the run cannot be resumed exactly. Start it again.");
        }

        ReportWriter.WriteAtomically(File(MetricsFile), kept.ToString());
    }

    /// <summary>The metrics.csv columns by name (every row of the finished file).</summary>
    public Dictionary<string, double[]> ReadMetrics()
    {
        var lines = System.IO.File.ReadAllLines(File(MetricsFile)).Where(l => l.Length > 0).ToArray();
        var names = lines[0].Split(',');
        var columns = names.ToDictionary(n => n, _ => new double[lines.Length - 1]);
        for (var r = 1; r < lines.Length; r++)
        {
            var fields = lines[r].Split(',');
            for (var j = 0; j < names.Length; j++)
            {
                columns[names[j]][r - 1] = double.Parse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return columns;
    }

    /// <summary>The plots (name, caption, chart) of a finished run, from its metrics.csv.</summary>
    public static IReadOnlyList<(string Name, string Caption, Chart Chart)> Plots(Dictionary<string, double[]> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var epoch = metrics["epoch"];
        var plots = new List<(string, string, Chart)>();
        var risk = new List<Series> { new("training risk", epoch, metrics["train_risk"]) };
        if (metrics.TryGetValue("validation_risk", out var validation))
        {
            risk.Add(new Series("validation risk", epoch, validation, Dashed: true));
        }

        plots.Add(("risk", "Regularised risk per epoch (log scale where it spans a decade or more).",
            new Chart("Risk per epoch", new Axis("epoch"), new Axis("risk", ScaleFor(risk.SelectMany(s => s.Y))), risk)));
        if (metrics.TryGetValue("train_accuracy", out var trainAccuracy))
        {
            var accuracy = new List<Series> { new("training accuracy", epoch, trainAccuracy) };
            if (metrics.TryGetValue("validation_accuracy", out var validationAccuracy))
            {
                accuracy.Add(new Series("validation accuracy", epoch, validationAccuracy, Dashed: true));
            }

            plots.Add(("accuracy", "Fraction of rows classified correctly per epoch.",
                new Chart("Accuracy per epoch", new Axis("epoch"), new Axis("accuracy"), accuracy)));
        }

        var rate = metrics["learning_rate"];
        plots.Add(("learning_rate", "The learning rate η of each epoch's last step.",
            new Chart("Learning rate", new Axis("epoch"), new Axis("η", ScaleFor(rate)), [new Series("learning rate", epoch, rate)])));
        plots.Add(("weight_norm", "‖w‖₂ of the parameters after each epoch (intercept included).",
            new Chart("Weight norm", new Axis("epoch"), new Axis("‖w‖₂"), [new Series("weight norm", epoch, metrics["weight_norm"])])));
        var gradient = metrics["gradient_norm"];
        plots.Add(("gradient_norm", "‖∇R‖₂ of the full training risk after each epoch.",
            new Chart("Gradient norm", new Axis("epoch"), new Axis("‖∇R‖₂", ScaleFor(gradient)), [new Series("gradient norm", epoch, gradient)])));
        return plots;
    }

    /// <summary>Log scale when every finite value is positive and they span at least a factor of 10.</summary>
    private static AxisScale ScaleFor(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length > 0 && finite.All(v => v > 0) && finite.Max() >= 10 * finite.Min() ? AxisScale.Log : AxisScale.Linear;
    }

    /// <summary>A small self-contained page linking every file of the run, with the plots shown.</summary>
    public static string IndexHtml(string title, IReadOnlyList<(string Name, string Caption, Chart Chart)> plots, IReadOnlyList<(string Label, string Value)> facts)
    {
        ArgumentNullException.ThrowIfNull(plots);
        ArgumentNullException.ThrowIfNull(facts);
        static string H(string text) => SvgChart.Escape(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{H(title)}</title>\n")
            .Append("<style>body{font-family:DejaVu Sans,Verdana,Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}td,th{padding:.2em .8em;text-align:left}figure{margin:1.5em 0}</style>\n")
            .Append("</head>\n<body>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1>{H(title)}</h1>\n<table>\n");
        foreach (var (label, value) in facts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{H(label)}</th><td>{H(value)}</td></tr>\n");
        }

        html.Append("</table>\n<p>Files: ");
        string[] files = [ConfigFile, MetricsFile, ModelFile, SummaryFile, CheckpointFile, .. plots.Select(p => p.Name + ".svg")];
        html.AppendJoin(", ", files.Select(f => $"<a href=\"{f}\">{f}</a>")).Append("</p>\n");
        foreach (var (name, caption, _) in plots)
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure id=\"{name}\"><img src=\"{name}.svg\" alt=\"{H(caption)}\"><figcaption>{H(caption)} <a href=\"{name}.svg\">{name}.svg</a></figcaption></figure>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
