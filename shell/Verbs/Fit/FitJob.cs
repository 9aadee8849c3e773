using System.Text.Json;
using Functional.Shell.Hosting;
using Functional.Shell.Verbs.Divergence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Fit;

/// <summary>Read one column -> fit with the core -> write a table or JSON.</summary>
internal sealed partial class FitJob(
    IOptions<FitOptions> options,
    ShellContext shell,
    ILogger<FitJob> logger) : IVerbJob
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var path = settings.Data!.Trim();
        var column = settings.Column!.Trim();
        // The divergence verb's reader, asked for the same column twice: one parser for every verb's CSV input.
        var (values, _) = await Csv.ReadColumnsAsync(path, column, column, cancellationToken);
        LogInput(logger, values.Length, path, column);
        cancellationToken.ThrowIfCancellationRequested();

        var family = settings.Family.Trim().ToLowerInvariant();
        var prior = string.IsNullOrWhiteSpace(settings.Prior) ? null : FitPrior.Parse(settings.Prior, family);
        var report = FitReport.Compute($"{path} column {column}", values, family, prior);

        if (settings.Json)
        {
            await shell.Out.WriteLineAsync(JsonSerializer.Serialize(report, FitJsonContext.Default.FitReport));
        }
        else
        {
            FitTable.Write(shell.Out, report);
        }

        await shell.Out.FlushAsync(cancellationToken);
        return ExitCodes.Done;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Read {Count} values from {Path} column {Column}.")]
    private static partial void LogInput(ILogger logger, int count, string path, string column);
}
