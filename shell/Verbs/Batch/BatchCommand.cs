using System.CommandLine;
using Functional.Shell.Hosting;
using Functional.Shell.Verbs.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Batch;

/// <summary><c>functional batch SWEEP.json</c>: run a sweep into the run store, resumable and shardable.</summary>
internal static class BatchCommand
{
    public static VerbSpec Spec { get; } = new("batch", LogLevel.Warning, builder =>
    {
        builder.Services.AddOptions<BatchOptions>()
            .BindConfiguration(BatchOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BatchOptions>, BatchOptionsValidator>();
        builder.Services.AddSingleton<IRunTrainer, CoreRunTrainer>();
        builder.Services.AddSingleton<IVerbJob, BatchJob>();
    });

    public static Command Create(ShellContext shell)
    {
        var sweep = new Argument<string>("sweep") { Description = "the sweep file (JSON: name, base, configs and/or grid)" };
        var store = new Option<string>("--store", "-s") { Description = $"the run store: a SQLite file or a PostgreSQL connection string [default: {RunsOptions.DefaultStore}]", HelpName = "STORE" };
        var parallel = new Option<int>("--parallel", "-j") { Description = "runs trained at once [default: the number of cores]", HelpName = "N" };
        var shard = new Option<string>("--shard") { Description = "run shard i of n (0-based, e.g. 0/3) [default: SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX with FUNCTIONAL_SHARD_COUNT, else the whole sweep]", HelpName = "i/n" };
        var output = new Option<string>("--out", "-o") { Description = "folder for ranking.csv, best-config.json and curves.svg [default: <sweep>-results beside the store]", HelpName = "DIR" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no progress lines; only failures and the results" };
        var lease = new Option<double>("--lease") { Description = "seconds a crashed worker's claims last before another machine takes its runs over [default: 60]", HelpName = "SECONDS" };

        var command = new Command(Spec.Name,
            "Run a sweep (a grid or list of training configs) in parallel into the run store (SQLite, or PostgreSQL shared by "
            + "many machines); rerunning the same command resumes it, skipping finished runs and continuing partial ones from "
            + "their checkpoints. Ends with the runs ranked by validation loss and the best config. Settings also come from "
            + "appsettings.json (section Batch) and FUNCTIONAL_Batch__* environment variables.")
        {
            sweep, store, parallel, shard, output, quiet, lease,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                [$"{BatchOptions.Section}:{nameof(BatchOptions.Sweep)}"] = parseResult.GetValue(sweep),
            };
            CommandLineConfiguration.Put(values, parseResult, store, BatchOptions.Section, nameof(BatchOptions.Store));
            CommandLineConfiguration.Put(values, parseResult, parallel, BatchOptions.Section, nameof(BatchOptions.Parallel));
            CommandLineConfiguration.Put(values, parseResult, shard, BatchOptions.Section, nameof(BatchOptions.Shard));
            CommandLineConfiguration.Put(values, parseResult, output, BatchOptions.Section, nameof(BatchOptions.Out));
            CommandLineConfiguration.Put(values, parseResult, quiet, BatchOptions.Section, nameof(BatchOptions.Quiet));
            CommandLineConfiguration.Put(values, parseResult, lease, BatchOptions.Section, nameof(BatchOptions.LeaseSeconds));
            return VerbHost.RunAsync(shell, Spec, values, cancellationToken);
        });

        return command;
    }
}
