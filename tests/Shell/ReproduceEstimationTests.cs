namespace Functional.Tests.Shell;

/// <summary><c>functional reproduce estimation</c>: the coin table, the no-homework MAP and the location estimators.</summary>
public class ReproduceEstimationTests
{
    [Fact]
    public async Task The_estimation_section_reproduces_the_lecture_numbers()
    {
        using var folder = new TempDirectory();
        var run = await ShellRun.Of("reproduce", "estimation", "--out", folder.Path);
        Assert.True(run.ExitCode == 0, run.Error);

        var coins = await File.ReadAllLinesAsync(Path.Combine(folder.Path, "estimation-coin-table.csv"));
        Assert.Equal(
            ["0.53", "0.55", "0.49", "0.41", "0.39", "0.27", "0"],
            coins.Skip(1).Select(l => l.Split(',')[3]));
        Assert.EndsWith(",0,100,0,0", coins[^1], StringComparison.Ordinal);

        var map = await File.ReadAllLinesAsync(Path.Combine(folder.Path, "estimation-no-homework-map.csv"));
        Assert.StartsWith("lazy,0.8,1,0.8", map[1], StringComparison.Ordinal);
        Assert.EndsWith(",←", map[1], StringComparison.Ordinal);
        Assert.All(map.Skip(2), l => Assert.EndsWith(",", l, StringComparison.Ordinal));

        var location = await File.ReadAllLinesAsync(Path.Combine(folder.Path, "estimation-location-estimates.csv"));
        Assert.Equal("L2 (mean),5.9375", location[1]);
        Assert.Equal("L1 (median),2.75", location[2]);
        var huber = double.Parse(location[4].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(huber, 2.75, 5.9375);

        var index = await File.ReadAllTextAsync(Path.Combine(folder.Path, "index.html"));
        Assert.Contains("estimation-coin-log-likelihood.svg", index, StringComparison.Ordinal);
        Assert.Contains("estimation-location-huber.svg", index, StringComparison.Ordinal);
    }
}
