using Functional.Shell.Store;
using Npgsql;

namespace Functional.Tests.Store;

/// <summary>
/// Runs a test against a real PostgreSQL server named by <c>FUNCTIONAL_TEST_POSTGRES</c> (a connection string for a
/// role that may create databases); skipped, with that reason shown, when the variable is not set. <c>.ci/run</c>
/// installs and starts Debian's PostgreSQL on loopback and sets it.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "FUNCTIONAL_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: no PostgreSQL server to test against (.ci/run starts one and sets it).";
        }
    }
}

/// <summary>The same suite as SQLite, each test in a database of its own, dropped afterwards.</summary>
public sealed class PostgresRunStoreTests : RunStoreSuite, IAsyncLifetime
{
    private readonly List<string> _databases = [];

    private string? _current;

    private static string Admin => Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable) ?? "";

    protected override async Task<RunStore> OpenFreshAsync()
    {
        var database = "functional_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(Admin))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {database}";
            await create.ExecuteNonQueryAsync();
        }

        _databases.Add(database);
        _current = new NpgsqlConnectionStringBuilder(Admin) { Database = database }.ConnectionString;
        return await RunStore.OpenAsync(_current);
    }

    protected override Task<RunStore> OpenAgainAsync(RunStore first) => RunStore.OpenAsync(_current!);

    [PostgresFact]
    public Task Register_is_idempotent() => Registering_twice_changes_nothing_and_runs_list_in_sweep_order();

    [PostgresFact]
    public Task Epochs_are_recorded_once() => An_epoch_is_recorded_once_with_its_metrics_and_checkpoint();

    [PostgresFact]
    public Task Claims() => Claims_respect_finished_runs_and_other_owners();

    [PostgresFact]
    public Task Concurrent_writers() => Two_writers_at_once_lose_nothing_and_duplicate_nothing();

    [PostgresFact]
    public Task Take_over_and_release() => Take_over_release_and_leases_work_as_batch_uses_them();

    [PostgresFact]
    public async Task Shards_opening_a_fresh_store_at_once_all_get_it()
    {
        await (await OpenFreshAsync()).DisposeAsync();
        await using (var admin = new NpgsqlConnection(_current!))
        {
            // An empty database, as a sweep's shards find it when they start together.
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = "DROP TABLE epochs; DROP TABLE leases; DROP TABLE runs;";
            await drop.ExecuteNonQueryAsync();
        }

        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => RunStore.OpenAsync(_current!))));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task A_url_location_opens_the_same_store()
    {
        await using var store = await OpenFreshAsync();
        var b = new NpgsqlConnectionStringBuilder(_current!);
        var url = $"postgres://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{b.Database}";
        await store.RegisterAsync(new RunEntry("r", "s", 0, "{}"));

        await using var again = await RunStore.OpenAsync(url);
        Assert.False(again.IsSqlite);
        Assert.Equal("r", (await again.GetRunAsync("r"))!.RunId);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_databases.Count == 0)
        {
            return;
        }

        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        foreach (var database in _databases)
        {
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {database} WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
    }
}
