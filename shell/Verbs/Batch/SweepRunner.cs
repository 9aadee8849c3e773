using System.Collections.Concurrent;
using Functional.Shell.Store;
using Functional.Shell.Sweeps;

namespace Functional.Shell.Verbs.Batch;

/// <summary>A run of the sweep with its prepared (validated) training.</summary>
internal sealed record PlannedRun(SweepRun Run, IPreparedRun Prepared);

/// <summary>How the runner works.</summary>
/// <param name="Parallel">Runs trained at once (≥ 1).</param>
/// <param name="Lease">How long a worker's claims last without a renewal; it renews every quarter lease.</param>
/// <param name="Poll">How often to look again at runs another live worker holds.</param>
internal sealed record RunnerSettings(int Parallel, TimeSpan Lease, TimeSpan Poll);

/// <summary>How the runner's pass over the sweep ended.</summary>
/// <param name="Total">Runs in this shard.</param>
/// <param name="Finished">Runs of this shard finished in the store (by anyone, now or before).</param>
/// <param name="Failed">Runs that failed (their summary holds the reason).</param>
/// <param name="Interrupted">Whether cancellation stopped it before every run was done.</param>
/// <param name="Released">Partial runs given back at the interruption (they resume from their checkpoints).</param>
internal sealed record RunnerResult(int Total, int Finished, int Failed, bool Interrupted, int Released);

/// <summary>What the runner reports while it works (the shell prints it; tests count it).</summary>
internal interface IRunnerProgress
{
    /// <summary>The pass starts: <paramref name="finished"/> of <paramref name="total"/> runs are finished already.</summary>
    void Begin(int total, int finished);

    /// <summary>An epoch of a run was recorded.</summary>
    void Epoch(SweepRun run, RunEpoch epoch);

    /// <summary>This worker finished a run.</summary>
    void Finished(SweepRun run, RunEpoch last, bool resumed);

    /// <summary>Another worker finished a run this one was waiting for.</summary>
    void FinishedElsewhere(SweepRun run);

    /// <summary>A run failed.</summary>
    void Failed(SweepRun run, string reason);

    /// <summary>This worker took a run over from a stale owner.</summary>
    void TookOver(SweepRun run, string staleOwner);

    /// <summary>Runs held by other live workers; the runner waits for them.</summary>
    void Waiting(int held);

    /// <summary>The pass ended.</summary>
    void End(RunnerResult result);
}

