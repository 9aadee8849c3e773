using System.Diagnostics;
using System.Globalization;
using Functional.Shell;
using Functional.Shell.Store;
using Functional.Tests.Shell;
using Functional.Tests.Store;
using Npgsql;

namespace Functional.Tests.Batch;

/// <summary>The uninterrupted sweep every durability test compares with, run once per test class.</summary>
public sealed class UninterruptedSweep : IAsyncLifetime, IDisposable
{
    /// <summary>lr × λ × seed on the built-in breast_cancer data, logistic regression, 150 epochs: 8 runs, 1200 epoch rows (about 0.7 s on an idle machine). Long enough that the interruption tests stop it midway: at 6 epochs the whole sweep took 0.25 s once the trainer got faster, and finished before the stop arrived.</summary>
    public const string Text = """
        {"name": "grid", "base": {"training": {"epochs": 150, "batchSize": 64}},
         "grid": {"optimizer.lr": [0.1, 0.01], "regularizer.lambda": [0, 0.01], "seed": [1, 2]}}
        """;

    public const int Runs = 8;

    public const int Epochs = 150;

    private readonly TempDirectory _folder = new();

    public IReadOnlyList<string> Snapshot { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var sweep = _folder.Write("grid.json", Text);
        var run = await ShellRun.Of(["batch", sweep, "--store", Path.Combine(_folder.Path, "whole.sqlite"), "--quiet"], _folder.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Snapshot = await BatchEndToEndTests.SnapshotAsync(Path.Combine(_folder.Path, "whole.sqlite"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

/// <summary>
/// <c>functional batch</c> for real: through <see cref="Cli"/> in-process and as the built executable (<c>dotnet
/// functional.dll</c>): results, shards, Ctrl+C, <c>kill -9</c> and resume, two shards at once on PostgreSQL.
/// </summary>
public sealed class BatchEndToEndTests(UninterruptedSweep whole) : IClassFixture<UninterruptedSweep>, IDisposable
{
    private readonly TempDirectory _folder = new();

    private string Sweep => _folder.Write("grid.json", UninterruptedSweep.Text);

    /// <summary>Every run and epoch row of a store, numbers as bits: equal snapshots are the same results bit for bit.</summary>
    internal static async Task<IReadOnlyList<string>> SnapshotAsync(string location)
    {
        await using var store = await RunStore.OpenAsync(location);
        var rows = new List<string>();
        foreach (var run in await store.ListRunsAsync())
        {
            rows.Add($"{run.RunId} {run.Sweep} {run.Index} {run.Status} {run.EpochsDone} {Bits(run.ValidationLoss)} {run.Owner ?? "-"} {run.SummaryJson}");
            foreach (var e in await store.GetEpochsAsync(run.RunId))
            {
                rows.Add($"  {e.Epoch} {string.Join(",", e.Metrics.Select(m => $"{m.Key}={Bits(m.Value)}"))} {e.CheckpointJson}");
            }
        }

        return rows;
    }

    private static string Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v).ToString("x16", CultureInfo.InvariantCulture) : "null";

    [Fact]
    public async Task A_sweep_ranks_its_runs_writes_its_results_and_runs_reads_them()
    {
        var store = Path.Combine(_folder.Path, "runs.sqlite");
        var run = await ShellRun.Of(["batch", Sweep, "--store", store, "--parallel", "2"], _folder.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(whole.Snapshot, await SnapshotAsync(store));
        var lines = run.Out.Split('\n');
        Assert.Equal(["rank", "run", "optimizer.lr", "regularizer.lambda", "seed", "epochs", "train", "loss", "validation", "loss", "accuracy"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(UninterruptedSweep.Runs, lines.Count(l => l.StartsWith("grid-", StringComparison.Ordinal) || l.Length > 0 && char.IsAsciiDigit(l[0])));
        Assert.Equal(UninterruptedSweep.Runs, run.ErrorLines.Count(l => l.StartsWith('[')));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("[8/8] grid-", StringComparison.Ordinal));

        var results = Path.Combine(_folder.Path, "grid-results");
        var csv = File.ReadAllLines(Path.Combine(results, "ranking.csv"));
        Assert.Equal("rank,run,optimizer.lr,regularizer.lambda,seed,epochs,train loss,validation loss,accuracy", csv[0]);
        Assert.Equal(1 + UninterruptedSweep.Runs, csv.Length);
        var best = csv[1].Split(',')[1];
        Assert.Contains($"best config ({best}):", run.Out, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("1 ", StringComparison.Ordinal) && l.Contains(best, StringComparison.Ordinal));
        Assert.Contains(best, File.ReadAllText(Path.Combine(results, "curves.svg")), StringComparison.Ordinal);
        Assert.Contains("\"seed\"", File.ReadAllText(Path.Combine(results, "best-config.json")), StringComparison.Ordinal);

        var list = await ShellRun.Of("runs", "list", "--store", store);
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains("8 runs: 8 finished.", list.Out, StringComparison.Ordinal);
        var show = await ShellRun.Of("runs", "show", best, "--store", store);
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains($"run {best} (sweep grid, #", show.Out, StringComparison.Ordinal);
        var second = csv[2].Split(',')[1];
        var compare = await ShellRun.Of(["runs", "compare", best, second, "--store", store, "--out", "cmp.svg"], _folder.Path);
        Assert.True(compare.ExitCode == 0, compare.Error);
        Assert.Contains("overlay of validation_risk", compare.Out, StringComparison.Ordinal);
        var export = await ShellRun.Of("runs", "export", "--store", store);
        Assert.True(export.ExitCode == 0, export.Error);
        var exported = export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + (UninterruptedSweep.Runs * UninterruptedSweep.Epochs), exported.Length);
        Assert.Single(exported[0].Split(','), c => c == "epoch");

        // The same command again: everything is finished, nothing changes.
        var again = await ShellRun.Of(["batch", Sweep, "--store", store], _folder.Path);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("8 of 8 runs already finished", again.Error, StringComparison.Ordinal);
        Assert.Equal(whole.Snapshot, await SnapshotAsync(store));
    }

    [Fact]
    public async Task Shards_0_1_and_2_of_3_run_separately_into_one_store_equal_the_whole_sweep()
    {
        var store = Path.Combine(_folder.Path, "shards.sqlite");
        for (var i = 0; i < 3; i++)
        {
            var run = await ShellRun.Of(["batch", Sweep, "--store", store, "--shard", $"{i}/3", "--quiet"], _folder.Path);
            Assert.True(run.ExitCode == 0, run.Error);
            if (i < 2)
            {
                Assert.Contains("runs of the sweep finished so far", run.Out, StringComparison.Ordinal);
            }
        }

        Assert.Equal(whole.Snapshot, await SnapshotAsync(store));
    }

    [Fact]
    public async Task A_kubernetes_index_picks_the_shard()
    {
        var store = Path.Combine(_folder.Path, "k8s.sqlite");
        var run = await ShellRun.Of(
            ["batch", Sweep, "--store", store], _folder.Path, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1", ["FUNCTIONAL_SHARD_COUNT"] = "4" });

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("shard 1/4 (2 of 8 runs)", run.Error, StringComparison.Ordinal);
        await using var opened = await RunStore.OpenAsync(store);
        Assert.Equal([1, 5], (await opened.ListRunsAsync()).Select(r => r.Index));
    }

    [Fact]
    public async Task Ctrl_c_keeps_the_epochs_releases_the_runs_exits_130_and_the_same_command_resumes()
    {
        var store = Path.Combine(_folder.Path, "stopped.sqlite");
        string[] args = ["batch", Sweep, "--store", store, "--parallel", "2"];
        // Ctrl+C is SIGINT to the real process: the in-process cancellation token is not what a user's terminal sends.
        var process = Start(args);
        await WhenEpochsRecordedAsync(store, 3, process);
        Assert.False(process.HasExited, "the sweep finished before Ctrl+C; make it longer");
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        var stopped = await FinishAsync(process);
        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, $"exit code {stopped.ExitCode}: {stopped.Error}");
        Assert.Contains("Run the same command again to resume.", stopped.Error, StringComparison.Ordinal);
        await using (var opened = await RunStore.OpenAsync(store))
        {
            var runs = await opened.ListRunsAsync();
            Assert.All(runs, r => Assert.Null(r.Owner));
            Assert.DoesNotContain(runs, r => r.Status == RunStatus.Running);
            Assert.Contains(runs, r => r.Status != RunStatus.Finished);
        }

        var resumed = await ShellRun.Of(args, _folder.Path);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(whole.Snapshot, await SnapshotAsync(store));
    }

    [Fact]
    public async Task Kill_9_then_the_same_command_loses_and_duplicates_nothing()
    {
        var store = Path.Combine(_folder.Path, "killed.sqlite");
        string[] args = ["batch", Sweep, "--store", store, "--parallel", "2"];
        using (var process = Start(args))
        {
            await WhenEpochsRecordedAsync(store, 5, process);
            Assert.False(process.HasExited, "the sweep finished before it could be killed; make it longer");
            process.Kill(entireProcessTree: true); // SIGKILL: no handler runs
            await process.WaitForExitAsync();
        }

        await using (var opened = await RunStore.OpenAsync(store))
        {
            // What kill -9 leaves: claims of a process that no longer exists.
            Assert.Contains(await opened.ListRunsAsync(), r => r.Status == RunStatus.Running && r.Owner is not null);
        }

        var rerun = await FinishAsync(Start(args));
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("taking over from", rerun.Error, StringComparison.Ordinal);
        Assert.Equal(whole.Snapshot, await SnapshotAsync(store));
    }

    [Fact]
    public async Task Sigterm_stops_the_real_process_with_exit_130_and_no_claim_left()
    {
        var store = Path.Combine(_folder.Path, "term.sqlite");
        string[] args = ["batch", Sweep, "--store", store, "--parallel", "2"];
        var process = Start(args);
        await WhenEpochsRecordedAsync(store, 3, process);
        Assert.False(process.HasExited, "the sweep finished before SIGTERM; make it longer");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var stopped = await FinishAsync(process);
        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, stopped.Error);
        Assert.Contains("Run the same command again to resume.", stopped.Error, StringComparison.Ordinal);
        await using var opened = await RunStore.OpenAsync(store);
        Assert.All(await opened.ListRunsAsync(), r => Assert.Null(r.Owner));
    }

    [PostgresFact]
    public async Task Two_shard_processes_at_once_on_one_postgresql_store_lose_nothing()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var database = "functional_batch_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {database}";
            await create.ExecuteNonQueryAsync();
        }

        var store = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            // Shards 0/2 and 1/2, plus a third process on the whole sweep competing for the same runs.
            var runs = await Task.WhenAll(
                FinishAsync(Start(["batch", Sweep, "--store", store, "--shard", "0/2", "--parallel", "1"])),
                FinishAsync(Start(["batch", Sweep, "--store", store, "--shard", "1/2", "--parallel", "1"])),
                FinishAsync(Start(["batch", Sweep, "--store", store, "--parallel", "1"])));
            Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Error));
            var snapshot = await SnapshotAsync(store);
            Assert.Equal(whole.Snapshot, snapshot);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {database} WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task An_invalid_run_config_names_the_run_and_the_json_path_before_touching_the_store()
    {
        var sweep = _folder.Write("bad.json", """{"name": "bad", "grid": {"optimizer.lr": [0.1, -1]}}""");
        var store = Path.Combine(_folder.Path, "bad.sqlite");
        var run = await ShellRun.Of(["batch", sweep, "--store", store], _folder.Path);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"functional batch: {sweep}: run 1 (bad-1-", line, StringComparison.Ordinal);
        Assert.Contains("optimizer.lr", line, StringComparison.Ordinal);
        Assert.False(File.Exists(store));
    }

