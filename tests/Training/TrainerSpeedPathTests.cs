using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Training;

namespace Functional.Tests.Training;

/// <summary>The fast paths of the fold (plain SGD in place, epochs without the full-data pass) give the bits of the general path.</summary>
public class TrainerSpeedPathTests
{
    // 300 rows × 7 columns, labels from a noisy logistic model; deterministic
    private static Dataset Logistic()
    {
        var generator = new SeededGenerator(5);
        var x = new double[300 * 7];
        var y = new double[300];
        for (var r = 0; r < 300; r++)
        {
            var z = 0.3;
            for (var j = 0; j < 7; j++)
            {
                var v = (2.0 * generator.NextDouble()) - 1.0;
                x[(r * 7) + j] = v;
                z += (j - 3) * v;
            }

            y[r] = generator.NextDouble() < 1.0 / (1.0 + Math.Exp(-z)) ? 1.0 : 0.0;
        }

        return new Dataset(x, 7, y);
    }

    private static TrainingSetup Setup(Optimizer optimizer, TrainingOptions options, Schedule? schedule = null, Regularizer? regularizer = null)
        => new(TrainingModel.Logistic(new LinearModel(7)), Logistic(), optimizer, schedule ?? Schedules.Constant(0.2), options, regularizer, seed: 9);

    [Theory]
    [InlineData(TrainingMode.MiniBatch, 0.0)]
    [InlineData(TrainingMode.MiniBatch, 0.01)]
    [InlineData(TrainingMode.PerSample, 0.0)]
    [InlineData(TrainingMode.FullBatch, 0.001)]
    public void Plain_SGD_in_place_equals_the_optimizer_rule_bit_for_bit(TrainingMode mode, double weightDecay)
    {
        var options = new TrainingOptions(epochs: 4, mode: mode, batchSize: 32);
        // a one-member chain runs the SGD rule through Update (the general path), with the same arithmetic
        var fast = Trainer.Epochs(Setup(Optimizers.Sgd(weightDecay: weightDecay), options)).ToList();
        var general = Trainer.Epochs(Setup(Optimizers.Chain(Optimizers.Sgd(weightDecay: weightDecay)), options)).ToList();
        Assert.Equal(general.Count, fast.Count);
        for (var e = 0; e < fast.Count; e++)
        {
            Assert.Equal(general[e].Weights.ToArray(), fast[e].Weights.ToArray());
            Assert.Equal(BitConverter.DoubleToInt64Bits(general[e].TrainRisk), BitConverter.DoubleToInt64Bits(fast[e].TrainRisk));
            Assert.Equal(BitConverter.DoubleToInt64Bits(general[e].SmoothedRisk), BitConverter.DoubleToInt64Bits(fast[e].SmoothedRisk));
            Assert.Equal(general[e].Optimizer.Inner[0].Count, fast[e].Optimizer.Count);
        }
    }

    [Fact]
    public void Metrics_every_k_epochs_leave_the_weights_and_the_final_state_unchanged()
    {
        var every = Trainer.Epochs(Setup(Optimizers.Sgd(), new TrainingOptions(epochs: 7, mode: TrainingMode.MiniBatch, batchSize: 25))).ToList();
        var sparse = Trainer.Epochs(Setup(Optimizers.Sgd(), new TrainingOptions(epochs: 7, mode: TrainingMode.MiniBatch, batchSize: 25, metricsEvery: 3))).ToList();
        Assert.Equal(every.Count, sparse.Count);
        Assert.Equal(every[^1], sparse[^1]);
        Assert.Equal(every[0], sparse[0]);
        for (var e = 1; e < every.Count; e++)
        {
            Assert.Equal(every[e].Weights.ToArray(), sparse[e].Weights.ToArray());
            Assert.Equal(every[e].Step, sparse[e].Step);
            Assert.Equal(every[e].Optimizer, sparse[e].Optimizer);
            Assert.Equal(every[e].Generator, sparse[e].Generator);
            Assert.Equal(BitConverter.DoubleToInt64Bits(every[e].WeightNorm), BitConverter.DoubleToInt64Bits(sparse[e].WeightNorm));
            // epochs 3, 6 and the last (7) compute the figures; the others repeat the last computed ones
            var source = e % 3 == 0 || e == 7 ? every[e] : every[e - (e % 3)];
            Assert.Equal(BitConverter.DoubleToInt64Bits(source.TrainRisk), BitConverter.DoubleToInt64Bits(sparse[e].TrainRisk));
            Assert.Equal(source.TrainAccuracy, sparse[e].TrainAccuracy);
            Assert.Equal(BitConverter.DoubleToInt64Bits(source.GradientNorm), BitConverter.DoubleToInt64Bits(sparse[e].GradientNorm));
        }
    }

