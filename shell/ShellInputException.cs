namespace Functional.Shell;

/// <summary>
/// The user's input is wrong (a missing file, a non-numeric entry, a vector the core rejects). The message is
/// one sentence that the shell prints after <c>functional &lt;verb&gt;:</c>, and the exit code is 2.
/// </summary>
public sealed class ShellInputException : Exception
{
    public ShellInputException()
    {
    }

    public ShellInputException(string message) : base(message)
    {
    }

    public ShellInputException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>
    /// Wraps an <see cref="ArgumentException"/> from the core, keeping only its sentence: the framework's
    /// " (Parameter 'p')" suffix and "Actual value was ..." line are dropped.
    /// </summary>
    public static ShellInputException From(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ShellInputException(OneLine(exception), exception);
    }

    /// <summary>The first line of an exception's message, without the framework's parameter-name suffix.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var newline = message.IndexOfAny(['\r', '\n']);
        if (newline >= 0)
        {
            message = message[..newline];
        }

        if (exception is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return message.Trim();
    }
}
