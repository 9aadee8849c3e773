using Functional.Shell.Store;

namespace Functional.Tests.Store;

/// <summary>
/// One suite for every run store: <see cref="SqliteRunStoreTests"/> and <see cref="PostgresRunStoreTests"/> run the same
/// checks (register, claim, record, resume, finish, and two writers at once losing nothing).
/// </summary>
public abstract class RunStoreSuite
{
    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<RunStore> OpenFreshAsync();

    /// <summary>A second handle (its own connections) on the store <paramref name="first"/> opened.</summary>
    protected abstract Task<RunStore> OpenAgainAsync(RunStore first);

    private static RunEntry Run(string id, int index, string sweep = "s") => new(id, sweep, index, $$"""{"lr":{{index}}}""");

    private static EpochEntry Epoch(string run, int epoch, string? checkpoint = null)
        => new(run, epoch, [new("train_loss", 1.0 / epoch), new("validation_loss", 2.0 / epoch), new("weird", double.NaN), new("far", double.PositiveInfinity)], checkpoint);

    protected async Task Registering_twice_changes_nothing_and_runs_list_in_sweep_order()
    {
        await using var store = await OpenFreshAsync();
        await store.RegisterAsync(Run("b", 1));
        await store.RegisterAsync(Run("a", 0));
        await store.RegisterAsync(Run("a", 0) with { ConfigJson = "{}" });

        var runs = await store.ListRunsAsync("s");
        Assert.Equal(["a", "b"], runs.Select(r => r.RunId));
        Assert.Equal("""{"lr":0}""", runs[0].ConfigJson);
        Assert.All(runs, r => Assert.Equal(RunStatus.Pending, r.Status));
        Assert.Empty(await store.ListRunsAsync("other"));
    }

    protected async Task An_epoch_is_recorded_once_with_its_metrics_and_checkpoint()
    {
        await using var store = await OpenFreshAsync();
        await store.RegisterAsync(Run("r", 0));

        Assert.True(await store.RecordEpochAsync(Epoch("r", 1, "{\"w\":[1]}"), 2.0));
        Assert.True(await store.RecordEpochAsync(Epoch("r", 2, "{\"w\":[2]}"), 1.0));
        Assert.False(await store.RecordEpochAsync(Epoch("r", 2, "{\"w\":[99]}"), 5.0));

        var epochs = await store.GetEpochsAsync("r");
        Assert.Equal([1, 2], epochs.Select(e => e.Epoch));
        Assert.Equal(0.5, epochs[1].Metrics[0].Value);
        Assert.Equal(["train_loss", "validation_loss", "weird", "far"], epochs[1].Metrics.Select(m => m.Key));
        Assert.True(double.IsNaN(epochs[1].Metrics[2].Value));
        Assert.Equal(double.PositiveInfinity, epochs[1].Metrics[3].Value);
        Assert.Equal((2, "{\"w\":[2]}"), await store.LatestCheckpointAsync("r"));
        var run = await store.GetRunAsync("r");
        Assert.Equal(2, run!.EpochsDone);
        Assert.Equal(1.0, run.ValidationLoss);
        Assert.Null(await store.LatestCheckpointAsync("nobody"));
    }

    protected async Task Claims_respect_finished_runs_and_other_owners()
    {
        await using var store = await OpenFreshAsync();
        await store.RegisterAsync(Run("r", 0));

        Assert.True(await store.TryClaimAsync("r", "me", takeOver: false));
        Assert.True(await store.TryClaimAsync("r", "me", takeOver: false));
        Assert.False(await store.TryClaimAsync("r", "you", takeOver: false));
        Assert.True(await store.TryClaimAsync("r", "you", takeOver: true));
        Assert.Equal("you", (await store.GetRunAsync("r"))!.Owner);

        await store.FinishAsync("r", RunStatus.Finished, """{"best":1}""", 0.25);
        var finished = await store.GetRunAsync("r");
        Assert.Equal(RunStatus.Finished, finished!.Status);
        Assert.Equal(0.25, finished.ValidationLoss);
        Assert.Equal("""{"best":1}""", finished.SummaryJson);
        Assert.Null(finished.Owner);
        Assert.False(await store.TryClaimAsync("r", "me", takeOver: true));
        Assert.False(await store.TryClaimAsync("missing", "me", takeOver: true));
    }

