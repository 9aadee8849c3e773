using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Training;

namespace Functional.Bench;

/// <summary>
/// <c>training [--runs R] [--json FILE] [--data DIR] [--only NAME]</c>: the training workloads of issue 5, as a user runs
/// them — <see cref="Trainer.Train"/> on a <see cref="TrainingSetup"/>, and <see cref="Lbfgs.Minimize"/> on the model's
/// objective — timed with a Stopwatch (up to 8 warm-up runs or 4 s, then the median of R; the first run is reported too), with the final full-data log-loss as the
/// value and the steady-state bytes allocated per epoch (epochs 2 … E of one enumeration, on the calling thread).
/// </summary>
/// <remarks>
/// Workloads (the data of <c>peers_subset.py --dump DIR</c>, which draws it as ../shared/peers/peers.py does):
/// <list type="bullet">
/// <item><c>logreg_sgd_100kx50_10ep</c>: logistic regression, 100 000 × 50 N(0, 1) features, y ~ Bernoulli(σ(x·w*)), zeros
/// start, plain SGD, mini-batches of 256 of a fresh shuffle each epoch (the last holds 160), lr 0.1, 10 epochs; the
/// full-data log-loss computed once at the end, as PyTorch's loop does (<c>_epoch_metrics</c>: after every epoch, our
/// default).</item>
/// <item><c>logreg_sgd_optimal_100kx50_10ep</c>: the same data, scikit-learn's SGDClassifier algorithm (one row per step,
/// L2 α = 1e-6, <see cref="Schedules.ScikitLearnOptimal"/>), compared with SGDClassifier; the value is the unpenalised
/// log-loss.</item>
/// <item><c>logreg_fit_100kx50</c>: the same data to the optimum: L-BFGS with scikit-learn's settings (m = 10, gtol 1e-4,
/// ftol 64ε) and max_iter = 1000, L2 λ₂ = 1/(C·n) with C = 1e6 — scikit-learn's <c>LogisticRegression(C=1e6, max_iter=1000)</c>.</item>
/// <item><c>softmax_sgd_60kx784x10_5ep</c>: softmax regression, 60 000 × 784 N(0, 1) features, 10 classes, plain SGD,
/// mini-batches of 256, lr 0.1, 5 epochs.</item>
/// </list>
/// Without <c>--data</c> the same distributions come from <see cref="Random"/>(42) (so the values differ from the peers').
/// </remarks>
public static class TrainingBench
{
    internal const int LogRows = 100_000;
    internal const int LogColumns = 50;
    internal const int SoftRows = 60_000;
    internal const int SoftColumns = 784;
    internal const int SoftClasses = 10;
    private const string Usage = "usage: training [--runs R] [--json FILE] [--data DIR] [--only logreg_sgd|logreg_sgd_optimal|logreg_fit|softmax_sgd]";

