using System.Diagnostics;
using System.Globalization;
using Functional.Models;

namespace Functional.Bench;

/// <summary>
/// <c>dense-ab [--runs R]</c>: the full-data pieces of the logistic risk on 100 000 × 50 (what every epoch's full risk and
/// every L-BFGS evaluation computes), interleaved in one process: the scores X·w on one core and on two (with a check that
/// both give the same bits), and the gradient Xᵀd for scale.
/// </summary>
public static class DenseAb
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var runs = 41;
        if (args.Length == 2 && args[0] == "--runs" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var r) && r >= 1)
        {
            runs = r;
        }

        const int rows = 100_000;
        const int columns = 50;
        var rng = new Random(7);
        var x = Workload<double>.StandardNormal(rng, rows * columns);
        var w = Workload<double>.StandardNormal(rng, columns);
        var d = Workload<double>.StandardNormal(rng, rows);
        var s1 = new double[rows];
        var s2 = new double[rows];
        var g1 = new double[columns];
        var cases = new (string Name, Action Run)[]
        {
            ("scores X·w, one core", () => Dense.Scores(x, rows, columns, w, 0.5, s1)),
            ("scores X·w, two cores", () => Dense.ScoresParallel(x, rows, columns, w, 0.5, s2)),
            ("gradient Xᵀd, one core", () => { Array.Clear(g1); Dense.AddScaledRows(g1, d, x, rows, columns); }),
        };
        foreach (var (_, run) in cases)
        {
            for (var k = 0; k < 20; k++)
            {
                run();
            }
        }

        var same = s1.AsSpan().SequenceEqual(s2);
        var times = cases.Select(_ => new double[runs]).ToArray();
        for (var round = 0; round < runs; round++)
        {
            for (var j = 0; j < cases.Length; j++)
            {
                var t = Stopwatch.GetTimestamp();
                cases[j].Run();
                times[j][round] = Stopwatch.GetElapsedTime(t).TotalSeconds;
            }
        }

        Console.WriteLine($"# dense-ab: {rows} x {columns}, {runs} interleaved runs; the one- and two-core scores are the same bits: {same}");
        for (var j = 0; j < cases.Length; j++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cases[j].Name,-26} median {TrainingBench.Median(times[j]) * 1e3,8:F3} ms   best {times[j].Min() * 1e3,8:F3} ms"));
        }

        return same ? 0 : 1;
    }
}
