using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Functional.Bench;

/// <summary>
/// <c>bandwidth [--runs R]</c>: the memory-bandwidth floor of this machine for the side-by-side workloads — a plain SIMD sum
/// over 1e7 doubles (80 MB read, what entropy, log-sum-exp and the Gaussian MLE must at least read) and a triad
/// c = a + b (160 MB read, 80 MB written: what a value-and-gradient loss must at least move), each on one core and split
/// over two. Prints the median and the best time and the GB/s they imply.
/// </summary>
public static class Bandwidth
{
    private const int N = 10_000_000;

    public static int Run(ReadOnlySpan<string> args)
    {
        var runs = 31;
        if (args.Length == 2 && args[0] == "--runs" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var r) && r >= 1)
        {
            runs = r;
        }
        else if (args.Length != 0)
        {
            Console.Error.WriteLine("usage: bandwidth [--runs R]");
            return 2;
        }

        var a = new double[N];
        var b = new double[N];
        var c = new double[N];
        for (var i = 0; i < N; i++)
        {
            a[i] = i * 1e-7;
            b[i] = 1.0;
        }

        var cases = new (string Name, double Bytes, Func<double> Run)[]
        {
            ("sum of 1e7 doubles, 1 core (80 MB read)", 8.0 * N, () => Sum(a, 0, N)),
            ("sum of 1e7 doubles, 2 cores", 8.0 * N, () => TwoCores(() => Sum(a, 0, N / 2), () => Sum(a, N / 2, N))),
            ("c = a + b, 1 core (160 MB read, 80 MB written)", 24.0 * N, () => Triad(a, b, c, 0, N)),
            ("c = a + b, 2 cores", 24.0 * N, () => TwoCores(() => Triad(a, b, c, 0, N / 2), () => Triad(a, b, c, N / 2, N))),
        };
        foreach (var (_, _, run) in cases)
        {
            for (var k = 0; k < 5; k++)
            {
                _ = run();
            }
        }

        // interleaved: every round times each case once, so load that comes and goes hits all of them alike
        var times = cases.Select(_ => new double[runs]).ToArray();
        for (var round = 0; round < runs; round++)
        {
            for (var j = 0; j < cases.Length; j++)
            {
                var t = Stopwatch.GetTimestamp();
                _ = cases[j].Run();
                times[j][round] = Stopwatch.GetElapsedTime(t).TotalSeconds;
            }
        }

        Console.WriteLine($"# bandwidth: n = {N:N0}, {runs} interleaved runs, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        for (var j = 0; j < cases.Length; j++)
        {
            var median = TrainingBench.Median(times[j]);
            var best = times[j].Min();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cases[j].Name,-50} median {median * 1e3,8:F2} ms ({cases[j].Bytes / median / 1e9,5:F1} GB/s)   best {best * 1e3,8:F2} ms ({cases[j].Bytes / best / 1e9,5:F1} GB/s)"));
        }

        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static double TwoCores(Func<double> first, Func<double> second)
    {
        var other = 0.0;
        var thread = new Thread(() => other = second());
        thread.Start();
        var mine = first();
        thread.Join();
        return mine + other;
    }

    private static double Sum(double[] x, int start, int end)
    {
        var s0 = Vector256<double>.Zero;
        var s1 = s0;
        var s2 = s0;
        var s3 = s0;
        ref var p = ref MemoryMarshal.GetArrayDataReference(x);
        for (var i = start; i <= end - 16; i += 16)
        {
            s0 += Vector256.LoadUnsafe(ref p, (nuint)i);
            s1 += Vector256.LoadUnsafe(ref p, (nuint)(i + 4));
            s2 += Vector256.LoadUnsafe(ref p, (nuint)(i + 8));
            s3 += Vector256.LoadUnsafe(ref p, (nuint)(i + 12));
        }

        return Vector256.Sum(s0 + s1 + s2 + s3);
    }

    private static double Triad(double[] a, double[] b, double[] c, int start, int end)
    {
        ref var pa = ref MemoryMarshal.GetArrayDataReference(a);
        ref var pb = ref MemoryMarshal.GetArrayDataReference(b);
        ref var pc = ref MemoryMarshal.GetArrayDataReference(c);
        for (var i = start; i <= end - 4; i += 4)
        {
            (Vector256.LoadUnsafe(ref pa, (nuint)i) + Vector256.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pc, (nuint)i);
        }

        return c[start];
    }
}
