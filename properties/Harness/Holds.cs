using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Functional.Properties.Harness;

/// <summary>
/// Runs FsCheck properties inside xunit <c>[Fact]</c>s (FsCheck.Xunit is not available):
/// <code>
/// [Fact]
/// public void Kl_is_non_negative() => Holds.ForAll(Arbs.Pairs(), DivergenceLaws.NonNegative(Kl));
/// </code>
/// The number of cases and the seed come from <see cref="PropertySettings.FromEnvironment"/>. A failure throws
/// <see cref="PropertyFailedException"/> whose message shows the original and the shrunk counterexample, the seed
/// and the command that replays it.
/// </summary>
public static class Holds
{
    /// <summary>Checks that <paramref name="body"/> holds (does not throw) for every generated value.</summary>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Action<T> body, [CallerMemberName] string name = "")
        => ThrowIfFailed(Run(PropertySettings.FromEnvironment(), TestName(name), Prop.ForAll(arbitrary, body)));

    /// <summary>Checks that <paramref name="body"/> returns true for every generated value.</summary>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Func<T, bool> body, [CallerMemberName] string name = "")
        => ThrowIfFailed(Run(PropertySettings.FromEnvironment(), TestName(name), Prop.ForAll(arbitrary, body)));

    /// <summary>Checks a property of two independently generated (and independently shrunk) values.</summary>
    public static void ForAll<T1, T2>(Arbitrary<T1> first, Arbitrary<T2> second, Action<T1, T2> body, [CallerMemberName] string name = "")
        => ThrowIfFailed(Run(PropertySettings.FromEnvironment(), TestName(name), Prop.ForAll(first, second, body)));

    /// <summary>Checks a property of three independently generated values.</summary>
    public static void ForAll<T1, T2, T3>(
        Arbitrary<T1> first, Arbitrary<T2> second, Arbitrary<T3> third, Action<T1, T2, T3> body, [CallerMemberName] string name = "")
        => ThrowIfFailed(Run(PropertySettings.FromEnvironment(), TestName(name), Prop.ForAll(first, second, third, body)));

    /// <summary>
    /// The opposite of <see cref="ForAll{T}(Arbitrary{T}, Action{T}, string)"/>: asserts that the law is NOT a law
    /// of this function, and returns the (shrunk) counterexample FsCheck found.
    /// </summary>
    public static PropertyFailure NotForAll<T>(Arbitrary<T> arbitrary, Action<T> body, [CallerMemberName] string name = "")
    {
        var name2 = TestName(name);
        return Run(PropertySettings.FromEnvironment(), name2, Prop.ForAll(arbitrary, body))
            ?? throw new PropertyFailedException($"Expected {name2} to find a counterexample, but every case passed.");
    }

    /// <summary>Runs <paramref name="property"/> with explicit settings; null when it holds.</summary>
    public static PropertyFailure? Run(PropertySettings settings, string testName, FsCheck.Property property)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var seed = settings.SeedFor(testName);
        var runner = new CapturingRunner();
        var config = Config.Quick
            .WithMaxTest(settings.Cases)
            .WithMaxRejected(Math.Max(1000, 10 * settings.Cases))
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)))
            .WithRunner(runner)
            .WithName(testName);
        FsCheck.Check.One(config, property);
        return runner.Result switch
        {
            TestResult.Failed failed => new PropertyFailure(
                testName,
                seed,
                settings.Cases,
                failed.Item1.NumberOfTests,
                failed.Item1.NumberOfShrinks,
                Arguments(failed.Item2),
                Arguments(failed.Item3),
                Reason(failed.Item4)),
            TestResult.Exhausted exhausted => new PropertyFailure(
                testName, seed, settings.Cases, exhausted.Item.NumberOfTests, 0, "-", "-",
                "gave up: too many generated cases were discarded; the generator does not fit the precondition"),
            TestResult.Passed => null,
            _ => throw new InvalidOperationException($"FsCheck finished {testName} without a result."),
        };
    }

    private static void ThrowIfFailed(PropertyFailure? failure)
    {
        if (failure is not null)
        {
            throw new PropertyFailedException(failure);
        }
    }

    private static string Arguments(FSharpList<object> arguments)
        => arguments.IsEmpty ? "()" : string.Join(" | ", arguments.Select(a => a?.ToString() ?? "null"));

    private static string Reason(Outcome outcome)
        => outcome is Outcome.Failed failed
            ? $"{failed.Item.GetType().Name}: {failed.Item.Message}"
            : "the property returned false";

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

    private sealed class CapturingRunner : IRunner
    {
        public TestResult? Result { get; private set; }

        public void OnStartFixture(Type t)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
        }

        public void OnFinished(string name, TestResult testResult) => Result = testResult;
    }
}
