namespace Functional.Laws;

/// <summary>A falsified law: the first failing case, what FsCheck shrank it to, why, and how to get it back.</summary>
/// <param name="Name">The law's full name (subject and law, or a test name).</param>
/// <param name="Seed">The seed the run started from: with the same <paramref name="Cases"/> it replays exactly this failure.</param>
/// <param name="Cases">The number of cases the run asked for.</param>
/// <param name="TestsRun">Cases run up to and including the first failure.</param>
/// <param name="Shrinks">Successful shrink steps.</param>
/// <param name="Original">The first failing input, as text.</param>
/// <param name="Shrunk">The smallest failing input found, as text.</param>
/// <param name="Reason">What the law said (or which exception the function threw) on the shrunk input.</param>
public sealed record LawFailure(
    string Name,
    ulong Seed,
    int Cases,
    int TestsRun,
    int Shrinks,
    string Original,
    string Shrunk,
    string Reason)
{
    /// <summary>The configuration that replays exactly this run.</summary>
    public LawConfig Replay => new(Cases, Seed);

    /// <summary>The failure as a few aligned lines (name, original, shrunk, reason, seed).</summary>
    public override string ToString()
        => $"""
            Law {Name} is falsified after {TestsRun} test(s) and {Shrinks} shrink(s).
            Original: {Original}
            Shrunk:   {Shrunk}
            Reason:   {Reason}
            Seed:     {Seed} ({Cases} cases): replay with new LawConfig(Cases: {Cases}, Seed: {Seed}) or {LawConfig.SeedVariable}={Seed} {LawConfig.CasesVariable}={Cases}
            """;
}
