using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Losses;
using Functional.Optimization;
using Functional.Training;

namespace Functional.Shell.Training;

/// <summary>The model families <c>train</c> offers.</summary>
public enum ModelKind
{
    /// <summary>A linear score ŷ = wᵀx + b with a regression loss.</summary>
    Linear,

    /// <summary>A linear model on the Chebyshev features T_1 … T_d of one input column.</summary>
    Polynomial,

    /// <summary>Binary classification on a logit: targets 0/1.</summary>
    Logistic,

    /// <summary>Multinomial classification: targets 0 … C−1.</summary>
    Softmax,
}

/// <summary>The penalty families.</summary>
public enum RegularizerKind
{
    /// <summary>No penalty.</summary>
    None,

    /// <summary>(λ/2)‖w‖².</summary>
    L2,

    /// <summary>λ‖w‖₁.</summary>
    L1,

    /// <summary>λ(ρ‖w‖₁ + ((1 − ρ)/2)‖w‖²).</summary>
    ElasticNet,
}

/// <summary>Where the data come from and how they are prepared.</summary>
/// <param name="Path">A CSV file with a header row, or <c>builtin:NAME</c> for a data set shipped with the tool.</param>
/// <param name="Target">The target column; null for the last column.</param>
/// <param name="Features">The feature columns in order; null for every column but the target.</param>
/// <param name="Standardize">Whether features are standardised with the training rows' mean and deviation.</param>
/// <param name="Validation">The fraction of rows held out for validation, in [0, 1) (stratified for classifiers).</param>
public sealed record DataConfig(string Path, string? Target, IReadOnlyList<string>? Features, bool Standardize, double Validation);

/// <summary>The model.</summary>
/// <param name="Kind">The family.</param>
/// <param name="Degree">The polynomial degree (polynomial only).</param>
/// <param name="Intercept">Whether the model has an intercept.</param>
public sealed record ModelConfig(ModelKind Kind, int Degree, bool Intercept);

/// <summary>The loss by its <see cref="LossRegistry"/> name with its parameters.</summary>
/// <param name="Name">The registry name (canonical spelling).</param>
/// <param name="Parameters">Parameter values by name (the rest take their defaults).</param>
public sealed record LossConfig(string Name, IReadOnlyDictionary<string, double> Parameters);

/// <summary>The penalty.</summary>
/// <param name="Kind">The family.</param>
/// <param name="Lambda">λ ≥ 0.</param>
/// <param name="L1Ratio">ρ ∈ [0, 1] of the elastic net.</param>
/// <param name="IncludeBias">Whether the intercept is penalised.</param>
public sealed record RegularizerConfig(RegularizerKind Kind, double Lambda, double L1Ratio, bool IncludeBias);

/// <summary>The fold's options (see <see cref="TrainingOptions"/>) and the initialisation.</summary>
/// <param name="Epochs">The epoch budget.</param>
/// <param name="Mode">Full batch, per sample or mini-batch.</param>
/// <param name="BatchSize">Rows per mini-batch.</param>
/// <param name="Order">The sample order of the stochastic modes.</param>
/// <param name="EarlyStopping">Early-stopping patience (0 = off).</param>
/// <param name="RestoreBest">Whether early stopping restores the best weights.</param>
/// <param name="MaxSteps">An optional step budget.</param>
/// <param name="Smoothing">λ of the smoothed risk.</param>
/// <param name="RiskTolerance">The risk-plateau tolerance, if any.</param>
/// <param name="WeightTolerance">The weight-plateau tolerance, if any.</param>
/// <param name="PlateauPatience">Plateau epochs before stopping.</param>
/// <param name="Init">Zeros or uniform initial weights.</param>
public sealed record TrainingConfig(
    int Epochs, TrainingMode Mode, int BatchSize, SampleOrder Order, int EarlyStopping, bool RestoreBest, long? MaxSteps,
    double Smoothing, double? RiskTolerance, double? WeightTolerance, int PlateauPatience, InitializationKind Init);

