using Functional.Numerics;

namespace Functional.Optimization;

/// <summary>Whether a lower or a higher metric is an improvement.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,

    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}

/// <summary>How the improvement threshold is measured.</summary>
public enum ThresholdMode
{
    /// <summary>Better than best·(1 ∓ threshold) (PyTorch's 'rel').</summary>
    Relative,

    /// <summary>Better than best ∓ threshold (PyTorch's 'abs').</summary>
    Absolute,
}

/// <summary>The state of <see cref="ReduceOnPlateau"/> between metrics: plain data, resumable.</summary>
public sealed record PlateauState
{
    /// <summary>Creates a state.</summary>
    /// <param name="learningRate">The current rate, finite and positive.</param>
    /// <param name="best">The best metric so far; null before the first.</param>
    /// <param name="badEpochs">Metrics since the last improvement (reset by a reduction and during cooldown), ≥ 0.</param>
    /// <param name="cooldown">Remaining cooldown steps, ≥ 0.</param>
    /// <param name="epochs">Metrics seen, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="best"/> is NaN.</exception>
    public PlateauState(double learningRate, double? best, int badEpochs, int cooldown, long epochs)
    {
        VectorOps.Positive(learningRate, nameof(learningRate));
        if (best is double b && double.IsNaN(b))
        {
            throw new ArgumentException("best is NaN.", nameof(best));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(badEpochs);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        LearningRate = learningRate;
        Best = best;
        BadEpochs = badEpochs;
        Cooldown = cooldown;
        Epochs = epochs;
    }

    /// <summary>The learning rate to use for the next steps.</summary>
    public double LearningRate { get; }

    /// <summary>The best metric so far (null before the first).</summary>
    public double? Best { get; }

    /// <summary>Metrics since the last improvement (PyTorch's <c>num_bad_epochs</c>).</summary>
    public int BadEpochs { get; }

    /// <summary>Remaining cooldown (PyTorch's <c>cooldown_counter</c>).</summary>
    public int Cooldown { get; }

    /// <summary>Metrics seen.</summary>
    public long Epochs { get; }
}

/// <summary>
/// PyTorch's <c>ReduceLROnPlateau</c> as a pure state machine: <see cref="Update"/>(state, metric) → state′. A metric better
/// than the best by the threshold resets the count of bad epochs; otherwise it grows; during cooldown it is held at 0; when
/// it exceeds the patience the rate becomes max(η·factor, η_min) — only if that lowers it by more than ε — and cooldown
/// starts. The rate never rises.
/// </summary>
public sealed class ReduceOnPlateau
{
    private ReduceOnPlateau(PlateauMode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode, int cooldown, double minRate, double epsilon)
    {
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        CooldownSteps = cooldown;
        MinRate = minRate;
        Epsilon = epsilon;
    }

    /// <summary>Lower or higher is better.</summary>
    public PlateauMode Mode { get; }

    /// <summary>The factor the rate is multiplied by, in (0, 1).</summary>
    public double Factor { get; }

    /// <summary>Bad epochs tolerated before a reduction.</summary>
    public int Patience { get; }

    /// <summary>The improvement threshold.</summary>
    public double Threshold { get; }

    /// <summary>Relative or absolute threshold.</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
    public int CooldownSteps { get; }

    /// <summary>The floor of the rate.</summary>
    public double MinRate { get; }

    /// <summary>Reductions smaller than this are skipped.</summary>
    public double Epsilon { get; }

