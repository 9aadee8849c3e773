using System.CommandLine;
using Functional.Shell.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Fit;

/// <summary><c>functional fit</c>: maximum-likelihood (and MAP) fits of one column of a CSV file, with AIC/BIC, ranked for <c>auto</c>.</summary>
internal static class FitCommand
{
    public static VerbSpec Spec { get; } = new("fit", LogLevel.Warning, builder =>
    {
        builder.Services.AddOptions<FitOptions>()
            .BindConfiguration(FitOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FitOptions>, FitOptionsValidator>();
        builder.Services.AddSingleton<IVerbJob, FitJob>();
    });

    public static Command Create(ShellContext shell)
    {
        var data = new Option<string>("--data", "-d") { Description = "CSV file with a header row", HelpName = "FILE" };
        var column = new Option<string>("--column", "-c") { Description = "the column to fit", HelpName = "NAME" };
        var family = new Option<string>("--family", "-f")
        {
            Description = $"{string.Join(", ", FitFamilies.Names)}, or {FitFamilies.Auto} to fit every family the data allow and rank them by AIC [default: auto]",
            HelpName = "FAMILY",
        };
        var prior = new Option<string>("--prior")
        {
            Description = "a conjugate prior for a MAP estimate: beta:a,b (bernoulli), dirichlet:a (categorical, symmetric), "
                + "normal:m0,t2,s2 (gaussian mean, prior N(m0, t2), known variance s2) or nig:m0,k,a,b (gaussian, Normal-Inverse-Gamma)",
            HelpName = "PRIOR",
        };
        var json = new Option<bool>("--json") { Description = "write one JSON object instead of the table" };

        var command = new Command(Spec.Name,
            "Fit a distribution to one column of a CSV file by maximum likelihood: the estimate, the log-likelihood (nats), "
            + "AIC and BIC; with --prior also the MAP estimate and the posterior. With --family auto every family whose support "
            + "holds the data is fitted and ranked by AIC (continuous and discrete families separately: a density and a mass "
            + "are not comparable). Settings also come from appsettings.json (section Fit) and FUNCTIONAL_Fit__* variables.")
        {
            data, column, family, prior, json,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            CommandLineConfiguration.Put(values, parseResult, data, FitOptions.Section, nameof(FitOptions.Data));
            CommandLineConfiguration.Put(values, parseResult, column, FitOptions.Section, nameof(FitOptions.Column));
            CommandLineConfiguration.Put(values, parseResult, family, FitOptions.Section, nameof(FitOptions.Family));
            CommandLineConfiguration.Put(values, parseResult, prior, FitOptions.Section, nameof(FitOptions.Prior));
            CommandLineConfiguration.Put(values, parseResult, json, FitOptions.Section, nameof(FitOptions.Json));
            return VerbHost.RunAsync(shell, Spec, values, cancellationToken);
        });

        return command;
    }
}
