using Functional.Optimization;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Properties.Laws;

namespace Functional.Properties.Optimization;

/// <summary>The schedule laws applied to the core's schedules, with settings drawn from a generated seed.</summary>
public class ScheduleProperties
{
    private static double Rate(Random r) => Math.Pow(10.0, -4.0 + (5.0 * r.NextDouble()));

    [Fact]
    public void Cosine_stays_in_eta_min_eta_0_and_decreases()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
        {
            var r = new Random(seed);
            var initial = Rate(r);
            var minimum = r.Next(4) == 0 ? 0.0 : initial * r.NextDouble();
            var total = r.Next(1, 400);
            var s = Schedules.Cosine(initial, total, minimum);
            ScheduleLaws.StaysWithin(s.At, (2 * total) + 3, minimum, initial, s.ToString());
            ScheduleLaws.NonIncreasing(s.At, 0, (2 * total) + 3, s.ToString());
        });

    [Fact]
    public void Warm_restarts_stay_in_eta_min_eta_0_either_way()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
        {
            var r = new Random(seed);
            var initial = Rate(r);
            var minimum = initial * r.NextDouble();
            var s = Schedules.CosineWarmRestarts(initial, r.Next(2, 30), r.Next(1, 4), minimum, r.Next(2) == 0);
            ScheduleLaws.StaysWithin(s.At, 500, minimum, initial, s.ToString());
        });

    [Fact]
    public void Warm_up_is_monotone_up_to_the_following_schedules_start()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
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
            ScheduleLaws.NonDecreasing(s.At, 0, steps, s.ToString());
            ScheduleLaws.StaysWithin(s.At, steps, 0.0, initial, s.ToString());
        });

    [Fact]
    public void Triangular_cyclic_is_periodic_and_stays_between_base_and_max()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
        {
            var r = new Random(seed);
            var low = Rate(r);
            var high = low * (1.0 + (10.0 * r.NextDouble()));
            var up = r.Next(1, 50);
            var down = r.Next(1, 50);
            var s = Schedules.Cyclic(low, high, up, down);
            ScheduleLaws.Periodic(s.At, up + down, 3 * (up + down), s.ToString());
            ScheduleLaws.StaysWithin(s.At, 3 * (up + down), low, high, s.ToString());
        });

    [Fact]
    public void Decaying_cyclic_modes_stay_between_base_and_max()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
        {
            var r = new Random(seed);
            var low = Rate(r);
            var high = low * (1.0 + (10.0 * r.NextDouble()));
            var s = Schedules.Cyclic(low, high, r.Next(1, 30), r.Next(1, 30), r.Next(2) == 0 ? CyclicMode.Triangular2 : CyclicMode.ExpRange, 0.9 + (0.1 * r.NextDouble()));
            ScheduleLaws.StaysWithin(s.At, 400, low, high, s.ToString());
        });

    [Fact]
    public void One_cycle_stays_between_its_minimum_and_maximum()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
        {
            var r = new Random(seed);
            var max = Rate(r);
            var total = r.Next(20, 500);
            var div = 1.0 + (50.0 * r.NextDouble());
            var finalDiv = 1.0 + (1e4 * r.NextDouble());
            var s = Schedules.OneCycle(max, total, 0.1 + (0.3 * r.NextDouble()), r.Next(2) == 0 ? AnnealStrategy.Cosine : AnnealStrategy.Linear, div, finalDiv, r.Next(2) == 0);
            ScheduleLaws.StaysWithin(s.At, total + 5, max / div / finalDiv * (1 - 1e-12), max * (1 + 1e-12), s.ToString());
        });

    [Fact]
    public void Decays_never_increase()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
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
            ScheduleLaws.NonIncreasing(s.At, 0, 300, s.ToString());
            ScheduleLaws.StaysWithin(s.At, 300, 0.0, initial, s.ToString());
        });

    [Fact]
    public void Schedules_are_closed_forms_independent_of_evaluation_order()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
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
            ScheduleLaws.OrderIndependent(s.At, 250, seed, s.ToString());
        });

    [Fact]
    public void Reduce_on_plateau_never_raises_the_rate()
        => Holds.ForAll(OptimizationGenerators.ScheduleSeeds(), OptimizationGenerators.Metrics(), (seed, metrics) =>
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
            ScheduleLaws.PlateauNeverRaises(plateau, initial, metrics, minRate);
        });

    [Fact]
    public void The_periodicity_law_rejects_a_decaying_cycle()
    {
        var failure = Holds.NotForAll(OptimizationGenerators.ScheduleSeeds(), seed =>
        {
            var s = Schedules.Cyclic(0.01, 0.1, 3 + (seed % 5), mode: CyclicMode.Triangular2);
            ScheduleLaws.Periodic(s.At, 6 + (2 * (seed % 5)), 20, s.ToString());
        });
        Assert.Contains("η(", failure.Reason, StringComparison.Ordinal);
    }
}
