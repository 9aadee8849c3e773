using System.Text;

namespace Functional.Shell;

/// <summary>The <c>functional</c> executable.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return await Cli.RunAsync(args, Console.Out, Console.Error);
    }
}
