using System.Text.Json;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Tests.Models;
using Functional.Training;

namespace Functional.Tests.Training;

/// <summary>The training fold: reference optima, stopping rules, determinism and resume.</summary>
public class TrainerTests
{
    // y = 1.5·x₀ − 0.5·x₁ + 0.25 + small deterministic "noise"; 12 rows
    private static Dataset Regression()
    {
        var x = new double[24];
        var y = new double[12];
        for (var i = 0; i < 12; i++)
        {
            x[2 * i] = (i - 5.5) / 4.0;
            x[(2 * i) + 1] = Math.Sin(i);
            y[i] = (1.5 * x[2 * i]) - (0.5 * x[(2 * i) + 1]) + 0.25 + (0.1 * Math.Cos(3 * i));
        }

        return new Dataset(x, 2, y);
    }

    private static TrainingSetup LeastSquares(TrainingOptions options, double rate = 0.1, ulong seed = 7, Regularizer? ridge = null, Initialization? init = null)
        => new(TrainingModel.Linear(new LinearModel(2)), Regression(), Optimizers.GradientDescent(), Schedules.Constant(rate), options, ridge, initialization: init, seed: seed);

    private static (Dataset Train, Dataset Validation) Breast()
    {
        var raw = DataFiles.Load("breast_cancer");
        var split = DataSplits.TrainValidationTest(raw.Rows, 0.25, 0.0, 11, raw.Labels(2));
        var train = raw.Select([.. split.Train]);
        var standardizer = Standardizer.Fit(train);
        return (standardizer.Apply(train), standardizer.Apply(raw.Select([.. split.Validation])));
    }

    [Fact]
    public void Full_batch_GD_on_least_squares_reaches_the_ridge_closed_form()
    {
        const double lambda = 0.05;
        var final = Trainer.Train(LeastSquares(new TrainingOptions(epochs: 20_000, riskTolerance: 0.0, plateauPatience: 5), ridge: Regularizer.Ridge(lambda)));
        var expected = LinearRegression.Ridge(Regression(), lambda);
        Assert.Equal(StopReason.RiskPlateau, final.Stop);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.True(Math.Abs(final.Weights[j] - expected[j]) <= 1e-10, $"θ[{j}] = {final.Weights[j]:R}, closed form {expected[j]:R}");
        }

