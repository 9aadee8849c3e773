using System.Collections.Immutable;

namespace Functional.Training;

/// <summary>How many samples each step sees.</summary>
public enum TrainingMode
{
    /// <summary>Full-batch gradient descent: one step per epoch on all training rows (no shuffling).</summary>
    FullBatch,

    /// <summary>Per-sample SGD: one step per row, in the order <see cref="TrainingOptions.Order"/> chooses.</summary>
    PerSample,

    /// <summary>Mini-batch SGD: steps on consecutive batches of <see cref="TrainingOptions.BatchSize"/> rows of the epoch's
    /// order; the last batch holds the remainder (PyTorch's <c>drop_last=False</c>).</summary>
    MiniBatch,
}

/// <summary>The order in which an epoch visits the rows (per-sample and mini-batch modes).</summary>
public enum SampleOrder
{
    /// <summary>A fresh uniformly random permutation each epoch.</summary>
    Shuffle,

    /// <summary>Smallest margin first (largest error): the rows the model gets most wrong are visited first.</summary>
    LargeError,

    /// <summary>Smallest |margin| first: the rows nearest the decision boundary are visited first.</summary>
    Uncertainty,
}

/// <summary>Why a run stopped.</summary>
public enum StopReason
{
    /// <summary>The epoch budget <see cref="TrainingOptions.Epochs"/> was spent.</summary>
    EpochBudget,

    /// <summary>The step budget <see cref="TrainingOptions.MaxSteps"/> was spent (possibly mid-epoch).</summary>
    StepBudget,

    /// <summary>The training risk changed by at most the tolerance for <see cref="TrainingOptions.PlateauPatience"/> epochs.</summary>
    RiskPlateau,

    /// <summary>The weights moved by at most the tolerance for <see cref="TrainingOptions.PlateauPatience"/> epochs.</summary>
    WeightPlateau,

    /// <summary>The validation risk did not improve for <see cref="TrainingOptions.EarlyStoppingPatience"/> epochs.</summary>
    EarlyStopping,

    /// <summary>A batch risk, gradient or the updated weights were NaN or infinite; the weights are the last finite ones.</summary>
    Diverged,
}

/// <summary>How the first weights are chosen.</summary>
public enum InitializationKind
{
    /// <summary>All zeros.</summary>
    Zeros,

    /// <summary>Independent uniform draws on (−1/(2n), 1/(2n)), n = the number of parameters, from the run's seed.</summary>
    Uniform,

    /// <summary>Given (pre-trained) weights.</summary>
    Given,
}

/// <summary>The initial weights: <see cref="Zeros"/>, <see cref="Uniform"/> or <see cref="Given"/>.</summary>
public sealed record Initialization
{
    private Initialization(InitializationKind kind, ImmutableArray<double> weights)
    {
        Kind = kind;
        Weights = weights;
    }

    /// <summary>Which rule.</summary>
    public InitializationKind Kind { get; }

    /// <summary>The given weights (empty unless <see cref="Kind"/> is <see cref="InitializationKind.Given"/>).</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>All zeros.</summary>
    public static Initialization Zeros { get; } = new(InitializationKind.Zeros, []);

    /// <summary>Uniform on (−1/(2n), 1/(2n)), n the parameter count (the lecture's rule), drawn from the run's seed.</summary>
    public static Initialization Uniform { get; } = new(InitializationKind.Uniform, []);

    /// <summary>Start from these weights (copied).</summary>
    /// <param name="weights">θ₀, finite; its length is checked against the model when the setup is built.</param>
    /// <returns>The initialisation.</returns>
    /// <exception cref="ArgumentException">An entry is NaN or infinite: <c>weights[2] = NaN is not finite.</c></exception>
    public static Initialization Given(ReadOnlySpan<double> weights)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]))
            {
                throw Numerics.Guard.InvalidElement(new Numerics.Operand(nameof(weights)), i, weights[i], "is not finite");
            }
        }

        return new(InitializationKind.Given, [.. weights]);
    }

    /// <summary>Equal kinds and bitwise-equal weights.</summary>
    /// <param name="other">The other initialisation.</param>
    /// <returns>Whether they are the same.</returns>
    public bool Equals(Initialization? other) => other is not null && Kind == other.Kind && Bits.Equal(Weights, other.Weights);

    /// <summary>A hash of the kind.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => (int)Kind;
}

