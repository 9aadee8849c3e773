using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Functional.Tests.Shell;

namespace Functional.Tests.Packaging;

/// <summary>
/// The packages install and run for a stranger. The laws: `dotnet pack` the core and the laws into a folder, then a fresh
/// console project outside this repository (no Directory.Build.props, no central versions) restores Functional.Laws from
/// that folder feed, checks every family of laws against the core's implementations and catches two wrong ones. The
/// shell: packed as a .NET tool, installed into a temporary tool path, and run.
/// </summary>
public class LawsPackageTests
{
    private const string Consumer = """
        using Functional.Distributions;
        using Functional.Estimation;
        using Functional.Information;
        using Functional.Laws;
        using Functional.Laws.Generators;
        using Functional.Losses;
        using Functional.Optimization;

        // Every family of laws against the core's own implementations (each must pass), then two deliberately wrong
        // implementations (each must be reported with its shrunk counterexample).
        var config = new LawConfig(Cases: 30);

        var huber = new LossUnderTest("Loss.Huber", (p, t, delta, v, g) => Loss.HuberElementwise<double>(p, t, v, g, delta))
        {
            SwitchPoints = (t, delta) => [t - delta, t + delta],
            MathematicsFinite = (p, t, delta) => delta * (Math.Abs(p) + Math.Abs(t)) < 1.7e308,
        };
        var gaussian = new EstimatorUnderTest(
            "Mle.Gaussian",
            x => [Mle.Gaussian(x).Distribution.Mean, Mle.Gaussian(x).Distribution.StandardDeviation],
            (θ, x) => new Gaussian(θ[0], θ[1]).LogLikelihood(x));

        LawReport[] good =
        [
            LawsOf.Divergence((p, q, b) => Kl.Divergence(p, q, b), "Kl.Divergence", DivergenceTraits.FDivergence).Check(config),
            LawsOf.Metric((p, q) => JensenShannon.Distance(p, q), "JensenShannon.Distance").Check(config),
            LawsOf.Entropy(p => Entropy.Of(p), "Entropy.Of").Check(config),
            LawsOf.Loss(huber).Check(config),
            LawsOf.Loss(
                (p, t, _) => Math.Max(0.0, 1.0 - (t * p)), (p, t, _) => t * p < 1.0 ? -t : 0.0, "hinge (mine)",
                TargetDomain.Sign, kinks: (t, _) => [t], surrogateScale: 1.0).Check(config),
            LawsOf.Estimator(gaussian, SampleModels.Gaussian, new EstimatorTraits
            {
                Roles = [ParameterRole.Location, ParameterRole.Scale], ShiftEquivariant = true, ScaleEquivariant = true,
            }).Check(config),
            LawsOf.Optimizer(OptimizerUnderTest.From(Optimizers.Sgd()), new OptimizerTraits { DescendsOnQuadratics = true }).Check(config),
            LawsOf.Schedule(seed =>
            {
                var r = new Random(seed);
                var (initial, total) = (Math.Pow(10.0, -4.0 + (4.0 * r.NextDouble())), r.Next(1, 300));
                var s = Schedules.Cosine(initial, total);
                return new ScheduleUnderTest(s.ToString(), s.At, 0.0, initial, 2 * total) { DecreasingFrom = 0 };
            }, "Schedules.Cosine").Check(config),
        ];

        // Huber with the derivative's sign flipped outside δ, and a KL without 0·log 0 = 0.
        var wrongHuber = LawsOf.Loss(
            (p, t, d) => Math.Abs(p - t) <= d ? 0.5 * (p - t) * (p - t) : d * (Math.Abs(p - t) - (0.5 * d)),
            (p, t, d) => Math.Abs(p - t) <= d ? p - t : -d * Math.Sign(p - t),
            "Huber, wrong sign outside δ").Check(config);
        var naiveKl = LawsOf.Divergence((p, q) => p.Select((x, i) => x * Math.Log(x / q[i])).Sum(), "naive KL").Check(config);

        foreach (var report in good.Append(wrongHuber).Append(naiveKl))
        {
            Console.WriteLine(report);
            Console.WriteLine();
        }

        var ok = good.All(r => r.Passed)
            && !wrongHuber[LossLawSuite.DerivativeLaw].Held
            && !naiveKl["defined at zeros"].Held;
        Console.WriteLine(ok ? "consumer: as expected" : "consumer: NOT as expected");
        return ok ? 0 : 1;
        """;

