namespace Functional.Shell;

/// <summary>The `functional` command (verbs arrive in their own files).</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The exit code.</returns>
    public static int Main(string[] args)
    {
        Console.WriteLine("functional: no verbs yet");
        return args.Length == 0 ? 0 : 2;
    }
}
