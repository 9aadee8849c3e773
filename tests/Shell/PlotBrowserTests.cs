using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Shell.Verbs.Reproduce;

namespace Functional.Tests.Shell;

/// <summary>
/// The plots and the report page in a real browser: headless Chromium (Debian's <c>chromium</c>, which .ci/run installs)
/// loads a page whose script parses each SVG with the browser's XML parser, inserts it, and reports the series it finds,
/// the rendered text boxes that overlap and the text that falls outside the picture; <c>--dump-dom</c> hands the result back.
/// </summary>
public class PlotBrowserTests
{
    [ChromiumFact]
    public async Task Every_figure_of_the_report_parses_in_the_browser_with_its_series_and_no_overlapping_text()
    {
        using var folder = new TempDirectory();
        var figures = ReproduceSections.All.SelectMany(s => s.Build().Items.OfType<Figure>()).ToArray();
        var svgs = figures.ToDictionary(f => f.Name, f => SvgChart.Render(f.Chart, f.Name));

        var results = await Chromium.CheckSvgsAsync(folder.Path, svgs);

        Assert.Equal(figures.Length, results.GetArrayLength());
        foreach (var result in results.EnumerateArray())
        {
            var name = result.GetProperty("name").GetString()!;
            Assert.False(result.TryGetProperty("error", out var error), $"{name}: {error}");
            var figure = figures.Single(f => f.Name == name);
            Assert.Equal(figure.Chart.Series.Select(s => s.Name), result.GetProperty("series").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(figure.Chart.Series.Select(s => s.Name), result.GetProperty("legend").EnumerateArray().Select(e => e.GetString()));
            Assert.True(result.GetProperty("overlaps").GetArrayLength() == 0, $"{name}: overlapping text {result.GetProperty("overlaps")}");
            Assert.True(result.GetProperty("outside").GetArrayLength() == 0, $"{name}: text outside the picture {result.GetProperty("outside")}");
            Assert.True(result.GetProperty("ticks").GetInt32() >= 4, $"{name}: {result.GetProperty("ticks")} tick labels");
            // every drawn series has ink: a path with length or markers/bars with area
            foreach (var ink in result.GetProperty("ink").EnumerateArray())
            {
                Assert.True(ink.GetDouble() > 0, $"{name}: a series draws nothing ({result.GetProperty("ink")})");
            }
        }
    }

    [ChromiumFact]
    public async Task A_chart_with_gaps_hostile_labels_and_a_log_axis_renders()
    {
        using var folder = new TempDirectory();
        var chart = new Chart(
            "<b>bold?</b> & \"quotes\"",
            new Axis("x < 1 & y > 2"),
            new Axis("|∂loss/∂z|", AxisScale.Log),
            [
                new Series("a & b", [0, 1, 2, 3, 4], [1e-6, 1e-3, double.NaN, 1, 0]),
                new Series("<script>", [0, 1, 2], [1e-5, 1e-4, 1e-2], SeriesKind.LineMarkers, Dashed: true),
            ]);

        var results = await Chromium.CheckSvgsAsync(folder.Path, new Dictionary<string, string> { ["hostile"] = SvgChart.Render(chart, "hostile") });

        var result = results[0];
        Assert.False(result.TryGetProperty("error", out var error), error.ToString());
        Assert.Equal(new[] { "a & b", "<script>" }, result.GetProperty("series").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, result.GetProperty("scripts").GetInt32());
        Assert.Equal("<b>bold?</b> & \"quotes\"", result.GetProperty("title").GetString());
        Assert.Equal(0, result.GetProperty("overlaps").GetArrayLength());
    }

    [ChromiumFact]
    public async Task The_check_itself_sees_overlapping_text_text_outside_the_picture_and_invalid_svg()
    {
        using var folder = new TempDirectory();
        const string overlapping = """
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
            <g class="series" data-name="s"><path d="M0 0 L10 10"/></g>
            <text x="20" y="50" font-size="12">first label</text><text x="30" y="52" font-size="12">second</text>
            <text x="180" y="50" font-size="12">runs off the edge</text></svg>
            """;
        const string broken = "<svg xmlns=\"http://www.w3.org/2000/svg\"><g class=\"series\"></svg>";

        var results = await Chromium.CheckSvgsAsync(folder.Path, new Dictionary<string, string> { ["overlapping"] = overlapping, ["broken"] = broken });

        Assert.Equal(new[] { "first label / second" }, results[0].GetProperty("overlaps").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "runs off the edge" }, results[0].GetProperty("outside").EnumerateArray().Select(e => e.GetString()));
        Assert.True(results[1].TryGetProperty("error", out _), results[1].ToString());
    }

