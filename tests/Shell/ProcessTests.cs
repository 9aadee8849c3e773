using System.Diagnostics;

namespace Functional.Tests.Shell;

/// <summary>Starts the real built <c>functional</c> executable (<c>dotnet functional.dll ...</c>).</summary>
public class ProcessTests
{
    [Fact]
    public async Task Built_executable_exits_0_on_the_example_and_2_on_bad_input()
    {
        var dll = FindFunctionalDll();

        var ok = await RunAsync(dll, "divergence", "--json");
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Contains("\"klPQ\": 0.5838", ok.Out);

        var bad = await RunAsync(dll, "divergence", "--p", "0.2,0.1,0.7", "--q", "0.5,-0.2,0.7");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("", bad.Out);
        Assert.Equal("functional divergence: q[1] = -0.2 is negative.", bad.Error.Trim());
    }

    internal static string FindFunctionalDll()
    {
        var besideTests = Path.Combine(AppContext.BaseDirectory, "functional.dll");
        if (File.Exists(besideTests) && File.Exists(Path.ChangeExtension(besideTests, ".runtimeconfig.json")))
        {
            return besideTests;
        }

        // tests/bin/<Configuration>/net10.0/ -> shell/bin/<Configuration>/net10.0/functional.dll
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        var targetFramework = directory.Name;
        var configuration = directory.Parent!.Name;
        for (var d = directory; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shell", "bin", configuration, targetFramework, "functional.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("functional.dll was not found next to the tests or in shell/bin; build the solution first.");
    }

    private static async Task<ShellRun> RunAsync(string dll, params string[] args)
    {
        using var workingDirectory = new TempDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // an empty working folder: no appsettings.json from elsewhere
            WorkingDirectory = workingDirectory.Path,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("FUNCTIONAL_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new ShellRun(process.ExitCode, await stdout, await stderr);
    }
}
