using System.Globalization;

namespace Functional.Shell.Verbs.Divergence;

/// <summary>The two vectors to compare and where they came from.</summary>
internal sealed record DivergenceInput(double[] P, double[] Q, string Source, bool IsBuiltInExample)
{
    /// <summary>The lecture's worked example.</summary>
    public static DivergenceInput BuiltInExample { get; } = new([0.2, 0.1, 0.7], [0.5, 0.3, 0.2], "built-in example", true);

    public static async Task<DivergenceInput> ReadAsync(DivergenceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Csv))
        {
            var pColumn = string.IsNullOrWhiteSpace(options.PColumn) ? "p" : options.PColumn.Trim();
            var qColumn = string.IsNullOrWhiteSpace(options.QColumn) ? "q" : options.QColumn.Trim();
            var (p, q) = await Csv.ReadColumnsAsync(options.Csv, pColumn, qColumn, cancellationToken);
            return new DivergenceInput(p, q, $"csv {options.Csv} columns {pColumn}, {qColumn}", false);
        }

        if (options.P is null || options.Q is null)
        {
            return BuiltInExample;
        }

        return new DivergenceInput(ParseList(options.P, "p"), ParseList(options.Q, "q"), "command line", false);
    }

    /// <summary>Parses <c>0.2,0.1,0.7</c> (commas, semicolons or spaces; invariant culture).</summary>
    public static double[] ParseList(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new ShellInputException($"{name} is empty; give comma-separated probabilities such as 0.2,0.1,0.7.");
        }

        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            values[i] = ParseNumber(parts[i], () => $"{name}[{i}] = '{parts[i]}' is not a number.");
        }

        return values;
    }

    internal static double ParseNumber(string text, Func<string> problem)
        => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ShellInputException(problem());
}
