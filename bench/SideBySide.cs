using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Functional.Estimation;
using Functional.Information;
using Functional.Losses;
using Functional.Numerics;

namespace Functional.Bench;

/// <summary>
/// The peers.py workloads at n = 1e7 float64 (entropy, KL, JS distance, log-sum-exp), timed with a
/// <see cref="Stopwatch"/>: tier-up warm-up on small inputs, one full-size warm-up, then the median of the runs.
/// </summary>
/// <remarks>
/// With <c>--data DIR</c> the arrays are read from DIR/p.f64, q.f64, x.f64 (raw little-endian float64, written by
/// <c>peers_subset.py --dump DIR</c>: numpy's default_rng(42) data, bit for bit the arrays the peers time). Without it
/// the same distributions are generated here from a seeded <see cref="Random"/>: p, q ~ U(0,1) normalised, x ~ N(0,1).
/// </remarks>
public static class SideBySide
{
    private const int N = 10_000_000;

    /// <summary>Softmax cross-entropy: peers.py's B × C logits (ce_grad, ce_grad32).</summary>
    private const int CeRows = 4096;

    private const int CeClasses = 1000;

    private const string Usage = "usage: side-by-side [--runs R] [--json FILE] [--data DIR] [--only PREFIX]";

    /// <summary>Only the workloads whose name starts with this (all when null).</summary>
    private static string? s_only;

