using System.CommandLine;
using Functional.Shell.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Divergence;

/// <summary><c>functional divergence</c>: entropies, cross-entropies, KL both ways, Jensen-Shannon and the Gibbs witness.</summary>
internal static class DivergenceCommand
{
    public static VerbSpec Spec { get; } = new("divergence", LogLevel.Warning, builder =>
    {
        builder.Services.AddOptions<DivergenceOptions>()
            .BindConfiguration(DivergenceOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DivergenceOptions>, DivergenceOptionsValidator>();
        builder.Services.AddSingleton<IVerbJob, DivergenceJob>();
    });

    public static Command Create(ShellContext shell)
    {
        var p = new Option<string>("--p") { Description = "p as comma-separated probabilities, e.g. 0.2,0.1,0.7", HelpName = "LIST" };
        var q = new Option<string>("--q") { Description = "q as comma-separated probabilities, e.g. 0.5,0.3,0.2", HelpName = "LIST" };
        var logBase = new Option<string>("--base", "-b") { Description = "logarithm base: e, 2, 10, bits, nats or a number > 1 [default: e]", HelpName = "BASE" };
        var json = new Option<bool>("--json") { Description = "write one JSON object instead of the table" };
        var csv = new Option<string>("--csv") { Description = "read p and q from columns of a CSV file with a header row", HelpName = "FILE" };
        var pColumn = new Option<string>("--p-column") { Description = "CSV column holding p [default: p]", HelpName = "NAME" };
        var qColumn = new Option<string>("--q-column") { Description = "CSV column holding q [default: q]", HelpName = "NAME" };

        var command = new Command(Spec.Name,
            "Compare two probability vectors: H(p), H(q), H(p,q), H(q,p), KL(p‖q), KL(q‖p), Jensen-Shannon divergence and "
            + "distance, and the Gibbs witness H(p) ≤ H(p,q). Without --p/--q or --csv it uses the lecture's example "
            + "p = (0.2, 0.1, 0.7), q = (0.5, 0.3, 0.2). Settings also come from appsettings.json (section Divergence) "
            + "and FUNCTIONAL_Divergence__* environment variables.")
        {
            p, q, logBase, json, csv, pColumn, qColumn,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            CommandLineConfiguration.Put(values, parseResult, p, DivergenceOptions.Section, nameof(DivergenceOptions.P));
            CommandLineConfiguration.Put(values, parseResult, q, DivergenceOptions.Section, nameof(DivergenceOptions.Q));
            CommandLineConfiguration.Put(values, parseResult, logBase, DivergenceOptions.Section, nameof(DivergenceOptions.Base));
            CommandLineConfiguration.Put(values, parseResult, json, DivergenceOptions.Section, nameof(DivergenceOptions.Json));
            CommandLineConfiguration.Put(values, parseResult, csv, DivergenceOptions.Section, nameof(DivergenceOptions.Csv));
            CommandLineConfiguration.Put(values, parseResult, pColumn, DivergenceOptions.Section, nameof(DivergenceOptions.PColumn));
            CommandLineConfiguration.Put(values, parseResult, qColumn, DivergenceOptions.Section, nameof(DivergenceOptions.QColumn));
            return VerbHost.RunAsync(shell, Spec, values, cancellationToken);
        });

        return command;
    }
}
