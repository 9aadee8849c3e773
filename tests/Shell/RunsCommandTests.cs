using System.Xml.Linq;
using Functional.Shell.Store;

namespace Functional.Tests.Shell;

/// <summary><c>functional runs</c> against a SQLite store filled through the store's own API.</summary>
public sealed class RunsCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string StorePath => Path.Combine(_folder.Path, "runs.sqlite");

    private async Task FillAsync()
    {
        await using var store = await RunStore.OpenAsync(StorePath);
        for (var r = 0; r < 3; r++)
        {
            var id = $"lr-{r}";
            await store.RegisterAsync(new RunEntry(id, "lr", r, $$"""{"optimizer":{"lr":{{0.1 / (r + 1)}}},"note":"a, \"quoted\" one"}"""));
            await store.TryClaimAsync(id, "test", takeOver: false);
            var epochs = r == 2 ? 2 : 4;
            for (var e = 1; e <= epochs; e++)
            {
                await store.RecordEpochAsync(
                    new EpochEntry(id, e, [new("train_loss", 1.0 / (e * (r + 1))), new("validation_loss", 1.5 / (e * (r + 1)))]), 1.5 / (e * (r + 1)));
            }

            if (r < 2)
            {
                await store.FinishAsync(id, RunStatus.Finished, """{"best_epoch":4}""", 1.5 / (4 * (r + 1)));
            }
        }

        await store.RegisterAsync(new RunEntry("other-0", "other", 0, "{}"));
    }

    [Fact]
    public async Task List_shows_every_run_with_status_and_counts()
    {
        await FillAsync();
        var run = await ShellRun.Of("runs", "list", "--store", StorePath);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("lr-0", run.Out, StringComparison.Ordinal);
        Assert.Contains("other-0", run.Out, StringComparison.Ordinal);
        Assert.Contains("4 runs: 1 pending, 1 running, 2 finished.", run.Out, StringComparison.Ordinal);

        var one = await ShellRun.Of("runs", "list", "--store", StorePath, "--sweep", "other");
        Assert.DoesNotContain("lr-0", one.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_the_config_summary_and_every_epoch()
    {
        await FillAsync();
        var run = await ShellRun.Of("runs", "show", "lr-1", "--store", StorePath);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("run lr-1 (sweep lr, #1): finished, 4 epochs", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"lr\": 0.05", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"best_epoch\": 4", run.Out, StringComparison.Ordinal);
        Assert.Contains("0.1875", run.Out, StringComparison.Ordinal); // validation_loss at epoch 4: 1.5 / 8
    }

    [Fact]
    public async Task Compare_tabulates_the_last_epochs_and_writes_an_svg_overlay()
    {
        await FillAsync();
        var svg = Path.Combine(_folder.Path, "cmp.svg");
        var run = await ShellRun.Of("runs", "compare", "lr-0", "lr-2", "--store", StorePath, "--out", svg);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("last validation_loss", run.Out, StringComparison.Ordinal);
        var names = XDocument.Load(svg).Descendants()
            .Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "series")
            .Select(e => (string)e.Attribute("data-name")!)
            .ToArray();
        Assert.Equal(["lr-0", "lr-2"], names);
    }

    [Fact]
    public async Task Export_writes_one_csv_row_per_run_and_epoch_with_quoting()
    {
        await FillAsync();
        var csv = Path.Combine(_folder.Path, "all.csv");
        var run = await ShellRun.Of("runs", "export", "--store", StorePath, "--csv", csv);

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.Equal("run,sweep,index,status,epoch,train_loss,validation_loss", lines[0]);
        Assert.Equal(1 + 4 + 4 + 2, lines.Length);
        Assert.Equal("lr-0,lr,0,finished,1,1,1.5", lines[1]);
        Assert.Contains("10 rows (4 runs)", run.Out, StringComparison.Ordinal);

        var stdout = await ShellRun.Of("runs", "export", "--store", StorePath, "--sweep", "lr");
        Assert.StartsWith("run,sweep,index,status,epoch", stdout.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show", "nope", "no run 'nope' in the store")]
    [InlineData("compare", "lr-0", "compare takes two or more run ids, not 1.")]
    public async Task Bad_ids_are_one_line_and_exit_2(string action, string id, string expected)
    {
        await FillAsync();
        var run = await ShellRun.Of("runs", action, id, "--store", StorePath);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_metric_names_the_recorded_ones()
    {
        await FillAsync();
        var run = await ShellRun.Of("runs", "compare", "lr-0", "lr-1", "--store", StorePath, "--metric", "accuracy", "--out", Path.Combine(_folder.Path, "x.svg"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--metric accuracy: no such metric; the runs record train_loss, validation_loss.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_store_is_not_created_and_is_one_line()
    {
        var missing = Path.Combine(_folder.Path, "typo.sqlite");
        var run = await ShellRun.Of("runs", "list", "--store", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"no run store at {missing}", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