        Assert.True(final.GradientNorm < 1e-10, $"‖∇R‖ = {final.GradientNorm}");
    }

    [Fact]
    public void Mini_batch_SGD_logistic_regression_on_breast_cancer_reaches_95_percent()
    {
        var (train, validation) = Breast();
        var setup = new TrainingSetup(
            TrainingModel.Logistic(new LinearModel(train.Columns)), train, Optimizers.Sgd(), Schedules.Constant(0.1),
            new TrainingOptions(epochs: 30, mode: TrainingMode.MiniBatch, batchSize: 16), Regularizer.Ridge(1e-3), validation, seed: 3);
        var states = Trainer.Epochs(setup).ToList();
        Assert.Equal(31, states.Count);
        Assert.Equal(Math.Log(2.0), states[0].TrainRisk, 12); // zeros: σ(0) = ½ for every row
        Assert.True(states[^1].TrainRisk < 0.1, $"risk {states[^1].TrainRisk}");
        Assert.True(states[^1].TrainAccuracy > 0.95, $"train accuracy {states[^1].TrainAccuracy}");
        Assert.True(states[^1].ValidationAccuracy > 0.95, $"validation accuracy {states[^1].ValidationAccuracy}");
        Assert.Equal(StopReason.EpochBudget, states[^1].Stop);
        Assert.Equal(30L * ((train.Rows + 15) / 16), states[^1].Step);
        Assert.True(states[^1].SmoothedRisk < states[0].SmoothedRisk);
    }

    [Theory]
    [InlineData(SampleOrder.Shuffle)]
    [InlineData(SampleOrder.LargeError)]
    [InlineData(SampleOrder.Uncertainty)]
    public void Per_sample_SGD_in_every_order_lowers_the_logistic_risk(SampleOrder order)
    {
        var (train, _) = Breast();
        var setup = new TrainingSetup(
            TrainingModel.Logistic(new LinearModel(train.Columns)), train, Optimizers.Sgd(), Schedules.InverseTime(0.05, 0.01),
            new TrainingOptions(epochs: 3, mode: TrainingMode.PerSample, order: order), seed: 5);
        var states = Trainer.Epochs(setup).ToList();
        Assert.True(states[^1].TrainRisk < 0.15, $"{order}: risk {states[^1].TrainRisk}");
        Assert.Equal(3L * train.Rows, states[^1].Step);
    }

    [Fact]
    public void Orders_by_error_and_uncertainty_visit_rows_differently_from_a_shuffle()
    {
        var (train, _) = Breast();
        EpochState Second(SampleOrder order) => Trainer.Epochs(new TrainingSetup(
            TrainingModel.Logistic(new LinearModel(train.Columns)), train, Optimizers.Sgd(), Schedules.Constant(0.05),
            new TrainingOptions(epochs: 2, mode: TrainingMode.PerSample, order: order), seed: 5)).ElementAt(2);
        var shuffle = Second(SampleOrder.Shuffle);
        Assert.NotEqual(shuffle.Weights.ToArray(), Second(SampleOrder.LargeError).Weights.ToArray());
        Assert.NotEqual(shuffle.Weights.ToArray(), Second(SampleOrder.Uncertainty).Weights.ToArray());
    }

    [Fact]
    public void Early_stopping_restores_the_best_epoch()
    {
        // one feature, no intercept: training pulls w from 0 to 1, validation is best at w = ½, so its risk falls then rises
        var model = TrainingModel.Linear(new LinearModel(1, Intercept: false));
        var setup = new TrainingSetup(
            model, new Dataset([1.0], 1, [1.0]), Optimizers.GradientDescent(), Schedules.Constant(0.1),
            new TrainingOptions(epochs: 1000, earlyStoppingPatience: 3), validation: new Dataset([1.0], 1, [0.5]));
        var states = Trainer.Epochs(setup).ToList();
        var final = states[^1];
        Assert.Equal(StopReason.EarlyStopping, final.Stop);
        var best = states.Take(states.Count - 1).MinBy(s => s.ValidationRisk)!;
        Assert.Equal(best.Epoch, final.BestEpoch);
        Assert.Equal(final.Epoch - 3, final.BestEpoch);
        Assert.Equal(best.Weights.ToArray(), final.Weights.ToArray());
        Assert.Equal(best.ValidationRisk, final.ValidationRisk);
        // w_t = 1 − 0.9^t; ½(w − ½)² is least at t = 7 (w = 0.5217)
        Assert.Equal(7, final.BestEpoch);
    }

    [Fact]
    public void Early_stopping_without_restore_keeps_the_last_weights()
    {
        var setup = new TrainingSetup(
            TrainingModel.Linear(new LinearModel(1, Intercept: false)), new Dataset([1.0], 1, [1.0]), Optimizers.GradientDescent(), Schedules.Constant(0.1),
            new TrainingOptions(epochs: 1000, earlyStoppingPatience: 3, restoreBest: false), validation: new Dataset([1.0], 1, [0.5]));
        var final = Trainer.Train(setup);
        Assert.Equal(10, final.Epoch);
        Assert.Equal(1.0 - Math.Pow(0.9, 10), final.Weights[0], 14);
    }

    [Fact]
    public void A_huge_learning_rate_diverges_with_the_reason_and_the_step()
    {
        var states = Trainer.Epochs(LeastSquares(new TrainingOptions(epochs: 100_000), rate: 1e3)).ToList();
        var final = states[^1];
        Assert.Equal(StopReason.Diverged, final.Stop);
        Assert.NotNull(final.StopStep);
        Assert.Equal(final.Step, final.StopStep);
        Assert.All(final.Weights, w => Assert.True(double.IsFinite(w)));
        Assert.False(double.IsFinite(final.TrainRisk));
        Assert.True(final.Step > 10 && final.Step < 1000, $"diverged at step {final.Step}");
        Assert.All(states.Take(states.Count - 1), s => Assert.Null(s.Stop));
    }

    [Fact]
    public void Mini_batch_SGD_with_a_huge_rate_diverges_mid_epoch()
    {
        var final = Trainer.Train(LeastSquares(new TrainingOptions(epochs: 100_000, mode: TrainingMode.MiniBatch, batchSize: 5), rate: 1e4));
        Assert.Equal(StopReason.Diverged, final.Stop);
        Assert.All(final.Weights, w => Assert.True(double.IsFinite(w)));
    }

    [Fact]
    public void The_step_budget_can_end_an_epoch_early()
    {
        // 12 rows in batches of 5: 3 steps an epoch; a budget of 7 ends in the third epoch after one step
        var states = Trainer.Epochs(LeastSquares(new TrainingOptions(epochs: 50, mode: TrainingMode.MiniBatch, batchSize: 5, maxSteps: 7))).ToList();
        Assert.Equal([0L, 3, 6, 7], states.Select(s => s.Step));
        Assert.Equal(StopReason.StepBudget, states[^1].Stop);
        Assert.Equal(7L, states[^1].StopStep);
    }

    [Fact]
    public void The_weight_plateau_stops_when_the_weights_no_longer_move()
    {
        var final = Trainer.Train(LeastSquares(new TrainingOptions(epochs: 100_000, weightTolerance: 1e-9, plateauPatience: 2)));
        Assert.Equal(StopReason.WeightPlateau, final.Stop);
        Assert.True(final.Epoch < 100_000);
        Assert.Equal(2, final.WeightPlateauEpochs);
    }

    [Fact]
    public void Uniform_initialisation_lies_in_the_lectures_interval_and_follows_the_seed()
    {
        EpochState First(ulong seed) => Trainer.Epochs(LeastSquares(new TrainingOptions(epochs: 1), seed: seed, init: Initialization.Uniform)).First();
        var a = First(1);
        Assert.All(a.Weights, w => Assert.InRange(w, -1.0 / 6.0, 1.0 / 6.0)); // n = 3 parameters
        Assert.Contains(a.Weights, w => w != 0.0);
        Assert.Equal(a, First(1));
        Assert.NotEqual(a.Weights.ToArray(), First(2).Weights.ToArray());
        Assert.All(Trainer.Epochs(LeastSquares(new TrainingOptions(epochs: 1))).First().Weights, w => Assert.Equal(0.0, w));
    }

    [Fact]
    public void Given_weights_start_the_run()
    {
        var first = Trainer.Epochs(LeastSquares(new TrainingOptions(epochs: 1), init: Initialization.Given([0.5, -0.25, 2.0]))).First();
        Assert.Equal([0.5, -0.25, 2.0], first.Weights.ToArray());
        Assert.Equal(0, first.Epoch);
        Assert.Equal(0L, first.Step);
    }

    [Fact]
    public void Same_setup_gives_a_bit_identical_sequence_and_resume_after_json_continues_it()
    {
        var (train, validation) = Breast();
        var setup = new TrainingSetup(
            TrainingModel.Logistic(new LinearModel(train.Columns)), train, Optimizers.Adam(), Schedules.Cosine(0.05, 200),
            new TrainingOptions(epochs: 6, mode: TrainingMode.MiniBatch, batchSize: 32), Regularizer.Ridge(1e-2), validation,
            Initialization.Uniform, seed: 42, plateau: ReduceOnPlateau.Create(patience: 0, factor: 0.5));
        var run = Trainer.Epochs(setup).ToList();
        Assert.Equal(run, Trainer.Epochs(setup).ToList());
        for (var k = 0; k < run.Count; k++)
        {
            var json = JsonSerializer.Serialize(run[k]);
            var restored = JsonSerializer.Deserialize<EpochState>(json)!;
            Assert.Equal(run[k], restored);
            Assert.Equal(run.Skip(k + 1), Trainer.Epochs(setup, restored));
        }
    }

    [Fact]
    public void Resume_works_for_a_momentum_chain_with_a_step_schedule()
    {
        var setup = LeastSquares(new TrainingOptions(epochs: 9, mode: TrainingMode.PerSample)) with { };
        var chained = new TrainingSetup(
            setup.Model, setup.Train, Optimizers.Chain(Optimizers.ClipByGlobalNorm(1.0), Optimizers.Sgd(momentum: 0.9, nesterov: true)),
            Schedules.Step(0.05, 20, 0.5), setup.Options, seed: 9);
        var run = Trainer.Epochs(chained).ToList();
        Assert.Equal(run.Skip(5), Trainer.Epochs(chained, JsonSerializer.Deserialize<EpochState>(JsonSerializer.Serialize(run[4]))));
    }
    [Fact]
    public void Mini_batch_softmax_regression_on_iris_classifies_well()
    {
        var raw = DataFiles.Load("iris");
        var data = Standardizer.Fit(raw).Apply(raw);
        var setup = new TrainingSetup(
            TrainingModel.Softmax(new SoftmaxModel(data.Columns, 3)), data, Optimizers.Sgd(momentum: 0.9), Schedules.Constant(0.05),
            new TrainingOptions(epochs: 40, mode: TrainingMode.MiniBatch, batchSize: 10), Regularizer.Ridge(1e-3), seed: 2);
        var states = Trainer.Epochs(setup).ToList();
        Assert.Equal(Math.Log(3.0), states[0].TrainRisk, 12); // zeros: uniform over 3 classes
        Assert.True(states[^1].TrainRisk < 0.2, $"risk {states[^1].TrainRisk}");
        Assert.True(states[^1].TrainAccuracy > 0.95, $"accuracy {states[^1].TrainAccuracy}");
    }

    [Fact]
    public void Resuming_from_a_state_with_non_finite_weights_is_rejected()
    {
        var setup = LeastSquares(new TrainingOptions(epochs: 3));
        var first = Trainer.Epochs(setup).First();
        var e = Assert.Throws<ArgumentException>(() => Trainer.Epochs(setup, first with { Weights = [0.0, double.NaN, 0.0] }));
        Assert.Equal("resumeFrom", e.ParamName);
    }
}
