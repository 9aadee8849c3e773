using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Runs;

/// <summary>
/// Options of <c>functional runs</c>, bound from the <c>Runs</c> section of configuration (<c>appsettings.json</c>,
/// <c>FUNCTIONAL_Runs__*</c> variables, then the command line).
/// </summary>
public sealed class RunsOptions
{
    public const string Section = "Runs";

    /// <summary>The default store: a SQLite file in the working folder (the same default as <c>batch</c> and <c>train</c>).</summary>
    public const string DefaultStore = "functional-runs.sqlite";

    /// <summary>What to do: list, show, compare or export.</summary>
    public string Action { get; set; } = "list";

    /// <summary>The run store: a SQLite file path or a PostgreSQL connection string / URL.</summary>
    public string Store { get; set; } = DefaultStore;

    /// <summary>Only runs of this sweep (list, export).</summary>
    public string? Sweep { get; set; }

    /// <summary>Run ids (show: one; compare: two or more).</summary>
    public string[] Ids { get; set; } = [];

    /// <summary>The metric to compare (default: validation_loss or validation_risk when recorded, else train_loss or train_risk, else the first metric).</summary>
    public string? Metric { get; set; }

    /// <summary>compare: where to write the SVG overlay (default: compare.svg).</summary>
    public string Out { get; set; } = "compare.svg";

    /// <summary>export: the CSV file, or <c>-</c> for standard output.</summary>
    public string Csv { get; set; } = "-";
}

/// <summary>Checks <see cref="RunsOptions"/> when the host starts; each failure is one sentence.</summary>
internal sealed class RunsOptionsValidator : IValidateOptions<RunsOptions>
{
    public ValidateOptionsResult Validate(string? name, RunsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options switch
        {
            { Action: not ("list" or "show" or "compare" or "export") } => ValidateOptionsResult.Fail($"unknown action '{options.Action}'; use list, show, compare or export."),
            { Store: null or "" } => ValidateOptionsResult.Fail("--store is empty; give a SQLite file or a PostgreSQL connection string."),
            { Action: "show", Ids.Length: not 1 } => ValidateOptionsResult.Fail($"show takes one run id, not {options.Ids.Length}."),
            { Action: "compare", Ids.Length: < 2 } => ValidateOptionsResult.Fail($"compare takes two or more run ids, not {options.Ids.Length}."),
            _ => ValidateOptionsResult.Success,
        };
    }
}