    [Fact]
    public void Resuming_a_run_with_sparse_metrics_equals_the_uninterrupted_run()
    {
        var setup = Setup(Optimizers.Sgd(), new TrainingOptions(epochs: 6, mode: TrainingMode.PerSample, metricsEvery: 4));
        var all = Trainer.Epochs(setup).ToList();
        for (var e = 0; e < all.Count - 1; e++)
        {
            Assert.Equal(all.Skip(e + 1), Trainer.Epochs(setup, all[e]));
        }
    }

    [Fact]
    public void Sparse_metrics_refuse_the_rules_that_read_every_epoch()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(metricsEvery: 0));
        Assert.Throws<ArgumentException>(() => new TrainingOptions(metricsEvery: 2, riskTolerance: 1e-6));
        Assert.Throws<ArgumentException>(() => new TrainingOptions(metricsEvery: 2, earlyStoppingPatience: 3));
        var plateau = new ScheduleSpec("plateau", new Dictionary<string, string> { ["initial"] = "0.1" }).CreatePlateau().Scheduler;
        var ex = Assert.Throws<ArgumentException>(() => new TrainingSetup(
            TrainingModel.Logistic(new LinearModel(7)), Logistic(), Optimizers.Sgd(), Schedules.Constant(0.1), new TrainingOptions(metricsEvery: 2), plateau: plateau));
        Assert.Equal("plateau", ex.ParamName);
    }

    [Fact]
    public void A_weight_plateau_on_an_epoch_without_metrics_still_reports_fresh_figures()
    {
        var setup = Setup(Optimizers.Sgd(), new TrainingOptions(epochs: 50, mode: TrainingMode.FullBatch, weightTolerance: 0.5, metricsEvery: 10));
        var last = Trainer.Train(setup);
        Assert.Equal(StopReason.WeightPlateau, last.Stop);
        Assert.True(last.Epoch < 10, $"stopped at epoch {last.Epoch}");
        var reference = Trainer.Train(Setup(Optimizers.Sgd(), new TrainingOptions(epochs: 50, mode: TrainingMode.FullBatch, weightTolerance: 0.5)));
        Assert.Equal(reference, last);
    }

    [Fact]
    public void ScikitLearn_optimal_schedule_matches_its_closed_form()
    {
        // α = 1e-4: typical weight √(1/√α) = 10, t₀ = 1/(10α) = 1000, so η_t = 1/(1e-4 (1000 + t))
        var s = Schedules.ScikitLearnOptimal(1e-4);
        Assert.Equal(10.0, s.At(0), 12);
        Assert.Equal(5.0, s.At(1000), 12);
        Assert.Equal(1.0 / (1e-4 * 1e6), s.At(999_000), 12);
        // α = 1e-6 (peers.py): η₀ = √1000
        Assert.Equal(Math.Sqrt(1000.0), Schedules.ScikitLearnOptimal(1e-6).At(0), 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedules.ScikitLearnOptimal(0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedules.ScikitLearnOptimal(double.NaN));
        var fromSpec = new ScheduleSpec("sklearn-optimal", new Dictionary<string, string> { ["alpha"] = "1e-6" }).Create();
        Assert.Equal(Schedules.ScikitLearnOptimal(1e-6).At(12345), fromSpec.At(12345));
        Assert.Equal(s.At(77), new ScheduleSpec("SKLEARN-OPTIMAL").Create().At(77));
    }
}
