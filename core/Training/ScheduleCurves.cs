using System.Collections.Immutable;
using Functional.Optimization;

namespace Functional.Training;

/// <summary>How the schedule demonstration groups its curves (one figure each in the report).</summary>
public enum ScheduleFamily
{
    /// <summary>Monotone decays: constant, step, multistep, exponential, inverse-time, Robbins–Monro, polynomial, linear.</summary>
    Decay,

    /// <summary>Annealing: cosine, cosine with warm restarts, warm-up then cosine, one-cycle.</summary>
    Annealing,

    /// <summary>Cyclic: triangular, triangular2, exp_range.</summary>
    Cyclic,
}

/// <summary>One schedule's learning rate over the demonstration's horizon.</summary>
/// <param name="Family">Its group.</param>
/// <param name="Label">A short label with its settings.</param>
/// <param name="Schedule">The schedule itself (its <c>ToString</c> names the factory's settings).</param>
/// <param name="Rates">η(t) for t = 0 … T − 1.</param>
public sealed record ScheduleCurve(ScheduleFamily Family, string Label, Schedule Schedule, ImmutableArray<double> Rates);

public static partial class Demonstrations
{
    /// <summary>
    /// Every schedule family evaluated over t = 0 … T − 1 (nothing new: the existing factories of <see cref="Schedules"/>,
    /// with settings scaled to the horizon): constant; step (s = T/4, γ = ½); multistep (T/2, 3T/4; γ = 0.1); exponential
    /// (γ = 0.97); inverse-time (k = 0.1); Robbins–Monro η₀/(1 + t); polynomial (power 2); linear (1 → 0.05); cosine (η_min = η₀/100);
    /// cosine with warm restarts (T₀ = T/8, m = 2); warm-up (T/10 steps from 0.1·η₀) then cosine; one-cycle (max η₀);
    /// cyclic triangular, triangular2 and exp_range (γ = 0.99) between η₀/10 and η₀ with half-period T/8.
    /// </summary>
    /// <param name="horizon">T ≥ 40 (the settings need room).</param>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <returns>The curves in the order above.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    public static ImmutableArray<ScheduleCurve> ScheduleCurves(int horizon = 200, double initial = 0.1)
    {
        if (horizon < 40)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"horizon = {horizon}; the curves need at least 40 steps.");
        }

        if (!(initial > 0.0 && double.IsFinite(initial)))
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial, $"initial = {initial}; η₀ is finite and > 0.");
        }

        long t = horizon;
        var eighth = t / 8;
        (ScheduleFamily Family, string Label, Schedule Schedule)[] all =
        [
            (ScheduleFamily.Decay, "constant", Schedules.Constant(initial)),
            (ScheduleFamily.Decay, $"step, s = {t / 4}, γ = 0.5", Schedules.Step(initial, t / 4, 0.5)),
            (ScheduleFamily.Decay, $"multistep at {t / 2}, {3 * t / 4}, γ = 0.1", Schedules.MultiStep(initial, [t / 2, 3 * t / 4], 0.1)),
            (ScheduleFamily.Decay, "exponential, γ = 0.97", Schedules.Exponential(initial, 0.97)),
            (ScheduleFamily.Decay, "inverse-time, k = 0.1", Schedules.InverseTime(initial, 0.1)),
            (ScheduleFamily.Decay, "Robbins–Monro, η₀/(1 + t)", Schedules.RobbinsMonro(initial)),
            (ScheduleFamily.Decay, "polynomial, power 2", Schedules.Polynomial(initial, t, 2.0)),
            (ScheduleFamily.Decay, "linear, 1 → 0.05", Schedules.Linear(initial, 1.0, 0.05, t)),
            (ScheduleFamily.Annealing, "cosine, η_min = η₀/100", Schedules.Cosine(initial, t, initial / 100.0)),
            (ScheduleFamily.Annealing, $"warm restarts, T₀ = {eighth}, m = 2", Schedules.CosineWarmRestarts(initial, eighth, 2)),
            (ScheduleFamily.Annealing, $"warm-up {t / 10} then cosine", Schedules.Warmup(t / 10, Schedules.Cosine(initial, t - (t / 10)), 0.1)),
            (ScheduleFamily.Annealing, "one-cycle", Schedules.OneCycle(initial, t)),
            (ScheduleFamily.Cyclic, "triangular", Schedules.Cyclic(initial / 10.0, initial, eighth)),
            (ScheduleFamily.Cyclic, "triangular2", Schedules.Cyclic(initial / 10.0, initial, eighth, mode: CyclicMode.Triangular2)),
            (ScheduleFamily.Cyclic, "exp_range, γ = 0.99", Schedules.Cyclic(initial / 10.0, initial, eighth, mode: CyclicMode.ExpRange, gamma: 0.99)),
        ];
        return [.. all.Select(c => new ScheduleCurve(c.Family, c.Label, c.Schedule, [.. Enumerable.Range(0, horizon).Select(s => c.Schedule.At(s))]))];
    }
}
