using System.Globalization;
using Functional.Shell.Verbs.Runs;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Batch;

/// <summary>
/// Options of <c>functional batch</c>, bound from the <c>Batch</c> section of configuration (<c>appsettings.json</c>,
/// <c>FUNCTIONAL_Batch__*</c> variables, then the command line).
/// </summary>
public sealed class BatchOptions
{
    public const string Section = "Batch";

    /// <summary>The sweep file.</summary>
    public string Sweep { get; set; } = "";

    /// <summary>The run store: a SQLite file path or a PostgreSQL connection string / URL.</summary>
    public string Store { get; set; } = RunsOptions.DefaultStore;

    /// <summary>Runs trained at once (default: the machine's cores).</summary>
    public int Parallel { get; set; } = Environment.ProcessorCount;

    /// <summary>The shard <c>i/n</c> to run; by default the scheduler's (SLURM, Kubernetes) or the whole sweep.</summary>
    public string? Shard { get; set; }

    /// <summary>The folder for ranking.csv, best-config.json and the curves (default: <c>&lt;sweep&gt;-results</c> beside the store).</summary>
    public string? Out { get; set; }

    /// <summary>Print only failures and the results, no progress.</summary>
    public bool Quiet { get; set; }

    /// <summary>Seconds a worker's claims last without renewal before another machine may take its runs over.</summary>
    public double LeaseSeconds { get; set; } = 60.0;
}

/// <summary>Checks <see cref="BatchOptions"/> when the host starts; each failure is one sentence.</summary>
internal sealed class BatchOptionsValidator : IValidateOptions<BatchOptions>
{
    public const int MaxParallel = 1024;

    public ValidateOptionsResult Validate(string? name, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options switch
        {
            { Sweep: null or "" } => ValidateOptionsResult.Fail("no sweep file given; usage: functional batch SWEEP.json [--store …]."),
            { Store: null or "" } => ValidateOptionsResult.Fail("--store is empty; give a SQLite file or a PostgreSQL connection string."),
            { Parallel: < 1 or > MaxParallel } => ValidateOptionsResult.Fail(
                string.Create(CultureInfo.InvariantCulture, $"--parallel {options.Parallel}: use 1 to {MaxParallel} workers.")),
            { LeaseSeconds: var l } when !(l >= 1.0 && l <= 86400.0) => ValidateOptionsResult.Fail(
                string.Create(CultureInfo.InvariantCulture, $"--lease {l}: use 1 to 86400 seconds.")),
            _ => ValidateOptionsResult.Success,
        };
    }
}
