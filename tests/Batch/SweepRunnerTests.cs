using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Functional.Shell.Store;
using Functional.Shell.Sweeps;
using Functional.Shell.Verbs.Batch;

namespace Functional.Tests.Batch;

/// <summary>The orchestration of <c>batch</c> against a SQLite store and the fake trainer: resume, take-over, shards, claims.</summary>
public sealed class SweepRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "functional-batch-" + Guid.NewGuid().ToString("N"));

    private static readonly IReadOnlyList<SweepRun> Runs = Sweep.Expand(
        JsonNode.Parse("""{"name": "fake", "base": {"epochs": 5}, "grid": {"lr": [0.5, 0.1, 0.02], "seed": [1, 2]}}""")!.AsObject(),
        "fake",
        "test").Runs;

    private string NewStorePath() => Path.Combine(_folder, Guid.NewGuid().ToString("N"), "runs.sqlite");

    private static List<PlannedRun> Plan(FakeTrainer trainer, IEnumerable<SweepRun> runs)
        => runs.Select(r => new PlannedRun(r, trainer.Prepare(r.Config, "test"))).ToList();

    private static SweepRunner Runner(RunStore store, IRunnerProgress? progress = null, WorkerId? me = null, int parallel = 2, Func<int, long?>? processStart = null)
        => new(
            store,
            me ?? new WorkerId("this-host", 4242, 1000, Guid.NewGuid().ToString("N")[..8]),
            new RunnerSettings(parallel, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(10)),
            progress ?? new Counting(),
            TimeProvider.System,
            processStart ?? (pid => pid == 4242 ? 1000 : null));

    /// <summary>Every run and epoch row, bit for bit, as (run, status, epochs, summary, [(epoch, metrics bits, checkpoint)]).</summary>
    private static async Task<List<string>> SnapshotAsync(RunStore store)
    {
        var rows = new List<string>();
        foreach (var run in await store.ListRunsAsync("fake"))
        {
            rows.Add($"{run.RunId} {run.Status} {run.EpochsDone} {run.SummaryJson} {run.Owner ?? "-"} {Bits(run.ValidationLoss)}");
            foreach (var e in await store.GetEpochsAsync(run.RunId))
            {
                rows.Add($"  {e.Epoch} {string.Join(",", e.Metrics.Select(m => $"{m.Key}={Bits(m.Value)}"))} {e.CheckpointJson}");
            }
        }

        return rows;
    }

    private static string Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v).ToString("x16") : "null";

    private async Task<List<string>> UninterruptedAsync()
    {
        await using var store = await RunStore.OpenAsync(NewStorePath());
        var result = await Runner(store).RunAsync("fake", Plan(new FakeTrainer(), Runs), CancellationToken.None);
        Assert.Equal(new RunnerResult(6, 6, 0, false, 0), result);
        return await SnapshotAsync(store);
    }

    [Fact]
    public async Task A_sweep_runs_every_run_once_and_records_every_epoch_once()
    {
        var trainer = new FakeTrainer();
        await using var store = await RunStore.OpenAsync(NewStorePath());
        var progress = new Counting();

        var result = await Runner(store, progress).RunAsync("fake", Plan(trainer, Runs), CancellationToken.None);

        Assert.Equal(new RunnerResult(6, 6, 0, false, 0), result);
        Assert.Equal(6, progress.Finished.Count);
        Assert.All(trainer.Computed.Values, n => Assert.Equal(5, n));
        foreach (var run in await store.ListRunsAsync("fake"))
        {
            Assert.Equal(RunStatus.Finished, run.Status);
            Assert.Null(run.Owner);
            Assert.Equal([1, 2, 3, 4, 5], (await store.GetEpochsAsync(run.RunId)).Select(e => e.Epoch));
            var (epochs, train, validation, accuracy, error) = RunSummary.Read(run.SummaryJson);
            Assert.Equal(5, epochs);
            Assert.Null(error);
            Assert.Equal(run.ValidationLoss, validation);
            Assert.Equal(1.0 / (1.0 + validation!.Value), accuracy);
            Assert.True(train < validation);
        }

        // Done again: nothing to train, nothing changes.
        var before = await SnapshotAsync(store);
        var again = new FakeTrainer();
        Assert.Equal(new RunnerResult(6, 6, 0, false, 0), await Runner(store).RunAsync("fake", Plan(again, Runs), CancellationToken.None));
        Assert.Empty(again.Computed);
        Assert.Equal(before, await SnapshotAsync(store));
    }

    [Fact]
    public async Task Cancelled_runs_keep_their_epochs_release_their_claims_and_resume_to_the_uninterrupted_result()
    {
        var expected = await UninterruptedAsync();
        await using var store = await RunStore.OpenAsync(NewStorePath());
        using var stop = new CancellationTokenSource();
        var trainer = new FakeTrainer();
        var seen = 0;
        trainer.OnEpoch = (_, _) =>
        {
            if (Interlocked.Increment(ref seen) == 8)
            {
                stop.Cancel();
            }
        };

        var first = await Runner(store).RunAsync("fake", Plan(trainer, Runs), stop.Token);

        Assert.True(first.Interrupted);
        Assert.True(first.Released >= 1);
        Assert.True(first.Finished < 6);
        var partial = (await store.ListRunsAsync("fake")).Where(r => r.Status != RunStatus.Finished).ToList();
        Assert.All(partial, r => Assert.Null(r.Owner));
        Assert.Contains(partial, r => r.Status == RunStatus.Pending && r.EpochsDone > 0);

        var resumed = new FakeTrainer();
        var second = await Runner(store).RunAsync("fake", Plan(resumed, Runs), CancellationToken.None);

        Assert.Equal(new RunnerResult(6, 6, 0, false, 0), second);
        Assert.Equal(expected, await SnapshotAsync(store));
        // Partial runs resumed from their checkpoints: each epoch was computed once over both passes.
        Assert.Equal(6 * 5, trainer.Computed.Values.Sum() + resumed.Computed.Values.Sum());
        Assert.Contains(resumed.Starts, s => s.ResumedAt is > 0);
    }

    [Fact]
    public async Task A_run_left_by_a_dead_process_is_taken_over_and_resumed_from_its_checkpoint()
    {
        var expected = await UninterruptedAsync();
        await using var store = await RunStore.OpenAsync(NewStorePath());
        var victim = Runs[3];
        await store.RegisterAsync(new RunEntry(victim.RunId, "fake", victim.Index, victim.ConfigJson));
        var dead = new WorkerId("this-host", 999_999, 5, "deadbeef").ToString();
        Assert.True(await store.TryClaimAsync(victim.RunId, dead, takeOver: false));
        await store.RenewLeaseAsync(dead, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        // What kill -9 after two epochs leaves: the run claimed, two epochs with their checkpoints.
        var prepared = new FakeTrainer().Prepare(victim.Config, "test");
        foreach (var e in prepared.Epochs(null).Skip(1).Take(2))
        {
            await store.RecordEpochAsync(new EpochEntry(victim.RunId, e.Epoch, e.Metrics, e.CheckpointJson), e.ValidationLoss);
        }

        var progress = new Counting();
        var trainer = new FakeTrainer();
        var result = await Runner(store, progress).RunAsync("fake", Plan(trainer, Runs), CancellationToken.None);

        Assert.Equal(new RunnerResult(6, 6, 0, false, 0), result);
        Assert.Equal([victim.RunId], progress.TookOver);
        Assert.Equal(3, trainer.Computed[victim.ConfigJson]);
        Assert.Equal(expected, await SnapshotAsync(store));
    }

    [Fact]
    public async Task A_run_killed_after_its_last_epoch_finishes_from_that_checkpoint_without_training()
    {
        var expected = await UninterruptedAsync();
        await using var store = await RunStore.OpenAsync(NewStorePath());
        var victim = Runs[0];
        await store.RegisterAsync(new RunEntry(victim.RunId, "fake", victim.Index, victim.ConfigJson));
        var dead = new WorkerId("other-host", 7, 5, "deadbeef").ToString();
        Assert.True(await store.TryClaimAsync(victim.RunId, dead, takeOver: false));
        await store.RenewLeaseAsync(dead, 0); // its lease ran out long ago
        foreach (var e in new FakeTrainer().Prepare(victim.Config, "test").Epochs(null).Skip(1))
        {
            await store.RecordEpochAsync(new EpochEntry(victim.RunId, e.Epoch, e.Metrics, e.CheckpointJson), e.ValidationLoss);
        }

        var trainer = new FakeTrainer();
        Assert.Equal(new RunnerResult(6, 6, 0, false, 0), await Runner(store).RunAsync("fake", Plan(trainer, Runs), CancellationToken.None));

        Assert.False(trainer.Computed.ContainsKey(victim.ConfigJson));
        Assert.Equal(expected, await SnapshotAsync(store));
    }

    [Fact]
    public async Task A_run_held_by_a_live_worker_is_waited_for_not_trained()
    {
        await using var store = await RunStore.OpenAsync(NewStorePath());
        var held = Runs[2];
        await store.RegisterAsync(new RunEntry(held.RunId, "fake", held.Index, held.ConfigJson));
        var other = new WorkerId("other-host", 7, 5, "cafebabe").ToString();
        Assert.True(await store.TryClaimAsync(held.RunId, other, takeOver: false));
        await store.RenewLeaseAsync(other, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        // The other worker finishes its run when this one starts waiting (no clock involved).
        var progress = new Counting
        {
            OnWaiting = () => store.FinishAsync(held.RunId, RunStatus.Finished, """{"epochs":5,"train_loss":1,"validation_loss":1}""", 1.0).GetAwaiter().GetResult(),
        };
        var trainer = new FakeTrainer();
        var result = await Runner(store, progress).RunAsync("fake", Plan(trainer, Runs), CancellationToken.None);

        Assert.Equal(new RunnerResult(6, 6, 0, false, 0), result);
        Assert.Equal([1], progress.Waits);
        Assert.Equal([held.RunId], progress.FinishedByOthers);
        Assert.False(trainer.Computed.ContainsKey(held.ConfigJson));
        Assert.Empty(progress.TookOver);
    }

    [Fact]
    public async Task Two_workers_on_one_store_train_each_run_exactly_once()
    {
        var expected = await UninterruptedAsync();
        var path = NewStorePath();
        await using var a = await RunStore.OpenAsync(path);
        await using var b = await RunStore.OpenAsync(path);
        var trainer = new FakeTrainer();

        var results = await Task.WhenAll(
            Task.Run(() => Runner(a, me: new WorkerId("this-host", 4242, 1000, "aaaa")).RunAsync("fake", Plan(trainer, Runs), CancellationToken.None)),
            Task.Run(() => Runner(b, me: new WorkerId("this-host", 4242, 1000, "bbbb")).RunAsync("fake", Plan(trainer, Runs), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(new RunnerResult(6, 6, 0, false, 0), r));
        Assert.All(trainer.Computed.Values, n => Assert.Equal(5, n));
        Assert.Equal(6, trainer.Computed.Count);
        Assert.Equal(expected, await SnapshotAsync(a));
    }

    [Fact]
    public async Task Shards_run_separately_into_one_store_equal_the_whole_sweep()
    {
        var expected = await UninterruptedAsync();
        await using var store = await RunStore.OpenAsync(NewStorePath());
        var trainer = new FakeTrainer();
        for (var i = 0; i < 3; i++)
        {
            var shard = new Shard(i, 3);
            var result = await Runner(store).RunAsync("fake", Plan(trainer, Runs.Where(r => shard.Owns(r.Index))), CancellationToken.None);
            Assert.Equal(new RunnerResult(2, 2, 0, false, 0), result);
        }

        Assert.Equal(expected, await SnapshotAsync(store));
        Assert.All(trainer.Computed.Values, n => Assert.Equal(5, n));
    }

    [Fact]
    public async Task A_failing_run_is_recorded_as_failed_and_the_others_finish()
    {
        await using var store = await RunStore.OpenAsync(NewStorePath());
        var bad = Runs[4];
        var trainer = new FakeTrainer
        {
            OnEpoch = (config, e) =>
            {
                if (config.ToJsonString() == bad.ConfigJson && e.Epoch == 2)
                {
                    throw new InvalidOperationException("the fake broke at epoch 2.");
                }
            },
        };
        var progress = new Counting();

        var result = await Runner(store, progress).RunAsync("fake", Plan(trainer, Runs), CancellationToken.None);

        Assert.Equal(new RunnerResult(6, 5, 1, false, 0), result);
        var failed = await store.GetRunAsync(bad.RunId);
        Assert.Equal(RunStatus.Failed, failed!.Status);
        Assert.Equal("InvalidOperationException: the fake broke at epoch 2.", RunSummary.Read(failed.SummaryJson).Error);
        Assert.Equal([bad.RunId], progress.Failures);

        // Rerunning retries it from its checkpoint (epoch 1).
        var retry = new FakeTrainer();
        Assert.Equal(new RunnerResult(6, 6, 0, false, 0), await Runner(store).RunAsync("fake", Plan(retry, Runs), CancellationToken.None));
        Assert.Equal(4, retry.Computed[bad.ConfigJson]);
    }

    [Fact]
    public async Task The_ranking_orders_by_validation_loss_and_names_the_swept_values()
    {
        await using var store = await RunStore.OpenAsync(NewStorePath());
        await Runner(store).RunAsync("fake", Plan(new FakeTrainer(), Runs), CancellationToken.None);

        var ranking = await Ranking.ReadAsync(store, "fake", Runs, CancellationToken.None);

        Assert.Equal(["lr", "seed"], ranking.SweptPaths);
        Assert.Equal(6, ranking.Runs.Count);
        var keys = ranking.Runs.Select(r => r.Key).ToArray();
        Assert.Equal(keys.Order(), keys);
        Assert.Equal(ranking.Best!.Run.ConfigJson, JsonNode.Parse(ranking.BestConfigJson()!)!.ToJsonString());
        var text = ranking.Text();
        Assert.StartsWith("rank  run", text, StringComparison.Ordinal);
        Assert.Contains(ranking.Best.Run.RunId, text.Split('\n')[2], StringComparison.Ordinal);
        var svg = await ranking.CurvesSvgAsync(store, 3, CancellationToken.None);
        Assert.NotNull(svg);
        Assert.Equal(3, ranking.Runs.Take(3).Count(r => svg!.Contains(r.Run.RunId, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("this-host/999999/5/x", 0L, true)]          // this machine, process gone
    [InlineData("this-host/4242/77777/x", 0L, true)]        // this machine, pid reused by a later process
    [InlineData("this-host/4242/1000/x", 0L, false)]        // this machine, alive, lease fresh
    [InlineData("this-host/4242/1400/x", 0L, false)]        // start time read to the tick: within a second is the same process
    [InlineData("other-host/4242/1000/x", 0L, false)]       // another machine, lease fresh
    [InlineData("other-host/4242/1000/x", 61_000L, true)]   // another machine, lease ran out
    [InlineData("this-host/4242/1000/x", 61_000L, true)]    // alive here but not renewing (hung): lease ran out
    [InlineData("not an owner", 0L, false)]                 // another tool's owner: only its lease counts
    [InlineData("not an owner", 61_000L, true)]
    public void Staleness(string owner, long sinceRenewal, bool stale)
    {
        var me = new WorkerId("this-host", 1, 1, "me");
        const long now = 10_000_000;
        Assert.Equal(stale, Claims.IsStale(owner, now - sinceRenewal, me, now, TimeSpan.FromSeconds(60), pid => pid == 4242 ? 1000 : null));
    }

    [Fact]
    public void An_owner_without_a_lease_is_stale_and_owner_strings_round_trip()
    {
        var me = new WorkerId("h", 1, 1, "me");
        Assert.True(Claims.IsStale("other/5/5/x", null, me, 0, TimeSpan.FromSeconds(60), _ => 5));
        var id = WorkerId.Current();
        Assert.Equal(id, WorkerId.TryParse(id.ToString()));
        Assert.Equal(Environment.ProcessId, id.ProcessId);
        Assert.False(Claims.IsStale(id.ToString(), 0, me with { Host = id.Host }, 0, TimeSpan.FromSeconds(60), Claims.ProcessStart));
        Assert.Null(WorkerId.TryParse("a/b/c/d"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private sealed class Counting : IRunnerProgress
    {
        public ConcurrentQueue<string> Finished { get; } = new();

        public List<string> FinishedByOthers { get; } = [];

        public List<string> Failures { get; } = [];

        public List<string> TookOver { get; } = [];

        public List<int> Waits { get; } = [];

        public Action? OnWaiting { get; init; }

        public void Begin(int total, int finished)
        {
        }

        public void Epoch(SweepRun run, RunEpoch epoch)
        {
        }

        void IRunnerProgress.Finished(SweepRun run, RunEpoch last, bool resumed) => Finished.Enqueue(run.RunId);

        public void FinishedElsewhere(SweepRun run)
        {
            lock (FinishedByOthers)
            {
                FinishedByOthers.Add(run.RunId);
            }
        }

        public void Failed(SweepRun run, string reason)
        {
            lock (Failures)
            {
                Failures.Add(run.RunId);
            }
        }

        void IRunnerProgress.TookOver(SweepRun run, string staleOwner)
        {
            lock (TookOver)
            {
                TookOver.Add(run.RunId);
            }
        }

        public void Waiting(int held)
        {
            Waits.Add(held);
            OnWaiting?.Invoke();
        }

        public void End(RunnerResult result)
        {
        }
    }
}
