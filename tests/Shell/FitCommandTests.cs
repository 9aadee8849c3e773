using System.Text.Json;
using Functional.Estimation;

namespace Functional.Tests.Shell;

/// <summary>End-to-end, in-process runs of <c>functional fit</c>: the table, JSON, ranking, MAP, and one-line errors with exit 2.</summary>
public class FitCommandTests
{
    private static readonly string Iris = Path.Combine(RepositoryRoot(), "data", "iris.csv");

    [Fact]
    public async Task Gaussian_fit_of_a_column_matches_the_core()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("x.csv", "id,x\n1,2\n2,4\n3,4\n4,4\n5,5\n6,5\n7,7\n8,9\n");

        var run = await ShellRun.Of("fit", "--data", file, "--column", "x", "--family", "gaussian", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var fit = json.RootElement.GetProperty("fits")[0];
        Assert.Equal("gaussian", fit.GetProperty("family").GetString());
        Assert.Equal(5.0, Parameter(fit, "mean"));
        Assert.Equal(4.0, Parameter(fit, "variance"));
        var core = Mle.Gaussian([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(core.LogLikelihood, fit.GetProperty("logLikelihood").GetDouble(), 12);
        Assert.Equal(core.Aic, fit.GetProperty("aic").GetDouble(), 12);
        Assert.Equal(core.Bic, fit.GetProperty("bic").GetDouble(), 12);
        Assert.Equal(8, json.RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Auto_ranks_the_families_by_aic_on_a_project_data_set()
    {
        var run = await ShellRun.Of("fit", "--data", Iris, "--column", "sepal_length_cm", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var fits = json.RootElement.GetProperty("fits").EnumerateArray().ToArray();
        var continuous = fits.Where(f => f.GetProperty("kind").GetString() == "continuous").ToArray();
        Assert.Contains(continuous, f => f.GetProperty("family").GetString() == "gaussian");
        Assert.Contains(continuous, f => f.GetProperty("family").GetString() == "gamma");
        var aics = continuous.Select(f => f.GetProperty("aic").GetDouble()).ToArray();
        Assert.Equal(aics.Order().ToArray(), aics);
        Assert.Equal(Enumerable.Range(1, continuous.Length), continuous.Select(f => f.GetProperty("rank").GetInt32()));
        // 5.1 is neither a count, a 0/1 outcome, a label nor inside [0, 1]: those families are skipped with the core's reason
        var skipped = json.RootElement.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("family").GetString()!).ToArray();
        Assert.Equal(["beta", "poisson", "bernoulli", "categorical"], skipped);
        var gamma = continuous.Single(f => f.GetProperty("family").GetString() == "gamma");
        Assert.True(gamma.GetProperty("iterations").GetInt32() >= 1);
    }

    [Fact]
    public async Task Table_lists_each_family_with_its_log_likelihood_aic_and_bic()
    {
        var run = await ShellRun.Of("fit", "--data", Iris, "--column", "petal_length_cm");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("n = 150", run.Out);
        Assert.Matches(@"rank\s+family \(continuous\)\s+log-likelihood\s+AIC\s+BIC\s+estimate", run.Out);
        Assert.Matches(@"\n\s+1\s+\w+\s+-?\d+\.\d{6}\s+\d+\.\d{6}\s+\d+\.\d{6}\s+\w+ = ", run.Out);
        Assert.Contains("not fitted: poisson:", run.Out);
    }

    [Fact]
    public async Task Bernoulli_with_a_beta_prior_prints_the_map_and_the_posterior()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("coin.csv", "flip\n" + string.Join('\n', Enumerable.Repeat("1", 53).Concat(Enumerable.Repeat("0", 47))) + "\n");

        var run = await ShellRun.Of("fit", "--data", file, "--column", "flip", "--family", "bernoulli", "--prior", "beta:3,5", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(0.53, Parameter(json.RootElement.GetProperty("fits")[0], "p"));
        var map = json.RootElement.GetProperty("map");
        Assert.Equal(55.0 / 106.0, map.GetProperty("mode")[0].GetProperty("value").GetDouble(), 15);
        Assert.Equal(56.0, map.GetProperty("posterior")[0].GetProperty("value").GetDouble());

        var table = await ShellRun.Of("fit", "--data", file, "--column", "flip", "--family", "bernoulli", "--prior", "beta:3,5");
        Assert.Contains("MAP with prior beta:3,5", table.Out);
        Assert.Contains("mode (MAP)      p = 0.5188679245", table.Out);
    }

    [Fact]
    public async Task Categorical_with_additive_smoothing_on_iris_species()
    {
        var run = await ShellRun.Of("fit", "--data", Iris, "--column", "species", "--family", "categorical", "--prior", "dirichlet:1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(1.0 / 3.0, Parameter(json.RootElement.GetProperty("fits")[0], "p0"), 15);
        Assert.Equal(51.0, json.RootElement.GetProperty("map").GetProperty("posterior")[0].GetProperty("value").GetDouble());
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["fit", "--column", "x"], "--data FILE is required" },
        { ["fit", "--data", "DATA"], "--column NAME is required" },
        { ["fit", "--data", "DATA", "--column", "x", "--family", "cauchy"], "family = 'cauchy' is not one of gaussian, laplace" },
        { ["fit", "--data", "DATA", "--column", "nope"], "has no column 'nope'" },
        { ["fit", "--data", "missing.csv", "--column", "x"], "missing.csv: no such file" },
        { ["fit", "--data", "DATA", "--column", "x", "--family", "exponential"], "sample[1] = -1 is negative" },
        { ["fit", "--data", "DATA", "--column", "x", "--family", "poisson"], "sample[0] = 0.5 is not a whole number" },
        { ["fit", "--data", "DATA", "--column", "x", "--family", "beta"], "sample[1] = -1 is outside [0, 1]" },
        { ["fit", "--data", "DATA", "--column", "same", "--family", "gaussian"], "every value equals 2" },
        { ["fit", "--data", "DATA", "--column", "x", "--family", "gaussian", "--prior", "beta:1,1"], "conjugate to --family bernoulli" },
        { ["fit", "--data", "DATA", "--column", "x", "--family", "bernoulli", "--prior", "beta:1"], "needs 2 numbers" },
        { ["fit", "--data", "DATA", "--column", "x", "--family", "bernoulli", "--prior", "beta:-1,1"], "must be positive" },
        { ["fit", "--data", "DATA", "--column", "x", "--family", "gaussian", "--prior", "gauss:1"], "is not one of beta:a,b" },
        { ["fit", "--data", "EMPTY", "--column", "x"], "empty" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_one_line_and_exit_2(string[] args, string message)
    {
        using var folder = new TempDirectory();
        var data = folder.Write("d.csv", "x,same\n0.5,2\n-1,2\n3,2\n");
        var empty = folder.Write("e.csv", "x\n");
        var resolved = args.Select(a => a switch
        {
            "DATA" => data,
            "EMPTY" => empty,
            "missing.csv" => Path.Combine(folder.Path, "missing.csv"),
            _ => a,
        }).ToArray();

        var run = await ShellRun.Of(resolved);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("functional fit: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_every_family_and_the_priors()
    {
        var run = await ShellRun.Of("fit", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var family in new[] { "gaussian", "laplace", "exponential", "gamma", "beta", "uniform", "poisson", "bernoulli", "categorical", "auto" })
        {
            Assert.Contains(family, run.Out);
        }

        Assert.Contains("nig:m0,k,a,b", run.Out);
    }

    private static double Parameter(JsonElement fit, string name)
        => fit.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("value").GetDouble();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functional.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Functional.sln not found above the test binaries.");
    }
}
