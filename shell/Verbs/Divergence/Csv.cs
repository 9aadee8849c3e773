using System.Globalization;
using System.Text;

namespace Functional.Shell.Verbs.Divergence;

/// <summary>A CSV file read whole: its header and its data rows, each row with its 1-based line number in the file.</summary>
/// <param name="Path">The file as the user named it (messages start with it).</param>
/// <param name="Header">The column names, trimmed.</param>
/// <param name="Rows">The data rows: every row has exactly <see cref="Header"/>.Length fields.</param>
internal sealed record CsvTable(string Path, IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows)
{
    /// <summary>The index of a column by name (case-insensitive).</summary>
    /// <exception cref="ShellInputException">No column has that name (the message lists the columns).</exception>
    public int Column(string name)
    {
        for (var j = 0; j < Header.Count; j++)
        {
            if (string.Equals(Header[j], name, StringComparison.OrdinalIgnoreCase))
            {
                return j;
            }
        }

        throw new ShellInputException($"{Path} has no column '{name}'; its columns are {string.Join(", ", Header)}.");
    }

    /// <summary>The finite number in a cell: <c>data.csv line 7, column 3 (mean_area): 'abc' is not a number.</c> otherwise.</summary>
    /// <exception cref="ShellInputException">The cell is empty, not an invariant-culture number, NaN or infinite.</exception>
    public double Number(CsvRow row, int column)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = row.Fields[column];
        var where = $"{Path} line {row.Line.ToString(CultureInfo.InvariantCulture)}, column {(column + 1).ToString(CultureInfo.InvariantCulture)} ({Header[column]})";
        if (text.Length == 0)
        {
            throw new ShellInputException($"{where}: the cell is empty; every feature and target needs a number.");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ShellInputException($"{where}: '{text}' is not a number.");
        }

        return double.IsFinite(value)
            ? value
            : throw new ShellInputException($"{where}: '{text}' is not a finite number; remove or impute the row.");
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>.</summary>
/// <param name="Line">The 1-based line of the file where the row starts.</param>
/// <param name="Fields">The fields, unquoted and trimmed.</param>
internal sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads two numeric columns from a small CSV file: a header row, comma-separated fields (optionally in
/// double quotes), invariant-culture numbers, blank lines ignored. <see cref="ReadTable"/> reads a whole table
/// (RFC 4180 quoting: commas and doubled quotes inside quotes) for the training verbs.
/// </summary>
internal static class Csv
{
    /// <summary>
    /// Reads a whole CSV file: a UTF-8 byte-order mark is skipped, blank lines are ignored, fields may be quoted
    /// (<c>"a, b"</c>, <c>"say ""hi"""</c>; a quoted field may not span lines), and every row must have as many fields as
    /// the header. Every error is one line naming the file, the line and, where it applies, the column.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ShellInputException">The file is missing, unreadable, empty, has no data rows, a duplicate or empty
    /// column name, a ragged row or an unterminated quote.</exception>
    public static CsvTable ReadTable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines;
        try
        {
            // UTF-8 with detection: a BOM is dropped instead of becoming part of the first column's name.
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ShellInputException($"{path}: no such file.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ShellInputException($"{path}: cannot be read ({exception.Message.TrimEnd('.')}).", exception);
        }

        if (lines.Length > 0 && lines[0].Length > 0 && lines[0][0] == '\uFEFF')
        {
            lines[0] = lines[0][1..];
        }

        string[]? header = null;
        var rows = new List<CsvRow>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = SplitQuoted(lines[i], path, i + 1);
            if (header is null)
            {
                header = fields;
                CheckHeader(header, path, i + 1);
                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new ShellInputException(
                    $"{path} line {i + 1} has {fields.Length} fields but the header has {header.Length}.");
            }

            rows.Add(new CsvRow(i + 1, fields));
        }

        if (header is null)
        {
            throw new ShellInputException($"{path} is empty; it needs a header row naming the columns.");
        }

        return rows.Count == 0
            ? throw new ShellInputException($"{path} has a header but no data rows.")
            : new CsvTable(path, header, rows);
    }

    private static void CheckHeader(string[] header, string path, int line)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < header.Length; j++)
        {
            if (header[j].Length == 0)
            {
                throw new ShellInputException($"{path} line {line}, column {j + 1}: the header names no column there.");
            }

            if (!seen.Add(header[j]))
            {
                throw new ShellInputException($"{path} line {line}, column {j + 1}: the column '{header[j]}' appears twice in the header.");
            }
        }
    }

    /// <summary>Splits one line at commas outside double quotes; a doubled quote inside quotes is one quote.</summary>
    private static string[] SplitQuoted(string line, string path, int number)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0 && !wasQuoted)
            {
                field.Clear();
                quoted = true;
                wasQuoted = true;
            }
            else if (c == ',')
            {
                fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                field.Clear();
                wasQuoted = false;
            }
            else if (!(wasQuoted && char.IsWhiteSpace(c)))
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new ShellInputException($"{path} line {number}, column {fields.Count + 1}: a quoted field is not closed on this line.");
        }

        fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
        return [.. fields];
    }

    public static async Task<(double[] First, double[] Second)> ReadColumnsAsync(
        string path, string first, string second, CancellationToken cancellationToken)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ShellInputException($"{path}: no such file.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ShellInputException($"{path}: cannot be read ({exception.Message.TrimEnd('.')}).", exception);
        }

        var rows = lines
            .Select((line, index) => (Line: line, Number: index + 1))
            .Where(row => !string.IsNullOrWhiteSpace(row.Line))
            .ToList();
        if (rows.Count == 0)
        {
            throw new ShellInputException($"{path} is empty; it needs a header row naming the columns.");
        }

        var header = Split(rows[0].Line);
        var firstIndex = Column(header, first, path);
        var secondIndex = Column(header, second, path);
        var firstValues = new double[rows.Count - 1];
        var secondValues = new double[rows.Count - 1];
        for (var r = 1; r < rows.Count; r++)
        {
            var (line, number) = rows[r];
            var fields = Split(line);
            if (fields.Length != header.Length)
            {
                throw new ShellInputException($"{path} line {number} has {fields.Length} fields but the header has {header.Length}.");
            }

            firstValues[r - 1] = Number(fields[firstIndex], path, number, first);
            secondValues[r - 1] = Number(fields[secondIndex], path, number, second);
        }

        return (firstValues, secondValues);
    }

    private static int Column(string[] header, string name, string path)
    {
        var index = Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw new ShellInputException($"{path} has no column '{name}'; its columns are {string.Join(", ", header)}.");
    }

    private static double Number(string field, string path, int line, string column)
        => DivergenceInput.ParseNumber(field, () => $"{path} line {line}, column '{column}': '{field}' is not a number.");

    private static string[] Split(string line)
        => [.. line.Split(',').Select(field => field.Trim().Trim('"').Trim())];
}