    [ChromiumFact]
    public async Task The_report_index_shows_every_section_figure_and_table_in_the_browser()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of("reproduce", "--out", folder.Path);
        Assert.True(run.ExitCode == 0, run.Error);

        var result = await Chromium.CheckIndexAsync(folder.Path);

        var sections = ReproduceSections.All.Select(s => s.Build()).ToArray();
        Assert.Equal(sections.Select(s => s.Name), result.GetProperty("sections").EnumerateArray().Select(e => e.GetString()));
        var figures = result.GetProperty("figures");
        foreach (var figure in sections.SelectMany(s => s.Items.OfType<Figure>()))
        {
            Assert.True(figures.TryGetProperty(figure.Name, out var series), $"figure {figure.Name} is missing from the page");
            Assert.Equal(figure.Chart.Series.Select(s => s.Name), series.EnumerateArray().Select(e => e.GetString()));
        }

        var tables = result.GetProperty("tables");
        foreach (var table in sections.SelectMany(s => s.Items.OfType<Table>()))
        {
            Assert.True(tables.TryGetProperty(table.Name, out var rows), $"table {table.Name} is missing from the page");
            Assert.Equal(table.Rows.Count, rows.GetInt32());
        }

        Assert.Equal(0, result.GetProperty("external").GetArrayLength());
        Assert.Equal(0, result.GetProperty("scripts").GetInt32() - 1); // only the check script itself
    }
}

/// <summary>A fact that runs only where Chromium is installed, and is reported as skipped, with the reason, elsewhere.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "Chromium was not found (/usr/bin/chromium, `chromium` on PATH or FUNCTIONAL_TEST_CHROMIUM): install Debian's chromium package "
                + "(`apt-get install -y chromium`; .ci/run does this) to run the browser checks of the plots.";
        }
    }
}

