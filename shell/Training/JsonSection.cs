using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Shell.Training;

/// <summary>
/// Reads one JSON object of a config with named errors: every message is one line
/// <c>{source}: {path} = {value}: {why}</c>; <see cref="Done"/> rejects the keys nobody asked for (typos).
/// </summary>
internal sealed class JsonSection
{
    private readonly JsonObject _object;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    internal JsonSection(JsonObject json, string source, string path)
    {
        _object = json;
        Source = source;
        Path = path;
    }

    internal string Source { get; }

    internal string Path { get; }

    internal JsonObject Object => _object;

    internal string At(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    internal ShellInputException Bad(string key, JsonNode? value, string why)
        => new($"{Source}: {At(key)} = {Text(value)}: {why}");

    internal ShellInputException Error(string message) => new($"{Source}: {message}");

    internal static string Text(JsonNode? value) => value is null ? "null" : value.ToJsonString();

    /// <summary>The node at a key (null when absent or JSON null), marking the key known.</summary>
    internal JsonNode? Node(string key)
    {
        _known.Add(key);
        return _object[key];
    }

    internal bool Has(string key) => _object[key] is not null;

    internal JsonSection? Section(string key)
    {
        var node = Node(key);
        return node switch
        {
            null => null,
            JsonObject o => new JsonSection(o, Source, At(key)),
            _ => throw Bad(key, node, "must be an object"),
        };
    }

    internal string? String(string key)
    {
        var node = Node(key);
        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Bad(key, node, "must be a string"),
        };
    }

    internal bool Bool(string key, bool fallback)
    {
        var node = Node(key);
        return node switch
        {
            null => fallback,
            JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
            _ => throw Bad(key, node, "must be true or false"),
        };
    }

    internal double? OptionalDouble(string key)
    {
        var node = Node(key);
        return node is null ? null : Number(node) ?? throw Bad(key, node, "must be a number");
    }

    internal double Double(string key, double fallback) => OptionalDouble(key) ?? fallback;

    internal long? OptionalLong(string key)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }

        var value = Number(node) ?? throw Bad(key, node, "must be a whole number");
        return Math.Floor(value) == value && Math.Abs(value) <= (1L << 53)
            ? (long)value
            : throw Bad(key, node, "must be a whole number");
    }

    internal int Int(string key, int fallback)
    {
        var value = OptionalLong(key) ?? fallback;
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Bad(key, _object[key], "is too large");
    }

    /// <summary>The number a JSON value holds (a JSON number only; strings are not numbers), or null.</summary>
    internal static double? Number(JsonNode node)
        => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value)
            ? value
            : null;

    /// <summary>Rejects keys that were never asked for.</summary>
    /// <exception cref="ShellInputException">An unknown key (named with its path and the known keys).</exception>
    internal void Done()
    {
        foreach (var (key, _) in _object)
        {
            if (!_known.Contains(key))
            {
                var where = Path.Length == 0 ? "the config" : Path;
                throw Error($"unknown key {At(key)}; {where} has {string.Join(", ", _known)}.");
            }
        }
    }
}
