using System.Globalization;
using System.Text.Json.Serialization;
using Functional.Shell.Verbs.Divergence;

namespace Functional.Shell.Verbs.Fit;

/// <summary>Everything <c>functional fit</c> reports; serialised as the <c>--json</c> object.</summary>
internal sealed record FitReport(
    string Source,
    int Count,
    string Family,
    string Unit,
    FamilyFit[] Fits,
    SkippedFamily[] Skipped,
    MapReport? Map)
{
    /// <summary>Fits the requested family (or every family, ranked by AIC within its kind); the core's ArgumentException becomes bad input.</summary>
    public static FitReport Compute(string source, double[] values, string family, FitPrior? prior)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (family != FitFamilies.Auto)
        {
            try
            {
                var fit = FitFamilies.Fit(family, values);
                var map = prior?.Apply(values);
                return new FitReport(source, values.Length, family, "nats", [fit with { Rank = 1 }], [], map);
            }
            catch (ArgumentException exception)
            {
                throw new ShellInputException($"{source}: {ShellInputException.OneLine(exception)}", exception);
            }
        }

        var fits = new List<FamilyFit>();
        var skipped = new List<SkippedFamily>();
        foreach (var name in FitFamilies.Names)
        {
            try
            {
                fits.Add(FitFamilies.Fit(name, values));
            }
            catch (ArgumentException exception)
            {
                skipped.Add(new SkippedFamily(name, ShellInputException.OneLine(exception)));
            }
        }

        if (fits.Count == 0)
        {
            // Every family refused: the first reason (an empty column, a NaN) is the one to show.
            throw new ShellInputException($"{source}: no family fits; {skipped[0].Family}: {skipped[0].Reason}");
        }

        // A density and a probability mass are not on one scale: rank each kind on its own, best AIC first.
        var ranked = fits
            .GroupBy(f => f.Kind)
            .OrderBy(g => g.Key == FitFamilies.Continuous ? 0 : 1)
            .SelectMany(g => g.OrderBy(f => f.Aic).Select((f, i) => f with { Rank = i + 1 }))
            .ToArray();
        return new FitReport(source, values.Length, FitFamilies.Auto, "nats", ranked, [.. skipped], null);
    }
}

/// <summary>Source-generated (reflection-free, AOT-friendly) JSON for the fit report.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(FitReport))]
internal sealed partial class FitJsonContext : JsonSerializerContext;

/// <summary>The readable table that <c>functional fit</c> prints without <c>--json</c>.</summary>
internal static class FitTable
{
    public static void Write(TextWriter writer, FitReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteLine($"{report.Source}: n = {report.Count}, maximum-likelihood fit{(report.Family == FitFamilies.Auto ? "s ranked by AIC (lower is better)" : "")}, log-likelihood in nats");
        foreach (var kind in report.Fits.Select(f => f.Kind).Distinct())
        {
            var rows = report.Fits.Where(f => f.Kind == kind).ToArray();
            writer.WriteLine();
            var header = new[] { "rank", $"family ({kind})", "log-likelihood", "AIC", "BIC", "estimate" };
            var cells = rows.Select(f => new[]
            {
                f.Rank?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.Family,
                DivergenceTable.Number(f.LogLikelihood),
                DivergenceTable.Number(f.Aic),
                DivergenceTable.Number(f.Bic),
                Describe(f.Parameters) + (f.Iterations is { } steps ? $"  (Newton: {steps} steps, score {f.Gradient!.Value.ToString("0.#E+0", CultureInfo.InvariantCulture)})" : ""),
            }).ToArray();
            var widths = Enumerable.Range(0, header.Length - 1).Select(c => Math.Max(header[c].Length, cells.Max(r => r[c].Length))).ToArray();
            writer.WriteLine(Line(header, widths));
            writer.WriteLine(Line([.. header.Select((h, c) => new string('-', c < widths.Length ? widths[c] : cells.Max(r => r[c].Length)))], widths));
            foreach (var row in cells)
            {
                writer.WriteLine(Line(row, widths));
            }
        }

        if (report.Skipped.Length > 0)
        {
            writer.WriteLine();
            foreach (var s in report.Skipped)
            {
                writer.WriteLine($"not fitted: {s.Family}: {s.Reason}");
            }
        }

        if (report.Map is { } map)
        {
            writer.WriteLine();
            writer.WriteLine($"MAP with prior {map.Prior}:");
            writer.WriteLine($"  posterior       {Describe(map.Posterior)}");
            writer.WriteLine($"  mode (MAP)      {(map.Mode is null ? "none (the posterior density has no unique maximum)" : Describe(map.Mode))}");
            writer.WriteLine($"  posterior mean  {(map.PosteriorMean is null ? "infinite" : Describe(map.PosteriorMean))}");
        }
    }

    private static string Describe(IEnumerable<Parameter> parameters)
        => string.Join(", ", parameters.Select(p => $"{p.Name} = {p.Value.ToString("G10", CultureInfo.InvariantCulture)}"));

    // Numbers right-aligned, names left-aligned; the last column is free text.
    private static string Line(string[] cells, int[] widths)
        => string.Join("  ", cells.Select((cell, c) => c >= widths.Length ? cell : c is 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
}
