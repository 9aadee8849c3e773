using System.Text.Json;
using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>
/// Every schedule against PyTorch 1.13's lr_scheduler with the same settings (reference/torch_reference.py), to 1e-12
/// relative: the learning rate PyTorch's optimizer holds after t scheduler steps equals Schedule.At(t). PyTorch computes most
/// of these recursively; ours are closed forms — the recursive drift over these horizons stays below 1e-14.
/// </summary>
public class ScheduleParityTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Cases => new(TorchReference.ScheduleNames.Where(n => !n.StartsWith("plateau", StringComparison.Ordinal)));

    public static TheoryData<string> PlateauCases => new(TorchReference.ScheduleNames.Where(n => n.StartsWith("plateau", StringComparison.Ordinal)));

    private static double D(JsonElement p, string name) => p.GetProperty(name).GetDouble();

    private static long L(JsonElement p, string name) => p.GetProperty(name).GetInt64();

    /// <summary>Our schedule for the reference case of that name, built from the same numbers.</summary>
    internal static Schedule Build(string name)
    {
        var p = TorchReference.Params(name);
        return name switch
        {
            "step" => Schedules.Step(D(p, "lr"), L(p, "stepSize"), D(p, "gamma")),
            "multistep" => Schedules.MultiStep(D(p, "lr"), p.GetProperty("milestones").EnumerateArray().Select(e => e.GetInt64()).ToArray(), D(p, "gamma")),
            "exponential" => Schedules.Exponential(D(p, "lr"), D(p, "gamma")),
            "inverse-time" => Schedules.InverseTime(D(p, "lr"), D(p, "k")),
            "robbins-monro" => Schedules.RobbinsMonro(D(p, "lr")),
            "polynomial" or "polynomial-linear" => Schedules.Polynomial(D(p, "lr"), L(p, "totalSteps"), D(p, "power")),
            "cosine" or "cosine-zero-min" => Schedules.Cosine(D(p, "lr"), L(p, "tMax"), D(p, "min")),
            "warm-restarts" or "warm-restarts-fixed" => Schedules.CosineWarmRestarts(D(p, "lr"), L(p, "t0"), L(p, "tMult"), D(p, "min"), reachMinimum: false),
            "linear" or "linear-decay" => Schedules.Linear(D(p, "lr"), D(p, "start"), D(p, "end"), L(p, "totalSteps")),
            "warmup-cosine" => Schedules.Warmup(L(p, "warmupSteps"), Schedules.Cosine(D(p, "lr"), L(p, "tMax"), D(p, "min")), D(p, "warmupStart")),
            "warmup-exponential" => Schedules.Warmup(L(p, "warmupSteps"), Schedules.Exponential(D(p, "lr"), D(p, "gamma")), D(p, "warmupStart")),
            "cyclic-triangular" => Schedules.Cyclic(D(p, "base"), D(p, "max"), L(p, "up"), L(p, "down"), CyclicMode.Triangular),
            "cyclic-triangular2" => Schedules.Cyclic(D(p, "base"), D(p, "max"), L(p, "up"), L(p, "down"), CyclicMode.Triangular2),
            "cyclic-exp-range" => Schedules.Cyclic(D(p, "base"), D(p, "max"), L(p, "up"), L(p, "down"), CyclicMode.ExpRange, D(p, "gamma")),
            "one-cycle" or "one-cycle-linear" or "one-cycle-three-phase" => Schedules.OneCycle(
                D(p, "max"), L(p, "totalSteps"), D(p, "pctStart"), p.GetProperty("anneal").GetString() == "cos" ? AnnealStrategy.Cosine : AnnealStrategy.Linear,
                D(p, "div"), D(p, "finalDiv"), p.GetProperty("threePhase").GetBoolean()),
            _ => throw new ArgumentException($"no mapping for {name}", nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Schedule_equals_pytorch(string name)
    {
        var expected = TorchReference.Values(name);
        var schedule = Build(name);
        var actual = Enumerable.Range(0, expected.Length).Select(t => schedule.At(t)).ToArray();
        TorchReference.Close(expected, actual, Tolerance, name);
    }

    [Theory]
    [MemberData(nameof(PlateauCases))]
    public void Reduce_on_plateau_equals_pytorch(string name)
    {
        var p = TorchReference.Params(name);
        var plateau = ReduceOnPlateau.Create(
            p.GetProperty("mode").GetString() == "min" ? PlateauMode.Min : PlateauMode.Max,
            D(p, "factor"),
            p.GetProperty("patience").GetInt32(),
            D(p, "threshold"),
            p.GetProperty("threshold_mode").GetString() == "rel" ? ThresholdMode.Relative : ThresholdMode.Absolute,
            p.GetProperty("cooldown").GetInt32(),
            D(p, "min_lr"));
        var expected = TorchReference.Values(name);
        var state = plateau.Init(D(p, "lr"));
        var actual = new List<double> { state.LearningRate };
        foreach (var metric in TorchReference.Doubles(p.GetProperty("metrics")))
        {
            state = plateau.Update(state, metric);
            actual.Add(state.LearningRate);
        }

        TorchReference.Close(expected, [.. actual], Tolerance, name);
    }

    [Fact]
    public void Every_reference_case_reduces_its_rate_somewhere_so_the_comparison_is_not_vacuous()
    {
        foreach (var name in TorchReference.ScheduleNames.Where(n => n is not "robbins-monro"))
        {
            var values = TorchReference.Values(name);
            Assert.True(values.Distinct().Count() > 2, name);
        }
    }

    [Fact]
    public void Warm_restarts_reaching_the_minimum_end_every_cycle_at_eta_min_and_restart_at_eta_0()
    {
        // cycles of 10, 20, 40: the last steps are 9, 29, 69
        var s = Schedules.CosineWarmRestarts(0.1, 10, 2, 0.01);
        foreach (var last in new long[] { 9, 29, 69 })
        {
            Assert.Equal(0.01, s.At(last));
            Assert.Equal(0.1, s.At(last + 1));
        }

        // PyTorch's curve never gets there: its smallest value in the first cycle is at step 9
        var torch = TorchReference.Values("warm-restarts");
        Assert.True(torch[9] > 0.012);
        // mid-cycle: position 5 of 10 is cos(5π/9) with reachMinimum, cos(π/2) in PyTorch
        Assert.Equal(0.01 + (0.09 * (1 + Math.Cos(Math.PI * 5 / 9)) / 2), s.At(5), 15);
    }

    [Fact]
    public void Cosine_holds_eta_min_after_its_horizon_where_pytorch_rises_again()
    {
        var s = Schedules.Cosine(0.1, 50, 0.001);
        Assert.Equal(0.001, s.At(50));
        Assert.Equal(0.001, s.At(51));
        Assert.Equal(0.001, s.At(1000));
    }

    [Fact]
    public void One_cycle_holds_its_final_value_past_the_last_step()
    {
        var s = Schedules.OneCycle(0.1, 50);
        Assert.Equal(0.1 / 25 / 1e4 * 1e6, s.At(49) * 1e6, 14);
        Assert.Equal(s.At(49), s.At(50));
        Assert.Equal(s.At(49), s.At(10_000));
    }

    [Fact]
    public void Inverse_time_with_a_power_and_robbins_monro_follow_their_formulas()
    {
        var s = Schedules.InverseTime(0.5, 0.2, 0.75);
        Assert.Equal(0.5 / Math.Pow(1 + (0.2 * 7), 0.75), s.At(7), 15);
        Assert.Equal(2.0 / 1000, Schedules.RobbinsMonro(2.0).At(999), 15);
    }

    [Fact]
    public void Polynomial_with_a_final_rate_ends_there()
    {
        var s = Schedules.Polynomial(1.0, 10, 2.0, 0.1);
        Assert.Equal(1.0, s.At(0));
        Assert.Equal(0.1 + (0.9 * 0.25), s.At(5), 15);
        Assert.Equal(0.1, s.At(10));
        Assert.Equal(0.1, s.At(11));
    }

    [Fact]
    public void Join_restarts_each_schedule_at_its_boundary()
    {
        var s = Schedules.Join([Schedules.Constant(0.3), Schedules.Exponential(0.2, 0.5), Schedules.Constant(0.01)], [3, 6]);
        double[] expected = [0.3, 0.3, 0.3, 0.2, 0.1, 0.05, 0.01, 0.01];
        TorchReference.Close(expected, Enumerable.Range(0, 8).Select(t => s.At(t)).ToArray(), 1e-15, "join");
    }

    [Fact]
    public void Warm_restarts_with_a_huge_step_do_not_loop_or_overflow()
    {
        var s = Schedules.CosineWarmRestarts(1.0, 3, 7, 0.0, reachMinimum: false);
        var v = s.At(long.MaxValue - 1);
        Assert.InRange(v, 0.0, 1.0);
    }
}
