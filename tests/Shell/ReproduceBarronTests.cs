using System.Xml.Linq;

namespace Functional.Tests.Shell;

/// <summary>The Barron family in <c>functional reproduce losses</c>: the named losses are its special cases.</summary>
public class ReproduceBarronTests
{
    [Fact]
    public async Task The_losses_section_plots_barron_over_alpha_with_its_named_special_cases()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of("reproduce", "losses", "--out", folder.Path);
        Assert.True(run.ExitCode == 0, run.Error);

        foreach (var file in new[] { "losses-barron.svg", "losses-barron-derivatives.svg" })
        {
            var names = XDocument.Load(Path.Combine(folder.Path, file)).Descendants()
                .Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "series")
                .Select(e => (string)e.Attribute("data-name")!)
                .ToArray();
            Assert.Equal(
                ["α = 2 (L2)", "α = 1 (Charbonnier)", "α = ½", "α = 0 (Cauchy)", "α = −2 (Geman–McClure)", "α = −∞ (Welsch)"],
                names);
        }

        var index = await File.ReadAllTextAsync(Path.Combine(folder.Path, "index.html"));
        Assert.Contains("losses-barron.svg", index, StringComparison.Ordinal);
    }
}
