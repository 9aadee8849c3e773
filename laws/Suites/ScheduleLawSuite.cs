using FsCheck;
using FsCheck.Fluent;
using Functional.Laws.Generators;
using Functional.Optimization;

namespace Functional.Laws;

/// <summary>
/// A learning-rate schedule as the laws see it: η(t) for t = 0, 1, …, with the bounds it states and what it claims about
/// its shape. Any <c>Func&lt;long, double&gt;</c> will do, ours (<c>s.At</c>) or yours.
/// </summary>
/// <param name="Name">A name for reports; put the settings in it (ours: the schedule's ToString).</param>
/// <param name="At">η(t).</param>
/// <param name="Low">The stated lower bound (η_min for cosine).</param>
/// <param name="High">The stated upper bound (η₀ for cosine).</param>
/// <param name="Horizon">The laws check steps 0 … Horizon.</param>
public sealed record ScheduleUnderTest(string Name, Func<long, double> At, double Low, double High, long Horizon)
{
    /// <summary>Steps 0 … WarmupSteps never decrease (a warm-up); null: not claimed.</summary>
    public long? WarmupSteps { get; init; }

    /// <summary>Steps DecreasingFrom … Horizon never increase (a decay); null: not claimed.</summary>
    public long? DecreasingFrom { get; init; }

    /// <summary>η(t + Period) = η(t) bit for bit; null: not claimed.</summary>
    public long? Period { get; init; }

    /// <summary>The schedule's name.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// The laws of a learning-rate schedule drawn from a seed (so the settings vary from case to case): η(t) is finite and within
/// the stated bounds on 0 … horizon; it is a closed form of t (any evaluation order gives the same values); and, where the
/// schedule declares them, it never decreases during its warm-up, never increases during its decay, and repeats with its period.
/// </summary>
public sealed class ScheduleLawSuite : LawSuite
{
    /// <summary>The laws of the schedules <paramref name="draw"/> builds from seeds.</summary>
    /// <param name="draw">seed → a schedule with its bounds and claims (draw the settings from <c>new Random(seed)</c>).</param>
    /// <param name="name">A name for reports.</param>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public ScheduleLawSuite(Func<int, ScheduleUnderTest> draw, string name)
        : base($"schedule '{name}'")
    {
        ArgumentNullException.ThrowIfNull(draw);
        Arbitrary<ScheduleUnderTest> Schedules() => Arb.From(Gen.Choose(0, int.MaxValue).Select(draw));
        Add("within bounds", "Low ≤ η(t) ≤ High, finite, for t = 0 … horizon", Schedules, s => ScheduleLaws.StaysWithin(s.At, s.Horizon, s.Low, s.High, s.Name));
        Add<ScheduleUnderTest, int>(
            "closed form",
            "η(t) depends on t alone: evaluating out of order gives the same values",
            Schedules,
            OptimizationGenerators.ScheduleSeeds,
            (s, seed) => ScheduleLaws.OrderIndependent(s.At, s.Horizon, seed, s.Name));
        Add("monotone where declared", "non-decreasing on 0 … warm-up, non-increasing from the decay's start to the horizon", Schedules, s =>
        {
            if (s.WarmupSteps is { } warmup)
            {
                ScheduleLaws.NonDecreasing(s.At, 0, warmup, s.Name);
            }

            if (s.DecreasingFrom is { } from)
            {
                ScheduleLaws.NonIncreasing(s.At, from, s.Horizon, s.Name);
            }
        });
        Add("periodic where declared", "η(t + P) = η(t) = η(t + 1000P) bit for bit", Schedules, s =>
        {
            if (s.Period is { } period)
            {
                ScheduleLaws.Periodic(s.At, period, s.Horizon, s.Name);
            }
        });
    }
}

/// <summary>A reduce-on-plateau controller with its starting rate, drawn for the plateau laws.</summary>
/// <param name="Plateau">The controller.</param>
/// <param name="Initial">η₀.</param>
/// <param name="MinRate">η_min.</param>
public sealed record PlateauUnderTest(ReduceOnPlateau Plateau, double Initial, double MinRate)
{
    /// <summary>The controller, η₀ and η_min in one line.</summary>
    public override string ToString() => $"{Plateau}, η₀ = {Approx.Show(Initial)}, η_min = {Approx.Show(MinRate)}";
}

/// <summary>
/// The law of a reduce-on-plateau controller: fed any metric sequence (noisy decreases, plateaus, spikes, ±∞), the rate never
/// rises, never falls below min(η₀, η_min), each change is a reduction to max(η·factor, η_min), and the state counts the metrics.
/// </summary>
public sealed class PlateauLawSuite : LawSuite
{
    /// <summary>The law for the controllers <paramref name="draw"/> builds from seeds.</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public PlateauLawSuite(Func<int, PlateauUnderTest> draw, string name)
        : base($"reduce-on-plateau '{name}'")
    {
        ArgumentNullException.ThrowIfNull(draw);
        Add<PlateauUnderTest, double[]>(
            "never raises",
            "the rate never rises, stays ≥ min(η₀, η_min), and changes only to max(η·factor, η_min)",
            () => Arb.From(Gen.Choose(0, int.MaxValue).Select(draw)),
            OptimizationGenerators.Metrics,
            (p, metrics) => ScheduleLaws.PlateauNeverRaises(p.Plateau, p.Initial, metrics, p.MinRate));
    }
}
