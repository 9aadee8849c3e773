using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Functional.Distributions;
using Functional.Estimation;
using Functional.Information;
using Functional.Losses;
using Functional.Numerics;

namespace Functional.Bench;

/// <summary>
/// Every public span kernel of the core at n = 1e3, 1e5, 1e7. Inputs are generated once per (T, n) in
/// <see cref="Setup"/> from a fixed seed and cached, so each benchmark case measures only the kernel call.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
public abstract class KernelBenchmarks<T> where T : IFloatingPointIeee754<T>
{
    private static readonly ConcurrentDictionary<int, Workload<T>> Cache = new();

    private static readonly ConcurrentDictionary<int, int[]> LabelCache = new();

    private Workload<T> w = null!;

    private int[] labels = null!;

    [Params(1_000, 100_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Classes per row for the softmax cross-entropy benchmark: X read as N/1000 rows of 1000 logits.</summary>
    private const int Classes = 1000;

    [GlobalSetup]
    public void Setup()
    {
        w = Cache.GetOrAdd(N, static n => Workload<T>.Create(n));
        labels = LabelCache.GetOrAdd(N / Classes, static rows =>
        {
            var random = new Random(7);
            return Enumerable.Range(0, rows).Select(_ => random.Next(Classes)).ToArray();
        });
    }

    /// <summary>The inputs of the current N, for kernels a derived class adds.</summary>
    protected Workload<T> Data => w;

    [Benchmark]
    public T EntropyOf() => Entropy.Of<T>(w.P);

    [Benchmark]
    public void EntropyBinary() => Entropy.Binary<T>(w.Unit, w.Destination);

    [Benchmark]
    public T CrossEntropyOf() => CrossEntropy.Of<T>(w.P, w.Q);

    [Benchmark]
    public T CrossEntropyFromLogQ() => CrossEntropy.FromLogQ<T>(w.P, w.LogQ);

    [Benchmark]
    public T KlDivergence() => Kl.Divergence<T>(w.P, w.Q);

    [Benchmark]
    public T KlFromLogQ() => Kl.FromLogQ<T>(w.P, w.LogQ);

    [Benchmark]
    public T KlFromLogs() => Kl.FromLogs<T>(w.LogP, w.LogQ);

    [Benchmark]
    public T KlBatchMean() => Kl.Divergence<T>(w.BatchP, w.BatchQ, w.Columns, Reduction.BatchMean);

    [Benchmark]
    public T JsDivergence() => JensenShannon.Divergence<T>(w.P, w.Q);

    [Benchmark]
    public T JsDistance() => JensenShannon.Distance<T>(w.P, w.Q);

    [Benchmark]
    public void SurprisalOf() => Surprisal.Of<T>(w.P, w.Destination);

    [Benchmark]
    public T ExpectationOf() => Expectation.Of<T>(w.P, w.X);

    [Benchmark]
    public T SampleAverage() => Expectation.SampleAverage<T>(w.X);

    [Benchmark]
    public T LogSumExpOf() => LogSumExp.Of<T>(w.X);

    [Benchmark]
    public void Softmax() => LogSumExp.Softmax<T>(w.X, w.Destination);

    [Benchmark]
    public void LogSoftmax() => LogSumExp.LogSoftmax<T>(w.X, w.Destination);

    [Benchmark]
    public T BceWithLogitsValueAndGradient() => Loss.BinaryCrossEntropyWithLogits<T>(w.X, w.Unit, w.Destination, Reduction.Mean);

    [Benchmark]
    public T HuberValueAndGradient() => Loss.Huber<T>(w.X, w.P, w.Destination, Reduction.Mean, 1.0);

    [Benchmark]
    public T LogisticValueAndGradient() => Loss.Logistic<T>(w.X, w.Signs, w.Destination, Reduction.Mean);

    /// <summary>The Gaussian MLE: mean and biased variance in two compensated passes (the variance is returned).</summary>
    [Benchmark]
    public T GaussianMle() => T.CreateTruncating(Moments.Of<T>(w.X).Variance);

    [Benchmark]
    public T SoftmaxCrossEntropyValueAndGradient() => Loss.SoftmaxCrossEntropy<T>(w.X, Classes, labels, w.Destination, Reduction.Mean);

    [Benchmark]
    public T SoftmaxCrossEntropySmoothedWeighted() => Loss.SoftmaxCrossEntropy<T>(w.X, Classes, labels, w.P.AsSpan(0, Classes), w.Destination, Reduction.Mean, 0.1);

    [Benchmark]
    public T BarronValueAndGradient() => Loss.Barron<T>(w.X, w.P, w.Destination, Reduction.Mean, 0.5, 1.0);

    [Benchmark]
    public T WeightedHuberValueAndGradient() => Loss.Huber<T>(w.X, w.P, w.Unit, w.Destination, Reduction.Mean, 1.0);
}

/// <summary>The kernels over double, and the double-only ones (distribution log-densities).</summary>
public class DoubleKernels : KernelBenchmarks<double>
{
    private static readonly Gaussian Normal = new(0.3, 1.7);

    /// <summary>ln N(x_i; 0.3, 1.7²) for every x_i, the vectorised span form (at N = 1e7: the log-density-of-1e7-points workload).</summary>
    [Benchmark]
    public void GaussianLogDensity() => Normal.LogDensity(Data.X, Data.Destination);
}

/// <summary>The kernels over float.</summary>
public class FloatKernels : KernelBenchmarks<float>;
