namespace Functional.Shell;

/// <summary>The exit codes of every verb.</summary>
public static class ExitCodes
{
    /// <summary>The job finished.</summary>
    public const int Done = 0;

    /// <summary>The job failed for a reason that is not the user's input (a bug, a full disk).</summary>
    public const int Failed = 1;

    /// <summary>Bad input or usage: unknown option, unreadable value, invalid data. Nothing was computed.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