    protected async Task Take_over_release_and_leases_work_as_batch_uses_them()
    {
        await using var store = await OpenFreshAsync();
        await store.RegisterAsync(Run("r", 0));
        Assert.True(await store.TryClaimAsync("r", "dead", takeOver: false));

        // Take-over is a compare-and-swap on the stale owner: of two takers, one wins.
        Assert.True(await store.TryTakeOverAsync("r", "me", "dead"));
        Assert.False(await store.TryTakeOverAsync("r", "you", "dead"));
        Assert.Equal("me", (await store.GetRunAsync("r"))!.Owner);

        // Release: only by the holder; the run is pending again and keeps its epochs.
        Assert.True(await store.RecordEpochAsync(Epoch("r", 1, "{}"), 1.0));
        Assert.False(await store.ReleaseAsync("r", "you"));
        Assert.True(await store.ReleaseAsync("r", "me"));
        var released = await store.GetRunAsync("r");
        Assert.Equal((RunStatus.Pending, null, 1), (released!.Status, released.Owner, released.EpochsDone));
        Assert.True(await store.TryClaimAsync("r", "you", takeOver: false));

        Assert.Null(await store.GetLeaseAsync("me"));
        await store.RenewLeaseAsync("me", 1_000);
        await store.RenewLeaseAsync("me", 2_000);
        Assert.Equal(2_000, await store.GetLeaseAsync("me"));
        await store.DropLeaseAsync("me");
        Assert.Null(await store.GetLeaseAsync("me"));
    }

    protected async Task Two_writers_at_once_lose_nothing_and_duplicate_nothing()
    {
        await using var first = await OpenFreshAsync();
        await using var second = await OpenAgainAsync(first);
        const int runs = 12, epochs = 8;

        // Two shards (even and odd runs) write at once; then both replay every epoch, as a resumed run would.
        async Task Shard(RunStore store, int parity)
        {
            for (var r = parity; r < runs; r += 2)
            {
                await store.RegisterAsync(Run($"run{r}", r));
                Assert.True(await store.TryClaimAsync($"run{r}", $"shard{parity}", takeOver: false));
                for (var e = 1; e <= epochs; e++)
                {
                    await store.RecordEpochAsync(Epoch($"run{r}", e, $"{{\"e\":{e}}}"), 1.0 / e);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => Shard(first, 0)), Task.Run(() => Shard(second, 1)));
        await Task.WhenAll(Task.Run(() => Shard(first, 0)), Task.Run(() => Shard(second, 1)));

        var all = await first.ListRunsAsync("s");
        Assert.Equal(runs, all.Count);
        foreach (var run in all)
        {
            Assert.Equal(epochs, run.EpochsDone);
            Assert.Equal(Enumerable.Range(1, epochs), (await second.GetEpochsAsync(run.RunId)).Select(e => e.Epoch));
        }
    }
}

public sealed class SqliteRunStoreTests : RunStoreSuite, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "functional-store-" + Guid.NewGuid().ToString("N"));

    private string? _path;

    protected override async Task<RunStore> OpenFreshAsync()
    {
        _path = Path.Combine(_folder, Guid.NewGuid().ToString("N"), "runs.sqlite");
        return await RunStore.OpenAsync(_path);
    }

    protected override Task<RunStore> OpenAgainAsync(RunStore first) => RunStore.OpenAsync(_path!);

    [Fact]
    public Task Register_is_idempotent() => Registering_twice_changes_nothing_and_runs_list_in_sweep_order();

    [Fact]
    public Task Epochs_are_recorded_once() => An_epoch_is_recorded_once_with_its_metrics_and_checkpoint();

    [Fact]
    public Task Claims() => Claims_respect_finished_runs_and_other_owners();

    [Fact]
    public Task Concurrent_writers() => Two_writers_at_once_lose_nothing_and_duplicate_nothing();

    [Fact]
    public Task Take_over_and_release() => Take_over_release_and_leases_work_as_batch_uses_them();

    [Fact]
    public async Task The_file_is_in_wal_mode()
    {
        await using (var store = await OpenFreshAsync())
        {
            Assert.True(store.IsSqlite);
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_locked_store_fails_with_one_line_naming_the_file()
    {
        await using var store = await OpenFreshAsync();
        await store.RegisterAsync(new RunEntry("r", "s", 0, "{}"));
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False");
        await holder.OpenAsync();
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        await begin.ExecuteNonQueryAsync();

        var e = await Assert.ThrowsAsync<StoreException>(async () =>
        {
            await using var impatient = await RunStore.OpenAsync(_path!, TimeSpan.FromMilliseconds(100));
            await impatient.RecordEpochAsync(new EpochEntry("r", 1, []), null);
        });
        Assert.Contains(_path!, e.Message, StringComparison.Ordinal);
        Assert.Contains("locked", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task An_unwritable_location_fails_with_one_line()
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => RunStore.OpenAsync("/proc/functional/runs.sqlite"));
        Assert.Contains("/proc/functional", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
