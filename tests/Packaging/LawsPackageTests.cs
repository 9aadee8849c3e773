using System.Diagnostics;
using System.Globalization;
using Functional.Tests.Shell;

namespace Functional.Tests.Packaging;

/// <summary>
/// The laws package installs and runs for a stranger: `dotnet pack` the core and the laws into a folder, then a
/// fresh console project outside this repository (no Directory.Build.props, no central versions) restores
/// Functional.Laws from that folder feed, points the laws at a KL of its own and prints the report.
/// </summary>
public class LawsPackageTests
{
    private const string Consumer = """
        using Functional.Information;
        using Functional.Laws;

        // A user's own KL with the 0·log 0 = 0 convention missing: the laws must catch it.
        static double NaiveKl(double[] p, double[] q)
        {
            var sum = 0.0;
            for (var i = 0; i < p.Length; i++) sum += p[i] * Math.Log(p[i] / q[i]);
            return sum;
        }

        var good = LawsOf.Divergence((p, q, b) => Kl.Divergence(p, q, b), "Kl.Divergence", DivergenceTraits.FDivergence)
            .Check(new LawConfig(Cases: 50));
        var bad = LawsOf.Divergence(NaiveKl, "naive KL").Check(new LawConfig(Cases: 50));
        Console.WriteLine(good);
        Console.WriteLine(bad);
        return good.Passed && !bad.Passed ? 0 : 1;
        """;

    [Fact]
    public async Task The_packed_laws_package_installs_from_a_folder_feed_and_runs()
    {
        var root = RepositoryRoot();
        using var work = new TempDirectory();
        var feed = Directory.CreateDirectory(Path.Combine(work.Path, "feed")).FullName;
        var artifacts = Path.Combine(work.Path, "artifacts");
        // A version nobody has cached: the consumer must restore what this run packed.
        var version = "0.0.0-test." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

        foreach (var project in new[] { "core/Functional.Core.csproj", "laws/Functional.Laws.csproj" })
        {
            var pack = await DotnetAsync(
                root, "pack", Path.Combine(root, project), "-c", "Release", "-o", feed, "--artifacts-path", artifacts, $"-p:Version={version}");
            Assert.True(pack.ExitCode == 0, pack.Out + pack.Error);
        }

        Assert.True(File.Exists(Path.Combine(feed, $"Functional.Laws.{version}.nupkg")));

        var app = Directory.CreateDirectory(Path.Combine(work.Path, "consumer")).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Functional.Laws" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), Consumer);
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Functional.*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        var run = await DotnetAsync(app, "run", "--project", Path.Combine(app, "Consumer.csproj"));

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("divergence 'Kl.Divergence': all 7 laws held.", run.Out, StringComparison.Ordinal);
        Assert.Contains("divergence 'naive KL':", run.Out, StringComparison.Ordinal);
        Assert.Contains("✗ defined at zeros", run.Out, StringComparison.Ordinal);
        Assert.Contains("Shrunk:", run.Out, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Functional.sln")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException("Functional.sln was not found above the test binaries.");
    }

    private static async Task<(int ExitCode, string Out, string Error)> DotnetAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
