namespace Functional.Optimization;

/// <summary>
/// A differentiable objective R(w) as the optimizers that re-evaluate it see it (sharpness-aware minimisation, line
/// searches, L-BFGS): its value and its gradient at any point. Implementations must be pure from the caller's view —
/// the same <c>w</c> gives the same value and gradient, and <c>w</c> is never written.
/// </summary>
public interface IDifferentiableObjective
{
    /// <summary>Returns R(w) and writes ∇R(w) into <paramref name="gradient"/> (same length as <paramref name="w"/>).</summary>
    /// <param name="w">The point; not modified.</param>
    /// <param name="gradient">Receives ∇R(w); every entry is written.</param>
    /// <returns>R(w). May be +∞ or NaN where the objective is undefined; the callers treat such a point as rejected.</returns>
    double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient);
}

/// <summary>The signature of <see cref="IDifferentiableObjective.ValueAndGradient"/> as a delegate.</summary>
/// <param name="w">The point; not modified.</param>
/// <param name="gradient">Receives ∇R(w).</param>
/// <returns>R(w).</returns>
public delegate double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient);

/// <summary>Builds objectives from functions.</summary>
public static class Objective
{
    /// <summary>An <see cref="IDifferentiableObjective"/> that calls <paramref name="function"/>.</summary>
    /// <param name="function">R(w) and ∇R(w); must be pure.</param>
    /// <returns>The objective.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static IDifferentiableObjective From(ValueAndGradient function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateObjective(function);
    }

    private sealed class DelegateObjective(ValueAndGradient function) : IDifferentiableObjective
    {
        public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient) => function(w, gradient);
    }
}
