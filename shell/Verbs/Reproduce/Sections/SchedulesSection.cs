using System.Globalization;
using Functional.Shell.Plots;
using Functional.Shell.Reports;
using Functional.Training;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// Issue 5 "Schedules": every learning-rate schedule family over one horizon, grouped into decays, annealing and cyclic
/// schedules — the values of the core's factories (<see cref="Demonstrations.ScheduleCurves"/>).
/// </summary>
internal sealed class SchedulesSection : IReproduceSection
{
    private static readonly int[] Checkpoints = [0, 10, 25, 50, 100, 150, 199];

    public string Name => "schedules";

    public string Title => "Learning-rate schedules: decays, annealing and cycles";

    public int Order => 61;

    public ReportSection Build()
    {
        var curves = Demonstrations.ScheduleCurves(horizon: 200, initial: 0.1);
        var steps = Enumerable.Range(0, 200).Select(t => (double)t).ToArray();
        Chart Family(ScheduleFamily family, string title, AxisScale scale) => new(
            title,
            new Axis("step t"),
            new Axis(scale == AxisScale.Log ? "learning rate η(t) (log scale)" : "learning rate η(t)", scale, Min: scale == AxisScale.Log ? 1e-4 : 0, Max: scale == AxisScale.Log ? 0.2 : 0.105),
            [.. curves.Where(c => c.Family == family).Select(c => new Series(c.Label, steps, [.. c.Rates], c.Label.StartsWith("step", StringComparison.Ordinal) || c.Label.StartsWith("multistep", StringComparison.Ordinal) ? SeriesKind.Step : SeriesKind.Line))],
            Width: 820);

        var table = new Table(
            "schedules-values",
            "η(t) of each schedule at a few steps (η₀ = 0.1, horizon T = 200); the full curves are the figures' data. Each row names the "
            + "factory's settings as the core prints them.",
            ["schedule", "settings", .. Checkpoints.Select(t => "t = " + t.ToString(CultureInfo.InvariantCulture))],
            [.. curves.Select(c => (IReadOnlyList<Cell>)[Cell.Of(c.Label), Cell.Of(c.Schedule.ToString()), .. Checkpoints.Select(t => Cell.Of(c.Rates[t]))])]);

        return new ReportSection(
            Name,
            Title,
            "Each schedule is a closed-form function of the step number, built by a validating factory of Functional.Optimization.Schedules "
            + "(values equal PyTorch's lr_scheduler for the same settings; NOTES.md lists the deliberate differences). All start from "
            + "η₀ = 0.1 over T = 200 steps. Decays shrink the rate monotonically, Robbins–Monro's η₀/(1 + t) satisfying Ση = ∞, Ση² < ∞; "
            + "annealing follows a half cosine, with restarts, after a warm-up, or up-then-down (one-cycle); cyclic schedules oscillate "
            + "between η₀/10 and η₀.",
            [
                new Figure("schedules-decay", "Monotone decays. The log scale shows exponential decay as a straight line and the step schedules as stairs.", Family(ScheduleFamily.Decay, "Decaying schedules", AxisScale.Log)),
                new Figure("schedules-annealing", "Cosine annealing to η₀/100; warm restarts with periods 25, 50, 100 each ending exactly at η_min; a linear warm-up from 0.01 then cosine; one-cycle rising to its peak at 30 % of the horizon.", Family(ScheduleFamily.Annealing, "Annealing schedules", AxisScale.Linear)),
                new Figure("schedules-cyclic", "Cyclic schedules with half-period 25: triangular keeps its amplitude, triangular2 halves it each cycle, exp_range shrinks it by 0.99 per step.", Family(ScheduleFamily.Cyclic, "Cyclic schedules", AxisScale.Linear)),
                table,
            ]);
    }
}

internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Schedules = Add(new SchedulesSection());
}
