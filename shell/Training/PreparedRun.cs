using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Losses;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Shell.Verbs.Divergence;
using Functional.Training;

namespace Functional.Shell.Training;

/// <summary>
/// A config with its data read and prepared: the seeded train/validation split, the standardiser (and polynomial map) fitted
/// on the training rows only, and the core's <see cref="TrainingSetup"/>. <see cref="Epochs"/> is the training fold;
/// everything here is a deterministic function of the config and the data file, so two preparations of one config train
/// bit-identically.
/// </summary>
public sealed class PreparedRun
{
    private PreparedRun(
        TrainConfig config, string dataPath, string target, IReadOnlyList<string> features, IReadOnlyList<string> modelFeatures, int classes,
        Standardizer? standardizer, PolynomialFeatures? polynomial, TrainingSetup setup, long stepsPerEpoch, bool signTargets)
    {
        Config = config;
        DataPath = dataPath;
        Target = target;
        Features = features;
        ModelFeatures = modelFeatures;
        Classes = classes;
        Standardizer = standardizer;
        Polynomial = polynomial;
        Setup = setup;
        StepsPerEpoch = stepsPerEpoch;
        SignTargets = signTargets;
        MetricNames = MetricsOf(null).Select(m => m.Key).ToArray();
    }

    /// <summary>The config.</summary>
    public TrainConfig Config { get; }

    /// <summary>The data file read (built-in data resolved to its installed file).</summary>
    public string DataPath { get; }

    /// <summary>The target column's name.</summary>
    public string Target { get; }

    /// <summary>The input columns, in order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The model's feature names (the inputs, or T1(x) … Td(x) for a polynomial).</summary>
    public IReadOnlyList<string> ModelFeatures { get; }

    /// <summary>The class count (2 for logistic, C for softmax, 0 for regression).</summary>
    public int Classes { get; }

    /// <summary>The standardiser fitted on the training rows, if the config asks for one.</summary>
    public Standardizer? Standardizer { get; }

    /// <summary>The polynomial map fitted on the training rows, for a polynomial model.</summary>
    public PolynomialFeatures? Polynomial { get; }

    /// <summary>The core's setup (training and validation rows prepared).</summary>
    public TrainingSetup Setup { get; }

    /// <summary>Optimizer steps per full epoch.</summary>
    public long StepsPerEpoch { get; }

    /// <summary>Whether the 0/1 targets were mapped to −1/+1 for a margin loss.</summary>
    public bool SignTargets { get; }

    /// <summary>The names of <see cref="Metrics"/>, in order (fixed for the run).</summary>
    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>Reads the config's data and builds the setup.</summary>
    /// <param name="config">The config.</param>
    /// <returns>The prepared run.</returns>
    /// <exception cref="ShellInputException">The data file is missing or malformed (file, line and column named), a column is
    /// missing, a target does not suit the model, or the core rejects the setup (e.g. a batch larger than the training rows).</exception>
    public static PreparedRun Prepare(TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var path = config.Data.Path.StartsWith(TrainConfig.BuiltinPrefix, StringComparison.Ordinal)
            ? BuiltinData.PathOf(config.Data.Path[TrainConfig.BuiltinPrefix.Length..])
            : ResolvePath(config);
        var table = Csv.ReadTable(path);
        var targetIndex = config.Data.Target is { } t ? table.Column(t) : table.Header.Count - 1;
        var featureIndices = config.Data.Features is { } names
            ? names.Select(table.Column).ToArray()
            : Enumerable.Range(0, table.Header.Count).Where(j => j != targetIndex).ToArray();
        if (featureIndices.Contains(targetIndex))
        {
            throw new ShellInputException($"{config.Source}: data.features holds the target column '{table.Header[targetIndex]}'.");
        }

        if (featureIndices.Length == 0)
        {
            throw new ShellInputException($"{path} has only the target column '{table.Header[targetIndex]}'; a model needs at least one feature column.");
        }

        var kind = config.Model.Kind;
        if (kind == ModelKind.Polynomial && featureIndices.Length != 1)
        {
            throw new ShellInputException(
                $"{config.Source}: model.kind = \"polynomial\" expands one input column, but the data give {featureIndices.Length} ({string.Join(", ", featureIndices.Select(j => table.Header[j]))}); set data.features to one column.");
        }

        var loss = LossRegistry.Get(config.Loss.Name);
        var signTargets = kind == ModelKind.Logistic && loss.Targets == LossTargets.Sign;
        var rows = table.Rows.Count;
        var columns = featureIndices.Length;
        var x = new double[rows * columns];
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = table.Rows[r];
            for (var j = 0; j < columns; j++)
            {
                x[(r * columns) + j] = table.Number(row, featureIndices[j]);
            }

            y[r] = ParseTarget(table, row, targetIndex, kind, loss);
        }

