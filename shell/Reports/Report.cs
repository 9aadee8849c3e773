using System.Globalization;
using Functional.Shell.Plots;

namespace Functional.Shell.Reports;

/// <summary>A report: sections of figures and tables, written by <see cref="ReportWriter"/> as a folder with an index.html.</summary>
/// <param name="Title">The page title.</param>
/// <param name="Introduction">A paragraph under the title.</param>
/// <param name="Sections">The sections, in order; names of sections and of their items must be distinct.</param>
public sealed record Report(string Title, string Introduction, IReadOnlyList<ReportSection> Sections)
{
    /// <summary>The sections.</summary>
    public IReadOnlyList<ReportSection> Sections { get; } = CheckNames(Sections);

    private static IReadOnlyList<ReportSection> CheckNames(IReadOnlyList<ReportSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var sectionNames = new HashSet<string>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index.html" };
        foreach (var section in sections)
        {
            if (!sectionNames.Add(section.Name))
            {
                throw new ArgumentException($"Two sections are named '{section.Name}'.", nameof(sections));
            }

            foreach (var item in section.Items)
            {
                if (!files.Add(item.FileName))
                {
                    throw new ArgumentException($"Two report items would both write '{item.FileName}'.", nameof(sections));
                }
            }
        }

        return sections;
    }
}

/// <summary>One section of a report (one <c>functional reproduce</c> section).</summary>
/// <param name="Name">A short name: lowercase letters, digits and '-' (the HTML anchor).</param>
/// <param name="Title">The heading.</param>
/// <param name="Description">A paragraph under the heading (plain text).</param>
/// <param name="Items">Figures and tables, in the order shown.</param>
public sealed record ReportSection(string Name, string Title, string Description, IReadOnlyList<ReportItem> Items)
{
    /// <summary>The short name.</summary>
    public string Name { get; } = ReportItem.CheckName(Name, nameof(Name));

    /// <summary>The figures and tables.</summary>
    public IReadOnlyList<ReportItem> Items { get; } = Items ?? throw new ArgumentNullException(nameof(Items));

    /// <summary>How many figures the section holds.</summary>
    public int FigureCount => Items.OfType<Figure>().Count();

    /// <summary>How many tables the section holds.</summary>
    public int TableCount => Items.OfType<Table>().Count();
}

/// <summary>A figure or a table of a report section.</summary>
/// <param name="Name">The file stem: lowercase letters, digits and '-'.</param>
/// <param name="Caption">Plain text shown with the item.</param>
public abstract record ReportItem(string Name, string Caption)
{
    /// <summary>The file stem.</summary>
    public string Name { get; } = CheckName(Name, nameof(Name));

    /// <summary>The file the item is written to (<c>name.svg</c> or <c>name.csv</c>).</summary>
    public abstract string FileName { get; }

    internal static string CheckName(string name, string parameter)
        => !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? name
            : throw new ArgumentException($"Name '{name}' must be lowercase letters, digits and '-'.", parameter);
}

/// <summary>A chart, written as <c>name.svg</c> and shown inline in index.html.</summary>
/// <param name="Name">The file stem.</param>
/// <param name="Caption">What the figure shows.</param>
/// <param name="Chart">The chart.</param>
public sealed record Figure(string Name, string Caption, Chart Chart) : ReportItem(Name, Caption)
{
    /// <inheritdoc/>
    public override string FileName => Name + ".svg";
}

/// <summary>A table, written as <c>name.csv</c> (full precision) and shown in index.html (rounded for reading).</summary>
/// <param name="Name">The file stem.</param>
/// <param name="Caption">What the table shows.</param>
/// <param name="Columns">The column headers.</param>
/// <param name="Rows">The rows, each as many cells as columns.</param>
public sealed record Table(string Name, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows) : ReportItem(Name, Caption)
{
    /// <summary>The rows.</summary>
    public IReadOnlyList<IReadOnlyList<Cell>> Rows { get; } = CheckRows(Columns, Rows);

    /// <inheritdoc/>
    public override string FileName => Name + ".csv";

    private static IReadOnlyList<IReadOnlyList<Cell>> CheckRows(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<Cell>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != columns.Count)
            {
                throw new ArgumentException($"rows[{i}] has {rows[i].Count} cells for {columns.Count} columns.", nameof(rows));
            }
        }

        return rows;
    }
}

/// <summary>A table cell: text, or a number shown to a number of significant digits and written in full to the CSV.</summary>
public readonly record struct Cell
{
    private Cell(string? text, double number, int digits) => (Text, Number, Digits) = (text, number, digits);

    /// <summary>The text, or <see langword="null"/> for a number.</summary>
    public string? Text { get; }

    /// <summary>The number (when <see cref="Text"/> is null).</summary>
    public double Number { get; }

    /// <summary>Significant digits shown in the HTML table.</summary>
    public int Digits { get; }

    /// <summary>A text cell.</summary>
    public static Cell Of(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), double.NaN, 0);

    /// <summary>A number cell shown to <paramref name="digits"/> significant digits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is not in 1..17.</exception>
    public static Cell Of(double number, int digits = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 17);
        return new Cell(null, number, digits);
    }

    /// <summary>The cell for reading: text as is; numbers rounded to their digits ("0.468996", "4.5396e-05"), ∞ as "∞".</summary>
    public string Display => Text ?? Number switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        double.NaN => "NaN",
        var n => n.ToString("G" + Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };

    /// <summary>The cell for a CSV file: text as is; numbers round-trippable ("R"), infinities as "Infinity"/"-Infinity".</summary>
    public string Exact => Text ?? Number.ToString("R", CultureInfo.InvariantCulture);
}
