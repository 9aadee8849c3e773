using Microsoft.Extensions.Options;

namespace Functional.Shell.Verbs.Train;

/// <summary>
/// Options of <c>functional train</c>, bound from the <c>Train</c> section of configuration (<c>appsettings.json</c>,
/// <c>FUNCTIONAL_Train__*</c> variables, then the command line). Each set option overrides one key of the config file.
/// </summary>
public sealed class TrainOptions
{
    public const string Section = "Train";

    /// <summary>The JSON config file; none means every default (logistic, L2, breast_cancer).</summary>
    public string? Config { get; set; }

    /// <summary>data.path: a CSV file, or builtin:NAME.</summary>
    public string? Data { get; set; }

    /// <summary>data.target.</summary>
    public string? Target { get; set; }

    /// <summary>model.kind.</summary>
    public string? Model { get; set; }

    /// <summary>loss (name).</summary>
    public string? Loss { get; set; }

    /// <summary>optimizer.kind.</summary>
    public string? Optimizer { get; set; }

    /// <summary>optimizer.lr.</summary>
    public double? Lr { get; set; }

    /// <summary>training.epochs.</summary>
    public int? Epochs { get; set; }

    /// <summary>training.batchSize.</summary>
    public int? BatchSize { get; set; }

    /// <summary>seed.</summary>
    public ulong? Seed { get; set; }

    /// <summary>The run folder.</summary>
    public string? Out { get; set; }

    /// <summary>A run folder to continue from its checkpoint.</summary>
    public string? Resume { get; set; }

    /// <summary>No progress bar or progress lines.</summary>
    public bool Quiet { get; set; }

    /// <summary>Whether any option that changes the config is set.</summary>
    internal bool ChangesConfig
        => Config is not null || Data is not null || Target is not null || Model is not null || Loss is not null || Optimizer is not null
           || Lr is not null || Epochs is not null || BatchSize is not null || Seed is not null;
}

/// <summary>Checks <see cref="TrainOptions"/> when the host starts; each failure is one sentence.</summary>
internal sealed class TrainOptionsValidator : IValidateOptions<TrainOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Resume is not null && options.ChangesConfig)
        {
            failures.Add("--resume DIR continues a run with its own config.json; give no CONFIG and no options that change it (only --quiet).");
        }

        if (options.Resume is not null && options.Out is not null)
        {
            failures.Add("--resume DIR writes into DIR; leave out --out.");
        }

        if (options.Lr is { } lr && !(lr > 0.0 && double.IsFinite(lr)))
        {
            failures.Add($"--lr {lr}: must be > 0.");
        }

        if (options.Epochs is { } epochs && epochs < 1)
        {
            failures.Add($"--epochs {epochs}: must be at least 1.");
        }

        if (options.BatchSize is { } batch && batch < 1)
        {
            failures.Add($"--batch-size {batch}: must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
