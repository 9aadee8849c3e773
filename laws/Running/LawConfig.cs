using System.Globalization;

namespace Functional.Laws;

/// <summary>
/// How many cases each law runs and which seed it starts from.
/// <see cref="FromEnvironment"/> reads <c>FUNCTIONAL_PROPERTY_CASES=n</c> (default <see cref="DefaultCases"/>) and
/// <c>FUNCTIONAL_PROPERTY_SEED=&lt;unsigned integer&gt;|random</c>. Without a seed, each law starts from a seed derived
/// from its own name (<see cref="DefaultSeed"/>), so a run is reproducible with no configuration at all.
/// </summary>
/// <param name="Cases">Generated cases per law (≥ 1).</param>
/// <param name="Seed">The seed every law starts from; null: a seed per law from its name (or random, see <paramref name="RandomSeed"/>).</param>
/// <param name="RandomSeed">When <paramref name="Seed"/> is null: a fresh random seed per run instead of the name-derived one.</param>
public sealed record LawConfig(int Cases = LawConfig.DefaultCases, ulong? Seed = null, bool RandomSeed = false)
{
    /// <summary>The environment variable holding the number of cases.</summary>
    public const string CasesVariable = "FUNCTIONAL_PROPERTY_CASES";

    /// <summary>The environment variable holding the seed (an unsigned 64-bit integer, or <c>random</c>).</summary>
    public const string SeedVariable = "FUNCTIONAL_PROPERTY_SEED";

    /// <summary>Cases per law when nothing else is said: quick enough for every build.</summary>
    public const int DefaultCases = 100;

    /// <summary>
    /// Cases per law (≥ 1). <exception cref="ArgumentOutOfRangeException">Thrown when set below 1.</exception>
    /// </summary>
    public int Cases { get; init; } = Cases >= 1
        ? Cases
        : throw new ArgumentOutOfRangeException(nameof(Cases), Cases, $"Cases = {Cases} must be at least 1.");

    /// <summary>100 cases, seeds derived from the law names.</summary>
    public static LawConfig Default { get; } = new();

    /// <summary>The configuration the environment asks for (see the type's summary).</summary>
    /// <exception cref="InvalidOperationException">Thrown when a variable is set to something that is not a valid value.</exception>
    public static LawConfig FromEnvironment()
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
            return new LawConfig(cases);
        }

        if (seedText.Trim().Equals("random", StringComparison.OrdinalIgnoreCase))
        {
            return new LawConfig(cases, null, true);
        }

        if (!ulong.TryParse(seedText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            throw new InvalidOperationException($"{SeedVariable} = '{seedText}' is neither an unsigned 64-bit integer nor 'random'.");
        }

        return new LawConfig(cases, seed);
    }

    /// <summary>The seed the law (or test) called <paramref name="name"/> starts from.</summary>
    public ulong SeedFor(string name)
    {
        if (Seed is { } seed)
        {
            return seed;
        }

        return RandomSeed ? (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue) : DefaultSeed(name);
    }

    /// <summary>FNV-1a (64-bit) of the name: stable across processes and platforms, unlike <see cref="string.GetHashCode()"/>.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="name"/> is null.</exception>
    public static ulong DefaultSeed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
