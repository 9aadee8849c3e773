using System.Collections.Immutable;
using Functional.Numerics;

namespace Functional.Optimization;

/// <summary>The parameters after one step and the optimizer's state after it.</summary>
/// <param name="Parameters">w + u, the parameters after the step.</param>
/// <param name="State">The optimizer's state after the step.</param>
public sealed record OptimizerStep(ImmutableArray<double> Parameters, OptimizerState State);

/// <summary>
/// An optimizer as a pair of pure functions, after optax's <c>GradientTransformation</c>:
/// <see cref="Init"/>(w) → state, and <see cref="Update(ReadOnlySpan{double}, OptimizerState, ReadOnlySpan{double}, double, Span{double})"/>
/// (g, state, w, η) → (u, state′); the caller applies w ← w + u (or calls <see cref="Step"/>).
/// </summary>
/// <remarks>
/// <para><b>The learning rate is an argument of Update</b>, not part of the optimizer: the training fold evaluates its
/// schedule (or its reduce-on-plateau state, which needs the metric and so cannot live inside Update) at the step number
/// and passes η. Every member of a chain receives the same η; members that do not use it ignore it.</para>
/// <para>Optimizers are immutable and hold only validated hyper-parameters; all that changes between steps is in the
/// <see cref="OptimizerState"/>, which is plain data. Update never writes its inputs (the gradient, the state, the
/// parameters): it returns a new state and writes only <c>updates</c>, which must not overlap the inputs.</para>
/// <para>Members of a chain map an incoming vector to an outgoing one: the first receives the gradient; transforms like
/// <see cref="Optimizers.ClipByGlobalNorm"/> and <see cref="Optimizers.WeightDecay"/> output a modified gradient; step
/// rules (<see cref="Optimizers.GradientDescent"/>, <see cref="Optimizers.Sgd"/>, <see cref="Optimizers.Adam"/>) turn a
/// gradient into an update that includes −η; <see cref="Optimizers.L1"/> and <see cref="Optimizers.ElasticNet"/> map an
/// update to the proximal update. NOTES.md ("Optimizers and schedules") has every rule and its source.</para>
/// </remarks>
public abstract class Optimizer
{
    private protected Optimizer()
    {
    }

    /// <summary>The optimizer's name, also the <see cref="OptimizerState.Kind"/> of its states.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether Update needs the objective to re-evaluate it (sharpness-aware minimisation, steepest descent); such an
    /// optimizer must be called through the overload that takes an <see cref="IDifferentiableObjective"/>.
    /// </summary>
    public virtual bool RequiresObjective => false;

    /// <summary>The initial state for parameters <paramref name="parameters"/> (buffers zero, count 0).</summary>
    /// <param name="parameters">The initial parameters; only their number is used.</param>
    /// <returns>The state.</returns>
    public OptimizerState Init(ReadOnlySpan<double> parameters) => InitCore(parameters.Length);

    /// <summary>
    /// One update: writes u into <paramref name="updates"/> and returns the next state. w + u is the next parameter vector.
    /// </summary>
    /// <param name="gradient">∇R(w), finite; not modified.</param>
    /// <param name="state">The state from <see cref="Init"/> or the previous Update; not modified.</param>
    /// <param name="parameters">w, finite, the same length as the gradient; not modified.</param>
    /// <param name="learningRate">η ≥ 0, finite (0, which schedules may reach, moves nothing).</param>
    /// <param name="updates">Receives u (at least as long as the gradient; must not overlap the inputs).</param>
    /// <returns>The next state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, <paramref name="updates"/> is short or overlaps an input, an entry of
    /// the gradient or parameters is NaN or infinite (named with its index), the state belongs to another optimizer or
    /// dimension, or the optimizer needs the objective.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, infinite or NaN.</exception>
    public OptimizerState Update(ReadOnlySpan<double> gradient, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates)
    {
        if (RequiresObjective)
        {
            throw NeedsObjective(Name);
        }

        Validate(gradient, state, parameters, learningRate, updates);
        return Apply(gradient, state, parameters, learningRate, updates, null);
    }

