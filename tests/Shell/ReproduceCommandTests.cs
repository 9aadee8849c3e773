using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Functional.Shell.Verbs.Reproduce;

namespace Functional.Tests.Shell;

/// <summary>End-to-end runs of <c>functional reproduce</c> into temporary folders.</summary>
public partial class ReproduceCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly string[] RegressionFamily =
        ["L2: ½d²", "L1: |d|", "Huber, δ = 1", "smooth-L1, β = 2", "log-cosh", "Charbonnier, c = 1", "Cauchy, c = 1", "Geman–McClure, c = 1", "Welsch, c = 1"];

    [Fact]
    public async Task Without_arguments_writes_every_section_and_an_index_linking_every_file()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of("reproduce", "--out", folder.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sections = ReproduceSections.All;
        Assert.Equal(sections.Count + 1, lines.Length);
        for (var i = 0; i < sections.Count; i++)
        {
            Assert.StartsWith($"[{i + 1}/{sections.Count}] {sections[i].Name}: ", lines[i], StringComparison.Ordinal);
        }

        Assert.StartsWith($"report: {Path.Combine(folder.Path, "index.html")} (", lines[^1], StringComparison.Ordinal);

        var index = File.ReadAllText(Path.Combine(folder.Path, "index.html"));
        var links = Links(index);
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(folder.Path, link)), $"index.html links to missing {link}"));
        var written = Directory.GetFiles(folder.Path).Select(Path.GetFileName).Where(f => f != "index.html").Order().ToArray();
        Assert.Equal(written, links.Distinct().Order().ToArray());
        Assert.Contains(written, f => f!.EndsWith(".svg", StringComparison.Ordinal));
        Assert.Contains(written, f => f!.EndsWith(".csv", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.DoesNotContain("http://", index.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", index, StringComparison.Ordinal);
        // the index is well-formed enough for an XML parser once the doctype is dropped (every tag closed, every entity known)
        _ = XDocument.Parse(index.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal).Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>", StringComparison.Ordinal)
            .Replace("initial-scale=1\">", "initial-scale=1\"/>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Svgs_parse_as_xml_with_the_expected_series()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of("reproduce", "--out", folder.Path);
        Assert.True(run.ExitCode == 0, run.Error);

        Assert.Equal(RegressionFamily, SeriesNames(folder, "losses-regression.svg"));
        Assert.Equal(RegressionFamily, SeriesNames(folder, "losses-regression-derivatives.svg"));
        Assert.Equal(
            ["0-1 error [m ≤ 0]", "logistic, log₂(1 + exp(−m))", "hinge, max(0, 1 − m)", "squared hinge", "modified Huber", "exponential, exp(−m)", "sigmoid, 2σ(−m)"],
            SeriesNames(folder, "losses-surrogates.svg"));
        Assert.Equal(["BCE, y = 1", "MSE, y = 1", "BCE, y = 0", "MSE, y = 0"], SeriesNames(folder, "losses-mse-vs-bce.svg"));
        Assert.Equal(["h(p)", "fair coin (1 bit)", "biased coin p = 0.9 (0.47 bit)"], SeriesNames(folder, "entropy-binary.svg"));
        Assert.Equal(["p", "q"], SeriesNames(folder, "kl-distributions.svg"));
        foreach (var svg in Directory.GetFiles(folder.Path, "*.svg"))
        {
            var root = XDocument.Load(svg).Root!;
            Assert.Equal(Svg + "svg", root.Name);
            Assert.All(root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series"), g => Assert.NotEmpty(g.Elements()));
        }
    }

    [Fact]
    public async Task Tables_hold_the_lecture_numbers()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of("reproduce", "entropy", "kl", "losses", "--out", folder.Path);
        Assert.True(run.ExitCode == 0, run.Error);

        // SEEDS.md §3: fair coin 1 bit, biased coin p = 0.9 0.47 bit, d20 4.32 bits. Reference (Python 3):
        //   from math import log2; -(0.9*log2(0.9) + 0.1*log2(0.1)) = 0.4689955935892812; log2(20) = 4.321928094887363
        var entropy = Csv(folder, "entropy-examples.csv");
        Assert.Equal(1.0, Number(entropy, "fair coin", "H (bits)"), 1e-15);
        Assert.Equal(0.4689955935892812, Number(entropy, "biased coin, p = 0.9", "H (bits)"), 1e-14);
        Assert.Equal(0.47, Math.Round(Number(entropy, "biased coin, p = 0.9", "H (bits)"), 2));
        Assert.Equal(4.321928094887363, Number(entropy, "20-sided die", "H (bits)"), 1e-14);
        Assert.Equal(Math.Log(20), Number(entropy, "20-sided die", "H (nats)"), 1e-14);

        // SEEDS.md §3: KL(p‖q) = 0.5838 nats; the slide's 0.2535 is base 10. Reference (Python 3):
        //   p=[.2,.1,.7]; q=[.5,.3,.2]; kl=sum(a*log(a/b) for a,b in zip(p,q)) -> 0.5838147027051154; kl/log(10) -> 0.2535475038388191
        var kl = Csv(folder, "kl-example.csv");
        Assert.Equal(0.5838147027051154, Number(kl, "KL(p‖q)", "nats"), 1e-14);
        Assert.Equal(0.2535475038388191, Number(kl, "KL(p‖q)", "base 10"), 1e-14);
        Assert.Equal(0.8422665763907344, Number(kl, "KL(p‖q)", "bits"), 1e-14);
        Assert.Equal(Number(kl, "H(p)", "nats") + Number(kl, "KL(p‖q)", "nats"), Number(kl, "H(p, q)", "nats"), 1e-14);

        // SEEDS.md §4 / issue 4: at z = −10 with label 1, σ(1 − σ) ≈ 4.5e-5 and the BCE gradient stays ≈ 1. Reference (mpmath, 40 digits):
        //   s = 1/(1+exp(mpf(10))); s*(1-s) -> 4.539580773595167103e-05; (s-1)*s*(1-s) -> -4.539374686303243334e-05; s-1 -> -0.99995460213129756560
        // (the float64 s*(1-s) = 4.5395807735907655e-05 loses 4 digits to 1 - s; the shell uses σ(z)·σ(−z))
        var gradients = Csv(folder, "losses-mse-vs-bce.csv");
        var wrong = gradients.Rows.Single(r => r[0] == "-10" && r[1] == "1");
        Assert.Equal(4.539580773595167103e-05, Parse(wrong[3]), 1e-19);
        Assert.Equal(-4.539374686303243334e-05, Parse(wrong[4]), 1e-19);
        Assert.Equal(-0.99995460213129756560, Parse(wrong[5]), 1e-15);
        Assert.Equal("wrong", wrong[6]);

        var bounds = Csv(folder, "losses-surrogate-bounds.csv");
        Assert.Equal(6, bounds.Rows.Count);
        Assert.All(bounds.Rows, r => Assert.Equal(1.0, Parse(r[1]), 15));
        Assert.All(bounds.Rows, r => Assert.Equal("yes", r[3]));

        // the page shows the same numbers, rounded for reading
        var index = File.ReadAllText(Path.Combine(folder.Path, "index.html"));
        Assert.Contains(">0.583815<", index, StringComparison.Ordinal);
        Assert.Contains(">0.253548<", index, StringComparison.Ordinal);
        Assert.Contains(">0.468996<", index, StringComparison.Ordinal);
        Assert.Contains(">4.32193<", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_section_writes_only_its_files_and_an_index_of_it()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of("reproduce", "losses", "--out", folder.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("[1/1] losses: 6 figures, 2 tables", run.Out, StringComparison.Ordinal);
        var files = Directory.GetFiles(folder.Path).Select(Path.GetFileName).ToArray();
        Assert.Contains("index.html", files);
        Assert.All(files, f => Assert.True(f == "index.html" || f!.StartsWith("losses-", StringComparison.Ordinal), f));
        var index = File.ReadAllText(Path.Combine(folder.Path, "index.html"));
        Assert.Single(SectionIds().Matches(index));
    }

    [Fact]
    public async Task The_output_is_the_same_bytes_on_every_run()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        Assert.Equal(0, (await ShellRun.Of("reproduce", "--out", first.Path)).ExitCode);
        Assert.Equal(0, (await ShellRun.Of("reproduce", "--out", second.Path)).ExitCode);
        // and a rerun into the same folder replaces the files in place
        Assert.Equal(0, (await ShellRun.Of("reproduce", "--out", second.Path)).ExitCode);

        var names = Directory.GetFiles(first.Path).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(names, Directory.GetFiles(second.Path).Select(Path.GetFileName).Order().ToArray());
        foreach (var name in names)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(first.Path, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second.Path, name!))), name);
        }
    }

    [Fact]
    public async Task Unknown_section_is_one_line_exit_2_and_writes_nothing()
    {
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "report");
        var run = await ShellRun.Of("reproduce", "losses", "frobnicate", "--out", target);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(["functional reproduce: unknown section 'frobnicate'; the sections are estimation, entropy, kl, divergences, losses, overfitting, robust, schedules, optimization (see --list)."], run.ErrorLines);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task Unwritable_output_folder_is_one_line_and_a_non_zero_exit()
    {
        using var folder = new TempDirectory();
        // a folder below a regular file cannot be created, even by root (a read-only folder would not stop root)
        var file = folder.Write("not-a-folder", "x");
        var run = await ShellRun.Of("reproduce", "kl", "--out", Path.Combine(file, "report"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"functional reproduce: cannot write the report to '{Path.Combine(file, "report")}': ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_names_every_section_and_writes_nothing()
    {
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "report");
        var run = await ShellRun.Of("reproduce", "--list", "--out", target);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ReproduceSections.All.Select(s => s.Name), lines.Select(l => l.Split(' ')[0]));
        Assert.Contains(lines, l => l.StartsWith("losses ", StringComparison.Ordinal) && l.Contains("MSE versus BCE", StringComparison.Ordinal));
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task The_folder_comes_from_the_environment_and_relative_folders_from_the_working_folder()
    {
        using var settings = new TempDirectory();
        var run = await ShellRun.Of(["reproduce", "kl"], settings.Path, new Dictionary<string, string> { ["FUNCTIONAL_Reproduce__Out"] = "from-env" });

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(settings.Path, "from-env", "index.html")));
        Assert.True(File.Exists(Path.Combine(settings.Path, "from-env", "kl-example.csv")));
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var run = await ShellRun.Of("reproduce", "--frobnicate");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("functional reproduce: ", line, StringComparison.Ordinal);
        Assert.Contains("--frobnicate", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_have_distinct_names_and_build_what_they_announce()
    {
        var sections = ReproduceSections.All;
        Assert.Equal(["estimation", "entropy", "kl", "divergences", "losses", "overfitting", "robust", "schedules", "optimization"], sections.Select(s => s.Name));
        Assert.Equal(sections.Count, sections.Select(s => s.Name).Distinct().Count());
        Assert.Equal(sections.OrderBy(s => s.Order).Select(s => s.Name), sections.Select(s => s.Name));
        foreach (var section in sections)
        {
            var built = section.Build();
            Assert.Equal(section.Name, built.Name);
            Assert.Equal(section.Title, built.Title);
            Assert.NotEmpty(built.Items);
            Assert.All(built.Items, item => Assert.StartsWith(section.Name + "-", item.Name, StringComparison.Ordinal));
        }

        Assert.Same(ReproduceSections.Find("LOSSES"), ReproduceSections.Find("losses"));
        Assert.Null(ReproduceSections.Find("barron"));
    }

    private static string[] Links(string html) => [.. Href().Matches(html).Select(m => m.Groups[1].Value).Where(h => !h.StartsWith('#'))];

    private static string[] SeriesNames(TempDirectory folder, string file)
        => [.. XDocument.Load(Path.Combine(folder.Path, file)).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(g => (string?)g.Attribute("data-name") ?? "")];

    private static (string[] Header, List<string[]> Rows) Csv(TempDirectory folder, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(folder.Path, file));
        var rows = lines.Select(SplitCsv).ToList();
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        return (rows[0], rows.Skip(1).ToList());
    }

    private static double Number((string[] Header, List<string[]> Rows) table, string row, string column)
        => Parse(table.Rows.Single(r => r[0] == row)[Array.IndexOf(table.Header, column)]);

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 fields: commas split unless inside quotes; "" is a quote.</summary>
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<section id=")]
    private static partial Regex SectionIds();
}