/// <summary>Runs headless Chromium on a check page and returns what the page's script found.</summary>
internal static partial class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        // FUNCTIONAL_TEST_CHROMIUM names another browser binary; set to a missing path, it shows how the tests skip
        if (Environment.GetEnvironmentVariable("FUNCTIONAL_TEST_CHROMIUM") is { } chosen)
        {
            return File.Exists(chosen) ? chosen : null;
        }

        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => System.IO.Path.Combine(d, "chromium"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Measures every rendered text box of one inserted SVG: overlaps between them and boxes outside the picture.</summary>
    private const string MeasureScript = """
        function measure(svg) {
          const box = svg.getBoundingClientRect();
          const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '').map(t => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
          });
          // line boxes include the font's leading: shrink by a pixel before calling two boxes overlapping
          const overlaps = [];
          for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i], b = texts[j];
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 2 && b.top < a.bottom - 2) overlaps.push(a.text + ' / ' + b.text);
          }
          const outside = texts.filter(t => t.left < box.left - 0.5 || t.top < box.top - 0.5 || t.right > box.right + 0.5 || t.bottom > box.bottom + 0.5).map(t => t.text);
          const ink = [...svg.querySelectorAll('g.series')].map(g => {
            let total = 0;
            for (const p of g.querySelectorAll('path')) total += p.getTotalLength();
            for (const e of g.querySelectorAll('circle, rect')) { const r = e.getBBox(); total += r.width * r.height; }
            return total;
          });
          return {
            series: [...svg.querySelectorAll('g.series')].map(g => g.getAttribute('data-name')),
            legend: [...svg.querySelectorAll('g.legend-entry')].map(g => g.getAttribute('data-name')),
            title: (svg.querySelector('text.title') || {}).textContent,
            ticks: svg.querySelectorAll('text.tick').length,
            scripts: svg.querySelectorAll('script').length,
            overlaps, outside, ink };
        }
        """;

    /// <summary>Parses each SVG of <c>svgs</c> (strict XML), inserts it and measures it; the result goes into #result.</summary>
    private const string SvgLoopScript = """
        const results = [];
        for (const [name, text] of Object.entries(svgs)) {
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          const error = doc.getElementsByTagName('parsererror')[0];
          if (error || doc.documentElement.namespaceURI !== 'http://www.w3.org/2000/svg') {
            results.push({ name, error: error ? error.textContent : 'root is not an SVG element' });
            continue;
          }
          const svg = document.importNode(doc.documentElement, true);
          document.body.appendChild(svg);
          results.push(Object.assign({ name }, measure(svg)));
        }
        document.getElementById('result').textContent = JSON.stringify(results);
        </script></body></html>
        """;

    /// <summary>Parses each SVG (name → text) with the browser's XML parser, inserts it into a page and measures it.</summary>
    public static async Task<JsonElement> CheckSvgsAsync(string folder, IReadOnlyDictionary<string, string> svgs)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><pre id=\"result\"></pre><script>\n")
            .Append(MeasureScript)
            .Append("\nconst svgs = ").Append(JsonSerializer.Serialize(svgs)).Append(";\n")
            .Append(SvgLoopScript);
        var file = System.IO.Path.Combine(folder, "check-svgs.html");
        await File.WriteAllTextAsync(file, page.ToString());
        return await RunAsync(folder, file);
    }

    /// <summary>Loads a copy of the report's index.html with a script that lists its sections, figures' series and tables' rows.</summary>
    public static async Task<JsonElement> CheckIndexAsync(string folder)
    {
        var index = await File.ReadAllTextAsync(System.IO.Path.Combine(folder, "index.html"));
        const string script = """
            <pre id="result"></pre><script>
            const figures = {}, tables = {};
            for (const f of document.querySelectorAll('figure')) figures[f.id] = [...f.querySelectorAll('svg g.series')].map(g => g.getAttribute('data-name'));
            for (const t of document.querySelectorAll('table')) tables[t.id] = t.querySelectorAll('tbody tr').length;
            const external = [...document.querySelectorAll('[href], [src]')].map(e => e.getAttribute('href') || e.getAttribute('src')).filter(u => /^[a-z]+:/i.test(u));
            document.getElementById('result').textContent = JSON.stringify({
              sections: [...document.querySelectorAll('section')].map(s => s.id),
              figures, tables, external, scripts: document.querySelectorAll('script').length });
            </script>
            """;
        Assert.Contains("</body>", index, StringComparison.Ordinal);
        var file = System.IO.Path.Combine(folder, "check-index.html");
        await File.WriteAllTextAsync(file, index.Replace("</body>", script + "</body>", StringComparison.Ordinal));
        return await RunAsync(folder, file);
    }

    private static async Task<JsonElement> RunAsync(string folder, string page)
    {
        var start = new ProcessStartInfo(Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // its own profile folder: several test classes may run a browser at once
        foreach (var argument in new[]
        {
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
            $"--user-data-dir={System.IO.Path.Combine(folder, "chromium-profile")}", "--dump-dom", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var dom = await stdout;
        var match = ResultElement().Match(dom);
        Assert.True(match.Success, $"chromium exited with {process.ExitCode} and no result; stderr: {await stderr}");
        using var json = JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value));
        return json.RootElement.Clone();
    }

    [GeneratedRegex("<pre id=\"result\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ResultElement();
}
