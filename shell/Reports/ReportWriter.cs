using System.Globalization;
using System.Text;
using Functional.Shell.Plots;

namespace Functional.Shell.Reports;

/// <summary>One file of a report folder: its name and its whole text.</summary>
/// <param name="Name">The file name inside the folder.</param>
/// <param name="Contents">The text (written as UTF-8 without BOM).</param>
public sealed record ReportFile(string Name, string Contents);

/// <summary>
/// Turns a <see cref="Report"/> into files (<see cref="Render"/>, pure) and writes them (<see cref="Write"/>): an SVG per
/// figure, a CSV per table, and index.html, a self-contained page (no scripts, no network) with every figure inline, every
/// table as an HTML table and links to every file. Each file is written atomically and index.html last, so a folder whose
/// index.html is present is complete.
/// </summary>
public static class ReportWriter
{
    /// <summary>The files of the report, index.html last.</summary>
    /// <param name="report">The report.</param>
    /// <param name="generator">Who made it (shown at the foot of the page), e.g. <c>functional 0.1.0</c>.</param>
    /// <returns>The files.</returns>
    public static IReadOnlyList<ReportFile> Render(Report report, string generator)
    {
        ArgumentNullException.ThrowIfNull(report);
        var files = new List<ReportFile>();
        foreach (var section in report.Sections)
        {
            files.AddRange(SectionFiles(section));
        }

        files.Add(new ReportFile("index.html", IndexHtml(report, generator)));
        return files;
    }

    /// <summary>The SVG and CSV files of one section.</summary>
    /// <param name="section">The section.</param>
    /// <returns>One file per item.</returns>
    public static IEnumerable<ReportFile> SectionFiles(ReportSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        foreach (var item in section.Items)
        {
            yield return item switch
            {
                Figure figure => new ReportFile(figure.FileName, SvgChart.Render(figure.Chart, figure.Name)),
                Table table => new ReportFile(table.FileName, Csv(table)),
                _ => throw new ArgumentException($"Unknown report item {item.GetType().Name}.", nameof(section)),
            };
        }
    }

    /// <summary>Writes the files into <paramref name="directory"/> (created if missing), each atomically, in order.</summary>
    /// <param name="directory">The report folder.</param>
    /// <param name="files">The files, index.html last.</param>
    /// <exception cref="IOException">A file could not be written (the folder keeps every file finished before it).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Write(string directory, IEnumerable<ReportFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            WriteAtomically(Path.Combine(directory, file.Name), file.Contents);
        }
    }

    /// <summary>
    /// Writes <paramref name="contents"/> to a temporary file beside <paramref name="path"/>, flushes it to disk and renames it
    /// over <paramref name="path"/>: readers see the old file or the whole new one, never a part.
    /// </summary>
    /// <param name="path">The destination.</param>
    /// <param name="contents">The text (UTF-8, no BOM).</param>
    /// <exception cref="IOException">Writing or renaming failed; the temporary file is removed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void WriteAtomically(string path, string contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The table as CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted), numbers in full.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The CSV text with a header row and LF line ends.</returns>
    public static string Csv(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Columns.Select(CsvField)).Append('\n');
        foreach (var row in table.Rows)
        {
            csv.AppendJoin(',', row.Select(c => CsvField(c.Exact))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The index page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="generator">Shown at the foot of the page.</param>
    /// <returns>The HTML document.</returns>
    public static string IndexHtml(Report report, string generator)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(generator);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{H(report.Title)}</title>\n")
            .Append("<style>\n")
            .Append("body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.45; }\n")
            .Append("h1 { font-size: 1.7rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }\n")
            .Append("figure { margin: 1.5rem 0; } figure svg { max-width: 100%; height: auto; } figcaption, caption { font-size: 0.92rem; color: #333; text-align: left; padding: 0.3rem 0; }\n")
            .Append("table { border-collapse: collapse; margin: 1.5rem 0; } th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; }\n")
            .Append("td.number { text-align: right; font-variant-numeric: tabular-nums; } th { background: #f3f3f3; }\n")
            .Append("footer { margin-top: 3rem; font-size: 0.85rem; color: #555; }\n")
            .Append("</style>\n</head>\n<body>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1>{H(report.Title)}</h1>\n<p>{H(report.Introduction)}</p>\n");

        html.Append("<nav><ul>\n");
        foreach (var section in report.Sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{section.Name}\">{H(section.Title)}</a></li>\n");
        }

        html.Append("</ul></nav>\n");
        foreach (var section in report.Sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"{section.Name}\" data-section=\"{section.Name}\">\n<h2>{H(section.Title)}</h2>\n<p>{H(section.Description)}</p>\n");
            foreach (var item in section.Items)
            {
                switch (item)
                {
                    case Figure figure:
                        html.Append(CultureInfo.InvariantCulture, $"<figure id=\"{figure.Name}\" data-file=\"{figure.FileName}\">\n")
                            .Append(SvgChart.Render(figure.Chart, figure.Name))
                            .Append(CultureInfo.InvariantCulture, $"<figcaption>{H(figure.Caption)} <a href=\"{figure.FileName}\">{figure.FileName}</a></figcaption>\n</figure>\n");
                        break;
                    case Table table:
                        TableHtml(html, table);
                        break;
                }
            }

            html.Append("</section>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<footer>Written by {H(generator)}. Every figure is also a standalone SVG file and every table a CSV file in this folder.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void TableHtml(StringBuilder html, Table table)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"{table.Name}\" data-file=\"{table.FileName}\">\n<caption>{H(table.Caption)} <a href=\"{table.FileName}\">{table.FileName}</a></caption>\n<thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{H(column)}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell.Text is null
                    ? $"<td class=\"number\" data-value=\"{cell.Exact}\">{H(cell.Display)}</td>"
                    : $"<td>{H(cell.Display)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string H(string text) => SvgChart.Escape(text);

    private static string CsvField(string field)
        => field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
