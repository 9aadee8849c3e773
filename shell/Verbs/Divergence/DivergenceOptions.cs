using Functional.Numerics;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Divergence;

/// <summary>
/// Options of <c>functional divergence</c>, bound from the <c>Divergence</c> section of configuration
/// (<c>appsettings.json</c>, <c>FUNCTIONAL_Divergence__*</c> variables, then the command line).
/// </summary>
public sealed class DivergenceOptions
{
    public const string Section = "Divergence";

    /// <summary>Comma-separated probabilities of p (<c>0.2,0.1,0.7</c>).</summary>
    public string? P { get; set; }

    /// <summary>Comma-separated probabilities of q.</summary>
    public string? Q { get; set; }

    /// <summary>Logarithm base: <c>e</c>, <c>2</c>, <c>10</c>, <c>bits</c>, <c>nats</c> or a number greater than 1.</summary>
    public string Base { get; set; } = "e";

    /// <summary>Write one JSON object instead of the table.</summary>
    public bool Json { get; set; }

    /// <summary>A CSV file (header row, invariant-culture numbers) holding p and q as columns.</summary>
    public string? Csv { get; set; }

    /// <summary>The CSV column holding p (default <c>p</c>).</summary>
    public string? PColumn { get; set; }

    /// <summary>The CSV column holding q (default <c>q</c>).</summary>
    public string? QColumn { get; set; }
}

/// <summary>Checks <see cref="DivergenceOptions"/> when the host starts; each failure is one sentence.</summary>
internal sealed class DivergenceOptionsValidator : IValidateOptions<DivergenceOptions>
{
    public ValidateOptionsResult Validate(string? name, DivergenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            _ = LogBase.Parse(options.Base);
        }
        catch (ArgumentException exception)
        {
            // The core names its parameter (logBase); the user typed --base.
            var message = ShellInputException.OneLine(exception);
            failures.Add(message.StartsWith("logBase = ", StringComparison.Ordinal) ? "base = " + message["logBase = ".Length..] : message);
        }

        var hasP = !string.IsNullOrWhiteSpace(options.P);
        var hasQ = !string.IsNullOrWhiteSpace(options.Q);
        var hasCsv = !string.IsNullOrWhiteSpace(options.Csv);
        if (hasCsv && (hasP || hasQ))
        {
            failures.Add("give either --p and --q or --csv, not both.");
        }
        else if (hasP != hasQ)
        {
            failures.Add($"{(hasP ? "--p" : "--q")} was given without {(hasP ? "--q" : "--p")}; give both, or neither for the built-in example.");
        }

        if (!hasCsv && (options.PColumn is not null || options.QColumn is not null))
        {
            failures.Add("--p-column and --q-column need --csv FILE.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
