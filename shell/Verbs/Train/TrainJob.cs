using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Shell.Hosting;
using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Shell.Training;
using Functional.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Train;

/// <summary>Read the config and data -> enumerate the core's training fold, checkpointing every epoch -> write the run folder.</summary>
internal sealed partial class TrainJob(
    IOptions<TrainOptions> options,
    ShellContext shell,
    ILogger<TrainJob> logger) : IVerbJob
{
    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        return Task.FromResult(settings.Resume is { } resume ? Resume(resume, settings, cancellationToken) : Start(settings, cancellationToken));
    }

    private int Start(TrainOptions settings, CancellationToken cancellationToken)
    {
        var source = settings.Config ?? "command line";
        var json = settings.Config is { } file ? LoadObject(file) : [];
        TrainConfig.Apply(json, Overrides(settings), source);
        AbsoluteDataPath(json, settings.Config);
        var config = TrainConfig.Parse(json, source);
        var run = PreparedRun.Prepare(config);

        var folder = new RunFolder(settings.Out ?? Path.Combine(
            "runs", $"train-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{config.Hash[..8]}"));
        try
        {
            if (folder.Has(RunFolder.CheckpointFile) || folder.Has(RunFolder.ConfigFile))
            {
                throw new ShellInputException($"{folder.Path} already holds a run; continue it with --resume {folder.Path}, or choose another --out.");
            }

            Directory.CreateDirectory(folder.Path);
            folder.WriteJson(RunFolder.ConfigFile, config.ToJson());
            folder.StartMetrics(run.MetricNames);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ShellInputException($"cannot write the run folder '{folder.Path}': {ShellInputException.OneLine(e)}", e);
        }

        if (!settings.Quiet)
        {
            LogStart(logger, folder.Path, run.Setup.Train.Rows, run.Setup.Validation?.Rows ?? 0, run.ModelFeatures.Count, config.Training.Epochs);
        }

        return Train(folder, run, null, cancellationToken);
    }

    private int Resume(string path, TrainOptions settings, CancellationToken cancellationToken)
    {
        var folder = new RunFolder(path);
        if (!Directory.Exists(path))
        {
            throw new ShellInputException($"--resume {path}: no such folder.");
        }

        if (folder.Has(RunFolder.SummaryFile))
        {
            shell.Out.WriteLine($"{path} is finished (summary.json exists); nothing to resume.");
            return ExitCodes.Done;
        }

        if (!folder.Has(RunFolder.ConfigFile) || !folder.Has(RunFolder.CheckpointFile))
        {
            throw new ShellInputException($"--resume {path}: the folder has no {RunFolder.ConfigFile} and {RunFolder.CheckpointFile}; it is not a training run folder.");
        }

        var config = TrainConfig.Load(folder.File(RunFolder.ConfigFile));
        var run = PreparedRun.Prepare(config);
        var checkpointPath = folder.File(RunFolder.CheckpointFile);
        var state = Checkpoint.Deserialize(File.ReadAllText(checkpointPath), config.Hash, checkpointPath);
        folder.RepairMetrics(run, state);
        if (!settings.Quiet)
        {
            LogResume(logger, path, state.Epoch);
        }

        return Train(folder, run, state, cancellationToken);
    }

    private int Train(RunFolder folder, PreparedRun run, EpochState? resumeFrom, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        var epochs = run.Config.Training.Epochs;
        using var progress = Progress.For(shell, logger, settings.Quiet, epochs);
        var last = resumeFrom;
        using (var sequence = run.Epochs(resumeFrom).GetEnumerator())
        {
            while (true)
            {
                // Checked before computing the next epoch: a signal costs at most the epoch in flight, and its checkpoint is kept.
                if (cancellationToken.IsCancellationRequested)
                {
                    progress.Done();
                    var at = last is null ? "before the first epoch" : $"after epoch {last.Epoch}";
                    shell.Error.WriteLine($"functional train: interrupted {at}; the checkpoint is kept. Resume with: functional train --resume {folder.Path}");
                    shell.Error.Flush();
                    return ExitCodes.Interrupted;
                }

                if (!sequence.MoveNext())
                {
                    break;
                }

                var state = sequence.Current;
                folder.WriteCheckpoint(state, run.Config.Hash);
                folder.AppendMetrics(run.Metrics(state));
                progress.Report(state);
                last = state;
            }
        }

        progress.Done();
        if (last is null)
        {
            throw new InvalidOperationException("the training fold yielded no state.");
        }

        Finish(folder, run, last, clock.Elapsed, resumeFrom is not null);
        return ExitCodes.Done;
    }

    private void Finish(RunFolder folder, PreparedRun run, EpochState final, TimeSpan elapsed, bool resumed)
    {
        folder.WriteJson(RunFolder.ModelFile, run.ModelJson(final));
        var metrics = folder.ReadMetrics();
        var plots = RunFolder.Plots(metrics);
        foreach (var (name, _, chart) in plots)
        {
            ReportWriter.WriteAtomically(folder.File(name + ".svg"), SvgChart.Render(chart, name.Replace('_', '-')));
        }

        var summary = Summary(run, final, metrics, elapsed, resumed);
        var facts = new List<(string, string)>
        {
            ("data", run.DataPath),
            ("model", $"{run.Config.Model.Kind.ToString().ToLowerInvariant()}, loss {run.Config.Loss.Name}, {run.ModelFeatures.Count} features"),
            ("stopped", $"{final.Stop} after {final.Epoch} epochs ({final.Step} steps)"),
            ("final training risk", Number(final.TrainRisk)),
        };
        if (final.ValidationRisk is { } v)
        {
            facts.Add(("final validation risk", Number(v)));
            facts.Add(("best epoch", $"{final.BestEpoch} (validation risk {Number(final.BestValidationRisk ?? double.NaN)})"));
        }

        if ((final.ValidationAccuracy ?? final.TrainAccuracy) is { } accuracy)
        {
            facts.Add((final.ValidationAccuracy is null ? "training accuracy" : "validation accuracy", Number(accuracy)));
        }

        ReportWriter.WriteAtomically(folder.File(RunFolder.IndexFile), RunFolder.IndexHtml($"functional train: {Path.GetFileName(Path.GetFullPath(folder.Path))}", plots, facts));
        folder.WriteJson(RunFolder.SummaryFile, summary);

        var line = $"{folder.Path}: {final.Stop} after {final.Epoch} epochs; training risk {Number(final.TrainRisk)}";
        if (final.ValidationRisk is { } validation)
        {
            line += $", validation risk {Number(validation)}";
        }

        if ((final.ValidationAccuracy ?? final.TrainAccuracy) is { } acc)
        {
            line += $", {(final.ValidationAccuracy is null ? "training" : "validation")} accuracy {Number(acc)}";
        }

        shell.Out.WriteLine(line);
        shell.Out.WriteLine($"open {Path.Combine(folder.Path, RunFolder.IndexFile)}");
        shell.Out.Flush();
    }

    private static JsonObject Summary(PreparedRun run, EpochState final, Dictionary<string, double[]> metrics, TimeSpan elapsed, bool resumed)
    {
        static JsonNode? N(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : value is { } w ? JsonValue.Create(w.ToString(CultureInfo.InvariantCulture)) : null;
        var trainRisk = metrics["train_risk"];
        return new JsonObject
        {
            ["stop"] = final.Stop?.ToString(),
            ["stopStep"] = final.StopStep,
            ["epochs"] = final.Epoch,
            ["steps"] = final.Step,
            ["bestEpoch"] = final.BestEpoch,
            ["final"] = new JsonObject
            {
                ["trainRisk"] = N(final.TrainRisk),
                ["trainAccuracy"] = N(final.TrainAccuracy),
                ["validationRisk"] = N(final.ValidationRisk),
                ["validationAccuracy"] = N(final.ValidationAccuracy),
                ["gradientNorm"] = N(final.GradientNorm),
                ["weightNorm"] = N(final.WeightNorm),
            },
            ["best"] = new JsonObject
            {
                ["trainRisk"] = N(trainRisk.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min()),
                ["validationRisk"] = N(final.BestValidationRisk),
            },
            ["trainRows"] = run.Setup.Train.Rows,
            ["validationRows"] = run.Setup.Validation?.Rows ?? 0,
            ["parameters"] = run.Setup.Model.ParameterCount,
            ["configHash"] = run.Config.Hash,
            ["resumed"] = resumed,
            ["elapsedSeconds"] = Math.Round(elapsed.TotalSeconds, 3),
        };
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static JsonObject LoadObject(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ShellInputException($"{file}: no such file.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShellInputException($"{file}: cannot be read ({ShellInputException.OneLine(e).TrimEnd('.')}).", e);
        }

        return TrainConfig.ParseObject(text, file);
    }

    private static List<KeyValuePair<string, JsonNode?>> Overrides(TrainOptions o)
    {
        var list = new List<KeyValuePair<string, JsonNode?>>();
        void Put(string path, JsonNode? value, bool given)
        {
            if (given)
            {
                list.Add(new(path, value));
            }
        }

        Put("data.path", o.Data, o.Data is not null);
        Put("data.target", o.Target, o.Target is not null);
        Put("model.kind", o.Model, o.Model is not null);
        Put("loss.name", o.Loss, o.Loss is not null);
        Put("optimizer.kind", o.Optimizer, o.Optimizer is not null);
        Put("optimizer.lr", o.Lr, o.Lr is not null);
        Put("training.epochs", o.Epochs, o.Epochs is not null);
        Put("training.batchSize", o.BatchSize, o.BatchSize is not null);
        Put("seed", o.Seed, o.Seed is not null);
        return list;
    }

    /// <summary>
    /// Writes data.path as a full path, so the run folder's config.json (what --resume reads) names the same file from any
    /// working folder: a relative path is taken from the working folder, else from the config file's folder.
    /// </summary>
    private static void AbsoluteDataPath(JsonObject json, string? configFile)
    {
        if (json["data"] is not JsonObject data || data["path"] is not JsonValue value
            || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return;
        }

        var path = value.GetValue<string>();
        if (path.StartsWith(TrainConfig.BuiltinPrefix, StringComparison.Ordinal) || path.Length == 0 || Path.IsPathRooted(path))
        {
            return;
        }

        var besideConfig = configFile is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile))!, path);
        data["path"] = !File.Exists(path) && besideConfig is not null && File.Exists(besideConfig) ? besideConfig : Path.GetFullPath(path);
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Training into {Folder}: {Train} training rows, {Validation} validation rows, {Features} features, up to {Epochs} epochs.")]
    private static partial void LogStart(ILogger logger, string folder, int train, int validation, int features, int epochs);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Resuming {Folder} after epoch {Epoch}.")]
    private static partial void LogResume(ILogger logger, string folder, int epoch);

    /// <summary>Progress: a live bar on a terminal, a log line every tenth of the budget otherwise, nothing when quiet.</summary>
    private abstract partial class Progress : IDisposable
    {
        public static Progress For(ShellContext shell, ILogger logger, bool quiet, int epochs)
            => quiet ? new Silent()
                : ReferenceEquals(shell.Error, Console.Error) && !Console.IsErrorRedirected ? new Bar(shell.Error, epochs)
                : new Lines(logger, epochs);

        public abstract void Report(EpochState state);

        public virtual void Done()
        {
        }

        public void Dispose() => Done();

        private sealed class Silent : Progress
        {
            public override void Report(EpochState state)
            {
            }
        }

        private sealed class Bar(TextWriter error, int epochs) : Progress
        {
            private bool _shown;

            public override void Report(EpochState state)
            {
                const int width = 30;
                var filled = (int)Math.Round(width * Math.Min(1.0, state.Epoch / (double)epochs));
                var loss = state.ValidationRisk is { } v ? $"  validation {Number(v)}" : "";
                error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] epoch {state.Epoch}/{epochs}  loss {Number(state.TrainRisk)}{loss}   ");
                error.Flush();
                _shown = true;
            }

            public override void Done()
            {
                if (_shown)
                {
                    error.WriteLine();
                    error.Flush();
                    _shown = false;
                }
            }
        }

        private sealed partial class Lines(ILogger logger, int epochs) : Progress
        {
            private readonly int _every = Math.Max(1, epochs / 10);

            public override void Report(EpochState state)
            {
                if (state.Epoch % _every == 0 || state.Stopped)
                {
                    LogEpoch(logger, state.Epoch, epochs, state.TrainRisk, state.ValidationRisk ?? double.NaN, state.LearningRate);
                }
            }

            [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "epoch {Epoch}/{Epochs}: training risk {Risk:G6}, validation risk {Validation:G6}, learning rate {Rate:G4}")]
            private static partial void LogEpoch(ILogger logger, int epoch, int epochs, double risk, double validation, double rate);
        }
    }
}
