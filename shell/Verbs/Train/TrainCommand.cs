using System.CommandLine;
using Functional.Shell.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Train;

/// <summary><c>functional train [CONFIG.json] [options]</c>: one training run into a run folder, checkpointed every epoch.</summary>
internal static class TrainCommand
{
    public static VerbSpec Spec { get; } = new("train", LogLevel.Information, builder =>
    {
        builder.Services.AddOptions<TrainOptions>()
            .BindConfiguration(TrainOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrainOptions>, TrainOptionsValidator>();
        builder.Services.AddSingleton<IVerbJob, TrainJob>();
    });

    public static Command Create(ShellContext shell)
    {
        var config = new Argument<string?>("config")
        {
            Description = "a JSON config file (see NOTES.md, 'functional train'); none: logistic regression with L2 on the built-in breast_cancer data",
            Arity = ArgumentArity.ZeroOrOne,
        };
        // An unknown option would otherwise be taken for the config file's name.
        config.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value.StartsWith('-'))
            {
                result.AddError($"Unrecognized option '{result.Tokens[0].Value}'.");
            }
        });
        var data = new Option<string>("--data", "-d") { Description = "data.path: a CSV file with a header row, or builtin:breast_cancer|iris|wine|digits|diabetes", HelpName = "FILE" };
        var target = new Option<string>("--target", "-t") { Description = "data.target: the target column [default: the last column]", HelpName = "COLUMN" };
        var model = new Option<string>("--model", "-m") { Description = "model.kind: linear, polynomial, logistic or softmax", HelpName = "KIND" };
        var loss = new Option<string>("--loss") { Description = "loss: a loss name (binary_cross_entropy_with_logits, hinge, half_squared_error, huber, …)", HelpName = "NAME" };
        var optimizer = new Option<string>("--optimizer") { Description = "optimizer.kind: gd, sgd, adam, adamw, steepest-descent, …", HelpName = "KIND" };
        var lr = new Option<double?>("--lr") { Description = "optimizer.lr: the base learning rate", HelpName = "RATE" };
        var epochs = new Option<int?>("--epochs", "-e") { Description = "training.epochs: the epoch budget", HelpName = "N" };
        var batch = new Option<int?>("--batch-size", "-b") { Description = "training.batchSize: rows per mini-batch", HelpName = "N" };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "seed: of the split, the initial weights and every epoch's order", HelpName = "N" };
        var output = new Option<string>("--out", "-o") { Description = "the run folder [default: runs/train-<time>-<config hash>]", HelpName = "DIR" };
        var resume = new Option<string>("--resume") { Description = "continue the run in DIR from its checkpoint (bit-identical to an uninterrupted run)", HelpName = "DIR" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no progress bar or progress lines" };

        var command = new Command(Spec.Name,
            "Train one model and write a run folder: config.json (the resolved config), metrics.csv (one row per epoch), "
            + "model.json, summary.json, SVG plots and index.html. Checkpoints every epoch; Ctrl+C / SIGTERM keep the checkpoint "
            + "(exit 130) and --resume continues exactly. Options override the config's keys.\n\n"
            + "Examples:\n"
            + "  functional train                                      logistic + L2 on breast_cancer\n"
            + "  functional train run.json --epochs 50 --lr 0.05       a config file with overrides\n"
            + "  functional train --data builtin:iris --model softmax  softmax regression on iris\n"
            + "  functional train --data houses.csv --target price --model linear --loss huber\n"
            + "  functional train --resume runs/train-20260101-120000-1a2b3c4d")
        {
            config, data, target, model, loss, optimizer, lr, epochs, batch, seed, output, resume, quiet,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (parseResult.GetValue(config) is { } file)
            {
                values[$"{TrainOptions.Section}:{nameof(TrainOptions.Config)}"] = file;
            }

            CommandLineConfiguration.Put(values, parseResult, data, TrainOptions.Section, nameof(TrainOptions.Data));
            CommandLineConfiguration.Put(values, parseResult, target, TrainOptions.Section, nameof(TrainOptions.Target));
            CommandLineConfiguration.Put(values, parseResult, model, TrainOptions.Section, nameof(TrainOptions.Model));
            CommandLineConfiguration.Put(values, parseResult, loss, TrainOptions.Section, nameof(TrainOptions.Loss));
            CommandLineConfiguration.Put(values, parseResult, optimizer, TrainOptions.Section, nameof(TrainOptions.Optimizer));
            CommandLineConfiguration.Put(values, parseResult, lr, TrainOptions.Section, nameof(TrainOptions.Lr));
            CommandLineConfiguration.Put(values, parseResult, epochs, TrainOptions.Section, nameof(TrainOptions.Epochs));
            CommandLineConfiguration.Put(values, parseResult, batch, TrainOptions.Section, nameof(TrainOptions.BatchSize));
            CommandLineConfiguration.Put(values, parseResult, seed, TrainOptions.Section, nameof(TrainOptions.Seed));
            CommandLineConfiguration.Put(values, parseResult, output, TrainOptions.Section, nameof(TrainOptions.Out));
            CommandLineConfiguration.Put(values, parseResult, resume, TrainOptions.Section, nameof(TrainOptions.Resume));
            CommandLineConfiguration.Put(values, parseResult, quiet, TrainOptions.Section, nameof(TrainOptions.Quiet));
            return VerbHost.RunAsync(shell, Spec, values, cancellationToken);
        });

        return command;
    }
}
