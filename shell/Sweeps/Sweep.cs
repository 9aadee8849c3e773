using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Shell.Sweeps;

/// <summary>One run of an expanded sweep: its position, stable id and resolved config.</summary>
/// <param name="Index">Position in the sweep (0-based); shards split on it.</param>
/// <param name="RunId">&lt;sweep&gt;-&lt;index&gt;-&lt;12 hex digits of SHA-256 of the canonical config&gt;: the same config at the same place always has the same id.</param>
/// <param name="Config">The resolved config (base, then the listed config, then the grid point).</param>
public sealed record SweepRun(int Index, string RunId, JsonObject Config)
{
    /// <summary>The config as compact canonical JSON (keys in the order written).</summary>
    public string ConfigJson => Config.ToJsonString();
}

/// <summary>
/// A sweep file: <c>{"name": "lr-sweep", "base": {…}, "configs": [{…}, …], "grid": {"optimizer.lr": [0.1, 0.01], "seed": [1, 2]}}</c>.
/// Each listed config (or the base alone when there is none) is combined with every point of the grid; a grid key is a
/// dotted path into the config. Expansion is deterministic: configs in file order, grid keys in file order with the
/// last key varying fastest.
/// </summary>
public static class Sweep
{
    /// <summary>Reads and expands a sweep file.</summary>
    /// <exception cref="ShellInputException">Thrown when the file is missing or malformed (the message names the file and, for JSON errors, line and column).</exception>
    public static (string Name, IReadOnlyList<SweepRun> Runs) Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShellInputException($"cannot read the sweep file {path}: {e.Message}", e);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ShellInputException(
                $"{path}: line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: not valid JSON ({FirstSentence(e.Message)})", e);
        }

        if (root is not JsonObject spec)
        {
            throw new ShellInputException($"{path}: a sweep file is a JSON object with \"name\", \"base\", \"configs\" and/or \"grid\".");
        }

        return Expand(spec, Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Expands a parsed sweep object (see the type's summary).</summary>
    /// <exception cref="ShellInputException">Thrown when the object is malformed; messages start with <paramref name="source"/>.</exception>
    public static (string Name, IReadOnlyList<SweepRun> Runs) Expand(JsonObject spec, string defaultName, string source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var key in spec.Select(p => p.Key))
        {
            if (key is not ("name" or "base" or "configs" or "grid"))
            {
                throw new ShellInputException($"{source}: unknown key \"{key}\" (a sweep has \"name\", \"base\", \"configs\", \"grid\").");
            }
        }

        var name = spec["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : defaultName;
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ShellInputException($"{source}: name = \"{name}\": use letters, digits, '-', '_' and '.' only.");
        }

        var baseConfig = spec["base"] switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => throw new ShellInputException($"{source}: \"base\" must be an object."),
        };
        var configs = spec["configs"] switch
        {
            null => [new JsonObject()],
            JsonArray a when a.Count > 0 && a.All(x => x is JsonObject) => a.Select(x => (JsonObject)x!).ToArray(),
            _ => throw new ShellInputException($"{source}: \"configs\" must be a non-empty array of objects."),
        };
        var grid = new List<(string Path, JsonNode?[] Values)>();
        if (spec["grid"] is { } gridNode)
        {
            if (gridNode is not JsonObject gridObject)
            {
                throw new ShellInputException($"{source}: \"grid\" must be an object of arrays, e.g. {{\"optimizer.lr\": [0.1, 0.01]}}.");
            }

            foreach (var (path, values) in gridObject)
            {
                if (values is not JsonArray array || array.Count == 0)
                {
                    throw new ShellInputException($"{source}: grid[\"{path}\"] must be a non-empty array of values.");
                }

                grid.Add((path, array.ToArray()));
            }
        }

        var runs = new List<SweepRun>();
        foreach (var listed in configs)
        {
            foreach (var point in Points(grid))
            {
                var config = Merge((JsonObject)baseConfig.DeepClone(), listed);
                foreach (var (path, value) in point)
                {
                    Set(config, path, value?.DeepClone(), source);
                }

                var index = runs.Count;
                runs.Add(new SweepRun(index, $"{name}-{index.ToString(CultureInfo.InvariantCulture)}-{Hash(config)}", config));
            }
        }

        return (name, runs);
    }

    /// <summary>Sets the value at a dotted path, creating objects on the way.</summary>
    /// <exception cref="ShellInputException">Thrown when a path segment is empty or runs through a non-object.</exception>
    public static void Set(JsonObject config, string path, JsonNode? value, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('.');
        if (parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ShellInputException($"{source}: grid key \"{path}\" has an empty segment.");
        }

        var node = config;
        foreach (var part in parts[..^1])
        {
            node[part] ??= new JsonObject();
            node = node[part] as JsonObject
                ?? throw new ShellInputException($"{source}: grid key \"{path}\": \"{part}\" is not an object in the config.");
        }

        node[parts[^1]] = value;
    }

    private static IEnumerable<(string Path, JsonNode? Value)[]> Points(List<(string Path, JsonNode?[] Values)> grid)
    {
        if (grid.Count == 0)
        {
            yield return [];
            yield break;
        }

        var counters = new int[grid.Count];
        while (true)
        {
            yield return grid.Select((g, k) => (g.Path, g.Values[counters[k]])).ToArray();
            var k = grid.Count - 1;
            while (k >= 0 && ++counters[k] == grid[k].Values.Length)
            {
                counters[k] = 0;
                k--;
            }

            if (k < 0)
            {
                yield break;
            }
        }
    }

    private static JsonObject Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }

        return target;
    }

    private static string Hash(JsonObject config)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config.ToJsonString())))[..12];

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}

