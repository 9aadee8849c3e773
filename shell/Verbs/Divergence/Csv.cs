namespace Functional.Shell.Verbs.Divergence;

/// <summary>
/// Reads two numeric columns from a small CSV file: a header row, comma-separated fields (optionally in
/// double quotes), invariant-culture numbers, blank lines ignored.
/// </summary>
internal static class Csv
{
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