        var classes = kind switch
        {
            ModelKind.Logistic => 2,
            ModelKind.Softmax => (int)y.Max() + 1,
            _ => 0,
        };
        if (kind == ModelKind.Softmax && classes < 2)
        {
            throw new ShellInputException($"{path} column {targetIndex + 1} ({table.Header[targetIndex]}): every target is 0; a softmax model needs at least two classes.");
        }

        var labels = classes > 0 ? y.Select(v => v >= 0.5 ? (int)v : 0).ToArray() : [];
        var all = new Dataset(x, columns, y);
        try
        {
            var split = DataSplits.TrainValidationTest(rows, config.Data.Validation, 0.0, config.Seed, labels);
            var train = all.Select([.. split.Train]);
            var validation = split.Validation.Count > 0 ? all.Select([.. split.Validation]) : null;
            if (config.Training.EarlyStopping > 0 && validation is null)
            {
                throw new ShellInputException($"{config.Source}: training.earlyStopping needs validation rows, but data.validation = {config.Data.Validation.ToString("R", CultureInfo.InvariantCulture)} of {rows} rows leaves none.");
            }

            var features = featureIndices.Select(j => table.Header[j]).ToArray();
            string[] modelFeatures = features;
            PolynomialFeatures? polynomial = null;
            if (kind == ModelKind.Polynomial)
            {
                polynomial = PolynomialFeatures.Fit(train.Features, config.Model.Degree);
                train = polynomial.Transform(train);
                validation = validation is null ? null : polynomial.Transform(validation);
                modelFeatures = [.. Enumerable.Range(1, config.Model.Degree).Select(k => $"T{k}({features[0]})")];
            }

            Standardizer? standardizer = null;
            if (config.Data.Standardize)
            {
                standardizer = Standardizer.Fit(train);
                train = standardizer.Apply(train);
                validation = validation is null ? null : standardizer.Apply(validation);
            }

            var d = modelFeatures.Length;
            var model = kind switch
            {
                ModelKind.Softmax => TrainingModel.Softmax(new SoftmaxModel(d, classes, config.Model.Intercept)),
                ModelKind.Logistic when loss.Name == "binary_cross_entropy_with_logits" && config.Loss.Parameters.Count == 0
                    => TrainingModel.Logistic(new LinearModel(d, config.Model.Intercept)),
                ModelKind.Logistic => TrainingModel.Linear(new LinearModel(d, config.Model.Intercept), Pointwise(loss, config.Loss.Parameters), classifier: true),
                _ when loss.Name == "half_squared_error" && config.Loss.Parameters.Count == 0
                    => TrainingModel.Linear(new LinearModel(d, config.Model.Intercept)),
                _ => TrainingModel.Linear(new LinearModel(d, config.Model.Intercept), Pointwise(loss, config.Loss.Parameters)),
            };
            var tc = config.Training;
            var options = new TrainingOptions(
                tc.Epochs, tc.Mode, tc.BatchSize, tc.Order, tc.MaxSteps, tc.Smoothing, tc.RiskTolerance, tc.WeightTolerance,
                tc.PlateauPatience, tc.EarlyStopping, tc.RestoreBest);
            var stepsPerEpoch = tc.Mode switch
            {
                TrainingMode.FullBatch => 1L,
                TrainingMode.PerSample => train.Rows,
                _ => (train.Rows + (long)tc.BatchSize - 1) / tc.BatchSize,
            };
            var totalSteps = Math.Max(1L, Math.Min(tc.MaxSteps ?? long.MaxValue, stepsPerEpoch * tc.Epochs));
            var scheduleSpec = config.ScheduleSpec(totalSteps);
            Schedule schedule;
            ReduceOnPlateau? plateau = null;
            if (scheduleSpec.IsPlateau)
            {
                plateau = scheduleSpec.CreatePlateau().Scheduler;
                schedule = Schedules.Constant(double.Parse(scheduleSpec.Parameters!["initial"], CultureInfo.InvariantCulture));
            }
            else
            {
                schedule = scheduleSpec.Create();
            }

            var r = config.Regularizer;
            var regularizer = r.Kind switch
            {
                RegularizerKind.L2 => new Regularizer(l2: r.Lambda, includeBias: r.IncludeBias),
                RegularizerKind.L1 => new Regularizer(l1: r.Lambda, includeBias: r.IncludeBias),
                RegularizerKind.ElasticNet => new Regularizer(l2: r.Lambda * (1.0 - r.L1Ratio), l1: r.Lambda * r.L1Ratio, includeBias: r.IncludeBias),
                _ => Regularizer.None,
            };
            var initialization = tc.Init == InitializationKind.Uniform ? Initialization.Uniform : Initialization.Zeros;
            var setup = new TrainingSetup(
                model, train, config.OptimizerSpec().Create(), schedule, options, regularizer, validation, initialization, config.Seed, plateau);
            return new PreparedRun(config, path, table.Header[targetIndex], features, modelFeatures, classes, standardizer, polynomial, setup, stepsPerEpoch, signTargets);
        }
        catch (ArgumentException e)
        {
            throw new ShellInputException($"{config.Source}: {ShellInputException.OneLine(e)}", e);
        }
    }

    /// <summary>
    /// The fold: the states after <paramref name="resumeFrom"/> (or from epoch 0 without it), delegating to
    /// <see cref="Trainer.Epochs"/>; bit-identical to the uninterrupted run's states after it.
    /// </summary>
    /// <param name="resumeFrom">A checkpointed state of this config, or null to start.</param>
    /// <returns>The lazy sequence.</returns>
    /// <exception cref="ShellInputException">The state does not fit this run (weights of another length, another optimizer).</exception>
    public IEnumerable<EpochState> Epochs(EpochState? resumeFrom)
    {
        try
        {
            return Trainer.Epochs(Setup, resumeFrom);
        }
        catch (ArgumentException e)
        {
            throw new ShellInputException($"the checkpoint does not fit {Config.Source}: {ShellInputException.OneLine(e)}", e);
        }
    }

    /// <summary>
    /// The per-epoch metrics row: every field of the state that is a number, by name, in a fixed order — epoch, step,
    /// train_risk, [train_accuracy], [validation_risk, validation_accuracy], weight_norm, gradient_norm, learning_rate,
    /// smoothed_risk, best_epoch, [best_validation_risk], bad_epochs, risk_plateau_epochs, weight_plateau_epochs (bracketed
    /// ones only for classifiers / with validation rows, so every row of a run has the same columns; a null is NaN).
    /// Batch stores exactly these in the run store; metrics.csv has them as columns.
    /// </summary>
    /// <param name="state">An epoch state of this run.</param>
    /// <returns>The name/value pairs.</returns>
    public IReadOnlyList<KeyValuePair<string, double>> Metrics(EpochState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return MetricsOf(state);
    }

    private List<KeyValuePair<string, double>> MetricsOf(EpochState? s)
    {
        var classifier = Setup.Model.IsClassifier;
        var validation = Setup.Validation is not null;
        var row = new List<KeyValuePair<string, double>>(16);
        void Add(string name, double? value) => row.Add(new(name, value ?? double.NaN));
        Add("epoch", s?.Epoch);
        Add("step", s?.Step);
        Add("train_risk", s?.TrainRisk);
        if (classifier)
        {
            Add("train_accuracy", s?.TrainAccuracy);
        }

        if (validation)
        {
            Add("validation_risk", s?.ValidationRisk);
            if (classifier)
            {
                Add("validation_accuracy", s?.ValidationAccuracy);
            }
        }

        Add("weight_norm", s?.WeightNorm);
        Add("gradient_norm", s?.GradientNorm);
        Add("learning_rate", s?.LearningRate);
        Add("smoothed_risk", s?.SmoothedRisk);
        Add("best_epoch", s?.BestEpoch);
        if (validation)
        {
            Add("best_validation_risk", s?.BestValidationRisk);
        }

        Add("bad_epochs", s?.BadEpochs);
        Add("risk_plateau_epochs", s?.RiskPlateauEpochs);
        Add("weight_plateau_epochs", s?.WeightPlateauEpochs);
        return row;
    }

    /// <summary>
    /// The trained model as JSON: kind, target, input feature names, classes, the preprocessing (polynomial range,
    /// standardiser mean/scale) and the weights (per feature, intercept separately; per class for softmax), everything
    /// needed to predict on raw rows.
    /// </summary>
    /// <param name="state">The state whose weights to write (normally the last).</param>
    /// <returns>The JSON object.</returns>
    public JsonObject ModelJson(EpochState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var w = state.Weights;
        var d = ModelFeatures.Count;
        var intercept = Config.Model.Intercept;
        var json = new JsonObject
        {
            ["kind"] = Config.Model.Kind.ToString().ToLowerInvariant(),
            ["loss"] = Config.Loss.Name,
            ["target"] = Target,
            ["features"] = Strings(Features),
        };
        if (Classes > 0)
        {
            json["classes"] = Classes;
        }

        if (SignTargets)
        {
            json["targets"] = "0/1 mapped to -1/+1 for the margin loss";
        }

        if (Polynomial is { } p)
        {
            json["polynomial"] = new JsonObject
            {
                ["degree"] = p.Degree,
                ["basis"] = p.Basis.ToString().ToLowerInvariant(),
                ["lower"] = p.Lower,
                ["upper"] = p.Upper,
                ["features"] = Strings(ModelFeatures),
            };
        }

        if (Standardizer is { } s)
        {
            json["standardizer"] = new JsonObject
            {
                ["mean"] = Numbers(s.Means.ToArray()),
                ["scale"] = Numbers(s.Scales.ToArray()),
            };
        }

        if (Config.Model.Kind == ModelKind.Softmax)
        {
            json["weights"] = new JsonArray([.. Enumerable.Range(0, Classes).Select(k => (JsonNode)Numbers(w.AsSpan(k * d, d).ToArray()))]);
            json["intercepts"] = intercept ? Numbers(w.AsSpan(Classes * d, Classes).ToArray()) : null;
        }
        else
        {
            json["weights"] = Numbers(w.AsSpan(0, d).ToArray());
            json["intercept"] = intercept ? w[d] : null;
        }

        json["parameters"] = Numbers([.. w]);
        json["epoch"] = state.Epoch;
        json["step"] = state.Step;
        return json;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);

    private static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode?)v)]);

    private static string ResolvePath(TrainConfig config)
    {
        var path = config.Data.Path;
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        // A relative path in a config file is relative to that file, as a person writing it expects.
        var folder = Path.GetDirectoryName(config.Source);
        if (!string.IsNullOrEmpty(folder) && File.Exists(config.Source))
        {
            var beside = Path.Combine(folder, path);
            if (File.Exists(beside))
            {
                return beside;
            }
        }

        return path;
    }

    private static double ParseTarget(CsvTable table, CsvRow row, int column, ModelKind kind, LossDescriptor loss)
    {
        var value = table.Number(row, column);
        string? why = kind switch
        {
            ModelKind.Logistic when value is not (0.0 or 1.0) => "is not a class label 0 or 1 for a logistic model",
            ModelKind.Softmax when !(value >= 0.0 && value < 10_000 && Math.Floor(value) == value) => "is not a class index 0, 1, 2, … for a softmax model",
            ModelKind.Linear or ModelKind.Polynomial when loss.Targets == LossTargets.Counts && !(value >= 0.0) => $"is negative; {loss.Name} needs counts ≥ 0",
            _ => null,
        };
        if (why is not null)
        {
            throw new ShellInputException($"{table.Path} line {row.Line}, column {column + 1} ({table.Header[column]}): '{row.Fields[column]}' {why}.");
        }

        return kind == ModelKind.Logistic && loss.Targets == LossTargets.Sign ? (2.0 * value) - 1.0 : value;
    }

    private static PointwiseLoss Pointwise(LossDescriptor loss, IReadOnlyDictionary<string, double> parameters)
    {
        var fixedParameters = parameters.Count == 0 ? null : parameters;
        return (predictions, targets, gradient, reduction) => loss.Reduce(predictions, targets, [], gradient, reduction, fixedParameters);
    }
}