/// <summary>
/// One training run's configuration, parsed from JSON (a file, or a run of a sweep) and validated: every default filled in,
/// every value checked (by the core's factories where they exist), so a config that parses trains. <see cref="ToJson"/>
/// is the fully resolved form (written to the run folder; <see cref="Hash"/> is its SHA-256).
/// </summary>
/// <remarks>
/// Schema (every key optional; <c>{}</c> is logistic regression with L2 on the built-in breast_cancer data):
/// <code>
/// { "data": { "path": "builtin:breast_cancer", "target": null, "features": null, "standardize": true, "validation": 0.2 },
///   "model": { "kind": "logistic", "degree": 2, "intercept": true },
///   "loss": "binary_cross_entropy_with_logits"            // or { "name": "huber", "delta": 1.35 }
///   "regularizer": { "kind": "l2", "lambda": 0.01, "l1Ratio": 0.5, "includeBias": false },
///   "optimizer": { "kind": "adam", "lr": 0.01, "beta1": 0.9, … },   // OptimizerSpec kinds; "inner": [ … ] for chain/sam
///   "schedule": { "kind": "constant" },                  // ScheduleSpec kinds; the initial rate defaults to optimizer.lr,
///                                                        // totalSteps to the run's steps
///   "training": { "epochs": 100, "mode": "minibatch", "batchSize": 32, "order": "shuffle", "earlyStopping": 0,
///                 "restoreBest": true, "maxSteps": null, "smoothing": 0.01, "riskTolerance": null,
///                 "weightTolerance": null, "plateauPatience": 1, "init": "zeros" },
///   "seed": 0 }
/// </code>
/// </remarks>
public sealed record TrainConfig
{
    /// <summary>The data set used when the config names none.</summary>
    public const string DefaultData = "builtin:breast_cancer";

