using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Functional.Shell.Hosting;

/// <summary>
/// Runs the verb's <see cref="IVerbJob"/> once, records how it ended in <see cref="VerbOutcome"/> and stops
/// the host. It never lets an exception escape (the host would log it with a stack trace).
/// </summary>
internal sealed partial class VerbWorker(
    IVerbJob job,
    VerbOutcome outcome,
    IHostApplicationLifetime lifetime,
    ILogger<VerbWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the job takes the thread.
        await Task.Yield();
        try
        {
            LogJobStarting(logger, job.GetType().Name);
            stoppingToken.ThrowIfCancellationRequested();
            var exitCode = await job.RunAsync(stoppingToken);
            outcome.Finish(exitCode);
            LogJobFinished(logger, exitCode);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogJobInterrupted(logger);
        }
        catch (ShellInputException exception)
        {
            outcome.Finish(ExitCodes.BadInput, exception.Message);
        }
        catch (Store.StoreException exception)
        {
            // The run store failed (locked past its timeout, server gone): the work is not the user's mistake, exit 1.
            outcome.Finish(ExitCodes.Failed, exception.Message);
        }
#pragma warning disable CA1031 // the shell turns every unexpected exception into one line and exit code 1
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogJobFailed(logger, exception);
            outcome.Finish(ExitCodes.Failed, $"unexpected {exception.GetType().Name}: {ShellInputException.OneLine(exception)}");
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Job {Job} starting.")]
    private static partial void LogJobStarting(ILogger logger, string job);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Job finished with exit code {ExitCode}.")]
    private static partial void LogJobFinished(ILogger logger, int exitCode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Interrupted before the job finished.")]
    private static partial void LogJobInterrupted(ILogger logger);

    // Debug, not Error: the user sees one line; the stack trace is there for whoever turns on debug logging.
    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Job failed unexpectedly.")]
    private static partial void LogJobFailed(ILogger logger, Exception exception);
}
