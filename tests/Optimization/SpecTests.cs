using System.Text.Json;
using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>Building optimizers and schedules by name from configuration-like specs, and the named errors for bad specs.</summary>
public class SpecTests
{
    private static Dictionary<string, string> P(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Optimizer_spec_builds_the_same_optimizer_as_the_factory()
    {
        var spec = new OptimizerSpec("sgd", P(("momentum", "0.9"), ("Nesterov", "true"), ("weightDecay", "1e-2")));
        var built = spec.Create();
        var direct = Optimizers.Sgd(0.9, 0, true, 0.01);
        Assert.Equal(direct.ToString(), built.ToString());
        double[] w = [1, 2];
        Assert.Equal(direct.Step(w, [0.5, -1], direct.Init(w), 0.1).Parameters.ToArray(), built.Step(w, [0.5, -1], built.Init(w), 0.1).Parameters.ToArray());
    }

    [Fact]
    public void Specs_deserialise_from_json_config()
    {
        const string json = """
            {
              "optimizer": { "Kind": "chain", "Inner": [ { "Kind": "clip", "Parameters": { "maxNorm": "5" } }, { "Kind": "sgd", "Parameters": { "momentum": "0.9" } } ] },
              "schedule": { "Kind": "warmup", "Parameters": { "steps": "3" }, "Inner": [ { "Kind": "multistep", "Parameters": { "initial": "0.1", "milestones": "10,20" } } ] }
            }
            """;
        using var document = JsonDocument.Parse(json);
        var optimizer = document.RootElement.GetProperty("optimizer").Deserialize<OptimizerSpec>()!.Create();
        var schedule = document.RootElement.GetProperty("schedule").Deserialize<ScheduleSpec>()!.Create();
        Assert.Equal("chain(clip(maxNorm 5), sgd(momentum 0.9, dampening 0, nesterov False, weightDecay 0))", optimizer.ToString());
        Assert.Equal(0.0, schedule.At(0));
        Assert.Equal(0.1, schedule.At(3));
        Assert.Equal(0.1 * 0.1, schedule.At(13), 15);
    }

    [Fact]
    public void Nested_specs_build_chains_and_sam()
    {
        var spec = new OptimizerSpec("sam", P(("radius", "0.1")), [new OptimizerSpec("chain", null, [new("clip", P(("maxNorm", "1"))), new("adamw")])]);
        var sam = spec.Create();
        Assert.True(sam.RequiresObjective);
        Assert.Equal("sam(radius 0.1, chain(clip(maxNorm 1), adamw(beta1 0.9, beta2 0.999, epsilon 1E-08, weightDecay 0.01, amsgrad False)))", sam.ToString());
    }

    public static TheoryData<string> AllOptimizerKinds => new(OptimizerSpec.Kinds);

    [Theory]
    [MemberData(nameof(AllOptimizerKinds))]
    public void Every_optimizer_kind_builds_from_a_minimal_spec(string kind)
    {
        var parameters = kind switch
        {
            "clip" => P(("maxNorm", "1")),
            "weight-decay" => P(("decay", "0.1")),
            "l1" => P(("lambda", "0.1")),
            "elastic-net" => P(("l1", "0.1"), ("l2", "0.2")),
            _ => null,
        };
        IReadOnlyList<OptimizerSpec>? inner = kind is "chain" or "sam" ? [new OptimizerSpec("gd")] : null;
        var o = new OptimizerSpec(kind, parameters, inner).Create();
        Assert.Equal(kind switch { "l1" or "elastic-net" => "proximal", _ => kind }, o.Name);
    }

    public static TheoryData<string> AllScheduleKinds => new(ScheduleSpec.Kinds.Where(k => k != "plateau"));

    [Theory]
    [MemberData(nameof(AllScheduleKinds))]
    public void Every_schedule_kind_builds_from_a_minimal_spec(string kind)
    {
        var parameters = kind switch
        {
            "constant" => P(("rate", "0.1")),
            "step" => P(("initial", "0.1"), ("stepSize", "3")),
            "multistep" => P(("initial", "0.1"), ("milestones", "3, 7")),
            "exponential" => P(("initial", "0.1"), ("gamma", "0.9")),
            "inverse-time" => P(("initial", "0.1"), ("decay", "0.5")),
            "robbins-monro" => P(("initial", "0.1")),
            "polynomial" or "cosine" => P(("initial", "0.1"), ("totalSteps", "10")),
            "cosine-restarts" => P(("initial", "0.1"), ("period", "4")),
            "linear" => P(("initial", "0.1"), ("totalSteps", "10")),
            "warmup" => P(("steps", "3")),
            "join" => P(("boundaries", "5")),
            "cyclic" => P(("base", "0.01"), ("max", "0.1"), ("stepsUp", "4"), ("mode", "TRIANGULAR2")),
            "one-cycle" => P(("max", "0.1"), ("totalSteps", "20"), ("anneal", "linear")),
            _ => null,
        };
        IReadOnlyList<ScheduleSpec>? inner = kind switch
        {
            "warmup" => [new ScheduleSpec("constant", P(("rate", "0.2")))],
            "join" => [new ScheduleSpec("constant", P(("rate", "0.2"))), new ScheduleSpec("constant", P(("rate", "0.1")))],
            _ => null,
        };
        var s = new ScheduleSpec(kind, parameters, inner).Create();
        Assert.True(s.At(0) >= 0 && s.At(1) > 0 && s.At(100) >= 0, s.ToString());
    }

    [Fact]
    public void Schedule_spec_matches_the_factory_value_for_value()
    {
        var spec = new ScheduleSpec("warmup", P(("steps", "5"), ("startFactor", "0.1")), [new("cosine", P(("initial", "0.1"), ("totalSteps", "20")))]);
        var direct = Schedules.Warmup(5, Schedules.Cosine(0.1, 20), 0.1);
        var built = spec.Create();
        Assert.Equal(Enumerable.Range(0, 30).Select(t => direct.At(t)), Enumerable.Range(0, 30).Select(t => built.At(t)));
    }

    [Fact]
    public void Plateau_spec_builds_the_scheduler_and_its_initial_state()
    {
        var spec = new ScheduleSpec("plateau", P(("initial", "0.1"), ("mode", "max"), ("factor", "0.5"), ("patience", "2"), ("thresholdMode", "abs")));
        Assert.True(spec.IsPlateau);
        var (scheduler, initial) = spec.CreatePlateau();
        Assert.Equal(PlateauMode.Max, scheduler.Mode);
        Assert.Equal(ThresholdMode.Absolute, scheduler.ThresholdMode);
        Assert.Equal(0.1, initial.LearningRate);
        var error = Assert.Throws<ArgumentException>(() => spec.Create());
        Assert.Contains("CreatePlateau", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadOptimizerSpecs => new()
    {
        { "unknown kind", "Kind", "'rmsprop' is not an optimizer" },
        { "typo in a parameter", "Parameters", "Parameters['momentun'] is not a parameter of 'sgd'" },
        { "not a number", "Parameters", "Parameters['momentum'] = 'lots' for 'sgd' is not a number" },
        { "not a bool", "Parameters", "Parameters['nesterov'] = 'yes' for 'sgd' is not true or false" },
        { "missing required", "Parameters", "Parameters['maxNorm'] is required for 'clip'" },
        { "out of range", "momentum", "momentum = 1.5" },
        { "sam without inner", "Inner", "Inner has 0 entries; 'sam' needs exactly 1" },
        { "inner on a leaf", "Inner", "Inner has 1 entries, but 'gd' wraps no optimizer" },
        { "duplicate keys", "Parameters", "Parameters has 'MOMENTUM' twice" },
    };

    [Theory]
    [MemberData(nameof(BadOptimizerSpecs))]
    public void Bad_optimizer_specs_are_named_errors(string name, string parameter, string message)
    {
        var spec = name switch
        {
            "unknown kind" => new OptimizerSpec("rmsprop"),
            "typo in a parameter" => new OptimizerSpec("sgd", P(("momentun", "0.9"))),
            "not a number" => new OptimizerSpec("sgd", P(("momentum", "lots"))),
            "not a bool" => new OptimizerSpec("sgd", P(("nesterov", "yes"))),
            "missing required" => new OptimizerSpec("clip"),
            "out of range" => new OptimizerSpec("sgd", P(("momentum", "1.5"))),
            "sam without inner" => new OptimizerSpec("sam"),
            "inner on a leaf" => new OptimizerSpec("gd", null, [new OptimizerSpec("gd")]),
            _ => new OptimizerSpec("sgd", new Dictionary<string, string> { ["momentum"] = "0.1", ["MOMENTUM"] = "0.2" }),
        };
        var error = Assert.ThrowsAny<ArgumentException>(() => spec.Create());
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadScheduleSpecs => new()
    {
        { "unknown kind", "Kind", "'sawtooth' is not a schedule" },
        { "bad milestones", "Parameters", "Parameters['milestones'] = '3, x' for 'multistep' is not a comma-separated list of whole numbers" },
        { "bad mode", "Parameters", "Parameters['mode'] = 'square' for 'cyclic' is not one of triangular, triangular2, exp_range" },
        { "negative period", "period", "period = -1; it must be at least 2" },
        { "plateau factor", "factor", "factor = 1.5; it must lie in (0, 1)" },
        { "join needs two", "Inner", "Inner has 1 entries; 'join' needs at least 2" },
    };

    [Theory]
    [MemberData(nameof(BadScheduleSpecs))]
    public void Bad_schedule_specs_are_named_errors(string name, string parameter, string message)
    {
        Action build = name switch
        {
            "unknown kind" => () => new ScheduleSpec("sawtooth").Create(),
            "bad milestones" => () => new ScheduleSpec("multistep", P(("initial", "0.1"), ("milestones", "3, x"))).Create(),
            "bad mode" => () => new ScheduleSpec("cyclic", P(("base", "0.1"), ("max", "1"), ("stepsUp", "2"), ("mode", "square"))).Create(),
            "negative period" => () => new ScheduleSpec("cosine-restarts", P(("initial", "0.1"), ("period", "-1"))).Create(),
            "plateau factor" => () => new ScheduleSpec("plateau", P(("initial", "0.1"), ("factor", "1.5"))).CreatePlateau(),
            _ => () => new ScheduleSpec("join", P(("boundaries", "3")), [new ScheduleSpec("constant", P(("rate", "1")))]).Create(),
        };
        var error = Assert.ThrowsAny<ArgumentException>(build);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