/// <summary>
/// Runs a sweep's runs against a <see cref="RunStore"/>: registers them, claims each (so no two workers, in this process
/// or any other, train the same run), trains up to <see cref="RunnerSettings.Parallel"/> at once from each run's latest
/// checkpoint, records every epoch (metrics and checkpoint, one transaction) and finishes each run with its summary.
/// Runs finished in the store are skipped; runs held by a stale owner (see <see cref="Claims"/>) are taken over; runs held
/// by a live one are waited for. On cancellation no new run is claimed, each running run records the epoch in flight and
/// is released, and the pass ends.
/// </summary>
internal sealed class SweepRunner(
    RunStore store, WorkerId me, RunnerSettings settings, IRunnerProgress progress, TimeProvider time, Func<int, long?> processStart)
{
    private readonly string _owner = me.ToString();

    private enum Outcome
    {
        Finished,
        FinishedElsewhere,
        Failed,
        Interrupted,
        Released,
        HeldElsewhere,
    }

    /// <summary>Runs <paramref name="runs"/> (this shard's part of sweep <paramref name="sweep"/>) to the end or to cancellation.</summary>
    /// <exception cref="StoreException">Thrown when the store fails.</exception>
    public async Task<RunnerResult> RunAsync(string sweep, IReadOnlyList<PlannedRun> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var plan in runs)
        {
            await store.RegisterAsync(new RunEntry(plan.Run.RunId, sweep, plan.Run.Index, plan.Run.ConfigJson), CancellationToken.None);
        }

        var ids = runs.Select(r => r.Run.RunId).ToHashSet(StringComparer.Ordinal);
        var before = (await store.ListRunsAsync(sweep, CancellationToken.None))
            .Where(r => ids.Contains(r.RunId) && r.Status == RunStatus.Finished)
            .Select(r => r.RunId)
            .ToHashSet(StringComparer.Ordinal);
        progress.Begin(runs.Count, before.Count);

        await store.RenewLeaseAsync(_owner, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(heartbeatStop.Token);
        var outcomes = new ConcurrentDictionary<string, Outcome>(StringComparer.Ordinal);
        try
        {
            var remaining = runs.Where(r => !before.Contains(r.Run.RunId)).ToList();
            var waited = false;
            while (remaining.Count > 0)
            {
                await Parallel.ForEachAsync(
                    remaining,
                    new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel },
                    async (plan, _) => outcomes[plan.Run.RunId] = await ExecuteAsync(plan, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

                remaining = remaining.Where(r => outcomes[r.Run.RunId] == Outcome.HeldElsewhere).ToList();
                if (remaining.Count == 0 || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (!waited)
                {
                    progress.Waiting(remaining.Count);
                    waited = true;
                }

                try
                {
                    await Task.Delay(settings.Poll, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        // A clean end holds no claims, so its lease can go; an interrupted one released its runs.
        await store.DropLeaseAsync(_owner, CancellationToken.None);
        var finished = before.Count + outcomes.Values.Count(o => o is Outcome.Finished or Outcome.FinishedElsewhere);
        var failed = outcomes.Values.Count(o => o == Outcome.Failed);
        var result = new RunnerResult(
            runs.Count, finished, failed, finished + failed < runs.Count && cancellationToken.IsCancellationRequested, outcomes.Values.Count(o => o == Outcome.Released));
        progress.End(result);
        return result;
    }

    private async Task<Outcome> ExecuteAsync(PlannedRun plan, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Outcome.Interrupted;
        }

        var run = plan.Run;
        var id = run.RunId;
        if (!await store.TryClaimAsync(id, _owner, takeOver: false, CancellationToken.None).ConfigureAwait(false))
        {
            var entry = await store.GetRunAsync(id, CancellationToken.None).ConfigureAwait(false);
            switch (entry)
            {
                case null:
                    throw new StoreException($"{store.Description}: run {id} vanished from the store while the sweep ran.");
                case { Status: RunStatus.Finished }:
                    progress.FinishedElsewhere(run);
                    return Outcome.FinishedElsewhere;
                case { Owner: { } holder } when await IsStaleAsync(holder).ConfigureAwait(false):
                    if (!await store.TryTakeOverAsync(id, _owner, holder, CancellationToken.None).ConfigureAwait(false))
                    {
                        return Outcome.HeldElsewhere;
                    }

                    progress.TookOver(run, holder);
                    break;
                default:
                    return Outcome.HeldElsewhere;
            }
        }

        try
        {
            var latest = await store.LatestCheckpointAsync(id, CancellationToken.None).ConfigureAwait(false);
            var checkpoint = latest?.CheckpointJson;
            RunEpoch? last = null;
            using (var epochs = plan.Prepared.Epochs(checkpoint).GetEnumerator())
            {
                // MoveNext trains one epoch: it runs here, on a worker of Parallel.ForEachAsync.
                while (epochs.MoveNext())
                {
                    last = epochs.Current;
                    if (last.Epoch > 0)
                    {
                        // Not cancellable: the epoch in flight is kept, whole, with its checkpoint.
                        await store.RecordEpochAsync(new EpochEntry(id, last.Epoch, last.Metrics, last.CheckpointJson), last.ValidationLoss, CancellationToken.None)
                            .ConfigureAwait(false);
                        progress.Epoch(run, last);
                    }

                    if (last.Stop is null && cancellationToken.IsCancellationRequested)
                    {
                        await store.ReleaseAsync(id, _owner, CancellationToken.None).ConfigureAwait(false);
                        return Outcome.Released;
                    }
                }
            }

            // Resumed from the last epoch's checkpoint (the previous worker died between recording it and finishing).
            last ??= checkpoint is not null
                ? plan.Prepared.Describe(checkpoint)
                : throw new InvalidOperationException("the run yielded no epoch and has no checkpoint.");
            await store.FinishAsync(id, RunStatus.Finished, RunSummary.Write(last), last.ValidationLoss, CancellationToken.None).ConfigureAwait(false);
            progress.Finished(run, last, checkpoint is not null);
            return Outcome.Finished;
        }
        catch (StoreException)
        {
            throw;
        }
#pragma warning disable CA1031 // one run's failure is recorded in its summary; the sweep goes on
        catch (Exception e)
#pragma warning restore CA1031
        {
            var reason = $"{e.GetType().Name}: {ShellInputException.OneLine(e)}";
            await store.FinishAsync(id, RunStatus.Failed, RunSummary.Failure(reason), null, CancellationToken.None).ConfigureAwait(false);
            progress.Failed(run, reason);
            return Outcome.Failed;
        }
    }

    private async Task<bool> IsStaleAsync(string holder)
    {
        if (holder == _owner)
        {
            return false;
        }

        var renewed = await store.GetLeaseAsync(holder, CancellationToken.None).ConfigureAwait(false);
        return Claims.IsStale(holder, renewed, me, time.GetUtcNow().ToUnixTimeMilliseconds(), settings.Lease, processStart);
    }

    private async Task HeartbeatAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(settings.Lease / 4, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await store.RenewLeaseAsync(_owner, time.GetUtcNow().ToUnixTimeMilliseconds(), stop).ConfigureAwait(false);
                }
                catch (StoreException)
                {
                    // A store that is down fails the next record too, loudly; the heartbeat just tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
