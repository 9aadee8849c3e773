using System.Globalization;

namespace Functional.Properties.Harness;

/// <summary>
/// How many cases a property runs and which seed it starts from. Read from the environment:
/// <c>FUNCTIONAL_PROPERTY_CASES=n</c> (default <see cref="DefaultCases"/>) and
/// <c>FUNCTIONAL_PROPERTY_SEED=&lt;unsigned integer&gt;|random</c> (default: a seed derived from the test name,
/// so a run is reproducible without any configuration).
/// </summary>
public sealed record PropertySettings(int Cases, ulong? Seed, bool RandomSeed)
{
    public const string CasesVariable = "FUNCTIONAL_PROPERTY_CASES";

    public const string SeedVariable = "FUNCTIONAL_PROPERTY_SEED";

    public const int DefaultCases = 100;

    /// <summary>The settings the environment asks for.</summary>
    public static PropertySettings FromEnvironment()
    {
        var cases = DefaultCases;
        var casesText = Environment.GetEnvironmentVariable(CasesVariable);
        if (!string.IsNullOrWhiteSpace(casesText))
        {
            if (!int.TryParse(casesText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out cases) || cases < 1)
            {
                throw new InvalidOperationException($"{CasesVariable} = '{casesText}' is not a positive integer.");
            }
        }

        var seedText = Environment.GetEnvironmentVariable(SeedVariable);
        if (string.IsNullOrWhiteSpace(seedText))
        {
            return new PropertySettings(cases, null, false);
        }

        if (seedText.Trim().Equals("random", StringComparison.OrdinalIgnoreCase))
        {
            return new PropertySettings(cases, null, true);
        }

        if (!ulong.TryParse(seedText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            throw new InvalidOperationException($"{SeedVariable} = '{seedText}' is neither an unsigned 64-bit integer nor 'random'.");
        }

        return new PropertySettings(cases, seed, false);
    }

    /// <summary>The seed to start the property called <paramref name="testName"/> from.</summary>
    public ulong SeedFor(string testName)
    {
        if (Seed is { } seed)
        {
            return seed;
        }

        return RandomSeed ? (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue) : DefaultSeed(testName);
    }

    /// <summary>FNV-1a (64-bit) of the name: stable across processes and platforms, unlike string.GetHashCode.</summary>
    public static ulong DefaultSeed(string testName)
    {
        ArgumentNullException.ThrowIfNull(testName);
        var hash = 14695981039346656037UL;
        foreach (var c in testName)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
