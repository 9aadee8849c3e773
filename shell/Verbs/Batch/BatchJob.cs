using System.Globalization;
using Functional.Shell.Hosting;
using Functional.Shell.Reports;
using Functional.Shell.Store;
using Functional.Shell.Sweeps;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Batch;

/// <summary>
/// Loads the sweep, takes this shard's runs, validates every config before touching the store, runs them with
/// <see cref="SweepRunner"/>, then prints and writes the ranking of the whole sweep (what the store holds of it).
/// </summary>
internal sealed class BatchJob(IOptions<BatchOptions> options, ShellContext shell, IRunTrainer trainer) : IVerbJob
{
    /// <summary>How many runs' curves the SVG overlays.</summary>
    private const int CurvesShown = 5;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sweepPath = Path.GetFullPath(Path.Combine(shell.SettingsDirectory, settings.Sweep));
        var (name, runs) = Sweep.Load(sweepPath);
        var shard = settings.Shard is { } text ? Shard.Parse(text) : Shard.FromEnvironment(Variable) ?? Shard.All;
        var mine = runs.Where(r => shard.Owns(r.Index)).ToList();
        var planned = mine.Select(r => new PlannedRun(r, Prepare(sweepPath, r))).ToList();

        var location = RunStore.IsPostgres(settings.Store) ? settings.Store : Path.GetFullPath(Path.Combine(shell.SettingsDirectory, settings.Store));
        var outFolder = settings.Out is { } o
            ? Path.GetFullPath(Path.Combine(shell.SettingsDirectory, o))
            : Path.Combine(RunStore.IsPostgres(location) ? Path.GetFullPath(shell.SettingsDirectory) : Path.GetDirectoryName(location)!, $"{name}-results");

        await using var store = await RunStore.OpenAsync(location, cancellationToken: cancellationToken);
        var live = !settings.Quiet && ReferenceEquals(shell.Error, Console.Error) && !Console.IsErrorRedirected;
        var progress = new BatchProgress(shell.Error, live, settings.Quiet);
        if (!settings.Quiet)
        {
            var part = shard.Count > 1 ? $"shard {shard} ({mine.Count} of {runs.Count} runs)" : $"{runs.Count} runs";
            await shell.Error.WriteLineAsync($"sweep {name}: {part}, {settings.Parallel} at once, store {store.Description}");
        }

        // Each worker trains synchronously on a thread-pool thread. With only cores-many pool threads, the host's shutdown
        // (Ctrl+C / SIGTERM), the lease heartbeat and store callbacks queue behind them until the pool injects a thread
        // (about a second each): a short sweep then ran to its end after Ctrl+C. Spare threads keep them prompt.
        ThreadPool.GetMinThreads(out var workerThreads, out var completionThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, settings.Parallel + 4), completionThreads);
        var runner = new SweepRunner(
            store, WorkerId.Current(), new RunnerSettings(settings.Parallel, TimeSpan.FromSeconds(settings.LeaseSeconds), TimeSpan.FromSeconds(1)),
            progress, TimeProvider.System, Claims.ProcessStart);
        var result = await runner.RunAsync(name, planned, cancellationToken);
        if (result.Interrupted)
        {
            await shell.Error.WriteLineAsync(
                $"functional batch: interrupted: {result.Finished} of {result.Total} runs finished, {result.Released} partial run(s) checkpointed and released. "
                + "Run the same command again to resume.");
            return ExitCodes.Interrupted;
        }

        var ranking = await Ranking.ReadAsync(store, name, runs, CancellationToken.None);
        await WriteResultsAsync(store, ranking, outFolder);
        if (result.Failed > 0)
        {
            await shell.Error.WriteLineAsync(
                $"functional batch: {result.Failed} of {result.Total} runs failed (functional runs show ID has each reason); rerunning retries them.");
            return ExitCodes.Failed;
        }

        return ExitCodes.Done;
    }

    private IPreparedRun Prepare(string sweepPath, SweepRun run)
    {
        try
        {
            return trainer.Prepare(run.Config, sweepPath);
        }
        catch (ShellInputException e)
        {
            // Name the run: "sweep.json: run 3 (lr-3-…): optimizer.lr = -1: …".
            var where = string.Create(CultureInfo.InvariantCulture, $"{sweepPath}: run {run.Index} ({run.RunId}): ");
            var prefix = sweepPath + ": ";
            var message = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? where + e.Message[prefix.Length..] : where + e.Message;
            throw new ShellInputException(message, e);
        }
    }

    private async Task WriteResultsAsync(RunStore store, Ranking ranking, string outFolder)
    {
        var finished = ranking.Runs.Count;
        if (finished == 0)
        {
            await shell.Out.WriteLineAsync($"No run of the sweep has finished (0 of {ranking.Total}).");
            return;
        }

        await shell.Out.WriteAsync(ranking.Text());
        if (finished < ranking.Total)
        {
            await shell.Out.WriteLineAsync($"{finished} of {ranking.Total} runs of the sweep finished so far (other shards may still be running).");
        }

        var best = ranking.BestConfigJson()!;
        await shell.Out.WriteLineAsync($"best config ({ranking.Best!.Run.RunId}):");
        await shell.Out.WriteAsync(best);

        var files = new List<ReportFile>
        {
            new("ranking.csv", ReportWriter.Csv(ranking.Table())),
            new("best-config.json", best),
        };
        if (await ranking.CurvesSvgAsync(store, CurvesShown, CancellationToken.None) is { } svg)
        {
            files.Add(new ReportFile("curves.svg", svg));
        }

        try
        {
            ReportWriter.Write(outFolder, files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShellInputException($"cannot write the results to {outFolder}: {e.Message}", e);
        }

        await shell.Out.WriteLineAsync($"results: {outFolder} (ranking.csv, best-config.json{(files.Count > 2 ? ", curves.svg" : "")})");
        await shell.Out.FlushAsync();
    }

    private string? Variable(string name)
        => shell.Variables is null ? Environment.GetEnvironmentVariable(name) : shell.Variables.GetValueOrDefault(name);
}