    /// <summary>The prefix of the built-in data sets' paths.</summary>
    public const string BuiltinPrefix = "builtin:";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private TrainConfig(
        string source, DataConfig data, ModelConfig model, LossConfig loss, RegularizerConfig regularizer, JsonObject optimizer,
        double learningRate, JsonObject schedule, TrainingConfig training, ulong seed)
    {
        Source = source;
        Data = data;
        Model = model;
        Loss = loss;
        Regularizer = regularizer;
        OptimizerJson = optimizer;
        LearningRate = learningRate;
        ScheduleJson = schedule;
        Training = training;
        Seed = seed;
        Json = BuildJson();
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Json.ToJsonString())));
    }

    /// <summary>Where the config came from (the file name, or a sweep run): error messages start with it.</summary>
    public string Source { get; }

    /// <summary>The data.</summary>
    public DataConfig Data { get; }

    /// <summary>The model.</summary>
    public ModelConfig Model { get; }

    /// <summary>The loss.</summary>
    public LossConfig Loss { get; }

    /// <summary>The penalty.</summary>
    public RegularizerConfig Regularizer { get; }

    /// <summary>The base learning rate η (<c>optimizer.lr</c>), the schedule's initial rate unless it says otherwise.</summary>
    public double LearningRate { get; }

    /// <summary>The fold's options.</summary>
    public TrainingConfig Training { get; }

    /// <summary>The seed of the split, the initial weights and every epoch's order.</summary>
    public ulong Seed { get; }

    /// <summary>SHA-256 of the compact <see cref="ToJson"/> text, 64 lower-case hex digits: equal configs, equal hashes.</summary>
    public string Hash { get; }

    private JsonObject OptimizerJson { get; }

    private JsonObject ScheduleJson { get; }

    private JsonObject Json { get; }

    /// <summary>The fully resolved config (a fresh copy): every default written out, canonical names, fixed key order.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => (JsonObject)Json.DeepClone();

    /// <summary>The optimizer as the core's spec (without <c>lr</c>, which drives the schedule).</summary>
    /// <returns>The spec.</returns>
    public OptimizerSpec OptimizerSpec() => ToOptimizerSpec(OptimizerJson, top: true);

    /// <summary>The schedule as the core's spec, with the initial rate and, when <paramref name="totalSteps"/> is given, the
    /// total-step count filled in where the schedule takes them and the config left them out.</summary>
    /// <param name="totalSteps">The run's total optimizer steps, or null to leave totalSteps as written (a placeholder
    /// of 1 is used for validation when it is missing).</param>
    /// <returns>The spec.</returns>
    public ScheduleSpec ScheduleSpec(long? totalSteps = null) => ToScheduleSpec(ScheduleJson, LearningRate, totalSteps ?? 1);

    /// <summary>Reads and validates a config file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="overrides">Dotted paths and values applied on top of the file (the command line's options).</param>
    /// <returns>The config.</returns>
    /// <exception cref="ShellInputException">The file is missing or unreadable, not valid JSON (line and column named), or
    /// the config is invalid (path and value named).</exception>
    public static TrainConfig Load(string path, IEnumerable<KeyValuePair<string, JsonNode?>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ShellInputException($"{path}: no such file.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShellInputException($"{path}: cannot be read ({e.Message.TrimEnd('.')}).", e);
        }

        var json = ParseObject(text, path);
        Apply(json, overrides, path);
        return Parse(json, path);
    }

    /// <summary>Parses JSON text into an object: <c>{source}: line L, column C: not valid JSON (…)</c> otherwise.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="source">The name for messages.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ShellInputException">Not valid JSON, or not an object.</exception>
    public static JsonObject ParseObject(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ShellInputException(
                $"{source}: line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: not valid JSON ({FirstSentence(e.Message)}).", e);
        }

        return root as JsonObject ?? throw new ShellInputException($"{source}: a training config is a JSON object, e.g. {{\"optimizer\": {{\"kind\": \"adam\"}}}}.");
    }

    /// <summary>Sets each dotted path (<c>optimizer.lr</c>) to its value, creating objects on the way.</summary>
    /// <param name="json">The config to change.</param>
    /// <param name="overrides">Paths and values; null does nothing.</param>
    /// <param name="source">The name for messages.</param>
    /// <exception cref="ShellInputException">A path runs through a value that is not an object.</exception>
    public static void Apply(JsonObject json, IEnumerable<KeyValuePair<string, JsonNode?>>? overrides, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        foreach (var (path, value) in overrides ?? [])
        {
            var parts = path.Split('.');
            var node = json;
            foreach (var part in parts[..^1])
            {
                // A shorthand string ("loss": "huber") becomes its object form before a key is set inside it.
                if (node[part] is JsonValue shorthand && shorthand.GetValueKind() == JsonValueKind.String)
                {
                    node[part] = new JsonObject { [part == "loss" ? "name" : "kind"] = shorthand.GetValue<string>() };
                }

                node[part] ??= new JsonObject();
                node = node[part] as JsonObject
                    ?? throw new ShellInputException($"{source}: cannot set {path}: {part} is not an object in the config.");
            }

            node[parts[^1]] = value?.DeepClone();
        }
    }

    /// <summary>Validates a config object (see the type's remarks for the schema).</summary>
    /// <param name="json">The config (not changed).</param>
    /// <param name="source">Where it came from; every message starts with it.</param>
    /// <returns>The config.</returns>
    /// <exception cref="ShellInputException">An unknown key, a value of the wrong type or out of range, an unknown loss,
    /// optimizer or schedule, a loss that does not fit the model, or anything the core's factories reject (their message
    /// passed through as one line).</exception>
    public static TrainConfig Parse(JsonObject json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var root = new JsonSection(json, source, "");
        var data = ParseData(root.Section("data") ?? Empty(root, "data"));
        var model = ParseModel(root.Section("model") ?? Empty(root, "model"));
        var loss = ParseLoss(root, model);
        var regularizer = ParseRegularizer(root.Section("regularizer") ?? Empty(root, "regularizer"));
        var training = ParseTraining(root.Section("training") ?? Empty(root, "training"));
        var (optimizer, lr) = ParseOptimizer(root);
        var schedule = ParseSchedule(root, lr);
        var seedNode = root.Node("seed");
        var seed = seedNode is null ? 0UL
            : seedNode is JsonValue sv && sv.GetValueKind() == JsonValueKind.Number
                && ulong.TryParse(sv.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
            : throw root.Bad("seed", seedNode, "must be a whole number in [0, 2^64)");
        root.Done();
        if (training.EarlyStopping > 0 && data.Validation == 0.0)
        {
            throw root.Error($"training.earlyStopping = {training.EarlyStopping} needs validation rows; set data.validation > 0.");
        }

        return new TrainConfig(source, data, model, loss, regularizer, optimizer, lr, schedule, training, seed);
    }

    private static JsonSection Empty(JsonSection root, string key) => new([], root.Source, key);

    private static DataConfig ParseData(JsonSection d)
    {
        var path = d.String("path") ?? DefaultData;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw d.Bad("path", d.Object["path"], "name a CSV file, or builtin:NAME");
        }

        if (path.StartsWith(BuiltinPrefix, StringComparison.Ordinal) && !BuiltinData.Names.Contains(path[BuiltinPrefix.Length..]))
        {
            throw d.Bad("path", d.Object["path"], $"the built-in data sets are {string.Join(", ", BuiltinData.Names.Select(n => BuiltinPrefix + n))}");
        }

        var target = d.String("target");
        IReadOnlyList<string>? features = null;
        switch (d.Node("features"))
        {
            case null:
                break;
            case JsonArray array when array.Count > 0 && array.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                features = [.. array.Select(x => x!.GetValue<string>())];
                var duplicate = features.GroupBy(f => f, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    throw d.Bad("features", array, $"names '{duplicate.Key}' twice");
                }

                if (target is not null && features.Contains(target, StringComparer.OrdinalIgnoreCase))
                {
                    throw d.Bad("features", array, $"holds the target column '{target}'");
                }

                break;
            case var other:
                throw d.Bad("features", other, "must be a non-empty array of column names, or null for every column but the target");
        }

        var standardize = d.Bool("standardize", true);
        var validation = d.Double("validation", 0.2);
        if (!(validation is >= 0.0 and < 1.0))
        {
            throw d.Bad("validation", d.Object["validation"], "must be in [0, 1)");
        }

        d.Done();
        return new DataConfig(path, target, features, standardize, validation);
    }

    private static ModelConfig ParseModel(JsonSection m)
    {
        var kindText = m.String("kind") ?? "logistic";
        var kind = kindText.ToLowerInvariant() switch
        {
            "linear" => ModelKind.Linear,
            "polynomial" => ModelKind.Polynomial,
            "logistic" => ModelKind.Logistic,
            "softmax" => ModelKind.Softmax,
            _ => throw m.Bad("kind", m.Object["kind"], "must be linear, polynomial, logistic or softmax"),
        };
        var degree = m.Int("degree", 2);
        if (kind == ModelKind.Polynomial ? degree is < 1 or > 64 : m.Has("degree"))
        {
            throw kind == ModelKind.Polynomial
                ? m.Bad("degree", m.Object["degree"], "must be in 1 … 64")
                : m.Bad("degree", m.Object["degree"], "applies to model.kind = \"polynomial\" only");
        }

        var intercept = m.Bool("intercept", true);
        m.Done();
        return new ModelConfig(kind, kind == ModelKind.Polynomial ? degree : 0, intercept);
    }

    private static LossConfig ParseLoss(JsonSection root, ModelConfig model)
    {
        var fallback = model.Kind switch
        {
            ModelKind.Logistic => "binary_cross_entropy_with_logits",
            ModelKind.Softmax => "softmax_cross_entropy",
            _ => "half_squared_error",
        };
        var node = root.Node("loss");
        JsonSection? section = null;
        string name;
        switch (node)
        {
            case null:
                name = fallback;
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                name = v.GetValue<string>();
                break;
            case JsonObject o:
                section = new JsonSection(o, root.Source, "loss");
                name = section.String("name") ?? fallback;
                break;
            default:
                throw root.Bad("loss", node, "must be a loss name or an object {\"name\": …, parameters…}");
        }

        var where = section is null ? "loss" : "loss.name";
        if (!LossRegistry.TryGet(name, out var descriptor))
        {
            throw root.Error($"{where} = \"{name}\": no loss has that name; the losses are {string.Join(", ", LossRegistry.Names)}.");
        }

        var parameters = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (section is not null)
        {
            foreach (var (key, value) in section.Object)
            {
                if (key == "name")
                {
                    continue;
                }

                var parameter = descriptor.Parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
                    ?? throw root.Error($"unknown key loss.{key}; the loss '{descriptor.Name}' takes {(descriptor.Parameters.Count == 0 ? "no parameters" : string.Join(", ", descriptor.Parameters.Select(p => p.Name)))}.");
                section.Node(key);
                parameters[parameter.Name] = value is null ? parameter.Default : JsonSection.Number(value) ?? throw section.Bad(key, value, "must be a number");
            }
        }

        try
        {
            _ = descriptor.IsConvexWith(parameters);
        }
        catch (ArgumentException e)
        {
            throw root.Error($"loss: {ShellInputException.OneLine(e)}");
        }

        var problem = Compatibility(model.Kind, descriptor, parameters);
        if (problem is not null)
        {
            throw root.Error($"{where} = \"{descriptor.Name}\": {problem}");
        }

        return new LossConfig(descriptor.Name, parameters);
    }

    /// <summary>Why a loss does not fit a model, or null when it does.</summary>
    private static string? Compatibility(ModelKind model, LossDescriptor loss, SortedDictionary<string, double> parameters)
    {
        if (loss.Name == "zero_one")
        {
            return "its derivative is 0 almost everywhere, so nothing can be trained with it; it is a metric (the accuracy reports it).";
        }

        return model switch
        {
            ModelKind.Softmax => loss.Name == "softmax_cross_entropy"
                ? parameters.Count == 0 ? null : "the softmax model takes softmax_cross_entropy without parameters (the class count comes from the data)."
                : "a softmax model is trained with softmax_cross_entropy.",
            ModelKind.Logistic => loss.Targets switch
            {
                _ when loss.PredictionsAreProbabilities => "the logistic model's scores are logits, not probabilities; use binary_cross_entropy_with_logits.",
                LossTargets.UnitInterval or LossTargets.Sign => null,
                _ => $"a logistic model needs a classification loss on logits (binary_cross_entropy_with_logits, or a margin loss: {string.Join(", ", MarginLosses())}); {loss.Name} is not one.",
            },
            _ => loss.Targets switch
            {
                LossTargets.Real or LossTargets.Counts => null,
                _ => $"a {(model == ModelKind.Linear ? "linear" : "polynomial")} model is trained with a regression loss ({string.Join(", ", LossRegistry.All.Where(d => d.Targets is LossTargets.Real or LossTargets.Counts).Select(d => d.Name))}); {loss.Name} is not one.",
            },
        };
    }

    private static IEnumerable<string> MarginLosses() => LossRegistry.All.Where(d => d.Targets == LossTargets.Sign && d.Name != "zero_one").Select(d => d.Name);

    private static RegularizerConfig ParseRegularizer(JsonSection r)
    {
        var kind = (r.String("kind") ?? "l2").ToLowerInvariant() switch
        {
            "none" => RegularizerKind.None,
            "l2" or "ridge" => RegularizerKind.L2,
            "l1" or "lasso" => RegularizerKind.L1,
            "elasticnet" or "elastic-net" or "elastic_net" => RegularizerKind.ElasticNet,
            _ => throw r.Bad("kind", r.Object["kind"], "must be none, l2, l1 or elasticnet"),
        };
        var lambda = r.Double("lambda", kind == RegularizerKind.None ? 0.0 : 0.01);
        if (!(lambda >= 0.0))
        {
            throw r.Bad("lambda", r.Object["lambda"], "must be ≥ 0");
        }

        if (kind == RegularizerKind.None && lambda != 0.0)
        {
            throw r.Bad("lambda", r.Object["lambda"], "regularizer.kind = \"none\" takes no λ");
        }

        var ratio = r.Double("l1Ratio", 0.5);
        if (!(ratio is >= 0.0 and <= 1.0))
        {
            throw r.Bad("l1Ratio", r.Object["l1Ratio"], "must be in [0, 1]");
        }

        if (kind != RegularizerKind.ElasticNet && r.Has("l1Ratio"))
        {
            throw r.Bad("l1Ratio", r.Object["l1Ratio"], "applies to regularizer.kind = \"elasticnet\" only");
        }

        var includeBias = r.Bool("includeBias", false);
        r.Done();
        return new RegularizerConfig(kind, lambda, kind == RegularizerKind.ElasticNet ? ratio : 0.0, includeBias);
    }

    private static TrainingConfig ParseTraining(JsonSection t)
    {
        var epochs = t.Int("epochs", 100);
        var modeText = t.String("mode") ?? "minibatch";
        var mode = modeText.ToLowerInvariant() switch
        {
            "full" or "fullbatch" or "full-batch" or "gd" => TrainingMode.FullBatch,
            "sample" or "persample" or "per-sample" or "sgd" => TrainingMode.PerSample,
            "minibatch" or "mini-batch" => TrainingMode.MiniBatch,
            _ => throw t.Bad("mode", t.Object["mode"], "must be full, sample or minibatch"),
        };
        var batch = t.Int("batchSize", 32);
        var orderText = t.String("order") ?? "shuffle";
        var order = orderText.ToLowerInvariant() switch
        {
            "shuffle" => SampleOrder.Shuffle,
            "large-error" or "largeerror" => SampleOrder.LargeError,
            "uncertainty" => SampleOrder.Uncertainty,
            _ => throw t.Bad("order", t.Object["order"], "must be shuffle, large-error or uncertainty"),
        };
        var early = t.Int("earlyStopping", 0);
        var restore = t.Bool("restoreBest", true);
        var maxSteps = t.OptionalLong("maxSteps");
        var smoothing = t.Double("smoothing", 0.01);
        var riskTolerance = t.OptionalDouble("riskTolerance");
        var weightTolerance = t.OptionalDouble("weightTolerance");
        var plateauPatience = t.Int("plateauPatience", 1);
        var init = (t.String("init") ?? "zeros").ToLowerInvariant() switch
        {
            "zeros" or "zero" => InitializationKind.Zeros,
            "uniform" => InitializationKind.Uniform,
            _ => throw t.Bad("init", t.Object["init"], "must be zeros or uniform"),
        };

        // The core's own checks, so each range is stated once; its message names the option, the path says where.
        try
        {
            _ = new TrainingOptions(epochs, mode, batch, order, maxSteps, smoothing, riskTolerance, weightTolerance, plateauPatience, early, restore);
        }
        catch (ArgumentOutOfRangeException e)
        {
            var key = e.ParamName switch
            {
                "batchSize" => "batchSize",
                "earlyStoppingPatience" => "earlyStopping",
                { } name => name,
                null => "",
            };
            throw t.Bad(key, t.Object[key], ShellInputException.OneLine(e));
        }

        t.Done();
        return new TrainingConfig(epochs, mode, batch, order, early, restore, maxSteps, smoothing, riskTolerance, weightTolerance, plateauPatience, init);
    }

    private static (JsonObject Resolved, double LearningRate) ParseOptimizer(JsonSection root)
    {
        var node = root.Node("optimizer");
        var spec = node switch
        {
            null => new JsonObject { ["kind"] = "adam" },
            JsonValue v when v.GetValueKind() == JsonValueKind.String => new JsonObject { ["kind"] = v.GetValue<string>() },
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw root.Bad("optimizer", node, "must be an optimizer kind or an object {\"kind\": …, \"lr\": …, parameters…}"),
        };
        var section = new JsonSection(spec, root.Source, "optimizer");
        var lr = section.Double("lr", 0.01);
        if (!(lr > 0.0))
        {
            throw section.Bad("lr", spec["lr"], "must be > 0");
        }

        var resolved = Canonical(spec, section, "kind", "adam");
        resolved.Insert(1, "lr", lr);
        try
        {
            _ = ToOptimizerSpec(resolved, top: true).Create();
        }
        catch (ArgumentException e)
        {
            throw root.Error($"optimizer: {ShellInputException.OneLine(e)}");
        }

        return (resolved, lr);
    }

    private static JsonObject ParseSchedule(JsonSection root, double lr)
    {
        var node = root.Node("schedule");
        var spec = node switch
        {
            null => new JsonObject { ["kind"] = "constant" },
            JsonValue v when v.GetValueKind() == JsonValueKind.String => new JsonObject { ["kind"] = v.GetValue<string>() },
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw root.Bad("schedule", node, "must be a schedule kind or an object {\"kind\": …, parameters…}"),
        };
        var section = new JsonSection(spec, root.Source, "schedule");
        var resolved = Canonical(spec, section, "kind", "constant");
        try
        {
            var schedule = ToScheduleSpec(resolved, lr, 1);
            if (schedule.IsPlateau)
            {
                _ = schedule.CreatePlateau();
            }
            else
            {
                _ = schedule.Create();
            }
        }
        catch (ArgumentException e)
        {
            throw root.Error($"schedule: {ShellInputException.OneLine(e)}");
        }

        return resolved;
    }

    /// <summary>A spec object with its kind first (lower case), then its parameters and inner specs as written.</summary>
    private static JsonObject Canonical(JsonObject spec, JsonSection section, string kindKey, string fallback)
    {
        var kind = section.String(kindKey) ?? fallback;
        var result = new JsonObject { [kindKey] = kind.ToLowerInvariant() };
        foreach (var (key, value) in spec)
        {
            if (key is "kind" or "lr")
            {
                continue;
            }

            if (key == "inner")
            {
                if (value is not JsonArray inner || inner.Any(x => x is not JsonObject))
                {
                    throw section.Bad(key, value, "must be an array of objects {\"kind\": …}");
                }

                var members = new JsonArray();
                for (var i = 0; i < inner.Count; i++)
                {
                    var member = (JsonObject)inner[i]!;
                    if (member["lr"] is not null)
                    {
                        throw section.Error($"{section.At("inner")}[{i}].lr: the learning rate is set once, at the top (optimizer.lr / schedule parameters).");
                    }

                    members.Add((JsonNode)Canonical(member, new JsonSection(member, section.Source, $"{section.At("inner")}[{i}]"), kindKey, fallback));
                }

                result[key] = members;
                continue;
            }

            if (value is JsonObject)
            {
                throw section.Bad(key, value, "a parameter is a number, a string, true/false or an array of numbers");
            }

            result[key] = value?.DeepClone();
        }

        return result;
    }

    private static OptimizerSpec ToOptimizerSpec(JsonObject spec, bool top)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<OptimizerSpec>? inner = null;
        foreach (var (key, value) in spec)
        {
            switch (key)
            {
                case "kind":
                    break;
                case "lr" when top:
                    break;
                case "inner":
                    inner = [.. ((JsonArray)value!).Select(x => ToOptimizerSpec((JsonObject)x!, top: false))];
                    break;
                default:
                    parameters[key] = ParameterText(value);
                    break;
            }
        }

        return new OptimizerSpec(spec["kind"]!.GetValue<string>(), parameters, inner);
    }

    /// <summary>
    /// The core's schedule spec: the rate parameter each kind starts from (rate, initial, max) defaults to η, and totalSteps to
    /// the run's steps; inner specs get the same.
    /// </summary>
    private static ScheduleSpec ToScheduleSpec(JsonObject spec, double lr, long totalSteps)
    {
        var kind = spec["kind"]!.GetValue<string>();
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<ScheduleSpec>? inner = null;
        foreach (var (key, value) in spec)
        {
            if (key == "kind")
            {
                continue;
            }

            if (key == "inner")
            {
                inner = [.. ((JsonArray)value!).Select(x => ToScheduleSpec((JsonObject)x!, lr, totalSteps))];
                continue;
            }

            parameters[key] = ParameterText(value);
        }

        var rateKey = kind switch
        {
            "constant" => "rate",
            "one-cycle" or "cyclic" => "max",
            // scikit-learn's optimal schedule takes no initial rate: η_t = 1/(α(t + t₀)) fixes it.
            "warmup" or "join" or "sklearn-optimal" => null,
            _ => "initial",
        };
        if (rateKey is not null && !parameters.ContainsKey(rateKey))
        {
            parameters[rateKey] = lr.ToString("R", CultureInfo.InvariantCulture);
        }

        if (kind is "polynomial" or "cosine" or "linear" or "one-cycle" && !parameters.ContainsKey("totalSteps"))
        {
            parameters["totalSteps"] = totalSteps.ToString(CultureInfo.InvariantCulture);
        }

        return new ScheduleSpec(kind, parameters, inner);
    }

    private static string ParameterText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray a => string.Join(",", a.Select(x => x?.ToJsonString() ?? "")),
        _ => value.ToJsonString(),
    };

    private JsonObject BuildJson()
    {
        var loss = new JsonObject { ["name"] = Loss.Name };
        foreach (var (key, value) in Loss.Parameters)
        {
            loss[key] = value;
        }

        return new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["path"] = Data.Path,
                ["target"] = Data.Target,
                ["features"] = Data.Features is null ? null : new JsonArray([.. Data.Features.Select(f => (JsonNode?)f)]),
                ["standardize"] = Data.Standardize,
                ["validation"] = Data.Validation,
            },
            ["model"] = Model.Kind == ModelKind.Polynomial
                ? new JsonObject { ["kind"] = "polynomial", ["degree"] = Model.Degree, ["intercept"] = Model.Intercept }
                : new JsonObject { ["kind"] = Model.Kind.ToString().ToLowerInvariant(), ["intercept"] = Model.Intercept },
            ["loss"] = loss,
            ["regularizer"] = Regularizer.Kind == RegularizerKind.ElasticNet
                ? new JsonObject { ["kind"] = "elasticnet", ["lambda"] = Regularizer.Lambda, ["l1Ratio"] = Regularizer.L1Ratio, ["includeBias"] = Regularizer.IncludeBias }
                : new JsonObject { ["kind"] = Regularizer.Kind.ToString().ToLowerInvariant(), ["lambda"] = Regularizer.Lambda, ["includeBias"] = Regularizer.IncludeBias },
            ["optimizer"] = OptimizerJson.DeepClone(),
            ["schedule"] = ScheduleJson.DeepClone(),
            ["training"] = new JsonObject
            {
                ["epochs"] = Training.Epochs,
                ["mode"] = Training.Mode switch { TrainingMode.FullBatch => "full", TrainingMode.PerSample => "sample", _ => "minibatch" },
                ["batchSize"] = Training.BatchSize,
                ["order"] = Training.Order switch { SampleOrder.LargeError => "large-error", SampleOrder.Uncertainty => "uncertainty", _ => "shuffle" },
                ["earlyStopping"] = Training.EarlyStopping,
                ["restoreBest"] = Training.RestoreBest,
                ["maxSteps"] = Training.MaxSteps,
                ["smoothing"] = Training.Smoothing,
                ["riskTolerance"] = Training.RiskTolerance,
                ["weightTolerance"] = Training.WeightTolerance,
                ["plateauPatience"] = Training.PlateauPatience,
                ["init"] = Training.Init == InitializationKind.Uniform ? "uniform" : "zeros",
            },
            ["seed"] = Seed,
        };
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
