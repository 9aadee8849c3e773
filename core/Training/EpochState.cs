using System.Collections.Immutable;
using Functional.Optimization;

namespace Functional.Training;

/// <summary>
/// One element of the training fold: everything reported after an epoch and everything needed to resume after it. Plain
/// data (numbers, arrays, the optimizer's and plateau scheduler's states), so it round-trips through System.Text.Json and
/// <see cref="Trainer.Epochs"/> can continue from it exactly as the uninterrupted run would.
/// </summary>
/// <param name="Epoch">Epochs run: 0 for the initial state, then 1, 2, … (a last epoch cut short by divergence or the step
/// budget counts).</param>
/// <param name="Step">Completed optimizer steps.</param>
/// <param name="Weights">θ after the epoch (a copy; finite). After early stopping with restore-best: the best epoch's θ.</param>
/// <param name="TrainRisk">The regularised empirical risk on all training rows at <paramref name="Weights"/> (not finite only when
/// <paramref name="Stop"/> is <see cref="StopReason.Diverged"/>).</param>
/// <param name="TrainAccuracy">The training accuracy for a classifier, else null.</param>
/// <param name="ValidationRisk">The regularised risk on the validation rows, or null without validation data.</param>
/// <param name="ValidationAccuracy">The validation accuracy for a classifier with validation data, else null.</param>
/// <param name="WeightNorm">‖θ‖₂ (intercept included).</param>
/// <param name="GradientNorm">‖∇R(θ)‖₂ of the full training risk at <paramref name="Weights"/>.</param>
/// <param name="LearningRate">η of the epoch's last step (for the initial state, η of the first step).</param>
/// <param name="SmoothedRisk">The lecture's running estimate R ← (1 − λ)R + λε_i, ε_i the batch risk before each step,
/// started at the initial training risk.</param>
/// <param name="Optimizer">The optimizer's state.</param>
/// <param name="Generator">The seed of the next epoch's order (a SplitMix64 chain from the run's seed).</param>
/// <param name="Plateau">The reduce-on-plateau state, when the setup has one.</param>
/// <param name="BestEpoch">The epoch with the lowest validation risk so far (0 without validation data).</param>
/// <param name="BestValidationRisk">That lowest validation risk, or null.</param>
/// <param name="BestWeights">θ at <paramref name="BestEpoch"/> (empty without validation data).</param>
/// <param name="BadEpochs">Consecutive epochs without a validation improvement.</param>
/// <param name="RiskPlateauEpochs">Consecutive epochs within the risk-plateau tolerance.</param>
/// <param name="WeightPlateauEpochs">Consecutive epochs within the weight-plateau tolerance.</param>
/// <param name="Stop">Why the run stopped; null while it goes on (a stopped state is the last of the sequence).</param>
/// <param name="StopStep">For <see cref="StopReason.Diverged"/>: the 0-based index of the step whose batch risk, gradient or
/// update was not finite (equal to <paramref name="Step"/>, the steps completed), or <paramref name="Step"/> when the
/// end-of-epoch risk overflowed; for other reasons the step count at the stop; null while running.</param>
public sealed record EpochState(
    int Epoch, long Step, ImmutableArray<double> Weights, double TrainRisk, double? TrainAccuracy, double? ValidationRisk,
    double? ValidationAccuracy, double WeightNorm, double GradientNorm, double LearningRate, double SmoothedRisk,
    OptimizerState Optimizer, ulong Generator, PlateauState? Plateau, int BestEpoch, double? BestValidationRisk,
    ImmutableArray<double> BestWeights, int BadEpochs, int RiskPlateauEpochs, int WeightPlateauEpochs, StopReason? Stop, long? StopStep)
{
    /// <summary>Whether this is the last state of its run.</summary>
    public bool Stopped => Stop is not null;

    /// <summary>Bitwise equality of every field (NaN equals NaN; 0 differs from −0), so "resume equals uninterrupted" is <c>==</c>.</summary>
    /// <param name="other">The other state.</param>
    /// <returns>Whether the two are the same state.</returns>
    public bool Equals(EpochState? other)
        => other is not null
        && Epoch == other.Epoch && Step == other.Step && Bits.Equal(Weights, other.Weights)
        && Bits.Equal(TrainRisk, other.TrainRisk) && Bits.Equal(TrainAccuracy, other.TrainAccuracy)
        && Bits.Equal(ValidationRisk, other.ValidationRisk) && Bits.Equal(ValidationAccuracy, other.ValidationAccuracy)
        && Bits.Equal(WeightNorm, other.WeightNorm) && Bits.Equal(GradientNorm, other.GradientNorm)
        && Bits.Equal(LearningRate, other.LearningRate) && Bits.Equal(SmoothedRisk, other.SmoothedRisk)
        && Equals(Optimizer, other.Optimizer) && Generator == other.Generator && Equals(Plateau, other.Plateau)
        && BestEpoch == other.BestEpoch && Bits.Equal(BestValidationRisk, other.BestValidationRisk)
        && Bits.Equal(BestWeights, other.BestWeights) && BadEpochs == other.BadEpochs
        && RiskPlateauEpochs == other.RiskPlateauEpochs && WeightPlateauEpochs == other.WeightPlateauEpochs
        && Stop == other.Stop && StopStep == other.StopStep;

    /// <summary>A hash of the epoch, step and generator.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Epoch, Step, Generator);
}

/// <summary>Bitwise comparisons of doubles and arrays of them.</summary>
internal static class Bits
{
    internal static bool Equal(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    internal static bool Equal(double? a, double? b) => a is double x ? b is double y && Equal(x, y) : b is null;

    internal static bool Equal(ImmutableArray<double> a, ImmutableArray<double> b)
    {
        var x = a.IsDefault ? [] : a.AsSpan();
        var y = b.IsDefault ? [] : b.AsSpan();
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!Equal(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }
}
