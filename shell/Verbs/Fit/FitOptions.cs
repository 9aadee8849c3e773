using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Fit;

/// <summary>
/// Options of <c>functional fit</c>, bound from the <c>Fit</c> section of configuration
/// (<c>appsettings.json</c>, <c>FUNCTIONAL_Fit__*</c> variables, then the command line).
/// </summary>
public sealed class FitOptions
{
    public const string Section = "Fit";

    /// <summary>The CSV file (header row, invariant-culture numbers).</summary>
    public string? Data { get; set; }

    /// <summary>The column to fit.</summary>
    public string? Column { get; set; }

    /// <summary>The family (<see cref="FitFamilies.Names"/>) or <c>auto</c> to fit and rank every family.</summary>
    public string Family { get; set; } = "auto";

    /// <summary>A conjugate prior for a MAP estimate: <c>beta:a,b</c>, <c>dirichlet:a</c>, <c>normal:m0,t2,s2</c> or <c>nig:m0,k,a,b</c>.</summary>
    public string? Prior { get; set; }

    /// <summary>Write one JSON object instead of the table.</summary>
    public bool Json { get; set; }
}

/// <summary>Checks <see cref="FitOptions"/> when the host starts; each failure is one sentence.</summary>
internal sealed class FitOptionsValidator : IValidateOptions<FitOptions>
{
    public ValidateOptionsResult Validate(string? name, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Data))
        {
            failures.Add("--data FILE is required: a CSV file with a header row.");
        }

        if (string.IsNullOrWhiteSpace(options.Column))
        {
            failures.Add("--column NAME is required: the column of the CSV file to fit.");
        }

        var family = options.Family?.Trim().ToLowerInvariant() ?? "";
        if (family != FitFamilies.Auto && !FitFamilies.Names.Contains(family))
        {
            failures.Add($"family = '{options.Family}' is not one of {string.Join(", ", FitFamilies.Names)} or {FitFamilies.Auto}.");
        }
        else if (!string.IsNullOrWhiteSpace(options.Prior))
        {
            try
            {
                FitPrior.Parse(options.Prior, family);
            }
            catch (ShellInputException exception)
            {
                failures.Add(exception.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