    /// <summary>Validates the settings (PyTorch's defaults).</summary>
    /// <param name="mode">Lower (Min) or higher (Max) is better.</param>
    /// <param name="factor">Factor in (0, 1).</param>
    /// <param name="patience">Patience ≥ 0.</param>
    /// <param name="threshold">Threshold ≥ 0, finite.</param>
    /// <param name="thresholdMode">Relative or absolute.</param>
    /// <param name="cooldown">Cooldown ≥ 0.</param>
    /// <param name="minRate">η_min ≥ 0, finite.</param>
    /// <param name="epsilon">ε ≥ 0, finite.</param>
    /// <returns>The scheduler.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (factor ≥ 1, negative patience, …) or an enum is undefined.</exception>
    public static ReduceOnPlateau Create(
        PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Relative,
        int cooldown = 0, double minRate = 0.0, double epsilon = 1e-8)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"mode = {(int)mode} is not a PlateauMode.");
        }

        if (!Enum.IsDefined(thresholdMode))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdMode), thresholdMode, $"thresholdMode = {(int)thresholdMode} is not a ThresholdMode.");
        }

        if (!(factor > 0.0 && factor < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"factor = {Format.Number(factor)}; it must lie in (0, 1) so that the rate goes down.");
        }

        if (patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(patience), patience, $"patience = {patience} is negative.");
        }

        if (cooldown < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, $"cooldown = {cooldown} is negative.");
        }

        VectorOps.NonNegative(threshold, nameof(threshold));
        VectorOps.NonNegative(minRate, nameof(minRate));
        VectorOps.NonNegative(epsilon, nameof(epsilon));
        return new ReduceOnPlateau(mode, factor, patience, threshold, thresholdMode, cooldown, minRate, epsilon);
    }

    /// <summary>The state before any metric.</summary>
    /// <param name="learningRate">η₀, finite and positive.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not finite and positive.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Init and Update are the scheduler's pair, called on an instance.")]
    public PlateauState Init(double learningRate) => new(learningRate, null, 0, 0, 0);

    /// <summary>Feeds one metric (after an epoch) and returns the next state.</summary>
    /// <param name="state">The current state; not modified.</param>
    /// <param name="metric">The metric, not NaN (±∞ are allowed: +∞ is never an improvement in Min mode).</param>
    /// <returns>The next state; its rate is ≤ the current one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is NaN.</exception>
    public PlateauState Update(PlateauState state, double metric)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (double.IsNaN(metric))
        {
            throw new ArgumentException("metric is NaN; a diverged run has no plateau to detect (stop it instead).", nameof(metric));
        }

        var best = state.Best;
        var bad = state.BadEpochs;
        if (IsBetter(metric, best))
        {
            best = metric;
            bad = 0;
        }
        else
        {
            bad++;
        }

        var cooldown = state.Cooldown;
        if (cooldown > 0)
        {
            cooldown--;
            bad = 0;
        }

        var rate = state.LearningRate;
        if (bad > Patience)
        {
            var reduced = Math.Max(rate * Factor, MinRate);
            if (rate - reduced > Epsilon)
            {
                rate = reduced;
            }

            cooldown = CooldownSteps;
            bad = 0;
        }

        return new PlateauState(rate, best, bad, cooldown, state.Epochs + 1);
    }

    /// <summary>PyTorch's <c>is_better</c>; the first metric is always better.</summary>
    private bool IsBetter(double metric, double? best)
    {
        if (best is not double b)
        {
            return Mode == PlateauMode.Min ? metric < double.PositiveInfinity : metric > double.NegativeInfinity;
        }

        return (Mode, ThresholdMode) switch
        {
            (PlateauMode.Min, ThresholdMode.Relative) => metric < b * (1.0 - Threshold),
            (PlateauMode.Min, ThresholdMode.Absolute) => metric < b - Threshold,
            (PlateauMode.Max, ThresholdMode.Relative) => metric > b * (Threshold + 1.0),
            _ => metric > b + Threshold,
        };
    }

    /// <summary>The settings.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString()
        => $"plateau(mode {Mode}, factor {Format.Number(Factor)}, patience {Patience}, threshold {Format.Number(Threshold)} {ThresholdMode}, cooldown {CooldownSteps}, min {Format.Number(MinRate)}, eps {Format.Number(Epsilon)})";
}