    [Fact]
    public async Task The_packed_laws_package_installs_from_a_folder_feed_and_checks_every_family()
    {
        var root = RepositoryRoot();
        using var work = new TempDirectory();
        var feed = Directory.CreateDirectory(Path.Combine(work.Path, "feed")).FullName;
        var version = UniqueVersion();

        foreach (var project in new[] { "core/Functional.Core.csproj", "laws/Functional.Laws.csproj" })
        {
            await PackAsync(root, project, feed, version, work.Path);
        }

        Assert.True(File.Exists(Path.Combine(feed, $"Functional.Laws.{version}.nupkg")));
        using (var package = ZipFile.OpenRead(Path.Combine(feed, $"Functional.Core.{version}.nupkg")))
        {
            // the core package carries its XML docs and README, and says its licence
            Assert.Contains(package.Entries, e => e.FullName == "lib/net10.0/Functional.Core.xml");
            Assert.Contains(package.Entries, e => e.FullName == "README.md");
            using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var text = await nuspec.ReadToEndAsync();
            Assert.Contains("<license type=\"expression\">MIT</license>", text, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", text, StringComparison.Ordinal);
        }

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
        Assert.Contains("consumer: as expected", run.Out, StringComparison.Ordinal);
        foreach (var subject in new[]
        {
            "divergence 'Kl.Divergence'", "metric 'JensenShannon.Distance'", "entropy 'Entropy.Of'", "loss 'Loss.Huber'", "loss 'hinge (mine)'",
            "estimator 'Mle.Gaussian'", "optimizer '", "schedule 'Schedules.Cosine'",
        })
        {
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape(subject) + @"[^\n]*: all [0-9]+ laws held\.", run.Out);
        }

        Assert.Contains("loss 'Huber, wrong sign outside δ':", run.Out, StringComparison.Ordinal);
        Assert.Contains("✗ derivative = finite difference", run.Out, StringComparison.Ordinal);
        Assert.Contains("divergence 'naive KL':", run.Out, StringComparison.Ordinal);
        Assert.Contains("✗ defined at zeros", run.Out, StringComparison.Ordinal);
        Assert.Contains("Shrunk:   n = 1, parameter = 1;", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shell_packs_as_a_dotnet_tool_that_installs_into_a_tool_path_and_runs()
    {
        var root = RepositoryRoot();
        using var work = new TempDirectory();
        var feed = Directory.CreateDirectory(Path.Combine(work.Path, "feed")).FullName;
        var version = UniqueVersion();
        await PackAsync(root, "shell/Functional.Shell.csproj", feed, version, work.Path);

        // Only the folder feed: the tool package carries its dependencies, so nothing else is needed.
        var installer = Directory.CreateDirectory(Path.Combine(work.Path, "installer")).FullName;
        await File.WriteAllTextAsync(Path.Combine(installer, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /></packageSources>
            </configuration>
            """);
        var tools = Path.Combine(work.Path, "tools");
        var install = await DotnetAsync(installer, "tool", "install", "--tool-path", tools, "--add-source", feed, "Functional.Shell", "--version", version);
        Assert.True(install.ExitCode == 0, install.Out + install.Error);

        var functional = Path.Combine(tools, OperatingSystem.IsWindows() ? "functional.exe" : "functional");
        var shown = await RunAsync(work.Path, functional, "--version");
        Assert.True(shown.ExitCode == 0, shown.Out + shown.Error);
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+", shown.Out.Trim());

        var help = await RunAsync(work.Path, functional, "divergence", "--help");
        Assert.True(help.ExitCode == 0, help.Out + help.Error);
        Assert.Contains("--p", help.Out, StringComparison.Ordinal);
        Assert.Contains("--base", help.Out, StringComparison.Ordinal);

        // The built-in data sets travel with the tool: every data/*.csv the shell's build places next to its assembly is
        // also next to the installed tool's assembly.
        var built = Path.Combine(AppContext.BaseDirectory, "data");
        var shipped = Directory.GetFiles(tools, "*.csv", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "data")
            .Select(Path.GetFileName)
            .ToHashSet();
        foreach (var file in Directory.Exists(built) ? Directory.GetFiles(built, "*.csv") : [])
        {
            Assert.Contains(Path.GetFileName(file), shipped);
        }
    }

    /// <summary>A version nobody has cached: a consumer must restore what this run packed.</summary>
    private static string UniqueVersion() => "0.0.0-test." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Packs <paramref name="project"/> into <paramref name="feed"/>. The test's own build has already compiled it in the
    /// same configuration (the test project references core, shell and laws), so pack reuses that build (--no-build):
    /// building three projects again in Release would take minutes on a busy machine. Falls back to a full build into a
    /// temporary artifacts folder when that output is missing.
    /// </summary>
    private static async Task PackAsync(string root, string project, string feed, string version, string scratch)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/<configuration>/net10.0/
        var path = Path.Combine(root, project);
        var output = Path.Combine(Path.GetDirectoryName(path)!, "bin", configuration, "net10.0");
        var built = Directory.Exists(output) && Directory.GetFiles(output, "*.dll").Length > 0;
        string[] args = built
            ? ["pack", path, "-c", configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}"]
            : ["pack", path, "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(scratch, "artifacts"), $"-p:Version={version}"];
        var pack = await DotnetAsync(root, args);
        Assert.True(pack.ExitCode == 0, pack.Out + pack.Error);
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

    private static Task<(int ExitCode, string Out, string Error)> DotnetAsync(string workingDirectory, params string[] args)
        => RunAsync(workingDirectory, "dotnet", args);

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(string workingDirectory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
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
