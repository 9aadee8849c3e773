using Functional.Laws.Generators;

namespace Functional.Laws;

/// <summary>
/// What an optimizer claims beyond the basic laws, which switches on the optional ones.
/// </summary>
public sealed record OptimizerTraits
{
    /// <summary>
    /// Plain gradient descent on a convex quadratic: with η &lt; 2/L every step decreases R, and the iterates reach the
    /// minimiser A⁻¹b. True for gradient descent and SGD without momentum; not for Adam or momentum (which may overshoot).
    /// </summary>
    public bool DescendsOnQuadratics { get; init; }

    /// <summary>The step budget for <see cref="DescendsOnQuadratics"/> (default 200 000).</summary>
    public int MaxDescentSteps { get; init; } = 200_000;

    /// <summary>A coupled weight decay τ: one step from (w, g, η) lands on (1 − ητ)w − ηg. Null: not claimed.</summary>
    public double? CoupledWeightDecay { get; init; }

    /// <summary>
    /// A round trip of the state (for ours: JSON out and back); when given, resuming from a round-tripped state must equal
    /// the uninterrupted run bit for bit.
    /// </summary>
    public Func<object, object>? RoundTrip { get; init; }

    /// <summary>When given, a zero gradient must give a finite step equal, bit for bit, to this optimizer's (e.g. SAM's inner optimizer).</summary>
    public OptimizerUnderTest? ZeroGradientReference { get; init; }

    /// <summary>
    /// When given, the optimizer is SGD-like and, with these steps (e.g. η_t = η₀/(1 + t)), converges on noisy gradients of
    /// R(w) = E ½(w − x)² to the population mean (Robbins–Monro).
    /// </summary>
    public Func<StochasticCase, Func<long, double>>? RobbinsMonro { get; init; }
}

/// <summary>
/// The laws of an optimizer given as a pure (Init, Update) pair. Always: Update leaves its inputs (gradient, parameters,
/// state) untouched, is deterministic, and gives finite updates from finite inputs. Optional (<see cref="OptimizerTraits"/>):
/// monotone descent to the minimiser of convex quadratics for small steps, the weight-decay step, exact resumption
/// from a round-tripped state, a safe zero-gradient step, Robbins–Monro convergence.
/// </summary>
public sealed class OptimizerLawSuite : LawSuite
{
    /// <summary>The laws of <paramref name="optimizer"/> (see <see cref="LawsOf.Optimizer(OptimizerUnderTest, OptimizerTraits?)"/>).</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="optimizer"/> is null.</exception>
    public OptimizerLawSuite(OptimizerUnderTest optimizer, OptimizerTraits? traits = null)
        : base($"optimizer '{optimizer?.Name}'")
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        traits ??= new OptimizerTraits();
        Traits = traits;
        Add("leaves inputs untouched", "Update(g, s, w, η) never writes g, w or s", OptimizationGenerators.OptimizerCases, OptimizerLaws.LeavesInputsUntouched(optimizer));
        Add("deterministic", "the same inputs give bit-identical updates and equal states", OptimizationGenerators.OptimizerCases, OptimizerLaws.IsDeterministic(optimizer));
        Add("finite", "finite inputs give a finite update (never NaN or ±∞)", OptimizationGenerators.OptimizerCases, OptimizerLaws.FiniteUpdates(optimizer));
        if (traits.DescendsOnQuadratics)
        {
            Add(
                "descends on convex quadratics",
                "η < 2/L: R(w) never rises, and w reaches A⁻¹b",
                OptimizationGenerators.Quadratics,
                OptimizerLaws.DescendsMonotonicallyToTheMinimiser(optimizer, traits.MaxDescentSteps));
        }

        if (traits.CoupledWeightDecay is { } decay)
        {
            Add("weight-decay step", $"one step lands on (1 − η·{Approx.Show(decay)})w − ηg", OptimizationGenerators.OptimizerCases, OptimizerLaws.WeightDecayStep(optimizer, decay));
        }

        if (traits.RoundTrip is { } roundTrip)
        {
            Add("resumes exactly", "stopping after k steps, round-tripping the state and continuing equals the uninterrupted run", OptimizationGenerators.OptimizerCases, OptimizerLaws.ResumeEqualsUninterrupted(optimizer, roundTrip));
        }

        if (traits.ZeroGradientReference is { } reference)
        {
            Add("safe at a zero gradient", $"g = 0 gives a finite step equal to {reference}'s", OptimizationGenerators.OptimizerCases, OptimizerLaws.ZeroGradientStepIsSafe(optimizer, reference));
        }

        if (traits.RobbinsMonro is { } schedule)
        {
            Add("Robbins–Monro convergence", "noisy gradients of E ½(w − x)² with Robbins–Monro steps: |w_T − E x| ≤ 6σ/√T", OptimizationGenerators.Stochastic, OptimizerLaws.StochasticStepsConverge(optimizer, schedule));
        }
    }

    /// <summary>The optional laws this suite checks.</summary>
    public OptimizerTraits Traits { get; }
}
