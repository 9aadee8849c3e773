using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Training;

namespace Functional.Tests.Training;

/// <summary>Bad input to the training fold: named errors, a test each.</summary>
public class TrainerBadInputTests
{
    private static readonly Dataset Data = new([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, [1.0, 0.0, 1.0]);

    private static TrainingSetup Setup(TrainingOptions? options = null, Dataset? data = null, Initialization? init = null, Dataset? validation = null, TrainingModel? model = null)
        => new(model ?? TrainingModel.Linear(new LinearModel(2)), data ?? Data, Optimizers.GradientDescent(), Schedules.Constant(0.1), options, validation: validation, initialization: init);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Batch_size_below_one_is_rejected(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(mode: TrainingMode.MiniBatch, batchSize: batchSize));
        Assert.Equal("batchSize", e.ParamName);
        Assert.Contains($"batchSize = {batchSize}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_size_above_the_rows_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Setup(new TrainingOptions(mode: TrainingMode.MiniBatch, batchSize: 4)));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("BatchSize = 4 exceeds the 3 training rows", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Epochs_below_one_are_rejected(int epochs)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(epochs: epochs));
        Assert.Equal("epochs", e.ParamName);
    }

    [Fact]
    public void A_step_budget_below_one_is_rejected()
        => Assert.Equal("maxSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(maxSteps: 0)).ParamName);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Smoothing_outside_zero_one_is_rejected(double lambda)
        => Assert.Equal("smoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(smoothing: lambda)).ParamName);

    [Fact]
    public void Negative_tolerances_and_patience_are_rejected()
    {
        Assert.Equal("riskTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(riskTolerance: -1e-3)).ParamName);
        Assert.Equal("weightTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(weightTolerance: double.NaN)).ParamName);
        Assert.Equal("plateauPatience", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(plateauPatience: 0)).ParamName);
        Assert.Equal("earlyStoppingPatience", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(earlyStoppingPatience: -1)).ParamName);
    }

    [Fact]
    public void Training_data_of_another_width_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Setup(model: TrainingModel.Linear(new LinearModel(3))));
        Assert.Equal("train", e.ParamName);
        Assert.Contains("train has 2 columns but the model takes 3 features", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_data_of_another_width_is_rejected()
        => Assert.Equal("validation", Assert.Throws<ArgumentException>(() => Setup(validation: new Dataset([1.0], 1, [0.0]))).ParamName);

    [Fact]
    public void Given_weights_of_another_length_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Setup(init: Initialization.Given([1.0, 2.0])));
        Assert.Equal("initialization", e.ParamName);
        Assert.Contains("2 entries but the model has 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_weights_that_are_not_finite_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Initialization.Given([1.0, double.NaN]));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains("weights[1] = NaN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Early_stopping_without_validation_data_is_rejected()
        => Assert.Equal("validation", Assert.Throws<ArgumentException>(() => Setup(new TrainingOptions(earlyStoppingPatience: 2))).ParamName);

    [Fact]
    public void Softmax_targets_that_are_not_classes_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Setup(model: TrainingModel.Softmax(new SoftmaxModel(2, 2)), data: new Dataset([1.0, 2.0], 2, [2.0])));
        Assert.Contains("targets[0] = 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_with_a_state_of_another_optimizer_is_rejected()
    {
        var state = Trainer.Epochs(Setup()).First();
        var other = new TrainingSetup(TrainingModel.Linear(new LinearModel(2)), Data, Optimizers.Adam(), Schedules.Constant(0.1));
        var e = Assert.Throws<ArgumentException>(() => Trainer.Epochs(other, state));
        Assert.Equal("resumeFrom", e.ParamName);
    }

    [Fact]
    public void Resuming_with_weights_of_another_length_is_rejected()
    {
        var state = Trainer.Epochs(Setup()).First();
        var e = Assert.Throws<ArgumentException>(() => Trainer.Epochs(Setup(), state with { Weights = [1.0] }));
        Assert.Equal("resumeFrom", e.ParamName);
    }

    [Fact]
    public void A_null_setup_is_rejected()
        => Assert.Equal("setup", Assert.Throws<ArgumentNullException>(() => Trainer.Epochs(null!)).ParamName);
}