    /// <summary>
    /// One update for optimizers that re-evaluate the objective (and for all others, which ignore it): as
    /// <see cref="Update(ReadOnlySpan{double}, OptimizerState, ReadOnlySpan{double}, double, Span{double})"/>, where
    /// <paramref name="gradient"/> must be ∇R(w) of this <paramref name="objective"/>.
    /// </summary>
    /// <param name="objective">R, evaluated at points near w.</param>
    /// <param name="gradient">∇R(w), finite; not modified.</param>
    /// <param name="state">The current state; not modified.</param>
    /// <param name="parameters">w; not modified.</param>
    /// <param name="learningRate">η ≥ 0, finite (the trial step for a line search; 0 means 1).</param>
    /// <param name="updates">Receives u.</param>
    /// <returns>The next state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">As the other overload; also when the objective returns a non-finite gradient at a
    /// point the optimizer evaluates.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, infinite or NaN.</exception>
    public OptimizerState Update(
        IDifferentiableObjective objective, ReadOnlySpan<double> gradient, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Validate(gradient, state, parameters, learningRate, updates);
        return Apply(gradient, state, parameters, learningRate, updates, objective);
    }

    /// <summary>Update followed by w + u: the next parameters and state, in new memory.</summary>
    /// <param name="parameters">w; not modified.</param>
    /// <param name="gradient">∇R(w); not modified.</param>
    /// <param name="state">The current state; not modified.</param>
    /// <param name="learningRate">η ≥ 0, finite.</param>
    /// <param name="objective">The objective, for optimizers that need it; otherwise ignored and may be null.</param>
    /// <returns>The next parameters and state.</returns>
    /// <exception cref="ArgumentException">As Update.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As Update.</exception>
    public OptimizerStep Step(
        ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient, OptimizerState state, double learningRate, IDifferentiableObjective? objective = null)
    {
        var next = new double[parameters.Length];
        var after = objective is null
            ? Update(gradient, state, parameters, learningRate, next)
            : Update(objective, gradient, state, parameters, learningRate, next);
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = parameters[i] + next[i];
        }

        return new OptimizerStep(OptimizerState.Wrap(next), after);
    }

    /// <summary>The optimizer's name and hyper-parameters.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString() => Name;

    private protected abstract OptimizerState InitCore(int dimension);

    /// <summary>The update itself; inputs are validated (chains call their members here directly).</summary>
    private protected abstract OptimizerState Apply(
        ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective);

    /// <summary>Whether this rule is plain SGD (no momentum, no state beyond the step count), whose step u = −η(g + τw) the
    /// training fold may apply in place without building a state per step; <paramref name="weightDecay"/> receives τ.</summary>
    internal virtual bool IsPlainSgd(out double weightDecay)
    {
        weightDecay = 0.0;
        return false;
    }

    internal OptimizerState ApplyInChain(
        ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        => Apply(incoming, state, parameters, learningRate, updates, objective);

    internal static ArgumentException NeedsObjective(string name, string parameterName = "objective")
        => new($"'{name}' re-evaluates the objective; call the Update overload that takes an IDifferentiableObjective.", parameterName);

    private static void Validate(ReadOnlySpan<double> gradient, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates)
    {
        ArgumentNullException.ThrowIfNull(state);
        Guard.SameLength(parameters.Length, gradient.Length, nameof(parameters), nameof(gradient));
        Guard.Destination(gradient.Length, updates.Length, nameof(updates));
        var written = updates[..gradient.Length];
        if (written.Overlaps(gradient) || written.Overlaps(parameters))
        {
            throw new ArgumentException("updates overlaps the gradient or the parameters; Update never writes its inputs, so give it separate memory.", nameof(updates));
        }

        // η = 0 is a legitimate scheduled value (cosine or polynomial decay to 0, warm-up from 0) and gives a step that
        // moves nothing (PyTorch allows it too); η < 0 would ascend, and NaN or ∞ would poison the parameters
        VectorOps.NonNegative(learningRate, nameof(learningRate));
        VectorOps.Finite(gradient, nameof(gradient));
        VectorOps.Finite(parameters, nameof(parameters));
    }
}
