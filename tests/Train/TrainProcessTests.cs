using System.Diagnostics;
using Functional.Shell.Training;
using Functional.Tests.Shell;

namespace Functional.Tests.Train;

/// <summary>The real built <c>functional train</c>: SIGTERM keeps the checkpoint and exits 130; --resume equals an uninterrupted run.</summary>
public class TrainProcessTests
{
    [Fact]
    public async Task Sigterm_then_resume_equals_the_uninterrupted_run_byte_for_byte()
    {
        var dll = ProcessTests.FindFunctionalDll();
        using var folder = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var cut = Path.Combine(folder.Path, "cut");
        var whole = Path.Combine(folder.Path, "whole");
        string[] train = ["train", "--epochs", "1500", "--seed", "11", "-q"];

        using (var process = Start(dll, folder.Path, [.. train, "--out", cut]))
        {
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            // Wait for a checkpoint past epoch 0 (written atomically, so a whole file); a cheap text check, so the poll keeps up.
            var epoch = new System.Text.RegularExpressions.Regex("\"epoch\": [1-9]");
            while (true)
            {
                if (process.HasExited)
                {
                    Assert.Fail("the run ended before it could be interrupted: " + await stderr);
                }

                var checkpoint = Path.Combine(cut, "checkpoint.json");
                if (File.Exists(checkpoint) && epoch.IsMatch(await File.ReadAllTextAsync(checkpoint, timeout.Token)))
                {
                    break;
                }

                await Task.Delay(20, timeout.Token);
            }

            var killCode = -1;
            // Process.Kill sends SIGKILL; a person's Ctrl+C or a scheduler's stop is SIGTERM.
            using (var kill = Process.Start("/bin/kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
                killCode = kill.ExitCode;
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, killCode);
            Assert.Equal(130, process.ExitCode);
            Assert.Equal("", await stdout);
            var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches($"^functional train: interrupted after epoch [0-9]+; the checkpoint is kept\\. Resume with: functional train --resume {System.Text.RegularExpressions.Regex.Escape(cut)}$", line);
        }

        // The checkpoint is intact and metrics.csv holds exactly its epochs; nothing claims to be finished.
        var state = Checkpoint.Deserialize(await File.ReadAllTextAsync(Path.Combine(cut, "checkpoint.json"), timeout.Token), TrainConfig.Load(Path.Combine(cut, "config.json")).Hash, "checkpoint");
        Assert.InRange(state.Epoch, 1, 1499);
        Assert.Null(state.Stop);
        Assert.Equal(state.Epoch + 2, (await File.ReadAllLinesAsync(Path.Combine(cut, "metrics.csv"), timeout.Token)).Length);
        Assert.False(File.Exists(Path.Combine(cut, "summary.json")));
        Assert.False(File.Exists(Path.Combine(cut, "model.json")));

        var resumed = await RunAsync(dll, folder.Path, ["train", "--resume", cut, "-q"], timeout.Token);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var uninterrupted = await RunAsync(dll, folder.Path, [.. train, "--out", whole], timeout.Token);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Error);

        foreach (var name in new[] { "model.json", "metrics.csv", "checkpoint.json", "config.json" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(whole, name), timeout.Token), await File.ReadAllBytesAsync(Path.Combine(cut, name), timeout.Token));
        }

        Assert.Equal(1500 + 2, (await File.ReadAllLinesAsync(Path.Combine(cut, "metrics.csv"), timeout.Token)).Length);
    }

    private static Process Start(string dll, string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
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

        return Process.Start(start)!;
    }

    private static async Task<ShellRun> RunAsync(string dll, string workingDirectory, string[] args, CancellationToken cancellationToken)
    {
        using var process = Start(dll, workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new ShellRun(process.ExitCode, await stdout, await stderr);
    }
}
