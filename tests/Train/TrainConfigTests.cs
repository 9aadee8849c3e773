using Functional.Shell;
using Functional.Shell.Training;

namespace Functional.Tests.Train;

public class TrainConfigTests
{
    private static TrainConfig Parse(string json) => TrainConfig.Parse(TrainConfig.ParseObject(json, "run.json"), "run.json");

    private static string Error(string json)
        => Assert.Throws<ShellInputException>(() => Parse(json)).Message;

    [Fact]
    public void Empty_config_is_logistic_l2_on_breast_cancer()
    {
        var config = Parse("{}");
        Assert.Equal(ModelKind.Logistic, config.Model.Kind);
        Assert.Equal("binary_cross_entropy_with_logits", config.Loss.Name);
        Assert.Equal(RegularizerKind.L2, config.Regularizer.Kind);
        Assert.Equal(0.01, config.Regularizer.Lambda);
        Assert.Equal(TrainConfig.DefaultData, config.Data.Path);
        Assert.Equal(0.01, config.LearningRate);
        Assert.Equal(64, config.Hash.Length);
    }

    [Fact]
    public void Resolved_json_parses_back_to_the_same_config()
    {
        var config = Parse("""{"optimizer": {"kind": "SGD", "lr": 0.1, "momentum": 0.9}, "loss": {"name": "hinge"}, "schedule": "cosine", "seed": 7}""");
        var again = TrainConfig.Parse(config.ToJson(), "config.json");
        Assert.Equal(config.ToJson().ToJsonString(), again.ToJson().ToJsonString());
        Assert.Equal(config.Hash, again.Hash);
        Assert.Equal("sgd", config.ToJson()["optimizer"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Prepared_run_trains_and_a_checkpoint_round_trips_bitwise()
    {
        var config = Parse("""{"training": {"epochs": 3}}""");
        var run = PreparedRun.Prepare(config);
        var states = run.Epochs(null).ToList();
        Assert.Equal(4, states.Count);
        Assert.True(states[^1].TrainRisk < states[0].TrainRisk);
        var text = Checkpoint.Serialize(states[1], config.Hash);
        var back = Checkpoint.Deserialize(text, config.Hash, "checkpoint.json");
        Assert.Equal(states[1], back);
        Assert.Equal(states.Skip(2), run.Epochs(back));
        Assert.Equal(run.MetricNames, run.Metrics(states[0]).Select(m => m.Key));
        Assert.Contains("validation_accuracy", run.MetricNames);
    }

    [Fact]
    public void Sklearn_optimal_schedule_takes_no_initial_rate_and_follows_its_formula()
    {
        var config = Parse("""{"schedule": {"kind": "sklearn-optimal", "alpha": 0.001}}""");
        var spec = config.ScheduleSpec();
        Assert.Equal("sklearn-optimal", spec.Kind);
        Assert.DoesNotContain("initial", spec.Parameters!.Keys);
        var schedule = spec.Create();
        Assert.True(schedule.At(0) > schedule.At(1000));
        Assert.Equal(1.0 / (0.001 * (1.0 / (0.001 * schedule.At(0)) + 10)), schedule.At(10), 12);
    }
}
