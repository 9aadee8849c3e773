using System.Globalization;
using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Functional.Bench;

/// <summary>
/// <c>alloc-check [--n N] [--calls C] [--json FILE]</c>: every benchmark of <see cref="DoubleKernels"/> and
/// <see cref="FloatKernels"/>, after tier-1 warm-up, called C times between two reads of
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> — exact bytes per call on the calling thread, unlike the
/// process-wide count BenchmarkDotNet amortises over an iteration (which picks up runtime background allocations).
/// </summary>
public static class AllocCheck
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var n = 100_000;
        var calls = 200;
        string? json = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--n" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out n) && n >= 1:
                    i++;
                    break;
                case "--calls" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out calls) && calls >= 1:
                    i++;
                    break;
                case "--json" when i + 1 < args.Length:
                    json = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"alloc-check: bad argument '{args[i]}'. usage: alloc-check [--n N] [--calls C] [--json FILE]");
                    return 2;
            }
        }

        var rows = new List<(string Type, string Kernel, double BytesPerCall)>();
        rows.AddRange(Check(new DoubleKernels { N = n }, "double", calls));
        rows.AddRange(Check(new FloatKernels { N = n }, "float", calls));
        using var writer = json is null ? null : new StreamWriter(json);
        foreach (var (type, kernel, bytes) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type,-6} {kernel,-22} n = {n}: {bytes:0.###} B/call"));
            writer?.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = type, ["kernel"] = kernel, ["n"] = n, ["bytes_per_call"] = bytes }));
        }

        return rows.Any(r => r.BytesPerCall > 0) ? 1 : 0;
    }

    private static List<(string, string, double)> Check<T>(KernelBenchmarks<T> bench, string type, int calls) where T : IFloatingPointIeee754<T>
    {
        bench.Setup();
        var result = new List<(string, string, double)>();
        var methods = bench.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderBy(m => m.MetadataToken);
        foreach (var m in methods)
        {
            // Delegates, not MethodInfo.Invoke: no boxing of the result, so the count is the kernel's own.
            Action call = m.ReturnType == typeof(void)
                ? m.CreateDelegate<Action>(bench)
                : Wrap(m.CreateDelegate<Func<T>>(bench));
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < 40; i++)
                {
                    call();
                }

                Thread.Sleep(100);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                call();
            }

            var after = GC.GetAllocatedBytesForCurrentThread();
            result.Add((type, m.Name, (after - before) / (double)calls));
        }

        return result;
    }

    private static Action Wrap<T>(Func<T> f) => () => _ = f();
}
