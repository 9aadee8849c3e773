using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Functional.Shell.Store;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    /// <summary>Registered, not started (or released by a crashed owner).</summary>
    Pending,

    /// <summary>Claimed by a worker; <see cref="RunEntry.EpochsDone"/> says how far it got.</summary>
    Running,

    /// <summary>Every epoch done and the summary written.</summary>
    Finished,

    /// <summary>Stopped by an error (the reason is in the summary).</summary>
    Failed,
}

/// <summary>One run of a sweep as the store holds it.</summary>
/// <param name="RunId">Stable id: the same config in the same sweep always has the same id.</param>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Index">Position in the expanded sweep (what shards split on).</param>
/// <param name="ConfigJson">The resolved config.</param>
/// <param name="Status">Where the run is.</param>
/// <param name="EpochsDone">Epochs recorded so far.</param>
/// <param name="ValidationLoss">The run's best validation loss once finished (or the latest), if any.</param>
/// <param name="SummaryJson">The final summary (or the failure), if any.</param>
/// <param name="Owner">The worker holding the run while <see cref="RunStatus.Running"/>.</param>
public sealed record RunEntry(
    string RunId,
    string Sweep,
    int Index,
    string ConfigJson,
    RunStatus Status = RunStatus.Pending,
    int EpochsDone = 0,
    double? ValidationLoss = null,
    string? SummaryJson = null,
    string? Owner = null);

/// <summary>One epoch of one run: its metrics (name → value, in order) and the checkpoint to resume from.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Metrics">Every field of the epoch state that is a number.</param>
/// <param name="CheckpointJson">The state to resume from after this epoch (null when the caller keeps checkpoints elsewhere).</param>
public sealed record EpochEntry(string RunId, int Epoch, IReadOnlyList<KeyValuePair<string, double>> Metrics, string? CheckpointJson = null);

/// <summary>
/// The run store: every run and every epoch's metrics, one transaction per record, so a crash (even
/// <c>kill -9</c>) loses at most the epoch in flight and never leaves half a record. Recording the same epoch twice
/// is a no-op (the first write wins), so a resumed run never counts an epoch twice. One implementation serves SQLite
/// (a file, WAL) and PostgreSQL (shared by many machines): the SQL is the common dialect of both.
/// </summary>
public sealed class RunStore : IAsyncDisposable
{
    private readonly DbDataSource _source;

    private readonly int _busyTimeoutMilliseconds;

    private RunStore(DbDataSource source, string description, bool isSqlite, TimeSpan busyTimeout)
        => (_source, Description, IsSqlite, _busyTimeoutMilliseconds) = (source, description, isSqlite, (int)busyTimeout.TotalMilliseconds);

    /// <summary>"SQLite file …" or "PostgreSQL …" (without the password), for messages.</summary>
    public string Description { get; }

    /// <summary>True for the SQLite file store.</summary>
    public bool IsSqlite { get; }

