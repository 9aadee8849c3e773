using System.Globalization;

namespace Functional.Optimization;

/// <summary>
/// Reads the string parameters of an <see cref="OptimizerSpec"/> or <see cref="ScheduleSpec"/> (as configuration binding
/// delivers them), case-insensitively, with named errors; <see cref="Done"/> rejects the names nobody asked for (typos).
/// </summary>
internal sealed class SpecParameters
{
    private readonly string kind;
    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> known = new(StringComparer.OrdinalIgnoreCase);

    internal SpecParameters(string kind, IReadOnlyDictionary<string, string>? parameters)
    {
        this.kind = kind;
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in parameters ?? new Dictionary<string, string>())
        {
            if (!values.TryAdd(key, value))
            {
                throw SpecParameters.Invalid($"Parameters has '{key}' twice (names are case-insensitive).", "Parameters");
            }
        }
    }

    private string? Raw(string name)
    {
        known.Add(name);
        return values.TryGetValue(name, out var text) ? text : null;
    }

    private ArgumentException Bad(string name, string text, string expected)
        => Invalid($"Parameters['{name}'] = '{text}' for '{kind}' is not {expected}.", "Parameters");

    private ArgumentException Missing(string name) => Invalid($"Parameters['{name}'] is required for '{kind}'.", "Parameters");

    internal double Double(string name, double? fallback = null)
    {
        var text = Raw(name);
        if (text is null)
        {
            return fallback ?? throw Missing(name);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(name, text, "a number");
    }

    internal long Long(string name, long? fallback = null)
    {
        var text = Raw(name);
        if (text is null)
        {
            return fallback ?? throw Missing(name);
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(name, text, "a whole number");
    }

    internal long? OptionalLong(string name)
        => Raw(name) is { } text ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(name, text, "a whole number") : null;

    internal int Int(string name, int fallback)
    {
        var value = Long(name, fallback);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Bad(name, value.ToString(CultureInfo.InvariantCulture), "a 32-bit whole number");
    }

    internal bool Bool(string name, bool fallback)
    {
        var text = Raw(name);
        if (text is null)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw Bad(name, text, "true or false");
    }

    internal long[] Longs(string name)
    {
        var text = Raw(name) ?? throw Missing(name);
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]))
            {
                throw Bad(name, text, "a comma-separated list of whole numbers");
            }
        }

        return result;
    }

    internal T Choice<T>(string name, T fallback, params (string Text, T Value)[] choices)
    {
        var text = Raw(name);
        if (text is null)
        {
            return fallback;
        }

        foreach (var (option, value) in choices)
        {
            if (string.Equals(option, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Bad(name, text, "one of " + string.Join(", ", choices.Select(c => c.Text)));
    }

    /// <summary>An <see cref="ArgumentException"/> naming a property of the spec (the spec's properties are not method parameters).</summary>
    internal static ArgumentException Invalid(string message, string propertyName) => new(message, propertyName);

    internal void Done()
    {
        var unknown = values.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw SpecParameters.Invalid(
                $"Parameters['{unknown[0]}'] is not a parameter of '{kind}'; it takes {(known.Count == 0 ? "none" : string.Join(", ", known))}.", "Parameters");
        }
    }
}
