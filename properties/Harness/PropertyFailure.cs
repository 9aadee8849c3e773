namespace Functional.Properties.Harness;

/// <summary>A falsified property: what failed first, what it shrank to, and how to get it back.</summary>
public sealed record PropertyFailure(
    string TestName,
    ulong Seed,
    int Cases,
    int TestsRun,
    int Shrinks,
    string Original,
    string Shrunk,
    string Reason)
{
    /// <summary>The shell command that replays exactly this run.</summary>
    public string ReplayCommand
        => $"{PropertySettings.SeedVariable}={Seed} {PropertySettings.CasesVariable}={Cases} "
           + $"dotnet test properties/Functional.Properties.csproj --filter \"FullyQualifiedName={TestName}\"";

    public override string ToString()
        => $"""
            Property {TestName} is falsified after {TestsRun} test(s) and {Shrinks} shrink(s).
            Original: {Original}
            Shrunk:   {Shrunk}
            Reason:   {Reason}
            Seed:     {Seed} ({Cases} cases)
            Replay:   {ReplayCommand}
            """;
}

/// <summary>Thrown when a property is falsified; its message is <see cref="PropertyFailure.ToString"/>.</summary>
public sealed class PropertyFailedException : Exception
{
    public PropertyFailedException()
    {
    }

    public PropertyFailedException(string message)
        : base(message)
    {
    }

    public PropertyFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PropertyFailedException(PropertyFailure failure)
        : base(failure?.ToString())
        => Failure = failure;

    public PropertyFailure? Failure { get; }
}
