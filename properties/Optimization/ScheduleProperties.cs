using Functional.Laws;
using Functional.Optimization;

namespace Functional.Properties.Optimization;

/// <summary>
/// The schedule laws of the laws package (<see cref="LawsOf.Schedule(Func{int, ScheduleUnderTest}, string)"/>) applied to the
/// core's schedules, with settings drawn from each case's seed.
/// </summary>
public class ScheduleProperties
{
    private static double Rate(Random r) => Math.Pow(10.0, -4.0 + (5.0 * r.NextDouble()));

    private static ScheduleUnderTest Cosine(int seed)
    {
        var r = new Random(seed);
        var initial = Rate(r);
        var minimum = r.Next(4) == 0 ? 0.0 : initial * r.NextDouble();
        var total = r.Next(1, 400);
        var s = Schedules.Cosine(initial, total, minimum);
        return new ScheduleUnderTest(s.ToString(), s.At, minimum, initial, (2 * total) + 3) { DecreasingFrom = 0 };
    }

    private static ScheduleUnderTest WarmRestarts(int seed)
    {
        var r = new Random(seed);
        var initial = Rate(r);
        var minimum = initial * r.NextDouble();
        var s = Schedules.CosineWarmRestarts(initial, r.Next(2, 30), r.Next(1, 4), minimum, r.Next(2) == 0);
        return new ScheduleUnderTest(s.ToString(), s.At, minimum, initial, 500);
    }

    private static ScheduleUnderTest Warmup(int seed)
    {
        var r = new Random(seed);
        var initial = Rate(r);
        var steps = r.Next(1, 200);
        Schedule then = r.Next(3) switch
        {
            0 => Schedules.Cosine(initial, r.Next(1, 100)),
            1 => Schedules.Exponential(initial, 0.5 + (0.5 * r.NextDouble())),
            _ => Schedules.Constant(initial),
        };
        var s = Schedules.Warmup(steps, then, r.Next(3) == 0 ? 0.0 : r.NextDouble());
        return new ScheduleUnderTest(s.ToString(), s.At, 0.0, initial, steps) { WarmupSteps = steps };
    }

    private static ScheduleUnderTest Triangular(int seed)
    {
        var r = new Random(seed);
        var low = Rate(r);
        var high = low * (1.0 + (10.0 * r.NextDouble()));
        var up = r.Next(1, 50);
        var down = r.Next(1, 50);
        var s = Schedules.Cyclic(low, high, up, down);
        return new ScheduleUnderTest(s.ToString(), s.At, low, high, 3 * (up + down)) { Period = up + down };
    }

    private static ScheduleUnderTest DecayingCycles(int seed)
    {
        var r = new Random(seed);
        var low = Rate(r);
        var high = low * (1.0 + (10.0 * r.NextDouble()));
        var s = Schedules.Cyclic(low, high, r.Next(1, 30), r.Next(1, 30), r.Next(2) == 0 ? CyclicMode.Triangular2 : CyclicMode.ExpRange, 0.9 + (0.1 * r.NextDouble()));
        return new ScheduleUnderTest(s.ToString(), s.At, low, high, 400);
    }

    private static ScheduleUnderTest OneCycle(int seed)
    {
        var r = new Random(seed);
        var max = Rate(r);
        var total = r.Next(20, 500);
        var div = 1.0 + (50.0 * r.NextDouble());
        var finalDiv = 1.0 + (1e4 * r.NextDouble());
        var s = Schedules.OneCycle(max, total, 0.1 + (0.3 * r.NextDouble()), r.Next(2) == 0 ? AnnealStrategy.Cosine : AnnealStrategy.Linear, div, finalDiv, r.Next(2) == 0);
        return new ScheduleUnderTest(s.ToString(), s.At, max / div / finalDiv * (1 - 1e-12), max * (1 + 1e-12), total + 5);
    }

