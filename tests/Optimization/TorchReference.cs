using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Functional.Tests.Optimization;

/// <summary>
/// The tables reference/torch_reference.py wrote with PyTorch 1.13 (reference/torch_reference.json, next to this file):
/// learning rates after t scheduler steps, and parameter trajectories of torch.optim optimizers on a fixed gradient sequence.
/// </summary>
internal static class TorchReference
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Here(), "reference", "torch_reference.json"))));

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static JsonElement Root => Document.Value.RootElement;

    internal static JsonElement Schedule(string name)
        => Root.GetProperty("schedules").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    internal static double[] Values(string name) => Doubles(Schedule(name).GetProperty("values"));

    internal static JsonElement Params(string name) => Schedule(name).GetProperty("params");

    internal static JsonElement Optimizer(string name)
        => Root.GetProperty("optimizers").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    internal static double[] Initial => Doubles(Root.GetProperty("optimizerInitial"));

    internal static double[][] Gradients => Root.GetProperty("optimizerGradients").EnumerateArray().Select(Doubles).ToArray();

    internal static double[] Rates => Doubles(Root.GetProperty("optimizerRates"));

    internal static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    internal static IEnumerable<string> ScheduleNames => Root.GetProperty("schedules").EnumerateArray().Select(s => s.GetProperty("name").GetString()!);

    internal static IEnumerable<string> OptimizerNames => Root.GetProperty("optimizers").EnumerateArray().Select(s => s.GetProperty("name").GetString()!);

    /// <summary>|a − e| ≤ tolerance·max(1, |e|) entry by entry, with the index in the message.</summary>
    internal static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]);
            Assert.True(error <= tolerance * Math.Max(1.0, Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (error {error:R})");
        }
    }
}
