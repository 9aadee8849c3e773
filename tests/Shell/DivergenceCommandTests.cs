using System.Text.Json;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Shell;

public class DivergenceCommandTests
{
    private static readonly double[] ExampleP = [0.2, 0.1, 0.7];
    private static readonly double[] ExampleQ = [0.5, 0.3, 0.2];

    [Fact]
    public async Task Without_input_uses_the_lecture_example_and_says_so_in_one_line()
    {
        var run = await ShellRun.Of("divergence");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = run.Out.Split('\n');
        Assert.Contains("lecture's example p = (0.2, 0.1, 0.7), q = (0.5, 0.3, 0.2)", lines[0]);
        Assert.Single(lines, l => l.Contains("example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Table_lists_every_quantity_in_nats_aligned()
    {
        var run = await ShellRun.Of("divergence");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("base e (nats)", run.Out);
        Assert.Contains("value (nats)", run.Out);
        foreach (var quantity in new[] { "H(p)", "H(q)", "H(p,q)", "H(q,p)", "KL(p‖q)", "KL(q‖p)", "JS(p,q)", "√JS(p,q)", "gap", "tolerance", "violation", "holds" })
        {
            Assert.Contains(run.Out.Split('\n'), line => line.StartsWith(quantity + " ", StringComparison.Ordinal));
        }

        Assert.Matches(@"KL\(p‖q\)\s+0\.583815\s", run.Out);
        Assert.Matches(@"KL\(q‖p\)\s+0\.537176\s", run.Out);
        Assert.Matches(@"holds\s+yes\s", run.Out);

        // aligned: every value ends in the column where the header's "value (nats)" ends
        var lines = run.Out.Split('\n');
        var header = Array.Find(lines, l => l.StartsWith("quantity", StringComparison.Ordinal))!;
        var valueEnd = header.IndexOf("  meaning", StringComparison.Ordinal);
        var rows = lines.SkipWhile(l => l != header).Skip(2).Where(l => l.Length > 0).ToArray();
        Assert.Equal(12, rows.Length);
        Assert.All(rows, row =>
        {
            Assert.NotEqual(' ', row[valueEnd - 1]);
            Assert.Equal("  ", row.Substring(valueEnd, 2));
        });
    }

    [Fact]
    public async Task Json_is_one_object_matching_the_core_to_1e_12()
    {
        var run = await ShellRun.Of("divergence", "--p", "0.2,0.1,0.7", "--q", "0.5,0.3,0.2", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Out);
        AssertMatchesCore(json.RootElement, ExampleP, ExampleQ, LogBase.E);
        Assert.Equal("e", json.RootElement.GetProperty("base").GetString());
        Assert.Equal("nats", json.RootElement.GetProperty("unit").GetString());
        Assert.Equal("command line", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(0.5838, json.RootElement.GetProperty("klPQ").GetDouble(), 4);
        Assert.Equal(0.5372, json.RootElement.GetProperty("klQP").GetDouble(), 4);
    }

    [Fact]
    public async Task Json_for_the_builtin_example_names_its_source_and_stays_pure_json()
    {
        var run = await ShellRun.Of("divergence", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("built-in example", json.RootElement.GetProperty("source").GetString());
        AssertMatchesCore(json.RootElement, ExampleP, ExampleQ, LogBase.E);
    }

    [Theory]
    [InlineData("2", "2", "bits")]
    [InlineData("bits", "2", "bits")]
    [InlineData("10", "10", "hartleys")]
    [InlineData("nats", "e", "nats")]
    [InlineData("e", "e", "nats")]
    public async Task Base_option_changes_base_and_unit(string option, string expectedBase, string unit)
    {
        var run = await ShellRun.Of("divergence", "--base", option, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(expectedBase, json.RootElement.GetProperty("base").GetString());
        Assert.Equal(unit, json.RootElement.GetProperty("unit").GetString());
        AssertMatchesCore(json.RootElement, ExampleP, ExampleQ, LogBase.Parse(option));
    }

    [Fact]
    public async Task Base_10_gives_the_lecture_value()
    {
        var run = await ShellRun.Of("divergence", "--base", "10", "--json");

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(0.2535, json.RootElement.GetProperty("klPQ").GetDouble(), 4);
    }

    [Fact]
    public async Task Base_2_table_names_bits()
    {
        var run = await ShellRun.Of("divergence", "-b", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("base 2 (bits)", run.Out);
        Assert.Contains("value (bits)", run.Out);
        var klBits = Kl.Divergence(ExampleP, ExampleQ, LogBase.Two);
        Assert.Contains(klBits.ToString("F6", System.Globalization.CultureInfo.InvariantCulture), run.Out);
    }

    [Fact]
    public async Task Non_standard_base_is_accepted()
    {
        var run = await ShellRun.Of("divergence", "--base", "3", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        AssertMatchesCore(json.RootElement, ExampleP, ExampleQ, LogBase.Of(3));
    }

    [Fact]
    public async Task Csv_columns_are_read_with_invariant_numbers()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pq.csv", "outcome,model,truth\nA,0.5,0.2\n\"B\",0.3,0.1\nC, 0.2 ,7e-1\n\n");

        var run = await ShellRun.Of("divergence", "--csv", file, "--p-column", "truth", "--q-column", "model", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Out);
        AssertMatchesCore(json.RootElement, ExampleP, ExampleQ, LogBase.E);
        Assert.Contains("pq.csv", json.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Csv_columns_default_to_p_and_q()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pq.csv", "q,p\n0.5,0.2\n0.3,0.1\n0.2,0.7\n");

        var run = await ShellRun.Of("divergence", "--csv", file, "--base", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("p = (0.2, 0.1, 0.7)", run.Out);
        Assert.DoesNotContain("example", run.Out);
    }

    [Fact]
    public async Task Infinite_divergence_is_reported_not_an_error()
    {
        var run = await ShellRun.Of("divergence", "--p", "0.2,0.8", "--q", "1,0", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("Infinity", json.RootElement.GetProperty("klPQ").GetString());
        Assert.True(json.RootElement.GetProperty("gibbs").GetProperty("holds").GetBoolean());
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["divergence", "--p", "0.2,abc,0.7", "--q", "0.5,0.3,0.2"], "p[1] = 'abc' is not a number." },
        { ["divergence", "--p", "0.2,0.1,0.7", "--q", "0.5,-0.2,0.7"], "q[1] = -0.2 is negative." },
        { ["divergence", "--p", "0.2,0.1,0.8", "--q", "0.5,0.3,0.2"], "p is not normalised" },
        { ["divergence", "--p", "0.2,0.1,0.7", "--q", "0.5,0.5"], "p has 3 entries but q has 2" },
        { ["divergence", "--base", "1"], "base = 1 is not a valid logarithm base" },
        { ["divergence", "--base", "0.5"], "base = 0.5 is not a valid logarithm base" },
        { ["divergence", "--base", "-3"], "base = -3 is not a valid logarithm base" },
        { ["divergence", "--base", "kilo"], "base = 'kilo' is not a logarithm base" },
        { ["divergence", "--p", "0.2,0.8"], "--p was given without --q" },
        { ["divergence", "--p", "NaN,1", "--q", "0.5,0.5"], "p[0] = NaN" },
        { ["divergence", "--p", ",", "--q", "0.5,0.5"], "p is empty" },
        { ["divergence", "--p-column", "x"], "--p-column and --q-column need --csv FILE." },
        { ["divergence", "--csv", "/nonexistent/functional/pq.csv"], "/nonexistent/functional/pq.csv: no such file." },
        { ["divergence", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["divergence", "--json", "extra"], "Unrecognized command or argument 'extra'" },
        { ["divergence", "--p"], "Required argument missing for option: '--p'" },
        { ["frobnicate"], "Unrecognized command or argument 'frobnicate'" },
        { [], "Required command was not provided." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_one_line_on_stderr_and_exit_code_2(string[] args, string expected)
    {
        var run = await ShellRun.Of(args);

        AssertBadInput(run, expected, args.Length > 0 && args[0] == "divergence" ? "functional divergence: " : "functional: ");
    }

    [Fact]
    public async Task Csv_missing_column_lists_the_columns()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pq.csv", "p,model\n0.2,0.5\n0.8,0.5\n");

        var run = await ShellRun.Of("divergence", "--csv", file, "--q-column", "truth");

        AssertBadInput(run, "has no column 'truth'; its columns are p, model.");
    }

    [Fact]
    public async Task Csv_non_numeric_cell_names_line_and_column()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pq.csv", "p,q\n0.2,0.5\n0,8,0.5\n");
        var ragged = await ShellRun.Of("divergence", "--csv", file);
        AssertBadInput(ragged, "line 3 has 3 fields but the header has 2.");

        file = dir.Write("pq2.csv", "p,q\n0.2,0.5\n0,8;0.5\n");
        var run = await ShellRun.Of("divergence", "--csv", file);
        AssertBadInput(run, "line 3, column 'q': '8;0.5' is not a number.");
    }

    [Fact]
    public async Task Csv_values_go_through_the_core_checks()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pq.csv", "p,q\n0.2,0.5\n0.9,0.5\n");

        var run = await ShellRun.Of("divergence", "--csv", file);

        AssertBadInput(run, "p is not normalised");
    }

    [Fact]
    public async Task Csv_and_p_together_are_a_usage_error()
    {
        var run = await ShellRun.Of("divergence", "--csv", "x.csv", "--p", "1", "--q", "1");

        AssertBadInput(run, "give either --p and --q or --csv, not both.");
    }

    [Fact]
    public async Task Settings_file_then_environment_then_command_line()
    {
        using var dir = new TempDirectory();
        dir.Write("appsettings.json", """{ "Divergence": { "Base": "10", "Json": true } }""");

        var fromFile = await ShellRun.Of(["divergence"], dir.Path);
        using (var json = JsonDocument.Parse(fromFile.Out))
        {
            Assert.Equal("10", json.RootElement.GetProperty("base").GetString());
        }

        var variables = new Dictionary<string, string> { ["FUNCTIONAL_DIVERGENCE__BASE"] = "2", ["Divergence__Base"] = "e" };
        var fromEnvironment = await ShellRun.Of(["divergence"], dir.Path, variables);
        using (var json = JsonDocument.Parse(fromEnvironment.Out))
        {
            Assert.Equal("2", json.RootElement.GetProperty("base").GetString());
        }

        var fromCommandLine = await ShellRun.Of(["divergence", "--base", "nats"], dir.Path, variables);
        using (var json = JsonDocument.Parse(fromCommandLine.Out))
        {
            Assert.Equal("e", json.RootElement.GetProperty("base").GetString());
        }
    }

    [Fact]
    public async Task Bad_settings_are_bad_input_too()
    {
        using var dir = new TempDirectory();
        dir.Write("appsettings.json", """{ "Divergence": { "Json": "maybe" } }""");
        AssertBadInput(await ShellRun.Of(["divergence"], dir.Path), "Failed to convert configuration value 'maybe'");

        dir.Write("appsettings.json", """{ "Divergence": """);
        AssertBadInput(await ShellRun.Of(["divergence"], dir.Path), "Failed to load configuration from file");

        var variables = new Dictionary<string, string> { ["FUNCTIONAL_Divergence__Base"] = "1" };
        AssertBadInput(await ShellRun.Of(["divergence"], null, variables), "base = 1 is not a valid logarithm base");
    }

    [Fact]
    public async Task Debug_logging_goes_to_stderr_and_json_stays_clean()
    {
        var variables = new Dictionary<string, string> { ["FUNCTIONAL_Logging__LogLevel__Default"] = "Debug" };

        var run = await ShellRun.Of(["divergence", "--json"], null, variables);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Contains("dbug: DivergenceJob: Read 3 entries from built-in example.", run.Error);
    }

    [Fact]
    public async Task Interrupted_before_start_exits_130()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await ShellRun.Of(["divergence"], null, null, cancelled.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(["functional divergence: interrupted."], run.ErrorLines);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("divergence", "--help")]
    public async Task Help_exits_0_and_describes_the_options(params string[] args)
    {
        var run = await ShellRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("Usage:", run.Out);
        Assert.Contains(args.Length > 1 ? "--p-column" : "divergence", run.Out);
    }

    [Fact]
    public async Task Version_exits_0_and_prints_the_version()
    {
        var run = await ShellRun.Of("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Out.Trim());
    }

    [Fact]
    public async Task Public_entry_point_works_with_plain_writers()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Functional.Shell.Cli.RunAsync(["divergence", "--base", "10", "--p", "0.2,0.1,0.7", "--q", "0.5,0.3,0.2", "--json"], stdout, stderr);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(0.2535, json.RootElement.GetProperty("klPQ").GetDouble(), 4);
    }

    internal static void AssertBadInput(ShellRun run, string expected, string prefix = "functional divergence: ")
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(prefix, line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
    }

    private static void AssertMatchesCore(JsonElement json, double[] p, double[] q, LogBase logBase)
    {
        const double tolerance = 1e-12;
        var gibbs = Gibbs.Check(p, q, logBase);
        Assert.Equal(p, json.GetProperty("p").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(q, json.GetProperty("q").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(logBase.Unit, json.GetProperty("unit").GetString());
        Assert.Equal(Entropy.Of(p, logBase), json.GetProperty("entropyP").GetDouble(), tolerance);
        Assert.Equal(Entropy.Of(q, logBase), json.GetProperty("entropyQ").GetDouble(), tolerance);
        Assert.Equal(CrossEntropy.Of(p, q, logBase), json.GetProperty("crossEntropyPQ").GetDouble(), tolerance);
        Assert.Equal(CrossEntropy.Of(q, p, logBase), json.GetProperty("crossEntropyQP").GetDouble(), tolerance);
        Assert.Equal(Kl.Divergence(p, q, logBase), json.GetProperty("klPQ").GetDouble(), tolerance);
        Assert.Equal(Kl.Divergence(q, p, logBase), json.GetProperty("klQP").GetDouble(), tolerance);
        Assert.Equal(JensenShannon.Divergence(p, q, logBase), json.GetProperty("jsDivergence").GetDouble(), tolerance);
        Assert.Equal(JensenShannon.Distance(p, q, logBase), json.GetProperty("jsDistance").GetDouble(), tolerance);

        var witness = json.GetProperty("gibbs");
        Assert.Equal(gibbs.Entropy, witness.GetProperty("entropy").GetDouble(), tolerance);
        Assert.Equal(gibbs.CrossEntropy, witness.GetProperty("crossEntropy").GetDouble(), tolerance);
        Assert.Equal(gibbs.Kl, witness.GetProperty("kl").GetDouble(), tolerance);
        Assert.Equal(gibbs.Gap, witness.GetProperty("gap").GetDouble(), tolerance);
        Assert.Equal(gibbs.Tolerance, witness.GetProperty("tolerance").GetDouble(), tolerance);
        Assert.Equal(gibbs.Violation, witness.GetProperty("violation").GetDouble(), tolerance);
        Assert.Equal(gibbs.Holds, witness.GetProperty("holds").GetBoolean());
        Assert.True(gibbs.Holds);
    }
}