    /// <summary>
    /// Opens the store at <paramref name="location"/>: a PostgreSQL connection string (<c>Host=…;Database=…</c>) or
    /// URL (<c>postgres://…</c>), otherwise the path of a SQLite file (created with its folder if missing). Creates
    /// the tables if they do not exist.
    /// </summary>
    /// <param name="location">The connection string, URL or file path.</param>
    /// <param name="busyTimeout">How long a SQLite write waits for another writer before failing (default 10 s).</param>
    /// <param name="cancellationToken">Stops the opening.</param>
    /// <exception cref="StoreException">Thrown when the store cannot be opened or is locked.</exception>
    public static async Task<RunStore> OpenAsync(string location, TimeSpan? busyTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(10);
        RunStore store;
        if (IsPostgres(location))
        {
            var builder = new NpgsqlConnectionStringBuilder(ToConnectionString(location));
            store = new RunStore(
                new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build(),
                $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}",
                isSqlite: false,
                timeout);
        }
        else
        {
            var path = Path.GetFullPath(location);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"cannot create the folder of the run store {path}: {e.Message}", e);
            }

            // Microsoft.Data.Sqlite retries a busy database until the command timeout: that timeout is the busy timeout.
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Pooling = true,
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
            };
            store = new RunStore(SqliteFactory.Instance.CreateDataSource(builder.ConnectionString), $"SQLite file {path}", isSqlite: true, timeout);
        }

        try
        {
            await store.CreateSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new StoreException($"cannot open the run store ({store.Description}): {OneLine(e)}", e);
        }

        return store;
    }

    /// <summary>True when <paramref name="location"/> names a PostgreSQL server rather than a file.</summary>
    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
               || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
               || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Adds the run unless a run with its id exists (then nothing changes): registering a sweep twice is harmless.</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public Task RegisterAsync(RunEntry run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ExecuteAsync(
            """
            INSERT INTO runs (run_id, sweep, run_index, config, status, epochs_done)
            VALUES (@run_id, @sweep, @run_index, @config, 'pending', 0)
            ON CONFLICT (run_id) DO NOTHING
            """,
            cancellationToken,
            ("run_id", run.RunId), ("sweep", run.Sweep), ("run_index", run.Index), ("config", run.ConfigJson));
    }

    /// <summary>
    /// Claims the run for <paramref name="owner"/> unless it is finished or another live owner holds it; returns
    /// whether this owner now holds it. A run whose owner stopped without finishing (status running, a different
    /// owner) is taken over only when <paramref name="takeOver"/> is true — the batch verb passes true for runs
    /// of its own shard after a crash.
    /// </summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<bool> TryClaimAsync(string runId, string owner, bool takeOver, CancellationToken cancellationToken = default)
    {
        var changed = await ExecuteAsync(
            """
            UPDATE runs SET status = 'running', owner = @owner
            WHERE run_id = @run_id AND status <> 'finished'
              AND (status <> 'running' OR owner = @owner OR owner IS NULL OR @take_over = 1)
            """,
            cancellationToken,
            ("run_id", runId), ("owner", owner), ("take_over", takeOver ? 1 : 0)).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>
    /// Takes a run over from <paramref name="staleOwner"/> (an owner the caller has found dead or past its lease) in one
    /// compare-and-swap: it succeeds only while that stale owner still holds the run, so of two processes that both find
    /// the same owner stale, exactly one takes the run.
    /// </summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<bool> TryTakeOverAsync(string runId, string owner, string staleOwner, CancellationToken cancellationToken = default)
    {
        var changed = await ExecuteAsync(
            """
            UPDATE runs SET status = 'running', owner = @owner
            WHERE run_id = @run_id AND status = 'running' AND owner = @stale
            """,
            cancellationToken,
            ("run_id", runId), ("owner", owner), ("stale", staleOwner)).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>
    /// Gives a claimed, unfinished run back (status pending, no owner) so that any worker may resume it from its latest
    /// checkpoint; does nothing unless <paramref name="owner"/> holds it. Returns whether it released the run.
    /// </summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<bool> ReleaseAsync(string runId, string owner, CancellationToken cancellationToken = default)
    {
        var changed = await ExecuteAsync(
            "UPDATE runs SET status = 'pending', owner = NULL WHERE run_id = @run_id AND status = 'running' AND owner = @owner",
            cancellationToken,
            ("run_id", runId), ("owner", owner)).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>
    /// Records that <paramref name="owner"/> is alive at <paramref name="unixMilliseconds"/> (its own UTC clock): the
    /// lease other workers read with <see cref="GetLeaseAsync"/> before taking its runs over.
    /// </summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public Task RenewLeaseAsync(string owner, long unixMilliseconds, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            """
            INSERT INTO leases (owner, renewed_at) VALUES (@owner, @renewed_at)
            ON CONFLICT (owner) DO UPDATE SET renewed_at = excluded.renewed_at
            """,
            cancellationToken,
            ("owner", owner), ("renewed_at", unixMilliseconds));

    /// <summary>When <paramref name="owner"/> last renewed its lease (Unix milliseconds, its clock), or null if it never did.</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<long?> GetLeaseAsync(string owner, CancellationToken cancellationToken = default)
    {
        long? renewed = null;
        await QueryAsync(
            "SELECT renewed_at FROM leases WHERE owner = @owner",
            reader => renewed = reader.GetInt64(0),
            cancellationToken,
            ("owner", owner)).ConfigureAwait(false);
        return renewed;
    }

    /// <summary>Removes <paramref name="owner"/>'s lease (a worker that ends cleanly holds nothing).</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public Task DropLeaseAsync(string owner, CancellationToken cancellationToken = default)
        => ExecuteAsync("DELETE FROM leases WHERE owner = @owner", cancellationToken, ("owner", owner));

    /// <summary>
    /// Records one epoch in one transaction: the epoch row (ignored if that epoch is already recorded) and the
    /// run's progress and checkpoint. Returns false when the epoch was already there (a resumed run replaying it).
    /// </summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<bool> RecordEpochAsync(EpochEntry epoch, double? validationLoss, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        var metrics = MetricsJson.Write(epoch.Metrics);
        return await InTransactionAsync(
            async (connection, transaction) =>
            {
                var inserted = await ExecuteAsync(
                    connection,
                    transaction,
                    """
                    INSERT INTO epochs (run_id, epoch, metrics, checkpoint) VALUES (@run_id, @epoch, @metrics, @checkpoint)
                    ON CONFLICT (run_id, epoch) DO NOTHING
                    """,
                    cancellationToken,
                    ("run_id", epoch.RunId), ("epoch", epoch.Epoch), ("metrics", metrics), ("checkpoint", epoch.CheckpointJson))
                    .ConfigureAwait(false);
                if (inserted == 1)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        """
                        UPDATE runs SET epochs_done = @epoch, validation_loss = @validation_loss
                        WHERE run_id = @run_id AND epochs_done < @epoch
                        """,
                        cancellationToken,
                        ("run_id", epoch.RunId), ("epoch", epoch.Epoch), ("validation_loss", validationLoss)).ConfigureAwait(false);
                }

                return inserted == 1;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the run finished or failed with its summary and final validation loss, and releases it.</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public Task FinishAsync(string runId, RunStatus status, string summaryJson, double? validationLoss, CancellationToken cancellationToken = default)
    {
        if (status is not (RunStatus.Finished or RunStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, $"status = {status}: a run finishes as Finished or Failed.");
        }

        return ExecuteAsync(
            """
            UPDATE runs SET status = @status, summary = @summary, validation_loss = @validation_loss, owner = NULL
            WHERE run_id = @run_id
            """,
            cancellationToken,
            ("run_id", runId), ("status", Name(status)), ("summary", summaryJson), ("validation_loss", validationLoss));
    }

    /// <summary>The run with id <paramref name="runId"/>, or null.</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<RunEntry?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
        => (await QueryRunsAsync("WHERE run_id = @run_id", cancellationToken, ("run_id", runId)).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Every run (of one sweep when <paramref name="sweep"/> is given), by sweep and index.</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public Task<IReadOnlyList<RunEntry>> ListRunsAsync(string? sweep = null, CancellationToken cancellationToken = default)
        => sweep is null
            ? QueryRunsAsync("", cancellationToken)
            : QueryRunsAsync("WHERE sweep = @sweep", cancellationToken, ("sweep", sweep));

    /// <summary>The recorded epochs of a run, in order.</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<IReadOnlyList<EpochEntry>> GetEpochsAsync(string runId, CancellationToken cancellationToken = default)
    {
        var epochs = new List<EpochEntry>();
        await QueryAsync(
            "SELECT run_id, epoch, metrics, checkpoint FROM epochs WHERE run_id = @run_id ORDER BY epoch",
            reader => epochs.Add(new EpochEntry(
                reader.GetString(0),
                reader.GetInt32(1),
                MetricsJson.Read(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3))),
            cancellationToken,
            ("run_id", runId)).ConfigureAwait(false);
        return epochs;
    }

    /// <summary>The newest checkpoint of a run and its epoch, or null when no epoch is recorded.</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<(int Epoch, string? CheckpointJson)?> LatestCheckpointAsync(string runId, CancellationToken cancellationToken = default)
    {
        (int, string?)? latest = null;
        await QueryAsync(
            "SELECT epoch, checkpoint FROM epochs WHERE run_id = @run_id ORDER BY epoch DESC LIMIT 1",
            reader => latest = (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1)),
            cancellationToken,
            ("run_id", runId)).ConfigureAwait(false);
        return latest;
    }

    /// <summary>Closes the store's connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync().ConfigureAwait(false);
        if (IsSqlite)
        {
            // Pooled SQLite connections keep the file open; a test (or the next command) may want to delete or move it.
            SqliteConnection.ClearAllPools();
        }
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        if (IsSqlite)
        {
            // WAL (a property of the file, set outside any transaction): readers never block the writer.
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // One transaction for the whole schema. PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent
        // one (both may pass the check; the loser fails on pg_type's unique index), and shards often open a fresh store at
        // the same moment: a transaction-scoped advisory lock serialises them.
        string[] tables =
        [
            """
            CREATE TABLE IF NOT EXISTS runs (
                run_id TEXT PRIMARY KEY,
                sweep TEXT NOT NULL,
                run_index INTEGER NOT NULL,
                config TEXT NOT NULL,
                status TEXT NOT NULL,
                epochs_done INTEGER NOT NULL,
                validation_loss DOUBLE PRECISION,
                summary TEXT,
                owner TEXT)
            """,
            """
            CREATE TABLE IF NOT EXISTS epochs (
                run_id TEXT NOT NULL REFERENCES runs (run_id),
                epoch INTEGER NOT NULL,
                metrics TEXT NOT NULL,
                checkpoint TEXT,
                PRIMARY KEY (run_id, epoch))
            """,
            """
            CREATE TABLE IF NOT EXISTS leases (
                owner TEXT PRIMARY KEY,
                renewed_at BIGINT NOT NULL)
            """,
        ];
        await InTransactionAsync(
            async (connection, transaction) =>
            {
                if (!IsSqlite)
                {
                    await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7243019561)", cancellationToken).ConfigureAwait(false);
                }

                foreach (var table in tables)
                {
                    await ExecuteAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<RunEntry>> QueryRunsAsync(string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var runs = new List<RunEntry>();
        await QueryAsync(
            $"SELECT run_id, sweep, run_index, config, status, epochs_done, validation_loss, summary, owner FROM runs {where} ORDER BY sweep, run_index",
            reader => runs.Add(new RunEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetString(3),
                Enum.Parse<RunStatus>(reader.GetString(4), ignoreCase: true),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8))),
            cancellationToken,
            parameters).ConfigureAwait(false);
        return runs;
    }

    private static string Name(RunStatus status) => status.ToString().ToLowerInvariant();

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        => await InTransactionAsync((c, t) => ExecuteAsync(c, t, sql, cancellationToken, parameters), cancellationToken).ConfigureAwait(false);

    private static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task QueryAsync(string sql, Action<DbDataReader> row, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                row(reader);
            }
        }
        catch (DbException e)
        {
            throw new StoreException($"{Description}: {OneLine(e)}", e);
        }
    }

    private async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (DbException e)
        {
            throw new StoreException($"{Description}: {OneLine(e)}", e);
        }
    }

    private async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (IsSqlite)
        {
            await using var pragma = connection.CreateCommand();
            // Wait (10 s by default) for another writer (another shard or process) instead of failing at once;
            // synchronous = FULL: a committed epoch survives power loss, not only a crash.
            pragma.CommandText = string.Create(
                CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // the SQL is constant text of this class; every value goes in as a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static string ToConnectionString(string location)
    {
        if (!location.Contains("://", StringComparison.Ordinal))
        {
            return location;
        }

        var uri = new Uri(location);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.TrimStart('/'),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        return builder.ConnectionString;
    }

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();
}

/// <summary>The run store failed (cannot open, locked past the timeout, server gone). The shell prints one line and exits 1.</summary>
public sealed class StoreException : Exception
{
    /// <summary>An exception without a message.</summary>
    public StoreException()
    {
    }

    /// <summary>An exception with a one-line message.</summary>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a one-line message and its cause.</summary>
    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Epoch metrics as a JSON object of numbers, in order; non-finite values as the strings "NaN", "Infinity", "-Infinity".</summary>
internal static class MetricsJson
{
    public static string Write(IReadOnlyList<KeyValuePair<string, double>> metrics)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in metrics)
            {
                if (double.IsFinite(value))
                {
                    writer.WriteNumber(name, value);
                }
                else
                {
                    writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<KeyValuePair<string, double>> Read(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .Select(p => new KeyValuePair<string, double>(
                p.Name,
                p.Value.ValueKind == System.Text.Json.JsonValueKind.String
                    ? double.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture)
                    : p.Value.GetDouble()))
            .ToArray();
    }
}
