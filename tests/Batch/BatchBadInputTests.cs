using Functional.Tests.Shell;

namespace Functional.Tests.Batch;

/// <summary><c>functional batch</c> on bad input: one line naming what is wrong, exit 2 (input) or 1 (store), no stack trace.</summary>
public sealed class BatchBadInputTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private const string GoodSweep = """{"name": "g", "base": {"training": {"epochs": 2}}, "grid": {"seed": [1, 2, 3]}}""";

    private async Task<ShellRun> Batch(params string[] args) => await ShellRun.Of(["batch", .. args], _folder.Path);

    private static void OneLine(ShellRun run, int exitCode, string expected)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("functional batch: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_sweep_names_file_line_and_column()
    {
        var path = _folder.Write("bad.json", "{\n  \"name\": \"x\",\n  \"grid\": {\"seed\": [1, 2,, 3]}\n}");
        OneLine(await Batch(path), 2, $"{path}: line 3, column ");
    }

    [Fact]
    public async Task An_unknown_sweep_key_is_named()
    {
        var path = _folder.Write("keys.json", """{"name": "x", "gird": {"seed": [1]}}""");
        OneLine(await Batch(path), 2, "unknown key \"gird\"");
    }

    [Fact]
    public async Task A_missing_sweep_file_is_bad_input()
    {
        OneLine(await Batch(Path.Combine(_folder.Path, "nowhere.json")), 2, "cannot read the sweep file");
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("1/0")]
    [InlineData("one/3")]
    public async Task A_bad_shard_is_bad_input(string shard)
    {
        var path = _folder.Write("s.json", GoodSweep);
        OneLine(await Batch(path, "--shard", shard, "--store", Path.Combine(_folder.Path, "s.sqlite")), 2, $"--shard {shard}: expected i/n with 0 ≤ i < n");
        Assert.False(File.Exists(Path.Combine(_folder.Path, "s.sqlite")));
    }

    [Fact]
    public async Task Inconsistent_scheduler_variables_are_bad_input()
    {
        var path = _folder.Write("s.json", GoodSweep);
        var run = await ShellRun.Of(
            ["batch", path], _folder.Path, new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_COUNT"] = "3" });
        OneLine(run, 2, "SLURM_ARRAY_TASK_ID = 5");
    }

    [Theory]
    [InlineData("0", "--parallel 0: use 1 to 1024 workers.")]
    [InlineData("5000", "--parallel 5000: use 1 to 1024 workers.")]
    public async Task A_bad_parallel_is_bad_input(string parallel, string message)
    {
        var path = _folder.Write("s.json", GoodSweep);
        OneLine(await Batch(path, "--parallel", parallel), 2, message);
    }

    [Fact]
    public async Task A_parallel_that_is_not_a_number_is_a_usage_error()
    {
        var path = _folder.Write("s.json", GoodSweep);
        var run = await Batch(path, "--parallel", "many");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("many", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