    private static ScheduleUnderTest Decay(int seed)
    {
        var r = new Random(seed);
        var initial = Rate(r);
        var gamma = 0.05 + (0.95 * r.NextDouble());
        Schedule s = r.Next(6) switch
        {
            0 => Schedules.Step(initial, r.Next(1, 20), gamma),
            1 => Schedules.MultiStep(initial, [.. Enumerable.Range(0, r.Next(0, 5)).Select(_ => (long)r.Next(1, 100)).Order()], gamma),
            2 => Schedules.Exponential(initial, gamma),
            3 => Schedules.InverseTime(initial, r.NextDouble() * 5, 0.1 + r.NextDouble()),
            4 => Schedules.Polynomial(initial, r.Next(1, 100), 0.1 + (3 * r.NextDouble()), initial * r.NextDouble()),
            _ => Schedules.Linear(initial, 1.0, r.NextDouble(), r.Next(1, 100)),
        };
        return new ScheduleUnderTest(s.ToString(), s.At, 0.0, initial, 300) { DecreasingFrom = 0 };
    }

    /// <summary>Composite schedules (restarts, one-cycle, warm-up into cosine, joins), for the closed-form law over a long horizon.</summary>
    private static ScheduleUnderTest Composite(int seed)
    {
        var r = new Random(seed);
        var initial = Rate(r);
        Schedule s = r.Next(4) switch
        {
            0 => Schedules.CosineWarmRestarts(initial, r.Next(2, 20), r.Next(1, 3)),
            1 => Schedules.OneCycle(initial, r.Next(20, 200)),
            2 => Schedules.Warmup(r.Next(1, 20), Schedules.Cosine(initial, r.Next(1, 100))),
            _ => Schedules.Join([Schedules.Constant(initial), Schedules.Exponential(initial, 0.9)], [r.Next(1, 50)]),
        };
        return new ScheduleUnderTest(s.ToString(), s.At, 0.0, initial * (1 + 1e-12), 250);
    }

    private static readonly Dictionary<string, Func<int, ScheduleUnderTest>> All = new()
    {
        ["cosine"] = Cosine,
        ["cosine warm restarts"] = WarmRestarts,
        ["warm-up"] = Warmup,
        ["triangular cyclic"] = Triangular,
        ["decaying cyclic"] = DecayingCycles,
        ["one-cycle"] = OneCycle,
        ["decays"] = Decay,
        ["composites"] = Composite,
    };

    public static TheoryData<string> Names => new(All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_schedule_obeys_the_schedule_laws(string name)
        => LawsOf.Schedule(All[name], name).Verify(LawConfig.FromEnvironment());

    [Fact]
    public void Reduce_on_plateau_never_raises_the_rate()
        => LawsOf.Plateau(seed =>
        {
            var r = new Random(seed);
            var initial = Rate(r);
            var minRate = r.Next(3) == 0 ? 0.0 : initial * r.NextDouble() * (r.Next(4) == 0 ? 10.0 : 1.0);
            var plateau = ReduceOnPlateau.Create(
                r.Next(2) == 0 ? PlateauMode.Min : PlateauMode.Max,
                0.01 + (0.98 * r.NextDouble()),
                r.Next(0, 5),
                r.Next(3) == 0 ? 0.0 : 0.2 * r.NextDouble(),
                r.Next(2) == 0 ? ThresholdMode.Relative : ThresholdMode.Absolute,
                r.Next(0, 4),
                minRate);
            return new PlateauUnderTest(plateau, initial, minRate);
        }).Verify(LawConfig.FromEnvironment());

    [Fact]
    public void The_periodicity_law_rejects_a_decaying_cycle()
    {
        var report = LawsOf.Schedule(seed =>
        {
            var s = Schedules.Cyclic(0.01, 0.1, 3 + (seed % 5), mode: CyclicMode.Triangular2);
            return new ScheduleUnderTest(s.ToString(), s.At, 0.01, 0.1, 20) { Period = 6 + (2 * (seed % 5)) };
        }, "triangular2 claimed periodic").Check();

        Assert.True(report["within bounds"].Held);
        var failure = report["periodic where declared"].Failure;
        Assert.NotNull(failure);
        Assert.Contains("η(", failure.Reason, StringComparison.Ordinal);
    }
}