/// <summary>
/// The fold's settings: mode, budgets and stopping rules. Validated at construction; a tolerance or patience of null/0
/// turns its rule off.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Creates options.</summary>
    /// <param name="epochs">The epoch budget, ≥ 1.</param>
    /// <param name="mode">Full batch, per sample or mini-batch.</param>
    /// <param name="batchSize">Rows per step in <see cref="TrainingMode.MiniBatch"/>, ≥ 1 (≤ the training rows, checked by the setup).</param>
    /// <param name="order">The object order of the stochastic modes.</param>
    /// <param name="maxSteps">An optional step budget, ≥ 1.</param>
    /// <param name="smoothing">λ ∈ (0, 1] of the smoothed risk R ← (1 − λ)R + λε_i.</param>
    /// <param name="riskTolerance">Plateau of the risk: |R_t − R_{t−1}| ≤ tol·max(1, |R_{t−1}|); ≥ 0, null = off.</param>
    /// <param name="weightTolerance">Plateau of the weights: ‖w_t − w_{t−1}‖ ≤ tol·max(1, ‖w_{t−1}‖); ≥ 0, null = off.</param>
    /// <param name="plateauPatience">Consecutive plateau epochs before stopping, ≥ 1.</param>
    /// <param name="earlyStoppingPatience">Epochs without a validation improvement before stopping, ≥ 0 (0 = off; needs validation data).</param>
    /// <param name="restoreBest">Whether early stopping returns the weights of the best validation epoch.</param>
    /// <param name="metricsEvery">k ≥ 1: the full-data figures of an epoch (training risk, accuracy and gradient norm,
    /// validation risk and accuracy) are computed after every k-th epoch and after the last one; the epochs between repeat
    /// the last computed figures. Each costs a pass over all the data, as much memory traffic as a mini-batch epoch, so a
    /// loop that, like a plain PyTorch loop, reports only at the end runs about twice as fast with k ≥ the epoch budget.
    /// The weights, the optimizer state, the step count and the last epoch's figures are the same bits for every k; the
    /// best-epoch record (<see cref="EpochState.BestEpoch"/> and its kin) sees only the epochs whose figures were computed.
    /// The rules that read those figures (early stopping, the risk plateau, a reduce-on-plateau scheduler) need k = 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or tolerance is out of its range (named, with its value).</exception>
    /// <exception cref="ArgumentException"><paramref name="metricsEvery"/> &gt; 1 with early stopping or a risk tolerance.</exception>
    public TrainingOptions(
        int epochs = 100, TrainingMode mode = TrainingMode.FullBatch, int batchSize = 32, SampleOrder order = SampleOrder.Shuffle,
        long? maxSteps = null, double smoothing = 0.01, double? riskTolerance = null, double? weightTolerance = null,
        int plateauPatience = 1, int earlyStoppingPatience = 0, bool restoreBest = true, int metricsEvery = 1)
    {
        Epochs = epochs >= 1 ? epochs : throw Out(nameof(epochs), epochs, "an epoch budget is at least 1");
        Mode = Enum.IsDefined(mode) ? mode : throw Out(nameof(mode), mode, "not a training mode");
        BatchSize = batchSize >= 1 ? batchSize : throw Out(nameof(batchSize), batchSize, "a batch holds at least 1 row");
        Order = Enum.IsDefined(order) ? order : throw Out(nameof(order), order, "not a sample order");
        MaxSteps = maxSteps is null or >= 1 ? maxSteps : throw Out(nameof(maxSteps), maxSteps, "a step budget is at least 1");
        Smoothing = smoothing > 0.0 && smoothing <= 1.0 ? smoothing : throw Out(nameof(smoothing), smoothing, "λ must lie in (0, 1]");
        RiskTolerance = riskTolerance is null or >= 0.0 and < double.PositiveInfinity
            ? riskTolerance : throw Out(nameof(riskTolerance), riskTolerance, "a tolerance is finite and ≥ 0");
        WeightTolerance = weightTolerance is null or >= 0.0 and < double.PositiveInfinity
            ? weightTolerance : throw Out(nameof(weightTolerance), weightTolerance, "a tolerance is finite and ≥ 0");
        PlateauPatience = plateauPatience >= 1 ? plateauPatience : throw Out(nameof(plateauPatience), plateauPatience, "patience is at least 1");
        EarlyStoppingPatience = earlyStoppingPatience >= 0
            ? earlyStoppingPatience : throw Out(nameof(earlyStoppingPatience), earlyStoppingPatience, "patience is ≥ 0 (0 = off)");
        RestoreBest = restoreBest;
        MetricsEvery = metricsEvery >= 1 ? metricsEvery : throw Out(nameof(metricsEvery), metricsEvery, "metrics are computed every k ≥ 1 epochs");
        if (metricsEvery > 1 && (earlyStoppingPatience > 0 || riskTolerance is not null))
        {
            throw new ArgumentException(
                $"metricsEvery = {metricsEvery}; early stopping and the risk plateau read every epoch's risk, so they need metricsEvery = 1.",
                nameof(metricsEvery));
        }
    }

    /// <summary>The epoch budget.</summary>
    public int Epochs { get; }

    /// <summary>The mode.</summary>
    public TrainingMode Mode { get; }

    /// <summary>Rows per mini-batch.</summary>
    public int BatchSize { get; }

    /// <summary>The object order of the stochastic modes.</summary>
    public SampleOrder Order { get; }

    /// <summary>The step budget, if any.</summary>
    public long? MaxSteps { get; }

    /// <summary>λ of the smoothed risk.</summary>
    public double Smoothing { get; }

    /// <summary>The relative risk-plateau tolerance, if any.</summary>
    public double? RiskTolerance { get; }

    /// <summary>The relative weight-plateau tolerance, if any.</summary>
    public double? WeightTolerance { get; }

    /// <summary>Consecutive plateau epochs before stopping.</summary>
    public int PlateauPatience { get; }

    /// <summary>Early-stopping patience (0 = off).</summary>
    public int EarlyStoppingPatience { get; }

    /// <summary>Whether early stopping restores the best weights.</summary>
    public bool RestoreBest { get; }

    /// <summary>The full-data figures are computed after every k-th epoch and the last (see the constructor).</summary>
    public int MetricsEvery { get; }

    /// <summary>Whether per-sample plain SGD on a linear model with one of the core's losses takes the fused one-row step
    /// (true, the default) or the general risk-then-update path; both give the same bits, and the tests compare them.</summary>
    internal bool FusedOneRowStep { get; init; } = true;

    /// <summary>Whether mini-batches are gathered ahead on two cores (<see cref="BatchPipeline"/>): null decides by the data's
    /// size. Either way the same bits; the tests set it to compare the two.</summary>
    internal bool? GatherAhead { get; init; }

    private static ArgumentOutOfRangeException Out(string name, object? value, string why)
        => new(name, value, $"{name} = {value}; {why}.");
}
