using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// Options of <c>functional reproduce</c>, bound from the <c>Reproduce</c> section of configuration
/// (<c>appsettings.json</c>, <c>FUNCTIONAL_Reproduce__*</c> variables, then the command line).
/// </summary>
public sealed class ReproduceOptions
{
    public const string Section = "Reproduce";

    /// <summary>The sections to reproduce (<c>entropy</c>, <c>losses</c> …); none means all.</summary>
    public string[] Sections { get; set; } = [];

    /// <summary>The report folder, relative to the working folder unless absolute (default <c>report</c>).</summary>
    public string Out { get; set; } = "report";

    /// <summary>List the sections and write nothing.</summary>
    public bool List { get; set; }
}

/// <summary>Checks <see cref="ReproduceOptions"/> when the host starts; each failure is one sentence.</summary>
internal sealed class ReproduceOptionsValidator : IValidateOptions<ReproduceOptions>
{
    public ValidateOptionsResult Validate(string? name, ReproduceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var unknown = options.Sections.Where(s => ReproduceSections.Find(s) is null).ToArray();
        if (unknown.Length > 0)
        {
            var known = string.Join(", ", ReproduceSections.All.Select(s => s.Name));
            return ValidateOptionsResult.Fail(
                $"unknown section{(unknown.Length == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the sections are {known} (see --list).");
        }

        if (string.IsNullOrWhiteSpace(options.Out))
        {
            return ValidateOptionsResult.Fail("--out is empty; give the report folder.");
        }

        if (options.Out.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return ValidateOptionsResult.Fail($"--out '{options.Out}' is not a valid folder name.");
        }

        return ValidateOptionsResult.Success;
    }
}
