using System.Text.Json;
using Functional.Numerics;
using Functional.Shell.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Divergence;

/// <summary>Read p and q -> compute every measure with the core -> write a table or JSON.</summary>
internal sealed partial class DivergenceJob(
    IOptions<DivergenceOptions> options,
    ShellContext shell,
    ILogger<DivergenceJob> logger) : IVerbJob
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logBase = LogBase.Parse(settings.Base); // validated on start

        var input = await DivergenceInput.ReadAsync(settings, cancellationToken);
        LogInput(logger, input.P.Length, input.Source);
        cancellationToken.ThrowIfCancellationRequested();

        var report = DivergenceReport.Compute(input, logBase);
        if (double.IsPositiveInfinity(report.KlPQ) || double.IsPositiveInfinity(report.KlQP))
        {
            LogInfiniteKl(logger);
        }

        if (settings.Json)
        {
            await shell.Out.WriteLineAsync(JsonSerializer.Serialize(report, DivergenceJsonContext.Default.DivergenceReport));
        }
        else
        {
            if (input.IsBuiltInExample)
            {
                await shell.Out.WriteLineAsync("No --p/--q or --csv given: using the lecture's example p = (0.2, 0.1, 0.7), q = (0.5, 0.3, 0.2).");
            }

            DivergenceTable.Write(shell.Out, report);
        }

        await shell.Out.FlushAsync(cancellationToken);
        return ExitCodes.Done;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Read {Count} entries from {Source}.")]
    private static partial void LogInput(ILogger logger, int count, string source);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "A Kullback-Leibler divergence is infinite: one vector has zeros where the other does not.")]
    private static partial void LogInfiniteKl(ILogger logger);
}
