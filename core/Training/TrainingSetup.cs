using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;

namespace Functional.Training;

/// <summary>
/// Everything that fixes a training run: (model, data, regulariser, optimizer, schedule, options, seed). Validated at
/// construction, so enumerating <see cref="Trainer.Epochs"/> fails only on an invalid resume state.
/// </summary>
/// <remarks>The learning rate of step t is <c>Schedule.At(t)</c>; with a <see cref="Plateau"/> scheduler it is instead the
/// plateau state's rate, started at <c>Schedule.At(0)</c> and fed the validation risk (the training risk without
/// validation data) after every epoch.</remarks>
public sealed record TrainingSetup
{
    /// <summary>Creates and validates a setup.</summary>
    /// <param name="model">The model (its loss included).</param>
    /// <param name="train">The training rows; columns must equal the model's features.</param>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="schedule">η as a function of the step.</param>
    /// <param name="options">Mode, budgets, stopping rules; defaults when null.</param>
    /// <param name="regularizer">Ω; none when null.</param>
    /// <param name="validation">Optional validation rows (for early stopping and reporting).</param>
    /// <param name="initialization">The first weights; zeros when null.</param>
    /// <param name="seed">The seed of the initial weights and every epoch's order.</param>
    /// <param name="plateau">An optional reduce-on-plateau scheduler replacing the schedule after step 0.</param>
    /// <exception cref="ArgumentNullException">model, train, optimizer or schedule is null.</exception>
    /// <exception cref="ArgumentException">The data's columns differ from the model's features (<c>train has 3 columns but the
    /// model takes 2 features.</c>); targets unfit for the model; given weights of the wrong length; early stopping without
    /// validation data; a plateau scheduler with <see cref="TrainingOptions.MetricsEvery"/> &gt; 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The mini-batch size exceeds the training rows.</exception>
    public TrainingSetup(
        TrainingModel model, Dataset train, Optimizer optimizer, Schedule schedule, TrainingOptions? options = null,
        Regularizer? regularizer = null, Dataset? validation = null, Initialization? initialization = null, ulong seed = 0,
        ReduceOnPlateau? plateau = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= new TrainingOptions();
        LinearModel.CheckColumns(train.Columns, model.Features, nameof(train));
        model.CheckTargets(train);
        if (validation is not null)
        {
            LinearModel.CheckColumns(validation.Columns, model.Features, nameof(validation));
            model.CheckTargets(validation);
        }

        if (options.Mode == TrainingMode.MiniBatch && options.BatchSize > train.Rows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.BatchSize, $"options.BatchSize = {options.BatchSize} exceeds the {train.Rows} training rows.");
        }

        if (options.EarlyStoppingPatience > 0 && validation is null)
        {
            throw new ArgumentException("options.EarlyStoppingPatience > 0 needs validation data; pass validation.", nameof(validation));
        }

        if (options.MetricsEvery > 1 && plateau is not null)
        {
            throw new ArgumentException(
                $"options.MetricsEvery = {options.MetricsEvery}; a reduce-on-plateau scheduler reads every epoch's risk, so it needs MetricsEvery = 1.",
                nameof(plateau));
        }

        initialization ??= Initialization.Zeros;
        if (initialization.Kind == InitializationKind.Given)
        {
            LinearModel.CheckParameters(initialization.Weights.Length, model.ParameterCount, nameof(initialization));
        }

        Model = model;
        Train = train;
        Optimizer = optimizer;
        Schedule = schedule;
        Options = options;
        Regularizer = regularizer ?? Regularizer.None;
        Validation = validation;
        Initialization = initialization;
        Seed = seed;
        Plateau = plateau;
    }

    /// <summary>The model.</summary>
    public TrainingModel Model { get; }

    /// <summary>The training rows.</summary>
    public Dataset Train { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning-rate schedule.</summary>
    public Schedule Schedule { get; }

    /// <summary>The options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Ω.</summary>
    public Regularizer Regularizer { get; }

    /// <summary>The validation rows, if any.</summary>
    public Dataset? Validation { get; }

    /// <summary>The initialisation.</summary>
    public Initialization Initialization { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>The reduce-on-plateau scheduler, if any.</summary>
    public ReduceOnPlateau? Plateau { get; }
}
