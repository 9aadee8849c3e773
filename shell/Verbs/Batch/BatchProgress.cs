using System.Diagnostics;
using System.Globalization;
using Functional.Shell.Sweeps;

namespace Functional.Shell.Verbs.Batch;

/// <summary>
/// Progress on stderr: one line per finished (or failed, or taken-over) run with the overall counter and an ETA; on a
/// terminal also a live last line (rewritten in place) with the runs in flight and their current epoch. Quiet prints
/// failures only.
/// </summary>
internal sealed class BatchProgress(TextWriter error, bool live, bool quiet) : IRunnerProgress
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, (int Epoch, double Loss)> _running = new(StringComparer.Ordinal);
    private int _total;
    private int _done;
    private int _doneHere;
    private bool _liveShown;

    public void Begin(int total, int finished)
    {
        lock (_gate)
        {
            (_total, _done) = (total, finished);
            if (!quiet && finished > 0)
            {
                Line($"{finished} of {total} runs already finished; resuming the rest.");
            }
        }
    }

    public void Epoch(SweepRun run, RunEpoch epoch)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(epoch);
        lock (_gate)
        {
            _running[run.RunId] = (epoch.Epoch, epoch.RankingLoss);
            Live();
        }
    }

    public void Finished(SweepRun run, RunEpoch last, bool resumed)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(last);
        lock (_gate)
        {
            _running.Remove(run.RunId);
            _done++;
            _doneHere++;
            if (!quiet)
            {
                var loss = last.ValidationLoss is { } v ? $"validation loss {Format(v)}" : $"train loss {Format(last.TrainLoss)}";
                var accuracy = last.Accuracy is { } a ? $", accuracy {Format(a)}" : "";
                Line($"[{_done}/{_total}] {run.RunId}: {last.Epoch} epochs{(resumed ? " (resumed)" : "")}, {loss}{accuracy}{Eta()}");
            }
        }
    }

    public void FinishedElsewhere(SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            _done++;
            if (!quiet)
            {
                Line($"[{_done}/{_total}] {run.RunId}: finished by another worker");
            }
        }
    }

    public void Failed(SweepRun run, string reason)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            _running.Remove(run.RunId);
            Line($"run {run.RunId} failed: {reason}");
        }
    }

    public void TookOver(SweepRun run, string staleOwner)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (!quiet)
            {
                Line($"{run.RunId}: taking over from {staleOwner} (gone or past its lease); resuming from its checkpoint");
            }
        }
    }

    public void Waiting(int held)
    {
        lock (_gate)
        {
            if (!quiet)
            {
                Line($"waiting for {held} run(s) held by other live workers");
            }
        }
    }

    public void End(RunnerResult result)
    {
        lock (_gate)
        {
            ClearLive();
        }
    }

    private string Eta()
    {
        var remaining = _total - _done;
        if (_doneHere == 0 || remaining <= 0)
        {
            return "";
        }

        var eta = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / _doneHere * remaining);
        return $" — ETA {Duration(eta)}";
    }

    private void Live()
    {
        if (!live || quiet)
        {
            return;
        }

        var inFlight = string.Join(", ", _running.Take(3).Select(r => $"{r.Key} epoch {r.Value.Epoch} loss {Format(r.Value.Loss)}"));
        var more = _running.Count > 3 ? $" +{_running.Count - 3}" : "";
        var text = $"[{_done}/{_total} done, {_running.Count} running{Eta()}] {inFlight}{more}";
        var width = Math.Max(40, SafeWidth() - 1);
        error.Write("\r\u001b[K" + (text.Length > width ? text[..width] : text));
        error.Flush();
        _liveShown = true;
    }

    private void Line(string text)
    {
        ClearLive();
        error.WriteLine(text);
        error.Flush();
        Live();
    }

    private void ClearLive()
    {
        if (_liveShown)
        {
            error.Write("\r\u001b[K");
            _liveShown = false;
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span)
        => span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
}
