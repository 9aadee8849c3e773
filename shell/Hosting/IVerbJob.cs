namespace Functional.Shell.Hosting;

/// <summary>
/// The work of one verb: read, calculate with the core, write. It runs inside the verb's Generic Host;
/// its options, logger and <see cref="ShellContext"/> come from dependency injection.
/// </summary>
internal interface IVerbJob
{
    /// <summary>Runs the job to completion.</summary>
    /// <param name="cancellationToken">Signalled by Ctrl+C / SIGTERM; stop at the next checkpoint.</param>
    /// <returns>The exit code (normally <see cref="ExitCodes.Done"/>).</returns>
    /// <exception cref="ShellInputException">The input is wrong: exit code 2 with the message.</exception>
    Task<int> RunAsync(CancellationToken cancellationToken);
}