/// <summary>
/// A deterministic slice of a sweep: shard i of n takes the runs whose index ≡ i (mod n), so shards 0..n−1 together
/// take every run exactly once, and each shard's share differs from the others' by at most one run.
/// </summary>
/// <param name="Index">This shard, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">How many shards there are (≥ 1).</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole sweep (shard 0 of 1).</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>Whether the run at <paramref name="runIndex"/> belongs to this shard.</summary>
    public bool Owns(int runIndex) => runIndex % Count == Index;

    /// <summary>Parses <c>i/n</c> (0-based i).</summary>
    /// <exception cref="ShellInputException">Thrown when the text is not i/n with 0 ≤ i &lt; n.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i < n)
        {
            return new Shard(i, n);
        }

        throw new ShellInputException($"--shard {text}: expected i/n with 0 ≤ i < n, e.g. 0/3.");
    }

    /// <summary>
    /// The shard a scheduler asks for, or null when none does: SLURM job arrays (<c>SLURM_ARRAY_TASK_ID</c> and
    /// <c>SLURM_ARRAY_TASK_COUNT</c>, offset by <c>SLURM_ARRAY_TASK_MIN</c> so arrays that start at 1 work) or a
    /// Kubernetes indexed Job (<c>JOB_COMPLETION_INDEX</c>, with the count from <c>FUNCTIONAL_SHARD_COUNT</c>, since
    /// Kubernetes does not export the number of completions).
    /// </summary>
    /// <exception cref="ShellInputException">Thrown when the variables are set but inconsistent.</exception>
    public static Shard? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("SLURM_ARRAY_TASK_ID") is { Length: > 0 } slurmId)
        {
            var id = Integer("SLURM_ARRAY_TASK_ID", slurmId);
            var count = Integer("SLURM_ARRAY_TASK_COUNT", environment("SLURM_ARRAY_TASK_COUNT"));
            var min = environment("SLURM_ARRAY_TASK_MIN") is { Length: > 0 } m ? Integer("SLURM_ARRAY_TASK_MIN", m) : 0;
            return Checked(id - min, count, $"SLURM_ARRAY_TASK_ID = {id} (min {min}, count {count})");
        }

        if (environment("JOB_COMPLETION_INDEX") is { Length: > 0 } jobIndex)
        {
            var index = Integer("JOB_COMPLETION_INDEX", jobIndex);
            var count = Integer("FUNCTIONAL_SHARD_COUNT", environment("FUNCTIONAL_SHARD_COUNT"));
            return Checked(index, count, $"JOB_COMPLETION_INDEX = {index} (FUNCTIONAL_SHARD_COUNT = {count})");
        }

        return null;
    }

    /// <summary><c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static Shard Checked(int index, int count, string what)
        => count >= 1 && index >= 0 && index < count
            ? new Shard(index, count)
            : throw new ShellInputException($"{what} does not name a shard in 0..count−1.");

    private static int Integer(string name, string? text)
        => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ShellInputException($"{name} = '{text}' is not an integer.");
}
