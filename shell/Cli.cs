using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using Functional.Shell.Verbs.Divergence;
using Functional.Shell.Verbs.Fit;

namespace Functional.Shell;

/// <summary>
/// The <c>functional</c> command line: verbs, options, <c>--help</c> and <c>--version</c> (System.CommandLine),
/// each verb running its job in a Generic Host. Exit codes are <see cref="ExitCodes"/>: 0 done, 1 failed,
/// 2 bad input or usage, 130 interrupted. Errors are one line on stderr, never a stack trace.
/// </summary>
public static class Cli
{
    /// <summary>Runs the command line in-process with the process's working directory and environment.</summary>
    /// <param name="args">The arguments after <c>functional</c>.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where error lines and logs go.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
        => RunAsync(args, ShellContext.ForProcess(stdout, stderr), CancellationToken.None);

    internal static async Task<int> RunAsync(string[] args, ShellContext shell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(shell);
        var root = CreateRootCommand(shell);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction && parseResult.Errors.Count > 0)
        {
            // "frobnicate" yields both "Required command was not provided" and "Unrecognized ... 'frobnicate'": name the typo.
            var error = parseResult.Errors.FirstOrDefault(e => parseResult.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal)))
                ?? parseResult.Errors[0];
            return UsageError(shell, parseResult, error);
        }

        var invocation = new InvocationConfiguration
        {
            Output = shell.Out,
            Error = shell.Error,
            EnableDefaultExceptionHandler = false,
            // The verb's Generic Host handles Ctrl+C / SIGTERM (ConsoleLifetime) and stops at a checkpoint.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
#pragma warning disable CA1031 // last line of defence: one line and exit code 1, never a stack trace
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await shell.Error.WriteLineAsync(
                $"{CommandPath(parseResult.CommandResult.Command)}: unexpected {exception.GetType().Name}: {ShellInputException.OneLine(exception)}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The root command with every verb; new verbs (train, batch, fit, runs, reproduce) are added here.</summary>
    internal static RootCommand CreateRootCommand(ShellContext shell)
    {
        var root = new RootCommand("functional: verified information measures and probabilistic learning.")
        {
            DivergenceCommand.Create(shell),
            Verbs.Reproduce.ReproduceCommand.Create(shell),
            FitCommand.Create(shell),
            Verbs.Runs.RunsCommand.Create(shell),
            Verbs.Train.TrainCommand.Create(shell),
            Verbs.Batch.BatchCommand.Create(shell),
        };

        // The default --version reads the entry assembly, which is the test host when run in-process.
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        return root;
    }

    private static int UsageError(ShellContext shell, ParseResult parseResult, ParseError error)
    {
        var command = (error.SymbolResult as CommandResult)?.Command ?? parseResult.CommandResult.Command;
        var path = CommandPath(command);
        var message = error.Message.Trim();
        if (!message.EndsWith('.'))
        {
            message += ".";
        }

        shell.Error.WriteLine($"{path}: {message} See '{path} --help'.");
        shell.Error.Flush();
        return ExitCodes.BadInput;
    }

    /// <summary>The informational version of the shell assembly (e.g. <c>0.1.0+commit</c>).</summary>
    internal static string Version { get; } =
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Cli).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Done;
        }
    }

    /// <summary><c>functional divergence</c> for the divergence verb, <c>functional</c> for the root.</summary>
    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is not null; symbol = symbol.Parents.FirstOrDefault())
        {
            names.Add(symbol is RootCommand ? "functional" : symbol.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
