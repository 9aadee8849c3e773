using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Functional.Laws;

/// <summary>Runs one FsCheck property under a <see cref="LawConfig"/> and turns FsCheck's outcome into a <see cref="LawFailure"/>.</summary>
public static class LawRunner
{
    /// <summary>
    /// Runs <paramref name="property"/> for <see cref="LawConfig.Cases"/> cases from the seed
    /// <see cref="LawConfig.SeedFor"/>(<paramref name="name"/>); returns null when every case held, otherwise the failure
    /// with its original and shrunk counterexample. A generator that discards too many cases counts as a failure
    /// ("gave up"), never as a pass.
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static LawFailure? Run(LawConfig config, string name, Property property)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(property);
        var seed = config.SeedFor(name);
        var runner = new CapturingRunner();
        var fsConfig = Config.Quick
            .WithMaxTest(config.Cases)
            .WithMaxRejected(Math.Max(1000, 10 * config.Cases))
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)))
            .WithRunner(runner)
            .WithName(name);
        Check.One(fsConfig, property);
        return runner.Result switch
        {
            TestResult.Failed failed => new LawFailure(
                name,
                seed,
                config.Cases,
                failed.Item1.NumberOfTests,
                failed.Item1.NumberOfShrinks,
                Arguments(failed.Item2),
                Arguments(failed.Item3),
                Reason(failed.Item4)),
            TestResult.Exhausted exhausted => new LawFailure(
                name, seed, config.Cases, exhausted.Item.NumberOfTests, 0, "-", "-",
                "gave up: too many generated cases were discarded; the generator does not fit the precondition"),
            TestResult.Passed => null,
            _ => throw new InvalidOperationException($"FsCheck finished {name} without a result."),
        };
    }

    private static string Arguments(FSharpList<object> arguments)
        => arguments.IsEmpty ? "()" : string.Join(" | ", arguments.Select(a => a?.ToString() ?? "null"));

    private static string Reason(Outcome outcome)
        => outcome is Outcome.Failed failed
            ? $"{failed.Item.GetType().Name}: {failed.Item.Message}"
            : "the property returned false";

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
