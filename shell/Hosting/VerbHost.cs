using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Hosting;

/// <summary>
/// Runs one verb inside a Generic Host. Configuration, lowest precedence first: the optional
/// <c>appsettings.json</c> in the settings folder, <c>FUNCTIONAL_</c>-prefixed environment variables
/// (<c>FUNCTIONAL_Divergence__Base=2</c>), then the options given on the command line. Logging goes to
/// stderr at the verb's default level (override with <c>Logging:LogLevel:Default</c>). The host stops
/// itself when the job ends; Ctrl+C / SIGTERM stop it early (exit code 130).
/// </summary>
internal static class VerbHost
{
    public static async Task<int> RunAsync(
        ShellContext shell,
        VerbSpec verb,
        IReadOnlyDictionary<string, string?> commandLine,
        CancellationToken cancellationToken)
    {
        var outcome = new VerbOutcome();
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                // No defaults: they would read every environment variable (unprefixed) and log to stdout.
                DisableDefaults = true,
                ApplicationName = "functional",
                ContentRootPath = shell.SettingsDirectory,
                EnvironmentName = Environments.Production,
            });

            builder.Configuration.AddJsonFile(
                Path.Combine(Path.GetFullPath(shell.SettingsDirectory), "appsettings.json"), optional: true, reloadOnChange: false);
            if (shell.Variables is null)
            {
                builder.Configuration.AddEnvironmentVariables(ShellContext.EnvironmentPrefix);
            }
            else
            {
                builder.Configuration.AddInMemoryCollection(FromVariables(shell.Variables));
            }

            builder.Configuration.AddInMemoryCollection(commandLine);

            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(verb.DefaultLogLevel);
            // The host's own "failed to start" error carries a stack trace; the shell reports it as one line instead.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
            builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
            builder.Logging.AddProvider(new TextWriterLoggerProvider(shell.Error));

            builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
            builder.Services.AddSingleton(shell);
            builder.Services.AddSingleton(outcome);
            builder.Services.AddHostedService<VerbWorker>();
            verb.Register(builder);

            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
        }
        catch (OptionsValidationException exception)
        {
            return Fail(shell, verb, ExitCodes.BadInput, exception.Failures.FirstOrDefault() ?? exception.Message);
        }
        catch (InvalidOperationException exception) when (IsConfigurationValueError(exception))
        {
            // A settings file or variable holds a value of the wrong type ("Json": "maybe").
            return Fail(shell, verb, ExitCodes.BadInput, ShellInputException.OneLine(exception));
        }
        catch (InvalidDataException exception)
        {
            // appsettings.json is not valid JSON.
            return Fail(shell, verb, ExitCodes.BadInput, ShellInputException.OneLine(exception));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(shell, verb, ExitCodes.Interrupted, "interrupted.");
        }

        return outcome.ExitCode switch
        {
            null => Fail(shell, verb, ExitCodes.Interrupted, "interrupted."),
            { } code when outcome.Message is { } message => Fail(shell, verb, code, message),
            { } code => code,
        };
    }

    /// <summary>Writes <c>functional {verb}: {message}</c> as one line on stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(ShellContext shell, VerbSpec verb, int exitCode, string message)
    {
        shell.Error.WriteLine($"functional {verb.Name}: {message}");
        shell.Error.Flush();
        return exitCode;
    }

    /// <summary>The configuration an <c>AddEnvironmentVariables(prefix)</c> source would produce from these variables.</summary>
    internal static IEnumerable<KeyValuePair<string, string?>> FromVariables(IReadOnlyDictionary<string, string> variables)
        => variables
            .Where(v => v.Key.StartsWith(ShellContext.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(v => new KeyValuePair<string, string?>(
                v.Key[ShellContext.EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
                v.Value));

    private static bool IsConfigurationValueError(InvalidOperationException exception)
        => exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
           || exception.InnerException is FormatException;
}
