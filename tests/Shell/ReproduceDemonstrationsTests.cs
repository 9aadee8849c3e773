using System.Xml.Linq;
using Functional.Shell.Reports;
using Functional.Shell.Verbs.Reproduce;
using Functional.Training;

namespace Functional.Tests.Shell;

/// <summary>The reproduce sections of the core demonstrations: overfitting, robust, schedules, divergences, optimization.</summary>
public partial class ReproduceCommandTests
{
    private static readonly string[] DemonstrationSections = ["divergences", "overfitting", "robust", "schedules", "optimization"];

    [Fact]
    public void Every_section_is_registered_and_names_its_items_after_itself()
    {
        Assert.Equal(
            ["estimation", "entropy", "kl", "divergences", "losses", "overfitting", "robust", "schedules", "optimization"],
            ReproduceSections.All.Select(s => s.Name));
        foreach (var section in ReproduceSections.All)
        {
            var built = section.Build();
            Assert.Equal(section.Name, built.Name);
            Assert.NotEmpty(built.Items);
            Assert.All(built.Items, item => Assert.StartsWith(section.Name + "-", item.Name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_demonstration_sections_write_their_figures_and_tables()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of(["reproduce", .. DemonstrationSections, "--out", folder.Path]);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DemonstrationSections.Length + 1, lines.Length);

        var expected = new Dictionary<string, string[]>
        {
            ["divergences"] = ["divergences-fits.svg", "divergences-fits.csv"],
            ["overfitting"] = ["overfitting-fits.svg", "overfitting-mse.svg", "overfitting-norm.svg", "overfitting-repairs.svg", "overfitting-early-stopping.svg", "overfitting-sweep.csv"],
            ["robust"] = ["robust-fits.svg", "robust-fits-zoom.svg", "robust-fits.csv"],
            ["schedules"] = ["schedules-decay.svg", "schedules-annealing.svg", "schedules-cyclic.svg", "schedules-values.csv"],
            ["optimization"] =
            [
                "optimization-modes.svg", "optimization-modes-steps.svg", "optimization-modes.csv", "optimization-momentum.svg", "optimization-momentum.csv",
                "optimization-sam-paths.svg", "optimization-sam-sharpness.svg", "optimization-sam.csv",
            ],
        };
        var written = Directory.GetFiles(folder.Path).Select(Path.GetFileName).Where(f => f != "index.html").Order().ToArray();
        Assert.Equal(expected.Values.SelectMany(v => v).Order().ToArray(), written);
        var links = Links(File.ReadAllText(Path.Combine(folder.Path, "index.html")));
        Assert.Equal(written, links.Distinct().Order().ToArray());
        foreach (var svg in written.Where(f => f!.EndsWith(".svg", StringComparison.Ordinal)))
        {
            var root = XDocument.Load(Path.Combine(folder.Path, svg!)).Root!;
            Assert.Equal(Svg + "svg", root.Name);
            Assert.All(root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series"), g => Assert.NotEmpty(g.Elements()));
        }

        Assert.Equal(["training points", "sin(2πx)", "degree 1", "degree 2", "degree 4", "degree 9"], SeriesNames(folder, "overfitting-fits.svg"));
        Assert.Equal(["train, λ = 0", "test, λ = 0", "train, λ = 0.001", "test, λ = 0.001"], SeriesNames(folder, "overfitting-mse.svg"));
        Assert.Equal(
            ["inliers", "outliers", "true line y = 1 + 0.5x", .. Demonstrations.RobustRegression().Fits.Select(f => f.Name)],
            SeriesNames(folder, "robust-fits.svg"));
        Assert.Equal(["mixture p", "forward: argmin KL(p‖q)", "reverse: argmin KL(q‖p)"], SeriesNames(folder, "divergences-fits.svg"));
        Assert.Equal(["full batch (GD)", "per sample (SGD)", "mini-batch, k = 16"], SeriesNames(folder, "optimization-modes.svg"));
        Assert.Equal(["SGD", "SAM, ρ = 0.1", "flattest minimum, λ_max = 2"], SeriesNames(folder, "optimization-sam-sharpness.svg"));
        Assert.Equal(15, new[] { "decay", "annealing", "cyclic" }.Sum(f => SeriesNames(folder, $"schedules-{f}.svg").Length));
    }

    [Fact]
    public async Task The_demonstration_tables_hold_the_cores_numbers()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of(["reproduce", .. DemonstrationSections, "--out", folder.Path]);
        Assert.True(run.ExitCode == 0, run.Error);

        // overfitting, seed 1 (tests/Training/OverfittingTests.cs): degree 9 interpolates, test MSE 1.05, ‖w‖ 377; ridge repairs it
        var sweep = Csv(folder, "overfitting-sweep.csv");
        Assert.Equal(21, sweep.Rows.Count);
        var nine = sweep.Rows.Single(r => r[0] == "9" && r[1] == "0");
        var core = Demonstrations.Overfitting().Fits.Single(f => f.Degree == 9 && f.Lambda == 0.0);
        Assert.Equal(core.TestMse, Parse(nine[3]));
        Assert.Equal(core.WeightNorm, Parse(nine[4]));
        Assert.Contains(sweep.Rows, r => r[1].StartsWith("early stopping (epoch ", StringComparison.Ordinal));

        var robust = Csv(folder, "robust-fits.csv");
        var l2 = Number(robust, "L2", "line error");
        Assert.Equal(Demonstrations.RobustRegression().Fits[0].LineError, l2);
        Assert.All(robust.Rows.Skip(1), r => Assert.True(Parse(r[4]) < l2 / 4, r[0]));

        // p = 0.6·N(−3, 1) + 0.4·N(3, 1): the forward fit has the mixture's moments, mean −0.6 and variance 9.64
        var fits = Csv(folder, "divergences-fits.csv");
        Assert.Equal(-0.6, Number(fits, "forward, argmin KL(p‖q)", "mean"), 1e-15);
        Assert.Equal(Math.Sqrt(9.64), Number(fits, "forward, argmin KL(p‖q)", "standard deviation"), 1e-14);
        Assert.Equal(-2.987702589662331, Number(fits, "reverse, argmin KL(q‖p)", "mean"), 1e-6);

        var schedules = Csv(folder, "schedules-values.csv");
        Assert.Equal(15, schedules.Rows.Count);
        Assert.Equal(0.1 / 51.0, Number(schedules, "Robbins–Monro, η₀/(1 + t)", "t = 50"), 1e-17);

        var momentum = Csv(folder, "optimization-momentum.csv");
        var steps = momentum.Rows.Select(r => Parse(r[1])).ToArray();
        Assert.True(steps[1] < steps[0] / 4 && steps[2] < steps[0] / 4);
        var sam = Csv(folder, "optimization-sam.csv");
        Assert.True(Number(sam, "SAM, ρ = 0.1", "λ_max") < Number(sam, "SGD", "λ_max") / 2);
    }

    [Fact]
    public void The_index_of_the_demonstration_sections_names_every_item()
    {
        var sections = DemonstrationSections.Select(n => ReproduceSections.Find(n)!.Build()).ToArray();
        Assert.Equal(5, sections.Length);
        Assert.All(sections, s => Assert.True(s.FigureCount >= 1 && s.TableCount >= 1, s.Name));
        _ = new Report("demonstrations", "", sections);
    }
}