    public static int Run(ReadOnlySpan<string> args)
    {
        var runs = 5;
        string? json = null;
        string? data = null;
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
                    s_only = args[++i];
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"side-by-side: bad argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        double[] p, q, x, y, logits;
        int[] labels;
        string source;
        if (data is null)
        {
            var rng = new Random(42);
            p = Workload<double>.NormalisedCopy(Workload<double>.Uniform(rng, N), N);
            q = Workload<double>.NormalisedCopy(Workload<double>.Uniform(rng, N), N);
            x = Workload<double>.StandardNormal(rng, N);
            y = Workload<double>.Uniform(rng, N).Select(u => u < 0.5 ? 1.0 : 0.0).ToArray();
            logits = Workload<double>.StandardNormal(rng, CeRows * CeClasses);
            labels = Enumerable.Range(0, CeRows).Select(_ => rng.Next(CeClasses)).ToArray();
            source = "System.Random(42)";
        }
        else
        {
            p = Load(Path.Combine(data, "p.f64"));
            q = Load(Path.Combine(data, "q.f64"));
            x = Load(Path.Combine(data, "x.f64"));
            y = Load(Path.Combine(data, "y.f64"));
            logits = Load(Path.Combine(data, "logits.f64"), CeRows * CeClasses);
            labels = MemoryMarshal.Cast<double, long>(Load(Path.Combine(data, "labels.i64"), CeRows)).ToArray().Select(l => (int)l).ToArray();
            source = $"numpy default_rng(42) via {data}";
        }

        Console.WriteLine($"# side-by-side: n = {N:N0} float64, data {source}, {runs} runs (median), {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores");

        // Small normalised inputs so each kernel is called often enough to reach tier-1 code before the timed runs.
        var small = Workload<double>.Create(1024);
        var gradient = new double[N];
        var zeros = new double[N];
        var smallGradient = new double[1024];
        var results = new List<Result?>
        {
            Measure("entropy_f64_1e7", "Entropy.Of", runs, () => Entropy.Of<double>(p), () => Entropy.Of<double>(small.P)),
            Measure("kl_f64_1e7", "Kl.Divergence", runs, () => Kl.Divergence<double>(p, q), () => Kl.Divergence<double>(small.P, small.Q)),
            Measure("js_distance_f64_1e7", "JensenShannon.Distance", runs, () => JensenShannon.Distance<double>(p, q), () => JensenShannon.Distance<double>(small.P, small.Q)),
            Measure("logsumexp_f64_1e7", "LogSumExp.Of", runs, () => LogSumExp.Of<double>(x), () => LogSumExp.Of<double>(small.X)),
            Measure("bce_logits_value_grad_f64_1e7", "Loss.BinaryCrossEntropyWithLogits (value + gradient)", runs,
                () => Loss.BinaryCrossEntropyWithLogits<double>(x, y, gradient, Reduction.Sum),
                () => Loss.BinaryCrossEntropyWithLogits<double>(small.X, small.P, smallGradient, Reduction.Sum)),
            Measure("huber_value_grad_f64_1e7", "Loss.Huber (value + gradient)", runs,
                () => Loss.Huber<double>(x, zeros, gradient, Reduction.Sum, 1.0),
                () => Loss.Huber<double>(small.X, small.P, smallGradient, Reduction.Sum, 1.0)),
            // Value: the biased variance; the mean comes from the same call (NumPy's peer runs x.mean() and x.var()).
            Measure("gaussian_mle_f64_1e7", "Moments.Of (mean + biased variance)", runs,
                () => Moments.Of<double>(x).Variance, () => Moments.Of<double>(small.X).Variance),
        };

        // Softmax cross-entropy, value + gradient, mean over 4096 rows of 1000 classes, in float64 and float32.
        var logits32 = logits.Select(v => (float)v).ToArray();
        var ceGradient = new double[logits.Length];
        var ceGradient32 = new float[logits.Length];
        var smallCeGradient = new double[4 * CeClasses];
        var smallCeGradient32 = new float[4 * CeClasses];
        results.Add(Measure("softmax_ce_value_grad_f64_4096x1000", "Loss.SoftmaxCrossEntropy (value + gradient)", runs,
            () => Loss.SoftmaxCrossEntropy<double>(logits, CeClasses, labels, ceGradient, Reduction.Mean),
            () => Loss.SoftmaxCrossEntropy<double>(logits.AsSpan(0, 4 * CeClasses), CeClasses, labels.AsSpan(0, 4), smallCeGradient, Reduction.Mean),
            CeRows * CeClasses));
        results.Add(Measure("softmax_ce_value_grad_f32_4096x1000", "Loss.SoftmaxCrossEntropy<float> (value + gradient)", runs,
            () => Loss.SoftmaxCrossEntropy<float>(logits32, CeClasses, labels, ceGradient32, Reduction.Mean),
            () => Loss.SoftmaxCrossEntropy<float>(logits32.AsSpan(0, 4 * CeClasses), CeClasses, labels.AsSpan(0, 4), smallCeGradient32, Reduction.Mean),
            CeRows * CeClasses));

        foreach (var r in results.OfType<Result>())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Workload,-22} {r.MedianS * 1e3,10:F3} ms  {r.ElemsPerS,14:E3} elem/s  (min {r.MinS * 1e3:F3} ms, process CPU {r.CpuS * 1e3:F3} ms, value {r.Value:R})"));
        }

        if (json is not null)
        {
            using var writer = new StreamWriter(json, append: true);
            foreach (var r in results.OfType<Result>())
            {
                writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["workload"] = r.Workload,
                    ["impl"] = "Functional " + r.Impl,
                    ["median_s"] = r.MedianS,
                    ["min_s"] = r.MinS,
                    ["cpu_s"] = r.CpuS,
                    ["elems_per_s"] = Math.Round(r.ElemsPerS),
                    ["value"] = r.Value,
                    ["runs_s"] = r.RunsS,
                    ["runtime"] = RuntimeInformation.FrameworkDescription,
                    ["data"] = source,
                }));
            }
        }

        return 0;
    }

    private static double[] Load(string path, int count = N)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != count * sizeof(double))
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, expected {count * sizeof(double)} (n = {count} 8-byte values)");
        }

        var values = MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the data files are little-endian");
        }

        return values;
    }

    private static Result? Measure(string workload, string impl, int runs, Func<double> full, Func<double> warm, int elements = N)
    {
        if (s_only is not null && !workload.StartsWith(s_only, StringComparison.Ordinal))
        {
            return null;
        }

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 100; i++)
            {
                _ = warm();
            }

            Thread.Sleep(150);
        }

        var value = full();
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
        return new Result(workload, impl, median, sorted[0], elements / median, value, times, TrainingBench.Median(cpu));
    }

    private sealed record Result(string Workload, string Impl, double MedianS, double MinS, double ElemsPerS, double Value, double[] RunsS, double CpuS);
}