    [Fact]
    public async Task An_unknown_config_key_is_bad_input()
    {
        var sweep = _folder.Write("typo.json", """{"name": "typo", "base": {"optimiser": {"lr": 0.1}}}""");
        var run = await ShellRun.Of(["batch", sweep, "--store", Path.Combine(_folder.Path, "t.sqlite")], _folder.Path);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"functional batch: {sweep}: run 0 (typo-0-", line, StringComparison.Ordinal);
        Assert.Contains("optimiser", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Database=none;Username=u;Password=p;Timeout=2", "PostgreSQL 127.0.0.1:1/none")]
    [InlineData("/proc/functional/runs.sqlite", "/proc/functional")]
    public async Task An_unreachable_store_fails_with_one_line_and_exit_1(string location, string named)
    {
        var run = await ShellRun.Of(["batch", Sweep, "--store", location], _folder.Path);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("functional batch: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Waits (polling the store, never a fixed sleep) until at least <paramref name="count"/> epoch rows exist.</summary>
    private static async Task WhenEpochsRecordedAsync(string store, int count, object running)
    {
        using var give = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            give.Token.ThrowIfCancellationRequested();
            if (File.Exists(store) && await CountEpochsAsync(store) >= count)
            {
                return;
            }

            if (running is Process { HasExited: true } || running is Task { IsCompleted: true })
            {
                return;
            }

            await Task.Delay(10, give.Token);
        }
    }

    private static async Task<long> CountEpochsAsync(string store)
    {
        try
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM epochs";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // not created yet, or busy
        }
    }

    private Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Path,
        };
        start.ArgumentList.Add(FunctionalDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("FUNCTIONAL_", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("SLURM_", StringComparison.Ordinal) || k == "JOB_COMPLETION_INDEX").ToList())
        {
            start.Environment.Remove(key);
        }

        return Process.Start(start)!;
    }

    private static async Task<ShellRun> FinishAsync(Process process)
    {
        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new ShellRun(process.ExitCode, await stdout, await stderr);
        }
    }

    private static string FunctionalDll()
    {
        var besideTests = Path.Combine(AppContext.BaseDirectory, "functional.dll");
        if (File.Exists(besideTests) && File.Exists(Path.ChangeExtension(besideTests, ".runtimeconfig.json")))
        {
            return besideTests;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        var targetFramework = directory.Name;
        var configuration = directory.Parent!.Name;
        for (var d = directory; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shell", "bin", configuration, targetFramework, "functional.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("functional.dll was not found next to the tests or in shell/bin; build the solution first.");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
