using System.CommandLine;
using Functional.Shell.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Runs;

/// <summary><c>functional runs list|show|compare|export</c>: read the run store that <c>batch</c> and <c>train</c> write.</summary>
internal static class RunsCommand
{
    public static VerbSpec Spec { get; } = new("runs", LogLevel.Warning, builder =>
    {
        builder.Services.AddOptions<RunsOptions>()
            .BindConfiguration(RunsOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RunsOptions>, RunsOptionsValidator>();
        builder.Services.AddSingleton<IVerbJob, RunsJob>();
    });

    public static Command Create(ShellContext shell)
    {
        var store = new Option<string>("--store", "-s") { Description = $"the run store: a SQLite file or a PostgreSQL connection string [default: {RunsOptions.DefaultStore}]", HelpName = "STORE" };
        var sweep = new Option<string>("--sweep") { Description = "only the runs of this sweep", HelpName = "NAME" };
        var metric = new Option<string>("--metric", "-m") { Description = "the metric to overlay [default: validation_loss or validation_risk, else train_loss or train_risk, else the first]", HelpName = "NAME" };
        var output = new Option<string>("--out", "-o") { Description = "where to write the SVG overlay [default: compare.svg]", HelpName = "FILE" };
        var csv = new Option<string>("--csv") { Description = "the CSV file to write, - for standard output [default: -]", HelpName = "FILE" };
        var id = new Argument<string>("id") { Description = "a run id (see runs list)" };
        var ids = new Argument<string[]>("ids") { Description = "two or more run ids", Arity = ArgumentArity.OneOrMore };

        var list = new Command("list", "List the runs: id, sweep, status, epochs done and validation loss.") { store, sweep };
        var show = new Command("show", "Show one run: its config, status, summary and every epoch's metrics.") { id, store };
        var compare = new Command("compare", "Compare runs: their last epoch side by side, and an SVG overlaying one metric's curves.") { ids, store, metric, output };
        var export = new Command("export", "Export every epoch of every run (or of one sweep) as CSV: one row per run and epoch.") { store, sweep, csv };

        var command = new Command(Spec.Name,
            "Read the run store written by batch and train. Settings also come from appsettings.json (section Runs) "
            + "and FUNCTIONAL_Runs__* environment variables (e.g. FUNCTIONAL_Runs__Store).")
        {
            list, show, compare, export,
        };

        foreach (var (sub, action) in new[] { (list, "list"), (show, "show"), (compare, "compare"), (export, "export") })
        {
            sub.SetAction((parseResult, cancellationToken) =>
            {
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
                {
                    [$"{RunsOptions.Section}:{nameof(RunsOptions.Action)}"] = action,
                };
                var chosen = action switch
                {
                    "show" => [parseResult.GetValue(id)!],
                    "compare" => parseResult.GetValue(ids) ?? [],
                    _ => Array.Empty<string>(),
                };
                for (var i = 0; i < chosen.Length; i++)
                {
                    values[$"{RunsOptions.Section}:{nameof(RunsOptions.Ids)}:{i}"] = chosen[i];
                }

                CommandLineConfiguration.Put(values, parseResult, store, RunsOptions.Section, nameof(RunsOptions.Store));
                CommandLineConfiguration.Put(values, parseResult, sweep, RunsOptions.Section, nameof(RunsOptions.Sweep));
                CommandLineConfiguration.Put(values, parseResult, metric, RunsOptions.Section, nameof(RunsOptions.Metric));
                CommandLineConfiguration.Put(values, parseResult, output, RunsOptions.Section, nameof(RunsOptions.Out));
                CommandLineConfiguration.Put(values, parseResult, csv, RunsOptions.Section, nameof(RunsOptions.Csv));
                return VerbHost.RunAsync(shell, Spec, values, cancellationToken);
            });
        }

        return command;
    }
}
