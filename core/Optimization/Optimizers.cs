using System.Collections.Immutable;
using Functional.Numerics;

namespace Functional.Optimization;

/// <summary>
/// Factories for the optimizers: each validates its hyper-parameters and returns an immutable <see cref="Optimizer"/>.
/// Update rules and sources are in NOTES.md ("Optimizers and schedules").
/// </summary>
public static class Optimizers
{
    /// <summary>Gradient descent: u = −η g. State: count only.</summary>
    /// <returns>The optimizer (name <c>"gd"</c>).</returns>
    public static Optimizer GradientDescent() => new GradientDescentRule();

    /// <summary>
    /// PyTorch's <c>torch.optim.SGD</c>: d = g + τw (coupled weight decay); with momentum μ &gt; 0 the buffer b is d at the
    /// first step and μb + (1 − δ)d after; d ← d + μb (Nesterov) or d ← b; u = −η d. Without momentum and with τ &gt; 0 the
    /// step is w ← (1 − ητ)w − η∇R. State: count and, when μ &gt; 0, the buffer b.
    /// </summary>
    /// <param name="momentum">μ ∈ [0, 1).</param>
    /// <param name="dampening">δ ∈ [0, 1].</param>
    /// <param name="nesterov">Nesterov momentum (needs μ &gt; 0 and δ = 0, as in PyTorch).</param>
    /// <param name="weightDecay">τ ≥ 0, finite: the L2 coefficient added to the gradient.</param>
    /// <returns>The optimizer (name <c>"sgd"</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range or NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> with μ = 0 or δ ≠ 0.</exception>
    public static Optimizer Sgd(double momentum = 0.0, double dampening = 0.0, bool nesterov = false, double weightDecay = 0.0)
    {
        VectorOps.InRange(momentum, 0.0, 1.0, false, nameof(momentum));
        VectorOps.InRange(dampening, 0.0, 1.0, true, nameof(dampening));
        VectorOps.NonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum == 0.0 || dampening != 0.0))
        {
            throw new ArgumentException(
                $"Nesterov momentum needs momentum > 0 and dampening = 0 (momentum = {Format.Number(momentum)}, dampening = {Format.Number(dampening)}).",
                nameof(nesterov));
        }

        return new SgdRule(momentum, dampening, nesterov, weightDecay);
    }

    /// <summary>
    /// PyTorch's <c>torch.optim.Adam</c> (Kingma &amp; Ba 2015): g ← g + τw; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
    /// with AMSGrad v̂ ← max(v̂, v) replaces v below; u = −(η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
    /// State: count t and the buffers m, v (and v̂ with AMSGrad), in that order.
    /// </summary>
    /// <param name="beta1">β₁ ∈ [0, 1).</param>
    /// <param name="beta2">β₂ ∈ [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0, finite.</param>
    /// <param name="weightDecay">τ ≥ 0, coupled (added to the gradient).</param>
    /// <param name="amsgrad">Use the running maximum of v.</param>
    /// <returns>The optimizer (name <c>"adam"</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range or NaN.</exception>
    public static Optimizer Adam(double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0, bool amsgrad = false)
        => CheckedAdam(beta1, beta2, epsilon, weightDecay, amsgrad, decoupled: false);

    /// <summary>
    /// PyTorch's <c>torch.optim.AdamW</c> (Loshchilov &amp; Hutter 2019): w ← (1 − ητ)w, then the Adam step of the raw
    /// gradient; u is the sum of both. State as <see cref="Adam"/>.
    /// </summary>
    /// <param name="beta1">β₁ ∈ [0, 1).</param>
    /// <param name="beta2">β₂ ∈ [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0, finite.</param>
    /// <param name="weightDecay">τ ≥ 0, decoupled (PyTorch's default 0.01).</param>
    /// <param name="amsgrad">Use the running maximum of v.</param>
    /// <returns>The optimizer (name <c>"adamw"</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range or NaN.</exception>
    public static Optimizer AdamW(double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01, bool amsgrad = false)
        => CheckedAdam(beta1, beta2, epsilon, weightDecay, amsgrad, decoupled: true);

    private static AdamRule CheckedAdam(double beta1, double beta2, double epsilon, double weightDecay, bool amsgrad, bool decoupled)
    {
        VectorOps.InRange(beta1, 0.0, 1.0, false, nameof(beta1));
        VectorOps.InRange(beta2, 0.0, 1.0, false, nameof(beta2));
        VectorOps.Positive(epsilon, nameof(epsilon));
        VectorOps.NonNegative(weightDecay, nameof(weightDecay));
        return new AdamRule(beta1, beta2, epsilon, weightDecay, amsgrad, decoupled);
    }

    /// <summary>
    /// Clipping by the global norm (optax's <c>clip_by_global_norm</c>): g ← g · c/‖g‖₂ when ‖g‖₂ &gt; c, else g unchanged
    /// (so a zero gradient stays zero). PyTorch's <c>clip_grad_norm_</c> divides by ‖g‖ + 10⁻⁶ instead.
    /// </summary>
    /// <param name="maxNorm">c &gt; 0, finite.</param>
    /// <returns>The transform (name <c>"clip"</c>); chain it before a step rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not finite and positive.</exception>
    public static Optimizer ClipByGlobalNorm(double maxNorm)
    {
        VectorOps.Positive(maxNorm, nameof(maxNorm));
        return new ClipRule(maxNorm);
    }

    /// <summary>
    /// Coupled weight decay as a transform (optax's <c>add_decayed_weights</c>): g ← g + τw. Chained before
    /// <see cref="GradientDescent"/> it gives w ← (1 − ητ)w − η∇R, the gradient step of R + (τ/2)‖w‖².
    /// </summary>
    /// <param name="decay">τ ≥ 0, finite.</param>
    /// <returns>The transform (name <c>"weight-decay"</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decay"/> is negative, infinite or NaN.</exception>
    public static Optimizer WeightDecay(double decay)
    {
        VectorOps.NonNegative(decay, nameof(decay));
        return new WeightDecayRule(decay);
    }

    /// <summary>
    /// L1 by proximal soft-thresholding (ISTA): maps an update u to the proximal update S(w + u, ηλ) − w, with
    /// S(v, κ) = sign(v)·max(|v| − κ, 0). Chain it after a step rule: <c>Chain(GradientDescent(), L1(λ))</c> minimises
    /// R + λ‖w‖₁, and lands on exact zeros.
    /// </summary>
    /// <param name="lambda">λ ≥ 0, finite.</param>
    /// <returns>The transform (name <c>"proximal"</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is negative, infinite or NaN.</exception>
    public static Optimizer L1(double lambda) => ElasticNet(lambda, 0.0);

    /// <summary>
    /// Elastic net by its proximal map: u ↦ S(w + u, ηλ₁)/(1 + ηλ₂) − w, the prox of ηλ₁‖w‖₁ + (ηλ₂/2)‖w‖². scikit-learn's
    /// (α, l1_ratio) are λ₁ = α·l1_ratio, λ₂ = α·(1 − l1_ratio).
    /// </summary>
    /// <param name="l1">λ₁ ≥ 0, finite.</param>
    /// <param name="l2">λ₂ ≥ 0, finite.</param>
    /// <returns>The transform (name <c>"proximal"</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">λ₁ or λ₂ is negative, infinite or NaN.</exception>
    public static Optimizer ElasticNet(double l1, double l2)
    {
        VectorOps.NonNegative(l1, nameof(l1));
        VectorOps.NonNegative(l2, nameof(l2));
        return new ProximalRule(l1, l2);
    }

    /// <summary>
    /// Composition (optax's <c>chain</c>): the first member receives the gradient, each next one the previous member's
    /// output; the last output is the update. State: the members' states as <see cref="OptimizerState.Inner"/>.
    /// </summary>
    /// <param name="members">One or more optimizers, none of which re-evaluates the objective (wrap the whole chain in
    /// <see cref="SharpnessAware"/> instead).</param>
    /// <returns>The chain (name <c>"chain"</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="members"/> or a member is null.</exception>
    /// <exception cref="ArgumentException">No members, or a member needs the objective.</exception>
    public static Optimizer Chain(params Optimizer[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Guard.NotEmpty(members.Length, nameof(members), "a chain needs at least one optimizer");
        for (var i = 0; i < members.Length; i++)
        {
            if (members[i] is null)
            {
                throw new ArgumentNullException(nameof(members), $"members[{i}] is null.");
            }

            if (members[i].RequiresObjective)
            {
                throw new ArgumentException(
                    $"members[{i}] is '{members[i].Name}', which re-evaluates the objective; it cannot sit inside a chain (wrap the chain in it instead).",
                    nameof(members));
            }
        }

        return new ChainRule([.. members]);
    }

    /// <summary>
    /// Sharpness-aware minimisation (Foret et al. 2021): ε = ρ·g/‖g‖₂, g̃ = ∇R(w + ε), then <paramref name="inner"/> steps with
    /// g̃. When ‖g‖₂ = 0, ε = 0 and g̃ = g without evaluating the objective again (optax divides by the zero norm).
    /// Needs the objective: call the Update overload that takes one. State: the inner optimizer's, as Inner[0].
    /// </summary>
    /// <param name="inner">The optimizer that takes the step (a chain is fine).</param>
    /// <param name="radius">ρ &gt; 0, finite: the radius of the neighbourhood.</param>
    /// <returns>The optimizer (name <c>"sam"</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="inner"/> itself re-evaluates the objective.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is not finite and positive.</exception>
    public static Optimizer SharpnessAware(Optimizer inner, double radius = 0.05)
    {
        ArgumentNullException.ThrowIfNull(inner);
        VectorOps.Positive(radius, nameof(radius));
        if (inner.RequiresObjective)
        {
            throw new ArgumentException($"inner is '{inner.Name}', which re-evaluates the objective itself; SAM wraps a gradient-only optimizer.", nameof(inner));
        }

        return new SamRule(inner, radius);
    }

    /// <summary>
    /// Steepest descent for full-batch gradient descent: u = −η*·g with η* = argmin_{η ≥ 0} R(w − ηg), found by
    /// <see cref="LineSearch.Exact"/> starting from the learning rate passed to Update (exact for quadratics).
    /// Needs the objective. State: count only.
    /// </summary>
    /// <returns>The optimizer (name <c>"steepest-descent"</c>).</returns>
    public static Optimizer SteepestDescent() => new SteepestDescentRule();

    private sealed class GradientDescentRule : Optimizer
    {
        public override string Name => "gd";

        private protected override OptimizerState InitCore(int dimension) => OptimizerState.Empty(Name, dimension);

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            state.Check(Name, parameters.Length, 0, 0);
            for (var i = 0; i < incoming.Length; i++)
            {
                updates[i] = -learningRate * incoming[i];
            }

            return OptimizerState.Empty(Name, parameters.Length, state.Count + 1);
        }
    }

    private sealed class SgdRule(double momentum, double dampening, bool nesterov, double weightDecay) : Optimizer
    {
        public override string Name => "sgd";

        private int BufferCount => momentum > 0.0 ? 1 : 0;

        internal override bool IsPlainSgd(out double decay)
        {
            decay = weightDecay;
            return momentum == 0.0;
        }

        public override string ToString()
            => $"sgd(momentum {Format.Number(momentum)}, dampening {Format.Number(dampening)}, nesterov {nesterov}, weightDecay {Format.Number(weightDecay)})";

        private protected override OptimizerState InitCore(int dimension)
            => new(Name, dimension, 0, BufferCount == 1 ? [OptimizerState.Wrap(new double[dimension])] : [], []);

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            var n = parameters.Length;
            state.Check(Name, n, BufferCount, 0);
            if (momentum == 0.0)
            {
                for (var i = 0; i < n; i++)
                {
                    updates[i] = -learningRate * (incoming[i] + (weightDecay * parameters[i]));
                }

                return OptimizerState.Empty(Name, n, state.Count + 1);
            }

            var previous = state.Buffers[0].AsSpan();
            var buffer = new double[n];
            var first = state.Count == 0;
            for (var i = 0; i < n; i++)
            {
                var d = incoming[i] + (weightDecay * parameters[i]);
                // PyTorch starts the buffer at d itself (no dampening on the first step)
                var b = first ? d : (momentum * previous[i]) + ((1.0 - dampening) * d);
                buffer[i] = b;
                updates[i] = -learningRate * (nesterov ? d + (momentum * b) : b);
            }

            return new OptimizerState(Name, n, state.Count + 1, [OptimizerState.Wrap(buffer)], []);
        }
    }

    private sealed class AdamRule(double beta1, double beta2, double epsilon, double weightDecay, bool amsgrad, bool decoupled) : Optimizer
    {
        public override string Name => decoupled ? "adamw" : "adam";

        private int BufferCount => amsgrad ? 3 : 2;

        public override string ToString()
            => $"{Name}(beta1 {Format.Number(beta1)}, beta2 {Format.Number(beta2)}, epsilon {Format.Number(epsilon)}, weightDecay {Format.Number(weightDecay)}, amsgrad {amsgrad})";

        private protected override OptimizerState InitCore(int dimension)
        {
            var buffers = ImmutableArray.CreateBuilder<ImmutableArray<double>>(BufferCount);
            for (var k = 0; k < BufferCount; k++)
            {
                buffers.Add(OptimizerState.Wrap(new double[dimension]));
            }

            return new OptimizerState(Name, dimension, 0, buffers.MoveToImmutable(), []);
        }

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            var n = parameters.Length;
            state.Check(Name, n, BufferCount, 0);
            var t = state.Count + 1;
            var m0 = state.Buffers[0].AsSpan();
            var v0 = state.Buffers[1].AsSpan();
            var m = new double[n];
            var v = new double[n];
            var vMax = amsgrad ? new double[n] : null;
            var stepSize = learningRate / (1.0 - Math.Pow(beta1, t));
            var correction2 = Math.Sqrt(1.0 - Math.Pow(beta2, t));
            var shrink = 1.0 - (learningRate * weightDecay);
            for (var i = 0; i < n; i++)
            {
                var w = parameters[i];
                var g = decoupled ? incoming[i] : incoming[i] + (weightDecay * w);
                m[i] = (beta1 * m0[i]) + ((1.0 - beta1) * g);
                v[i] = (beta2 * v0[i]) + ((1.0 - beta2) * g * g);
                var second = v[i];
                if (vMax is not null)
                {
                    second = vMax[i] = Math.Max(state.Buffers[2][i], v[i]);
                }

                var adam = -stepSize * (m[i] / ((Math.Sqrt(second) / correction2) + epsilon));
                // AdamW first shrinks w to (1 − ητ)w, then adds the Adam step
                updates[i] = decoupled ? ((shrink * w) - w) + adam : adam;
            }

            ImmutableArray<ImmutableArray<double>> buffers = vMax is null
                ? [OptimizerState.Wrap(m), OptimizerState.Wrap(v)]
                : [OptimizerState.Wrap(m), OptimizerState.Wrap(v), OptimizerState.Wrap(vMax)];
            return new OptimizerState(Name, n, t, buffers, []);
        }
    }

    private sealed class ClipRule(double maxNorm) : Optimizer
    {
        public override string Name => "clip";

        public override string ToString() => $"clip(maxNorm {Format.Number(maxNorm)})";

        private protected override OptimizerState InitCore(int dimension) => OptimizerState.Empty(Name, dimension);

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            state.Check(Name, parameters.Length, 0, 0);
            var norm = VectorOps.Norm(incoming);
            var scale = norm > maxNorm ? maxNorm / norm : 1.0;
            for (var i = 0; i < incoming.Length; i++)
            {
                updates[i] = incoming[i] * scale;
            }

            return OptimizerState.Empty(Name, parameters.Length, state.Count + 1);
        }
    }

    private sealed class WeightDecayRule(double decay) : Optimizer
    {
        public override string Name => "weight-decay";

        public override string ToString() => $"weight-decay({Format.Number(decay)})";

        private protected override OptimizerState InitCore(int dimension) => OptimizerState.Empty(Name, dimension);

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            state.Check(Name, parameters.Length, 0, 0);
            for (var i = 0; i < incoming.Length; i++)
            {
                updates[i] = incoming[i] + (decay * parameters[i]);
            }

            return OptimizerState.Empty(Name, parameters.Length, state.Count + 1);
        }
    }

    private sealed class ProximalRule(double l1, double l2) : Optimizer
    {
        public override string Name => "proximal";

        public override string ToString() => $"proximal(l1 {Format.Number(l1)}, l2 {Format.Number(l2)})";

        private protected override OptimizerState InitCore(int dimension) => OptimizerState.Empty(Name, dimension);

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            state.Check(Name, parameters.Length, 0, 0);
            var threshold = learningRate * l1;
            var shrink = 1.0 + (learningRate * l2);
            for (var i = 0; i < incoming.Length; i++)
            {
                var v = parameters[i] + incoming[i];
                var magnitude = Math.Max(Math.Abs(v) - threshold, 0.0);
                // magnitude 0 gives +0 whatever the sign of v: the lowest-norm point of the kink
                var next = magnitude == 0.0 ? 0.0 : Math.CopySign(magnitude, v) / shrink;
                updates[i] = next - parameters[i];
            }

            return OptimizerState.Empty(Name, parameters.Length, state.Count + 1);
        }
    }

    private sealed class ChainRule(ImmutableArray<Optimizer> members) : Optimizer
    {
        public override string Name => "chain";

        public override string ToString() => $"chain({string.Join(", ", members)})";

        private protected override OptimizerState InitCore(int dimension)
            => new(Name, dimension, 0, [], [.. members.Select(m => m.Init(new double[dimension]))]);

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            var n = parameters.Length;
            state.Check(Name, n, 0, members.Length);
            var states = new OptimizerState[members.Length];
            var input = incoming.ToArray();
            var output = new double[n];
            for (var k = 0; k < members.Length; k++)
            {
                states[k] = members[k].ApplyInChain(input, state.Inner[k], parameters, learningRate, output, objective);
                (input, output) = (output, input);
            }

            input.AsSpan().CopyTo(updates);
            return new OptimizerState(Name, n, state.Count + 1, [], [.. states]);
        }
    }

    private sealed class SamRule(Optimizer inner, double radius) : Optimizer
    {
        public override string Name => "sam";

        public override bool RequiresObjective => true;

        public override string ToString() => $"sam(radius {Format.Number(radius)}, {inner})";

        private protected override OptimizerState InitCore(int dimension) => new(Name, dimension, 0, [], [inner.Init(new double[dimension])]);

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            var n = parameters.Length;
            state.Check(Name, n, 0, 1);
            if (objective is null)
            {
                throw NeedsObjective(Name);
            }

            var norm = VectorOps.Norm(incoming);
            ReadOnlySpan<double> sharp = incoming;
            if (norm > 0.0)
            {
                var perturbed = new double[n];
                var scale = radius / norm;
                for (var i = 0; i < n; i++)
                {
                    perturbed[i] = parameters[i] + (scale * incoming[i]);
                }

                var gradient = new double[n];
                _ = objective.ValueAndGradient(perturbed, gradient);
                for (var i = 0; i < n; i++)
                {
                    if (!double.IsFinite(gradient[i]))
                    {
                        throw new ArgumentException(
                            $"objective returned gradient[{i}] = {Format.Number(gradient[i])} at the SAM-perturbed point w + ρg/‖g‖ (ρ = {Format.Number(radius)}).",
                            nameof(objective));
                    }
                }

                sharp = gradient;
            }

            var next = inner.ApplyInChain(sharp, state.Inner[0], parameters, learningRate, updates, objective);
            return new OptimizerState(Name, n, state.Count + 1, [], [next]);
        }
    }

    private sealed class SteepestDescentRule : Optimizer
    {
        public override string Name => "steepest-descent";

        public override bool RequiresObjective => true;

        private protected override OptimizerState InitCore(int dimension) => OptimizerState.Empty(Name, dimension);

        private protected override OptimizerState Apply(
            ReadOnlySpan<double> incoming, OptimizerState state, ReadOnlySpan<double> parameters, double learningRate, Span<double> updates, IDifferentiableObjective? objective)
        {
            var n = parameters.Length;
            state.Check(Name, n, 0, 0);
            if (objective is null)
            {
                throw NeedsObjective(Name);
            }

            var direction = new double[n];
            for (var i = 0; i < n; i++)
            {
                direction[i] = -incoming[i];
            }

            var search = LineSearch.Exact(objective, parameters, direction, learningRate > 0.0 ? learningRate : 1.0);
            for (var i = 0; i < n; i++)
            {
                updates[i] = search.Step * direction[i];
            }

            return OptimizerState.Empty(Name, n, state.Count + 1);
        }
    }
}
