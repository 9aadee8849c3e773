using Functional.Numerics;

namespace Functional.Optimization;

/// <summary>
/// A learning-rate schedule: η as a pure function of the step number t = 0, 1, 2, … (the value PyTorch's optimizer holds
/// after t calls of <c>scheduler.step()</c>). Built by the validating factories of <see cref="Schedules"/>; every value is
/// computed in closed form from t, so there is no recursive drift and any step can be evaluated first.
/// </summary>
public abstract class Schedule
{
    /// <summary>Creates a schedule; subclasses compute <see cref="Evaluate"/>.</summary>
    protected Schedule()
    {
    }

    /// <summary>The schedule's kind (<c>"cosine"</c>, <c>"step"</c>, …).</summary>
    public abstract string Name { get; }

    /// <summary>η at step <paramref name="step"/>.</summary>
    /// <param name="step">t ≥ 0.</param>
    /// <returns>The learning rate, finite and ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double At(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"step = {step} is negative; steps count from 0.");
        }

        return Evaluate(step);
    }

    /// <summary>η at step t ≥ 0 (already checked).</summary>
    /// <param name="t">The step, ≥ 0.</param>
    /// <returns>The learning rate.</returns>
    protected abstract double Evaluate(long t);

    /// <summary>The kind and its settings.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString() => Name;

    internal static string Show(double value) => Format.Number(value);
}
