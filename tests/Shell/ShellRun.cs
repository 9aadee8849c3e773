using Functional.Shell;

namespace Functional.Tests.Shell;

/// <summary>The result of one in-process run of the <c>functional</c> command line.</summary>
internal sealed record ShellRun(int ExitCode, string Out, string Error)
{
    /// <summary>
    /// Runs <c>functional args...</c> in-process with captured writers, an empty settings folder (or the given
    /// one) and only the given environment variables, so tests neither see nor disturb the real environment.
    /// </summary>
    public static async Task<ShellRun> Of(
        string[] args,
        string? settingsDirectory = null,
        IReadOnlyDictionary<string, string>? variables = null,
        CancellationToken cancellationToken = default)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var directory = settingsDirectory ?? EmptyDirectory.Value;
        var shell = new ShellContext(stdout, stderr, directory, variables ?? new Dictionary<string, string>());
        var code = await Cli.RunAsync(args, shell, cancellationToken);
        return new ShellRun(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<ShellRun> Of(params string[] args) => Of(args, null, null, default);

    /// <summary>The stderr lines, without blank ones.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static readonly Lazy<string> EmptyDirectory = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "functional-tests-empty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    });
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "functional-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string contents)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, contents);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
