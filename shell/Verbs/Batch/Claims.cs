using System.Diagnostics;
using System.Globalization;

namespace Functional.Shell.Verbs.Batch;

/// <summary>
/// Who holds a run: <c>host/pid/start/nonce</c> — the machine, the process id, the process's start time (Unix ms, so a
/// recycled pid is not mistaken for the old process) and a random nonce (two workers in one process differ).
/// </summary>
/// <param name="Host">The machine name.</param>
/// <param name="ProcessId">The process id on that machine.</param>
/// <param name="StartUnixMilliseconds">When that process started (UTC).</param>
/// <param name="Nonce">Distinguishes workers of one process.</param>
internal sealed record WorkerId(string Host, int ProcessId, long StartUnixMilliseconds, string Nonce)
{
    /// <summary>This process, with a fresh nonce.</summary>
    public static WorkerId Current()
    {
        using var self = Process.GetCurrentProcess();
        return new WorkerId(
            Environment.MachineName,
            Environment.ProcessId,
            new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds(),
            Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>The owner string the store keeps.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Host}/{ProcessId}/{StartUnixMilliseconds}/{Nonce}");

    /// <summary>Parses an owner string; null when it is not one (written by another tool).</summary>
    public static WorkerId? TryParse(string? owner)
    {
        var parts = owner?.Split('/');
        return parts is { Length: 4 }
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
               && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? new WorkerId(parts[0], pid, start, parts[3])
            : null;
    }
}

/// <summary>
/// When a claim is stale, so that another worker may take the run over:
/// <list type="number">
/// <item>the owner ran on this machine and its process is gone (no such pid, or that pid now belongs to a process that
/// started at another time) — a <c>kill -9</c>ed batch is taken over by the next one at once;</item>
/// <item>otherwise, its lease ran out: it has not renewed it for longer than the lease (or never wrote one). Live workers
/// renew every quarter lease, so a live owner is never taken over unless clocks differ by more than ¾ lease.</item>
/// </list>
/// A wrong verdict costs time, never results: the epochs are deterministic and recorded idempotently, so two workers on
/// one run write the same rows and the first write wins.
/// </summary>
internal static class Claims
{
    /// <summary>Whether the claim of <paramref name="owner"/> is stale for <paramref name="me"/>.</summary>
    /// <param name="owner">The owner string in the store.</param>
    /// <param name="leaseRenewedUnixMilliseconds">When that owner last renewed its lease (its clock), or null.</param>
    /// <param name="me">The worker asking.</param>
    /// <param name="nowUnixMilliseconds">Now, on this worker's clock.</param>
    /// <param name="lease">How long a lease lasts.</param>
    /// <param name="processStart">The start time (Unix ms) of a process on this machine, or null when there is none with that id.</param>
    public static bool IsStale(
        string owner, long? leaseRenewedUnixMilliseconds, WorkerId me, long nowUnixMilliseconds, TimeSpan lease, Func<int, long?> processStart)
    {
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(processStart);
        if (WorkerId.TryParse(owner) is { } holder && string.Equals(holder.Host, me.Host, StringComparison.Ordinal))
        {
            // Start times are read from /proc to the clock tick; a second of slack tolerates rounding, not pid reuse.
            if (processStart(holder.ProcessId) is not { } started || Math.Abs(started - holder.StartUnixMilliseconds) > 1000)
            {
                return true;
            }
        }

        return leaseRenewedUnixMilliseconds is not { } renewed || nowUnixMilliseconds - renewed > (long)lease.TotalMilliseconds;
    }

    /// <summary>The start time of process <paramref name="processId"/> on this machine (Unix ms), or null when there is none.</summary>
    public static long? ProcessStart(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