    public static int Run(ReadOnlySpan<string> args)
    {
        var runs = 3;
        string? json = null;
        string? data = null;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out runs) && runs >= 1:
                    i++;
                    break;
                case "--json" when i + 1 < args.Length:
                    json = args[++i];
                    break;
                case "--data" when i + 1 < args.Length:
                    data = args[++i];
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i];
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"training: bad argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        var (logistic, softmax, source) = LoadData(data, only);
        Console.WriteLine($"# training: data {source}, {runs} runs (median), {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores");
        var results = new List<Result>();
        if (only is null or "logreg_sgd")
        {
            // like for like: PyTorch's loop computes the full-data log-loss once, after the last epoch
            var setup = LogisticSgd(logistic!, 10, metricsEvery: 10);
            results.Add(Measure("logreg_sgd_100kx50_10ep", "Trainer.Train (logistic, SGD, batch 256, lr 0.1, metrics at the end)", runs, LogRows * 10,
                () => Trainer.Train(setup).TrainRisk, () => PerEpochBytes(setup)));
            var every = LogisticSgd(logistic!, 10);
            results.Add(Measure("logreg_sgd_100kx50_10ep_epoch_metrics", "Trainer.Train (as above, full-data risk, gradient norm and accuracy after every epoch: the default)", runs, LogRows * 10,
                () => Trainer.Train(every).TrainRisk, () => PerEpochBytes(every)));
        }

        if (only is null or "logreg_sgd" or "logreg_sgd_optimal")
        {
            var setup = LogisticSgdOptimal(logistic!, 10);
            results.Add(Measure("logreg_sgd_optimal_100kx50_10ep", "Trainer.Train (logistic, per-sample SGD, L2 alpha = 1e-6, scikit-learn's optimal schedule, metrics at the end)", runs, LogRows * 10,
                () => UnpenalisedRisk(setup), () => PerEpochBytes(setup)));
        }

        if (only is null or "logreg_fit")
        {
            var model = new LinearModel(LogColumns);
            var objective = model.Objective(logistic!, LogisticRegression.CrossEntropy, new Regularizer(l2: 1.0 / (1e6 * LogRows)));
            var options = LbfgsOptions.ScikitLearn with { MaxIterations = 1000 };
            var start = new double[model.ParameterCount];
            var plain = model.Objective(logistic!, LogisticRegression.CrossEntropy, Regularizer.None);
            var fit = Lbfgs.Minimize(Objective.From(objective.ValueAndGradient), start, options);
            Console.WriteLine($"# L-BFGS: {fit.Iterations} iterations, {fit.Evaluations} evaluations, {fit.Reason}, max |gradient| {fit.GradientMaxNorm:G3}");
            results.Add(Measure("logreg_fit_100kx50", "Lbfgs.Minimize (scikit-learn settings, C = 1e6)", runs, LogRows,
                () => plain.Value(Lbfgs.Minimize(Objective.From(objective.ValueAndGradient), start, options).Weights.AsSpan()), () => double.NaN));
        }

        if (only is null or "softmax_sgd")
        {
            var setup = new TrainingSetup(
                TrainingModel.Softmax(new SoftmaxModel(SoftColumns, SoftClasses)), softmax!, Optimizers.Sgd(), Schedules.Constant(0.1),
                new TrainingOptions(epochs: 5, mode: TrainingMode.MiniBatch, batchSize: 256));
            results.Add(Measure("softmax_sgd_60kx784x10_5ep", "Trainer.Train (softmax, SGD, batch 256, lr 0.1)", runs, SoftRows * 5,
                () => Trainer.Train(setup).TrainRisk, () => PerEpochBytes(setup)));
        }

        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Workload,-28} {r.MedianS * 1e3,10:F1} ms  (min {r.MinS * 1e3:F1} ms, process CPU {r.CpuS * 1e3:F1} ms, first run {r.FirstS * 1e3:F1} ms)  log-loss {r.Value:R}  steady-state {r.BytesPerEpoch:0} B/epoch"));
        }

        if (json is not null)
        {
            using var writer = new StreamWriter(json, append: true);
            foreach (var r in results)
            {
                writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["workload"] = r.Workload,
                    ["impl"] = "Functional " + r.Impl,
                    ["median_s"] = r.MedianS,
                    ["min_s"] = r.MinS,
                    ["cpu_s"] = r.CpuS,
                    ["first_s"] = r.FirstS,
                    ["elems_per_s"] = Math.Round(r.Elements / r.MedianS),
                    ["value"] = r.Value,
                    ["bytes_per_epoch"] = double.IsNaN(r.BytesPerEpoch) ? -1 : r.BytesPerEpoch,
                    ["runs_s"] = r.RunsS,
                    ["runtime"] = RuntimeInformation.FrameworkDescription,
                    ["data"] = source,
                }));
            }
        }

        return 0;
    }

    /// <summary>Mini-batch SGD on logistic regression as issue 5 and peers.py describe it.</summary>
    internal static TrainingSetup LogisticSgd(Dataset data, int epochs, int metricsEvery = 1)
        => new(
            TrainingModel.Logistic(new LinearModel(data.Columns)), data, Optimizers.Sgd(), Schedules.Constant(0.1),
            new TrainingOptions(epochs: epochs, mode: TrainingMode.MiniBatch, batchSize: 256, metricsEvery: metricsEvery));

    /// <summary>scikit-learn's <c>SGDClassifier(loss="log_loss", alpha=1e-6, max_iter=10, tol=None)</c> (peers.py): one row per
    /// step of a fresh shuffle, the penalty (α/2)‖w‖² on the weights (not the intercept), η_t = 1/(α(t + t₀)) with
    /// scikit-learn's t₀; the full-data figures only after the last epoch, as scikit-learn computes none.</summary>
    internal static TrainingSetup LogisticSgdOptimal(Dataset data, int epochs, double alpha = 1e-6)
        => new(
            TrainingModel.Logistic(new LinearModel(data.Columns)), data, Optimizers.Sgd(), Schedules.ScikitLearnOptimal(alpha),
            new TrainingOptions(epochs: epochs, mode: TrainingMode.PerSample, metricsEvery: epochs), new Regularizer(l2: alpha));

    /// <summary>The final training log-loss without the penalty term: the value the peers report.</summary>
    private static double UnpenalisedRisk(TrainingSetup setup)
    {
        var state = Trainer.Train(setup);
        return state.TrainRisk - setup.Regularizer.Value(state.Weights.AsSpan(0, setup.Model.Features));
    }

    /// <summary>The median bytes allocated on this thread per epoch, over epochs 2 … E of one enumeration (the first pays
    /// for the fold's scratch memory).</summary>
    private static double PerEpochBytes(TrainingSetup setup)
    {
        var deltas = new List<long>();
        var last = GC.GetAllocatedBytesForCurrentThread();
        foreach (var state in Trainer.Epochs(setup))
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            if (state.Epoch >= 2)
            {
                deltas.Add(now - last);
            }

            last = GC.GetAllocatedBytesForCurrentThread();
        }

        deltas.Sort();
        return deltas.Count == 0 ? double.NaN : deltas[deltas.Count / 2];
    }

    internal static (Dataset? Logistic, Dataset? Softmax, string Source) LoadData(string? data, string? only)
    {
        var needLogistic = only is null or "logreg_sgd" or "logreg_sgd_optimal" or "logreg_fit";
        var needSoftmax = only is null or "softmax_sgd";
        if (data is not null)
        {
            return (
                needLogistic ? new Dataset(Load(Path.Combine(data, "logreg_X.f64"), LogRows * LogColumns), LogColumns, Load(Path.Combine(data, "logreg_y.f64"), LogRows)) : null,
                needSoftmax ? new Dataset(Load(Path.Combine(data, "softmax_X.f64"), SoftRows * SoftColumns), SoftColumns, Load(Path.Combine(data, "softmax_y.f64"), SoftRows)) : null,
                $"numpy default_rng(42) via {data}");
        }

        var rng = new Random(42);
        Dataset? logistic = null;
        if (needLogistic)
        {
            var x = Workload<double>.StandardNormal(rng, LogRows * LogColumns);
            var w = Workload<double>.StandardNormal(rng, LogColumns);
            var y = new double[LogRows];
            for (var r = 0; r < LogRows; r++)
            {
                var z = 0.0;
                for (var j = 0; j < LogColumns; j++)
                {
                    z += x[(r * LogColumns) + j] * w[j];
                }

                y[r] = rng.NextDouble() < 1.0 / (1.0 + Math.Exp(-z)) ? 1.0 : 0.0;
            }

            logistic = new Dataset(x, LogColumns, y);
        }

        Dataset? softmax = null;
        if (needSoftmax)
        {
            var x = Workload<double>.StandardNormal(rng, SoftRows * SoftColumns);
            var w = Workload<double>.StandardNormal(rng, SoftColumns * SoftClasses);
            var y = new double[SoftRows];
            var scale = 3.0 / Math.Sqrt(SoftColumns);
            for (var r = 0; r < SoftRows; r++)
            {
                var best = 0;
                var bestValue = double.NegativeInfinity;
                for (var k = 0; k < SoftClasses; k++)
                {
                    var z = 0.0;
                    for (var j = 0; j < SoftColumns; j++)
                    {
                        z += x[(r * SoftColumns) + j] * w[(j * SoftClasses) + k];
                    }

                    // Gumbel-max: argmax(z + G) is a draw from softmax(z)
                    var g = (z * scale) - Math.Log(-Math.Log(1.0 - rng.NextDouble()));
                    if (g > bestValue)
                    {
                        (best, bestValue) = (k, g);
                    }
                }

                y[r] = best;
            }

            softmax = new Dataset(x, SoftColumns, y);
        }

        return (logistic, softmax, "System.Random(42)");
    }

    private static double[] Load(string path, int count)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != count * sizeof(double))
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, expected {count * sizeof(double)} (n = {count} 8-byte values)");
        }

        return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
    }

    private static Result Measure(string workload, string impl, int runs, long elements, Func<double> full, Func<double> bytesPerEpoch)
    {
        // Warm-up to steady state, as the kernels' timings and BenchmarkDotNet do: the fold's methods start at tier 0 and
        // reach optimised code (through on-stack replacement and the profile of a few runs) only after several trainings;
        // the first run's time is kept and reported beside the median.
        var first = Stopwatch.GetTimestamp();
        var value = full();
        var firstS = Stopwatch.GetElapsedTime(first).TotalSeconds;
        var warm = Stopwatch.StartNew();
        for (var w = 1; w < WarmUpRuns && warm.Elapsed.TotalSeconds < WarmUpSeconds; w++)
        {
            full();
        }

        var bytes = bytesPerEpoch();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var times = new double[runs];
        var cpu = new double[runs];
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < runs; r++)
        {
            process.Refresh();
            var c = process.TotalProcessorTime;
            var t = Stopwatch.GetTimestamp();
            var v = full();
            times[r] = Stopwatch.GetElapsedTime(t).TotalSeconds;
            process.Refresh();
            cpu[r] = (process.TotalProcessorTime - c).TotalSeconds;
            if (v.CompareTo(value) != 0)
            {
                throw new InvalidOperationException($"{workload}: result changed between runs ({value:R} then {v:R})");
            }
        }

        var sorted = times.Order().ToArray();
        var median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[(runs / 2) - 1] + sorted[runs / 2]) / 2;
        return new Result(workload, impl, median, sorted[0], elements, value, bytes, times, Median(cpu), firstS);
    }

    /// <summary>Trainings run before the timed ones (fewer if they take more than <see cref="WarmUpSeconds"/>).</summary>
    private const int WarmUpRuns = 8;

    private const double WarmUpSeconds = 4.0;

    /// <summary>The median of a few numbers.</summary>
    internal static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private sealed record Result(string Workload, string Impl, double MedianS, double MinS, long Elements, double Value, double BytesPerEpoch, double[] RunsS, double CpuS, double FirstS);
}
