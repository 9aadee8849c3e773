using System.Text.Json.Nodes;
using Functional.Shell;
using Functional.Shell.Sweeps;

namespace Functional.Tests.Store;

public class SweepTests
{
    private static JsonObject Spec(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void A_grid_expands_in_file_order_with_the_last_key_fastest()
    {
        var (name, runs) = Sweep.Expand(
            Spec("""{"name": "lr", "base": {"model": "logistic", "optimizer": {"name": "sgd"}}, "grid": {"optimizer.lr": [0.1, 0.01], "seed": [1, 2, 3]}}"""),
            "unused",
            "sweep.json");

        Assert.Equal("lr", name);
        Assert.Equal(6, runs.Count);
        Assert.Equal(Enumerable.Range(0, 6), runs.Select(r => r.Index));
        Assert.Equal([0.1, 0.1, 0.1, 0.01, 0.01, 0.01], runs.Select(r => (double)r.Config["optimizer"]!["lr"]!));
        Assert.Equal([1, 2, 3, 1, 2, 3], runs.Select(r => (int)r.Config["seed"]!));
        Assert.All(runs, r => Assert.Equal("sgd", (string)r.Config["optimizer"]!["name"]!));
        Assert.Equal("""{"model":"logistic","optimizer":{"name":"sgd","lr":0.1},"seed":1}""", runs[0].ConfigJson);
        Assert.Matches("^lr-0-[0-9a-f]{12}$", runs[0].RunId);
        Assert.Equal(runs.Count, runs.Select(r => r.RunId).Distinct().Count());
    }

    [Fact]
    public void Listed_configs_are_merged_onto_the_base_and_crossed_with_the_grid()
    {
        var (_, runs) = Sweep.Expand(
            Spec("""{"base": {"loss": "l2", "epochs": 5}, "configs": [{"loss": "huber"}, {"loss": "l1", "epochs": 9}], "grid": {"seed": [7, 8]}}"""),
            "file-name",
            "sweep.json");

        Assert.Equal(["huber", "huber", "l1", "l1"], runs.Select(r => (string)r.Config["loss"]!));
        Assert.Equal([5, 5, 9, 9], runs.Select(r => (int)r.Config["epochs"]!));
        Assert.StartsWith("file-name-", runs[0].RunId, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ids_are_stable_across_expansions()
    {
        const string json = """{"name": "s", "grid": {"a": [1, 2], "b": ["x", "y"]}}""";
        Assert.Equal(
            Sweep.Expand(Spec(json), "s", "f").Runs.Select(r => r.RunId),
            Sweep.Expand(Spec(json), "s", "f").Runs.Select(r => r.RunId));
    }

    [Theory]
    [InlineData("""{"name": "s", "grdi": {}}""", "unknown key \"grdi\"")]
    [InlineData("""{"grid": {"lr": 0.1}}""", "grid[\"lr\"] must be a non-empty array")]
    [InlineData("""{"grid": {"lr": []}}""", "grid[\"lr\"] must be a non-empty array")]
    [InlineData("""{"configs": []}""", "\"configs\" must be a non-empty array of objects")]
    [InlineData("""{"name": "a b"}""", "name = \"a b\"")]
    [InlineData("""{"base": {"optimizer": 3}, "grid": {"optimizer.lr": [1]}}""", "\"optimizer\" is not an object")]
    [InlineData("""{"grid": {"a..b": [1]}}""", "has an empty segment")]
    public void A_malformed_sweep_names_the_problem(string json, string expected)
    {
        var e = Assert.Throws<ShellInputException>(() => Sweep.Expand(Spec(json), "s", "sweep.json"));
        Assert.StartsWith("sweep.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_reported_with_file_line_and_column()
    {
        using var folder = new Shell.TempDirectory();
        var path = folder.Write("sweep.json", "{\n  \"name\": \"s\",\n  \"grid\": {\"lr\": [0.1,, 0.2]}\n}");

        var e = Assert.Throws<ShellInputException>(() => Sweep.Load(path));
        Assert.StartsWith($"{path}: line 3, column ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_sweep_file_is_one_line()
    {
        var e = Assert.Throws<ShellInputException>(() => Sweep.Load("/nonexistent/sweep.json"));
        Assert.Contains("/nonexistent/sweep.json", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Shards_together_take_every_run_exactly_once(int count)
    {
        var indices = Enumerable.Range(0, 20).ToArray();
        var taken = Enumerable.Range(0, count).SelectMany(i => indices.Where(new Shard(i, count).Owns)).Order().ToArray();
        Assert.Equal(indices, taken);
        var sizes = Enumerable.Range(0, count).Select(i => indices.Count(new Shard(i, count).Owns)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    [Theory]
    [InlineData("0/3", 0, 3)]
    [InlineData("2/3", 2, 3)]
    public void A_shard_parses(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("3/3")]
    [InlineData("-1/3")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void A_bad_shard_is_a_named_error(string text)
    {
        var e = Assert.Throws<ShellInputException>(() => Shard.Parse(text));
        Assert.Contains($"--shard {text}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slurm_array_variables_name_the_shard_offset_by_the_array_minimum()
    {
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "4", ["SLURM_ARRAY_TASK_MIN"] = "1" };
        Assert.Equal(new Shard(2, 4), Shard.FromEnvironment(env.GetValueOrDefault));
    }

    [Fact]
    public void A_kubernetes_indexed_job_names_the_shard_with_the_count_given_separately()
    {
        var env = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1", ["FUNCTIONAL_SHARD_COUNT"] = "3" };
        Assert.Equal(new Shard(1, 3), Shard.FromEnvironment(env.GetValueOrDefault));
        Assert.Null(Shard.FromEnvironment(_ => null));

        var inconsistent = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "5", ["FUNCTIONAL_SHARD_COUNT"] = "3" };
        Assert.Throws<ShellInputException>(() => Shard.FromEnvironment(inconsistent.GetValueOrDefault));
        var noCount = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "0" };
        Assert.Contains("FUNCTIONAL_SHARD_COUNT", Assert.Throws<ShellInputException>(() => Shard.FromEnvironment(noCount.GetValueOrDefault)).Message, StringComparison.Ordinal);
    }
}
