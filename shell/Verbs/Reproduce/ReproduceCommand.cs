using System.CommandLine;
using Functional.Shell.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary><c>functional reproduce [section...] [--out DIR] [--list]</c>: the lectures' worked examples as a report folder.</summary>
internal static class ReproduceCommand
{
    public static VerbSpec Spec { get; } = new("reproduce", LogLevel.Warning, builder =>
    {
        builder.Services.AddOptions<ReproduceOptions>()
            .BindConfiguration(ReproduceOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReproduceOptions>, ReproduceOptionsValidator>();
        builder.Services.AddSingleton<IVerbJob, ReproduceJob>();
    });

    public static Command Create(ShellContext shell)
    {
        var sections = new Argument<string[]>("section")
        {
            Description = "the sections to reproduce (see --list); none means all",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--out", "-o") { Description = "the report folder [default: report]", HelpName = "DIR" };
        var list = new Option<bool>("--list") { Description = "list the sections and write nothing" };

        var command = new Command(Spec.Name,
            "Reproduce the lectures' worked examples and demonstrations (entropy, KL, loss functions ...) as a report folder: "
            + "index.html (open it in a browser; no network needed) with every figure as SVG and every table as CSV. "
            + "Settings also come from appsettings.json (section Reproduce) and FUNCTIONAL_Reproduce__* environment variables.")
        {
            sections, output, list,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var chosen = parseResult.GetValue(sections) ?? [];
            for (var i = 0; i < chosen.Length; i++)
            {
                values[$"{ReproduceOptions.Section}:{nameof(ReproduceOptions.Sections)}:{i}"] = chosen[i];
            }

            CommandLineConfiguration.Put(values, parseResult, output, ReproduceOptions.Section, nameof(ReproduceOptions.Out));
            CommandLineConfiguration.Put(values, parseResult, list, ReproduceOptions.Section, nameof(ReproduceOptions.List));
            return VerbHost.RunAsync(shell, Spec, values, cancellationToken);
        });

        return command;
    }
}
