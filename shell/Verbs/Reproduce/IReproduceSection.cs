using Functional.Shell.Reports;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// One section of <c>functional reproduce</c>: a lecture's worked example or demonstration, computed with the core and
/// returned as figures and tables. Pure: no files, no clock; the job writes what it returns.
/// </summary>
/// <remarks>
/// Adding a section is one file in <c>Sections/</c>: a class implementing this interface, plus a line registering it in
/// its own part of <see cref="ReproduceSections"/> (see <c>Sections/EntropySection.cs</c>); shell/README.md has the recipe.
/// </remarks>
internal interface IReproduceSection
{
    /// <summary>The name typed on the command line (<c>functional reproduce losses</c>): lowercase letters, digits, '-'.</summary>
    string Name { get; }

    /// <summary>The heading in the report and the line in <c>--list</c>.</summary>
    string Title { get; }

    /// <summary>Where it goes in the report: the SEEDS.md section number × 10 + a running number (entropy is 31).</summary>
    int Order { get; }

    /// <summary>Computes the section's figures and tables.</summary>
    /// <returns>The section (its <see cref="ReportSection.Name"/> is <see cref="Name"/>).</returns>
    ReportSection Build();
}

/// <summary>
/// Every section of <c>functional reproduce</c>. Each section file adds itself with a static field of this partial class
/// (<c>internal static readonly IReproduceSection Losses = Add(new LossesSection());</c>), so a new section touches no
/// shared list and merges without conflicts; <see cref="All"/> orders them by <see cref="IReproduceSection.Order"/>.
/// </summary>
internal static partial class ReproduceSections
{
    // No initializer: the partial parts' field initializers run in an unspecified order, and an initializer here could
    // run after (and wipe) a section's Add.
    private static List<IReproduceSection>? registered;

    /// <summary>Every section, in report order (then by name).</summary>
    public static IReadOnlyList<IReproduceSection> All
        => [.. (registered ?? []).OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The section called <paramref name="name"/> (case-insensitive), or <see langword="null"/>.</summary>
    public static IReproduceSection? Find(string name)
        => All.FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static IReproduceSection Add(IReproduceSection section)
    {
        (registered ??= []).Add(section);
        return section;
    }
}
