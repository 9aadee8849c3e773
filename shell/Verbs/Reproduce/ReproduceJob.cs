using Functional.Shell.Hosting;
using Functional.Shell.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// For each chosen section: compute it with the core, write its SVG and CSV files (each atomically) and print a progress
/// line; then write index.html last, so a report folder with an index.html is a complete report.
/// </summary>
internal sealed partial class ReproduceJob(
    IOptions<ReproduceOptions> options,
    ShellContext shell,
    ILogger<ReproduceJob> logger) : IVerbJob
{
    public const string ReportTitle = "Functional: the lectures' worked examples, reproduced";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.List)
        {
            // the name column is as wide as the longest name plus two spaces, so a name never runs into its title
            var width = ReproduceSections.All.Max(s => s.Name.Length) + 2;
            foreach (var section in ReproduceSections.All)
            {
                await shell.Out.WriteLineAsync(section.Name.PadRight(width) + section.Title);
            }

            await shell.Out.FlushAsync(cancellationToken);
            return ExitCodes.Done;
        }

        var chosen = settings.Sections.Length == 0
            ? ReproduceSections.All
            : ReproduceSections.All.Where(s => settings.Sections.Any(n => ReproduceSections.Find(n) == s)).ToArray();
        var folder = Path.GetFullPath(Path.Combine(shell.SettingsDirectory, settings.Out));
        EnsureWritable(folder);
        LogFolder(logger, folder);

        var built = new List<ReportSection>();
        var fileCount = 0;
        for (var i = 0; i < chosen.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var section = chosen[i].Build();
            var files = ReportWriter.SectionFiles(section).ToArray();
            Write(folder, files);
            built.Add(section);
            fileCount += files.Length;
            await shell.Out.WriteLineAsync(
                $"[{i + 1}/{chosen.Count}] {section.Name}: {Count(section.FigureCount, "figure")}, {Count(section.TableCount, "table")}");
            await shell.Out.FlushAsync(cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var report = new Report(
            ReportTitle,
            "Each section recomputes a worked example or demonstration of the lectures on maximum likelihood, information, "
            + "loss functions and regularisation with the Functional core. Figures are SVG, tables are also CSV files in this folder.",
            built);
        var index = new ReportFile("index.html", ReportWriter.IndexHtml(report, $"functional {Cli.Version}"));
        Write(folder, [index]);
        await shell.Out.WriteLineAsync($"report: {Path.Combine(folder, index.Name)} ({fileCount + 1} files; open it in a browser)");
        await shell.Out.FlushAsync(cancellationToken);
        return ExitCodes.Done;
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>Creates the folder and proves a file can be written there before any work is done.</summary>
    private static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ShellInputException($"cannot write the report to '{folder}': {ShellInputException.OneLine(exception)}", exception);
        }
    }

    private static void Write(string folder, IEnumerable<ReportFile> files)
    {
        try
        {
            ReportWriter.Write(folder, files);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // the folder was writable a moment ago (disk full, removed): not the user's input, exit 1
            throw new IOException($"writing the report to '{folder}' failed: {ShellInputException.OneLine(exception)}", exception);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Writing the report to {Folder}.")]
    private static partial void LogFolder(ILogger logger, string folder);
}
