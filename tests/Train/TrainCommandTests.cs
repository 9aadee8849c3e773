using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Functional.Shell.Training;
using Functional.Tests.Shell;

namespace Functional.Tests.Train;

/// <summary><c>functional train</c> in-process through Cli.RunAsync: the run folder, resume, and every bad input as one line and exit 2.</summary>
public class TrainCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static void AssertBadInput(ShellRun run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("functional train: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Functional", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_run_on_builtin_data_writes_a_complete_folder()
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "run");

        var run = await ShellRun.Of("train", "--epochs", "6", "--out", output, "--quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith($"{output}: EpochBudget after 6 epochs; training risk ", run.Out, StringComparison.Ordinal);
        string[] expected = ["accuracy.svg", "checkpoint.json", "config.json", "gradient_norm.svg", "index.html", "learning_rate.svg", "metrics.csv", "model.json", "risk.svg", "summary.json", "weight_norm.svg"];
        Assert.Equal(expected, Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // metrics.csv: header + epochs 0 … 6, every column numeric
        var lines = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.Equal(6 + 2, lines.Length);
        Assert.Equal("epoch,step,train_risk,train_accuracy,validation_risk,validation_accuracy,weight_norm,gradient_norm,learning_rate,smoothed_risk,best_epoch,best_validation_risk,bad_epochs,risk_plateau_epochs,weight_plateau_epochs", lines[0]);
        for (var e = 0; e <= 6; e++)
        {
            var fields = lines[e + 1].Split(',');
            Assert.Equal(15, fields.Length);
            Assert.Equal(e.ToString(CultureInfo.InvariantCulture), fields[0]);
            Assert.All(fields, f => Assert.True(double.IsFinite(double.Parse(f, CultureInfo.InvariantCulture)), f));
        }

        // breast_cancer has 569 rows: 20 % validation, stratified; 456 training rows → 15 mini-batches of 32 per epoch
        Assert.Equal("90", lines[^1].Split(',')[1]);
        var firstRisk = double.Parse(lines[1].Split(',')[2], CultureInfo.InvariantCulture);
        var lastRisk = double.Parse(lines[^1].Split(',')[2], CultureInfo.InvariantCulture);
        Assert.Equal(Math.Log(2.0), firstRisk, 15);
        Assert.True(lastRisk < 0.2, $"risk {lastRisk}");

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.Equal("EpochBudget", summary["stop"]!.GetValue<string>());
        Assert.Equal(6, summary["epochs"]!.GetValue<int>());
        Assert.Equal(456, summary["trainRows"]!.GetValue<int>());
        Assert.Equal(113, summary["validationRows"]!.GetValue<int>());
        Assert.True(summary["final"]!["validationAccuracy"]!.GetValue<double>() > 0.9);

        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "model.json")))!;
        Assert.Equal("logistic", model["kind"]!.GetValue<string>());
        Assert.Equal("benign", model["target"]!.GetValue<string>());
        Assert.Equal(30, model["features"]!.AsArray().Count);
        Assert.Equal("mean_radius", model["features"]![0]!.GetValue<string>());
        Assert.Equal(30, model["weights"]!.AsArray().Count);
        Assert.Equal(30, model["standardizer"]!["mean"]!.AsArray().Count);
        Assert.Equal(31, model["parameters"]!.AsArray().Count);

        var config = TrainConfig.Load(Path.Combine(output, "config.json"));
        Assert.Equal(6, config.Training.Epochs);
        Assert.Equal(summary["configHash"]!.GetValue<string>(), config.Hash);

        Assert.Equal(["training risk", "validation risk"], SeriesNames(output, "risk.svg"));
        Assert.Equal(["training accuracy", "validation accuracy"], SeriesNames(output, "accuracy.svg"));
        Assert.Equal(["learning rate"], SeriesNames(output, "learning_rate.svg"));
        Assert.Equal(["weight norm"], SeriesNames(output, "weight_norm.svg"));
        Assert.Equal(["gradient norm"], SeriesNames(output, "gradient_norm.svg"));

        var index = File.ReadAllText(Path.Combine(output, "index.html"));
        foreach (var file in expected.Where(f => f != "index.html"))
        {
            Assert.Contains($"href=\"{file}\"", index, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_config_file_with_overrides_trains_softmax_on_iris_without_validation()
    {
        using var folder = new TempDirectory();
        var config = folder.Write("run.json", """
            // comments and trailing commas are allowed
            { "data": { "path": "builtin:iris", "validation": 0 }, "model": { "kind": "softmax" },
              "optimizer": { "kind": "sgd", "lr": 0.5, "momentum": 0.9 }, "training": { "mode": "full", "epochs": 50, }, }
            """);
        var output = Path.Combine(folder.Path, "iris");

        var run = await ShellRun.Of("train", config, "--epochs", "40", "--seed", "3", "--out", output, "-q");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.Equal(40 + 2, lines.Length);
        Assert.DoesNotContain("validation", lines[0], StringComparison.Ordinal);
        var resolved = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!;
        Assert.Equal(40, resolved["training"]!["epochs"]!.GetValue<int>());
        Assert.Equal(3UL, resolved["seed"]!.GetValue<ulong>());
        Assert.Equal("softmax_cross_entropy", resolved["loss"]!["name"]!.GetValue<string>());
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "model.json")))!;
        Assert.Equal(3, model["classes"]!.GetValue<int>());
        Assert.Equal(3, model["weights"]!.AsArray().Count);
        Assert.Equal(4, model["weights"]![0]!.AsArray().Count);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.True(summary["final"]!["trainAccuracy"]!.GetValue<double>() > 0.9);
    }

    [Fact]
    public async Task Linear_and_polynomial_regression_read_a_csv_with_bom_quotes_and_named_columns()
    {
        using var folder = new TempDirectory();
        var rows = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"\"row, {i}\",{(i * 0.1).ToString(CultureInfo.InvariantCulture)},{(1 + (2 * i * 0.1)).ToString(CultureInfo.InvariantCulture)}"));
        var data = Path.Combine(folder.Path, "line.csv");
        await File.WriteAllTextAsync(data, "name,\"x\",y\n" + rows + "\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var config = folder.Write("poly.json", """
            { "data": { "path": "line.csv", "features": ["x"], "target": "y", "validation": 0 }, "model": { "kind": "polynomial", "degree": 3 },
              "regularizer": { "kind": "none" }, "optimizer": { "kind": "steepest-descent", "lr": 1 }, "training": { "mode": "full", "epochs": 200 } }
            """);

        var linear = await ShellRun.Of("train", "--data", data, "--target", "y", "--model", "linear", "--loss", "huber", "--out", Path.Combine(folder.Path, "lin"), "-q", "--epochs", "3");
        AssertBadInput(linear, $"{data} line 2, column 1 (name): 'row, 0' is not a number.");

        var poly = await ShellRun.Of("train", config, "--out", Path.Combine(folder.Path, "poly"), "-q");
        Assert.True(poly.ExitCode == 0, poly.Error);
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Path, "poly", "model.json")))!;
        Assert.Equal(["T1(x)", "T2(x)", "T3(x)"], model["polynomial"]!["features"]!.AsArray().Select(n => n!.GetValue<string>()));
        // y = 1 + 2x exactly: the half squared error reaches 0 up to the optimizer's tolerance
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Path, "poly", "summary.json")))!;
        Assert.True(summary["final"]!["trainRisk"]!.GetValue<double>() < 1e-6);
    }

    public static TheoryData<string, string> BadConfigs => new()
    {
        { "{\n  \"optimizer\": {\"kind\": \"adam\",\n  \"lr\": 0.1 oops}\n}", "run.json: line 3, column 13: not valid JSON" },
        { "[1, 2]", "run.json: a training config is a JSON object" },
        { "{\"optimiser\": {}}", "run.json: unknown key optimiser; the config has " },
        { "{\"data\": {\"taget\": \"y\"}}", "run.json: unknown key data.taget; data has path, target, features, standardize, validation." },
        { "{\"optimizer\": {\"lr\": -1}}", "run.json: optimizer.lr = -1: must be > 0" },
        { "{\"optimizer\": {\"lr\": \"fast\"}}", "run.json: optimizer.lr = \"fast\": must be a number" },
        { "{\"optimizer\": {\"kind\": \"sgd\", \"momentun\": 0.9}}", "run.json: optimizer: Parameters['momentun'] is not a parameter of 'sgd'; it takes momentum, dampening, nesterov, weightDecay." },
        { "{\"optimizer\": \"lbfgs\"}", "run.json: optimizer: Kind = 'lbfgs' is not an optimizer; the kinds are " },
        { "{\"schedule\": {\"kind\": \"cosine\", \"minimum\": -1}}", "run.json: schedule: minimum = -1; it must lie in [0, 0.01]." },
        { "{\"training\": {\"epochs\": 0}}", "run.json: training.epochs = 0: epochs = 0; an epoch budget is at least 1." },
        { "{\"training\": {\"epochs\": 2.5}}", "run.json: training.epochs = 2.5: must be a whole number" },
        { "{\"training\": {\"mode\": \"turbo\"}}", "run.json: training.mode = \"turbo\": must be full, sample or minibatch" },
        { "{\"training\": {\"earlyStopping\": 3}, \"data\": {\"validation\": 0}}", "run.json: training.earlyStopping = 3 needs validation rows; set data.validation > 0." },
        { "{\"data\": {\"validation\": 1}}", "run.json: data.validation = 1: must be in [0, 1)" },
        { "{\"data\": {\"path\": \"builtin:mnist\"}}", "run.json: data.path = \"builtin:mnist\": the built-in data sets are builtin:breast_cancer, " },
        { "{\"seed\": -1}", "run.json: seed = -1: must be a whole number in [0, 2^64)" },
        { "{\"model\": {\"kind\": \"forest\"}}", "run.json: model.kind = \"forest\": must be linear, polynomial, logistic or softmax" },
        { "{\"model\": {\"kind\": \"logistic\", \"degree\": 3}}", "run.json: model.degree = 3: applies to model.kind = \"polynomial\" only" },
        { "{\"loss\": \"nosuch\"}", "run.json: loss = \"nosuch\": no loss has that name; the losses are half_squared_error, " },
        { "{\"loss\": \"huber\"}", "run.json: loss = \"huber\": a logistic model needs a classification loss on logits" },
        { "{\"loss\": \"binary_cross_entropy\"}", "run.json: loss = \"binary_cross_entropy\": the logistic model's scores are logits, not probabilities" },
        { "{\"model\": {\"kind\": \"linear\"}, \"loss\": \"hinge\"}", "run.json: loss = \"hinge\": a linear model is trained with a regression loss" },
        { "{\"model\": {\"kind\": \"softmax\"}, \"loss\": \"hinge\"}", "run.json: loss = \"hinge\": a softmax model is trained with softmax_cross_entropy." },
        { "{\"loss\": \"zero_one\"}", "run.json: loss = \"zero_one\": its derivative is 0 almost everywhere" },
        { "{\"model\": {\"kind\": \"linear\"}, \"loss\": {\"name\": \"huber\", \"delta\": -1}}", "run.json: loss: parameters[\"delta\"] = -1 is outside its domain (Positive) for the loss 'huber'." },
        { "{\"model\": {\"kind\": \"linear\"}, \"loss\": {\"name\": \"huber\", \"beta\": 1}}", "run.json: unknown key loss.beta; the loss 'huber' takes delta." },
        { "{\"regularizer\": {\"kind\": \"l2\", \"lambda\": -0.5}}", "run.json: regularizer.lambda = -0.5: must be ≥ 0" },
        { "{\"regularizer\": {\"kind\": \"l2\", \"l1Ratio\": 0.5}}", "run.json: regularizer.l1Ratio = 0.5: applies to regularizer.kind = \"elasticnet\" only" },
        { "{\"training\": {\"batchSize\": 1000}}", "run.json: options.BatchSize = 1000 exceeds the 456 training rows." },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task Bad_config_is_one_line_naming_file_and_path_and_exit_2(string json, string expected)
    {
        using var folder = new TempDirectory();
        var file = folder.Write("run.json", json);
        var output = Path.Combine(folder.Path, "out");

        var run = await ShellRun.Of("train", file, "--out", output, "-q");

        AssertBadInput(run, expected.Replace("run.json", file, StringComparison.Ordinal));
        Assert.False(Directory.Exists(output), "nothing is written for a bad config");
        Assert.True(File.Exists(file));
    }

    public static TheoryData<string, string> BadCsvs => new()
    {
        { "a,b,y\n1,2,0\n3,4\n", " line 3 has 2 fields but the header has 3." },
        { "a,b,y\n1,2,0\n3,x4,1\n", " line 3, column 2 (b): 'x4' is not a number." },
        { "a,b,y\n1,2,0\n3,NaN,1\n", " line 3, column 2 (b): 'NaN' is not a finite number; remove or impute the row." },
        { "a,b,y\n1,,0\n", " line 2, column 2 (b): the cell is empty; every feature and target needs a number." },
        { "", " is empty; it needs a header row naming the columns." },
        { "\n\n", " is empty; it needs a header row naming the columns." },
        { "a,b,y\n", " has a header but no data rows." },
        { "a,b,y\n1,\"2,0\n", " line 2, column 2: a quoted field is not closed on this line." },
        { "a,a,y\n1,2,0\n", " line 1, column 2: the column 'a' appears twice in the header." },
        { "a,b,y\n1,2,0.5\n", " line 2, column 3 (y): '0.5' is not a class label 0 or 1 for a logistic model." },
    };

    [Theory]
    [MemberData(nameof(BadCsvs))]
    public async Task Bad_csv_is_one_line_naming_file_line_and_column_and_exit_2(string csv, string expected)
    {
        using var folder = new TempDirectory();
        var data = folder.Write("d.csv", csv);
        var output = Path.Combine(folder.Path, "out");

        var run = await ShellRun.Of("train", "--data", data, "--out", output, "-q");

        AssertBadInput(run, data + expected);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Missing_target_column_and_missing_file_are_named()
    {
        using var folder = new TempDirectory();
        var data = folder.Write("d.csv", "a,b,y\n1,2,0\n3,4,1\n");

        AssertBadInput(await ShellRun.Of("train", "--data", data, "--target", "label", "-q"), $"{data} has no column 'label'; its columns are a, b, y.");
        AssertBadInput(await ShellRun.Of("train", "--data", Path.Combine(folder.Path, "nope.csv"), "-q"), $"{Path.Combine(folder.Path, "nope.csv")}: no such file.");
        AssertBadInput(await ShellRun.Of("train", Path.Combine(folder.Path, "nope.json"), "-q"), $"{Path.Combine(folder.Path, "nope.json")}: no such file.");
    }

    [Fact]
    public async Task Unwritable_output_folder_is_one_line_and_exit_2()
    {
        using var folder = new TempDirectory();
        // a folder below a regular file cannot be created, even by root
        var file = folder.Write("not-a-folder", "x");
        var target = Path.Combine(file, "run");

        var run = await ShellRun.Of("train", "--epochs", "2", "--out", target, "-q");

        AssertBadInput(run, $"cannot write the run folder '{target}': ");
    }

    [Fact]
    public async Task Bad_options_and_misuse_of_resume_are_usage_errors()
    {
        using var folder = new TempDirectory();
        AssertBadInput(await ShellRun.Of("train", "--lr", "-1"), "--lr -1: must be > 0.");
        AssertBadInput(await ShellRun.Of("train", "--epochs", "0"), "--epochs 0: must be at least 1.");
        AssertBadInput(await ShellRun.Of("train", "--resume", folder.Path, "--lr", "0.1"), "--resume DIR continues a run with its own config.json");
        AssertBadInput(await ShellRun.Of("train", "--resume", folder.Path), $"--resume {folder.Path}: the folder has no config.json and checkpoint.json");
        AssertBadInput(await ShellRun.Of("train", "--frobnicate"), "Unrecognized option '--frobnicate'. See 'functional train --help'.");
    }

    [Fact]
    public async Task A_folder_holding_a_run_is_not_overwritten()
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "run");
        Assert.Equal(0, (await ShellRun.Of("train", "--epochs", "1", "--out", output, "-q")).ExitCode);

        AssertBadInput(await ShellRun.Of("train", "--epochs", "1", "--out", output, "-q"), $"{output} already holds a run; continue it with --resume {output}");
        var again = await ShellRun.Of("train", "--resume", output, "-q");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("is finished (summary.json exists); nothing to resume.", again.Out, StringComparison.Ordinal);
    }

    /// <summary>
    /// A run cut at every point the protocol allows (after the checkpoint and its row; after the checkpoint, before its
    /// row; with a half-written row; with a row beyond it), resumed, equals the uninterrupted run byte for byte.
    /// </summary>
    [Theory]
    [InlineData(0, "complete")]
    [InlineData(4, "complete")]
    [InlineData(4, "row missing")]
    [InlineData(4, "half row")]
    [InlineData(9, "row beyond")]
    public async Task Resume_from_a_checkpoint_equals_the_uninterrupted_run_bitwise(int epoch, string cut)
    {
        using var folder = new TempDirectory();
        var whole = Path.Combine(folder.Path, "whole");
        var cutRun = Path.Combine(folder.Path, "cut");
        string[] args = ["train", "--epochs", "12", "--seed", "5", "-q"];
        Assert.Equal(0, (await ShellRun.Of([.. args, "--out", whole])).ExitCode);
        Assert.Equal(0, (await ShellRun.Of([.. args, "--out", cutRun])).ExitCode);

        // Rebuild the folder as a kill after `epoch` leaves it.
        var config = TrainConfig.Load(Path.Combine(cutRun, "config.json"));
        var states = PreparedRun.Prepare(config).Epochs(null).ToList();
        foreach (var name in new[] { "summary.json", "model.json", "index.html", "risk.svg" })
        {
            File.Delete(Path.Combine(cutRun, name));
        }

        await File.WriteAllTextAsync(Path.Combine(cutRun, "checkpoint.json"), Checkpoint.Serialize(states[epoch], config.Hash));
        var lines = File.ReadAllLines(Path.Combine(cutRun, "metrics.csv"));
        var keep = cut switch
        {
            "row missing" => epoch + 1,
            "half row" => epoch + 1,
            "row beyond" => epoch + 3,
            _ => epoch + 2,
        };
        var text = string.Join("\n", lines.Take(keep)) + "\n" + (cut == "half row" ? lines[keep][..20] : "");
        await File.WriteAllTextAsync(Path.Combine(cutRun, "metrics.csv"), text);

        var resumed = await ShellRun.Of("train", "--resume", cutRun, "-q");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        foreach (var name in new[] { "metrics.csv", "model.json", "checkpoint.json", "config.json", "risk.svg" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(whole, name)), await File.ReadAllBytesAsync(Path.Combine(cutRun, name)));
        }

        Assert.True(JsonNode.Parse(File.ReadAllText(Path.Combine(cutRun, "summary.json")))!["resumed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_checkpoint_of_another_config_is_refused()
    {
        using var folder = new TempDirectory();
        var a = Path.Combine(folder.Path, "a");
        var b = Path.Combine(folder.Path, "b");
        Assert.Equal(0, (await ShellRun.Of("train", "--epochs", "2", "--out", a, "-q")).ExitCode);
        Assert.Equal(0, (await ShellRun.Of("train", "--epochs", "3", "--out", b, "-q")).ExitCode);
        File.Delete(Path.Combine(b, "summary.json"));
        File.Copy(Path.Combine(a, "checkpoint.json"), Path.Combine(b, "checkpoint.json"), overwrite: true);

        var run = await ShellRun.Of("train", "--resume", b, "-q");

        AssertBadInput(run, "the checkpoint belongs to another config");
    }

    /// <summary>
    /// The trained logistic-L2 model reaches scikit-learn's optimum. Reference (scikit-learn 1.2, /usr/bin/python3):
    /// <code>
    /// d = np.loadtxt('data/breast_cancer.csv', delimiter=',', skiprows=1)
    /// X, y = StandardScaler().fit_transform(d[:, :-1]), d[:, -1]
    /// n, lam = len(y), 0.01
    /// m = LogisticRegression(C=1.0 / (lam * n), tol=1e-12, max_iter=100000).fit(X, y)
    /// z = X @ m.coef_[0] + m.intercept_[0]
    /// print(repr(np.mean(np.logaddexp(0, z) - y * z) + lam / 2 * np.sum(m.coef_ ** 2)))   # 0.0995913755929713
    /// </code>
    /// (C = 1/(λn) makes scikit-learn's C·Σℓ + ½‖w‖² equal n/… times our mean ℓ + (λ/2)‖w‖², the intercept unpenalised in both.)
    /// The fold offers no L-BFGS; steepest descent with a line search, full batch, gets there in 300 epochs. Tolerance: 1e-9
    /// absolute (scikit-learn's own lbfgs stops ~1e-10 above the optimum).
    /// </summary>
    [Fact]
    public async Task Logistic_l2_on_breast_cancer_reaches_scikit_learns_objective()
    {
        using var folder = new TempDirectory();
        var config = folder.Write("ref.json", """{"data": {"validation": 0}, "optimizer": {"kind": "steepest-descent", "lr": 1}, "training": {"mode": "full", "epochs": 300}}""");
        var output = Path.Combine(folder.Path, "ref");

        var run = await ShellRun.Of("train", config, "--out", output, "-q");

        Assert.True(run.ExitCode == 0, run.Error);
        var risk = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!["final"]!["trainRisk"]!.GetValue<double>();
        Assert.InRange(risk, 0.0995913755929713 - 1e-9, 0.0995913755929713 + 1e-9);
        var risks = File.ReadAllLines(Path.Combine(output, "metrics.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(risks.Zip(risks.Skip(1)), p => Assert.True(p.Second <= p.First, $"{p.Second} > {p.First}"));
    }

    private static string[] SeriesNames(string folder, string file)
        => [.. XDocument.Load(Path.Combine(folder, file)).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(g => (string?)g.Attribute("data-name") ?? "")];
}
