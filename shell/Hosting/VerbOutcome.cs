namespace Functional.Shell.Hosting;

/// <summary>How the verb's job ended; written by <see cref="VerbWorker"/>, read after the host stops.</summary>
internal sealed class VerbOutcome
{
    /// <summary>The exit code, or <see langword="null"/> if the job never finished (it was interrupted).</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The one-line message to print on stderr, if the job failed.</summary>
    public string? Message { get; private set; }

    public void Finish(int exitCode, string? message = null)
    {
        ExitCode = exitCode;
        Message = message;
    }
}
