using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Functional.Laws;

namespace Functional.Properties.Harness;

/// <summary>
/// Runs FsCheck properties inside xunit <c>[Fact]</c>s (FsCheck.Xunit is not available):
/// <code>
/// [Fact]
/// public void Kl_is_non_negative() => Holds.ForAll(Arbs.Pairs(), DivergenceLaws.NonNegative(Kl));
/// </code>
/// The number of cases and the seed come from <see cref="LawConfig.FromEnvironment"/>. A failure throws
/// <see cref="PropertyFailedException"/> whose message shows the original and the shrunk counterexample, the seed
/// and the command that replays it.
/// </summary>
public static class Holds
{
    /// <summary>Checks that <paramref name="body"/> holds (does not throw) for every generated value.</summary>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Action<T> body, [CallerMemberName] string name = "")
        => ThrowIfFailed(Run(LawConfig.FromEnvironment(), TestName(name), Prop.ForAll(arbitrary, body)));

    /// <summary>Checks that <paramref name="body"/> returns true for every generated value.</summary>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Func<T, bool> body, [CallerMemberName] string name = "")
        => ThrowIfFailed(Run(LawConfig.FromEnvironment(), TestName(name), Prop.ForAll(arbitrary, body)));

    /// <summary>Checks a property of two independently generated (and independently shrunk) values.</summary>
    public static void ForAll<T1, T2>(Arbitrary<T1> first, Arbitrary<T2> second, Action<T1, T2> body, [CallerMemberName] string name = "")
        => ThrowIfFailed(Run(LawConfig.FromEnvironment(), TestName(name), Prop.ForAll(first, second, body)));

    /// <summary>Checks a property of three independently generated values.</summary>
    public static void ForAll<T1, T2, T3>(
        Arbitrary<T1> first, Arbitrary<T2> second, Arbitrary<T3> third, Action<T1, T2, T3> body, [CallerMemberName] string name = "")
        => ThrowIfFailed(Run(LawConfig.FromEnvironment(), TestName(name), Prop.ForAll(first, second, third, body)));

    /// <summary>
    /// The opposite of <see cref="ForAll{T}(Arbitrary{T}, Action{T}, string)"/>: asserts that the law is NOT a law
    /// of this function, and returns the (shrunk) counterexample FsCheck found.
    /// </summary>
    public static LawFailure NotForAll<T>(Arbitrary<T> arbitrary, Action<T> body, [CallerMemberName] string name = "")
    {
        var name2 = TestName(name);
        return Run(LawConfig.FromEnvironment(), name2, Prop.ForAll(arbitrary, body))
            ?? throw new PropertyFailedException($"Expected {name2} to find a counterexample, but every case passed.");
    }

    /// <summary>Runs <paramref name="property"/> with explicit settings; null when it holds.</summary>
    public static LawFailure? Run(LawConfig settings, string testName, FsCheck.Property property)
        => LawRunner.Run(settings, testName, property);

    private static void ThrowIfFailed(LawFailure? failure)
    {
        if (failure is not null)
        {
            throw new PropertyFailedException(failure);
        }
    }

    /// <summary>
    /// The fully qualified name of the calling test (Namespace.Class.Method), found on the stack as the nearest
    /// method carrying an xunit <see cref="FactAttribute"/>; the bare member name if there is none.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string TestName(string memberName)
    {
        foreach (var frame in new StackTrace().GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.GetCustomAttribute<FactAttribute>() is not null && method.DeclaringType is { } type)
            {
                return $"{type.FullName}.{method.Name}";
            }
        }

        return memberName;
    }
}

/// <summary>A falsified property in this test suite: the failure plus the <c>dotnet test</c> command that replays it.</summary>
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

    public PropertyFailedException(LawFailure failure)
        : base(failure is null ? null : $"{failure}{Environment.NewLine}Replay:   {ReplayCommand(failure)}")
        => Failure = failure;

    public LawFailure? Failure { get; }

    /// <summary>The shell command that replays exactly this run of this test.</summary>
    public static string ReplayCommand(LawFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return $"{LawConfig.SeedVariable}={failure.Seed} {LawConfig.CasesVariable}={failure.Cases} "
               + $"dotnet test properties/Functional.Properties.csproj --filter \"FullyQualifiedName={failure.Name}\"";
    }
}
