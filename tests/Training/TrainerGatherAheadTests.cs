using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Training;

namespace Functional.Tests.Training;

/// <summary>
/// Mini-batches gathered ahead on two cores (<see cref="BatchPipeline"/>) give the bits of batches gathered one by one
/// on the training thread: every epoch state, including runs that end mid-epoch (step budget, divergence), optimizers
/// that re-evaluate the batch (SAM) and orders that depend on the weights.
/// </summary>
public class TrainerGatherAheadTests
{
    private const int Rows = 22_000;
    private const int Columns = 48;

    // 22 000 × 48 (over 2^20 entries, where the pipeline is chosen on its own), labels from a noisy logistic model
    private static readonly Dataset Data = Logistic();

    private static Dataset Logistic()
    {
        var generator = new SeededGenerator(17);
        var x = new double[Rows * Columns];
        var y = new double[Rows];
        for (var r = 0; r < Rows; r++)
        {
            var z = -0.2;
            for (var j = 0; j < Columns; j++)
            {
                var v = (2.0 * generator.NextDouble()) - 1.0;
                x[(r * Columns) + j] = v;
                z += ((j % 7) - 3) * 0.1 * v;
            }

            y[r] = generator.NextDouble() < 1.0 / (1.0 + Math.Exp(-z)) ? 1.0 : 0.0;
        }

        return new Dataset(x, Columns, y);
    }

    public static TheoryData<string> Cases => ["sgd", "budget", "momentum", "sam", "large-error", "diverges"];

    private static TrainingSetup Setup(string name, bool gatherAhead)
    {
        var batch = 97; // 227 batches, the last one short
        var options = name switch
        {
            "budget" => new TrainingOptions(epochs: 3, mode: TrainingMode.MiniBatch, batchSize: batch, maxSteps: 300),
            "large-error" => new TrainingOptions(epochs: 2, mode: TrainingMode.MiniBatch, batchSize: batch, order: SampleOrder.LargeError),
            _ => new TrainingOptions(epochs: 2, mode: TrainingMode.MiniBatch, batchSize: batch),
        };
        var optimizer = name switch
        {
            "momentum" => Optimizers.Sgd(momentum: 0.9, nesterov: true),
            "sam" => Optimizers.SharpnessAware(Optimizers.Sgd(), 0.05),
            _ => Optimizers.Sgd(weightDecay: 1e-4),
        };
        var schedule = Schedules.Constant(name == "diverges" ? 1e306 : 0.3);
        return new TrainingSetup(
            TrainingModel.Logistic(new LinearModel(Columns)), Data, optimizer, schedule, options with { GatherAhead = gatherAhead }, seed: 3);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gathered_ahead_equals_gathered_in_turn_bit_for_bit(string name)
    {
        var inTurn = Trainer.Epochs(Setup(name, gatherAhead: false)).ToList();
        var ahead = Trainer.Epochs(Setup(name, gatherAhead: true)).ToList();
        Assert.Equal(inTurn.Count, ahead.Count);
        for (var e = 0; e < ahead.Count; e++)
        {
            Assert.Equal(inTurn[e].Weights.ToArray(), ahead[e].Weights.ToArray());
            Assert.Equal(BitConverter.DoubleToInt64Bits(inTurn[e].TrainRisk), BitConverter.DoubleToInt64Bits(ahead[e].TrainRisk));
            Assert.Equal(BitConverter.DoubleToInt64Bits(inTurn[e].SmoothedRisk), BitConverter.DoubleToInt64Bits(ahead[e].SmoothedRisk));
            Assert.Equal(inTurn[e].Step, ahead[e].Step);
            Assert.Equal(inTurn[e].Stop, ahead[e].Stop);
            Assert.Equal(inTurn[e].StopStep, ahead[e].StopStep);
            Assert.Equal(inTurn[e].Optimizer, ahead[e].Optimizer);
        }

        var last = ahead[^1];
        var expected = name switch
        {
            "budget" => StopReason.StepBudget,
            "diverges" => StopReason.Diverged,
            _ => StopReason.EpochBudget,
        };
        Assert.Equal(expected, last.Stop);
        if (name == "budget")
        {
            Assert.Equal(300, last.Step);
        }
    }

    [Fact]
    public void A_large_data_set_is_gathered_ahead_on_its_own_and_a_small_one_is_not()
    {
        Assert.Equal(Environment.ProcessorCount >= 2, BatchPipeline.Pays(Data, 97));
        Assert.False(BatchPipeline.Pays(new Dataset(new double[300 * 7], 7, new double[300]), 32));
    }
}
