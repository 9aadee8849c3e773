namespace Functional.Shell;

/// <summary>
/// Where a run of the shell reads settings from and writes to. <see cref="Program"/> uses the process's
/// console, working directory and environment; tests substitute writers, a settings folder and variables.
/// </summary>
/// <param name="Out">Results (tables, JSON): nothing else is written here.</param>
/// <param name="Error">Error lines and log messages.</param>
/// <param name="SettingsDirectory">Folder searched for an optional <c>appsettings.json</c>.</param>
/// <param name="Variables">Environment variables; <see langword="null"/> reads the process environment.</param>
internal sealed record ShellContext(
    TextWriter Out,
    TextWriter Error,
    string SettingsDirectory,
    IReadOnlyDictionary<string, string>? Variables = null)
{
    /// <summary>The prefix of environment variables that configure the shell (<c>FUNCTIONAL_Divergence__Base=2</c>).</summary>
    public const string EnvironmentPrefix = "FUNCTIONAL_";

    public static ShellContext ForProcess(TextWriter stdout, TextWriter stderr)
        => new(stdout, stderr, Environment.CurrentDirectory);
}
