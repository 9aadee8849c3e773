using System.Globalization;

namespace Functional.Shell.Verbs.Divergence;

/// <summary>The readable, aligned table that <c>functional divergence</c> prints without <c>--json</c>.</summary>
internal static class DivergenceTable
{
    public static void Write(TextWriter writer, DivergenceReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var g = report.Gibbs;
        var rows = new (string Quantity, string Value, string Meaning)[]
        {
            ("H(p)", Number(report.EntropyP), "entropy of p"),
            ("H(q)", Number(report.EntropyQ), "entropy of q"),
            ("H(p,q)", Number(report.CrossEntropyPQ), "cross-entropy: coding p with a code built for q"),
            ("H(q,p)", Number(report.CrossEntropyQP), "cross-entropy: coding q with a code built for p"),
            ("KL(p‖q)", Number(report.KlPQ), "relative entropy H(p,q) - H(p)"),
            ("KL(q‖p)", Number(report.KlQP), "relative entropy H(q,p) - H(q)"),
            ("JS(p,q)", Number(report.JsDivergence), "Jensen-Shannon divergence"),
            ("√JS(p,q)", Number(report.JsDistance), "Jensen-Shannon distance (a metric)"),
            ("gap", Number(g.Gap), "Gibbs: H(p,q) - H(p), must be ≥ 0"),
            ("tolerance", Number(g.Tolerance), "Gibbs: rounding allowance on the gap"),
            ("violation", Number(g.Violation), "Gibbs: max(0, H(p) - H(p,q))"),
            ("holds", g.Holds ? "yes" : "NO", "Gibbs' inequality H(p) ≤ H(p,q)"),
        };

        var valueHeader = $"value ({report.Unit})";
        var quantityWidth = Math.Max("quantity".Length, rows.Max(r => r.Quantity.Length));
        var valueWidth = Math.Max(valueHeader.Length, rows.Max(r => r.Value.Length));

        writer.WriteLine($"p = {Vector(report.P)}");
        writer.WriteLine($"q = {Vector(report.Q)}");
        writer.WriteLine($"base {report.Base} ({report.Unit})");
        writer.WriteLine();
        writer.WriteLine($"{"quantity".PadRight(quantityWidth)}  {valueHeader.PadLeft(valueWidth)}  meaning");
        writer.WriteLine($"{new string('-', quantityWidth)}  {new string('-', valueWidth)}  {new string('-', rows.Max(r => r.Meaning.Length))}");
        foreach (var (quantity, value, meaning) in rows)
        {
            writer.WriteLine($"{quantity.PadRight(quantityWidth)}  {value.PadLeft(valueWidth)}  {meaning}");
        }
    }

    /// <summary>Six decimals for ordinary magnitudes, scientific notation for tiny ones, "inf" for infinities.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "NaN",
        0.0 => "0",
        _ when Math.Abs(value) < 1e-4 => value.ToString("0.###E+0", CultureInfo.InvariantCulture),
        _ => value.ToString("F6", CultureInfo.InvariantCulture),
    };

    public static string Vector(IEnumerable<double> values)
        => $"({string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))})";
}
