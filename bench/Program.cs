using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace Functional.Bench;

/// <summary>
/// <c>side-by-side [--runs R] [--json FILE] [--data DIR]</c>: the peers.py workloads timed with a Stopwatch.
/// <c>training [--runs R] [--json FILE] [--data DIR] [--only NAME]</c>: the training workloads (logistic SGD, L-BFGS, softmax SGD).
/// <c>bandwidth [--runs R]</c>: the memory-bandwidth floor (SIMD sum and triad over 1e7 doubles, one and two cores).
/// <c>dense-ab [--runs R]</c>: the full-data logistic scores and gradient on one core and on two, interleaved.
/// <c>alloc-check [--n N] [--calls C] [--json FILE]</c>: exact bytes allocated per kernel call on the calling thread.
/// Anything else goes to BenchmarkDotNet's switcher (e.g. <c>--filter '*' --job short --inProcess</c>); the extra
/// option <c>--only-n N</c> keeps only the cases with that n.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "side-by-side")
        {
            return SideBySide.Run(args.AsSpan(1));
        }

        if (args.Length > 0 && args[0] == "training")
        {
            return TrainingBench.Run(args.AsSpan(1));
        }

        if (args.Length > 0 && args[0] == "bandwidth")
        {
            return Bandwidth.Run(args.AsSpan(1));
        }

        if (args.Length > 0 && args[0] == "dense-ab")
        {
            return DenseAb.Run(args.AsSpan(1));
        }

        if (args.Length > 0 && args[0] == "alloc-check")
        {
            return AllocCheck.Run(args.AsSpan(1));
        }

        IConfig config = DefaultConfig.Instance;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--only-n" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n))
            {
                config = ManualConfig.Create(DefaultConfig.Instance).AddFilter(new SimpleFilter(
                    b => b.Parameters.Items.Any(item => item.Name == "N" && item.Value is int value && value == n)));
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
