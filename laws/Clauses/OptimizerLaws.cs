using System.Text.Json;
using Functional.Laws.Generators;
using Functional.Optimization;
using static Functional.Laws.Approx;

namespace Functional.Laws;

/// <summary>One update of an optimizer under test: writes u into <c>updates</c> and returns the next state.</summary>
/// <param name="gradient">g at the current parameters.</param>
/// <param name="state">The current state (must not be modified).</param>
/// <param name="parameters">w (must not be modified).</param>
/// <param name="learningRate">η for this step.</param>
/// <param name="updates">Receives u; the caller applies w ← w + u.</param>
public delegate object OptimizerUpdate(double[] gradient, object state, double[] parameters, double learningRate, double[] updates);

/// <summary>
/// An optimizer as the laws see it — any (Init, Update) pair over some state, ours or yours: <see cref="Init"/>(w) → state,
/// <see cref="Update"/>(g, state, w, η, u) → state′, and <see cref="Fingerprint"/>(state), a string that changes whenever the
/// state does (for ours: its JSON), so that the laws can tell whether a state was modified.
/// </summary>
/// <param name="Name">A name for reports.</param>
/// <param name="Init">w → the initial state.</param>
/// <param name="Update">(g, state, w, η, u) → the next state, writing the update into u; must leave g, state and w untouched.</param>
/// <param name="Fingerprint">A string that changes whenever a state does.</param>
public sealed record OptimizerUnderTest(string Name, Func<double[], object> Init, OptimizerUpdate Update, Func<object, string> Fingerprint)
{
    /// <summary>One of the core's optimizers; <paramref name="objective"/> for those that re-evaluate it (SAM, steepest descent).</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="optimizer"/> is null.</exception>
    public static OptimizerUnderTest From(Optimizer optimizer, IDifferentiableObjective? objective = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return new OptimizerUnderTest(
            optimizer.ToString(),
            w => optimizer.Init(w),
            (g, s, w, rate, u) => objective is null
                ? optimizer.Update(g, (OptimizerState)s, w, rate, u)
                : optimizer.Update(objective, g, (OptimizerState)s, w, rate, u),
            s => JsonSerializer.Serialize((OptimizerState)s));
    }

    /// <summary>The optimizer's name.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// Laws of optimizers as pure (Init, Update) pairs: each returns a property body over generated cases and applies to any
/// <see cref="OptimizerUnderTest"/>.
/// </summary>
public static class OptimizerLaws
{
    /// <summary>
    /// Update never writes its inputs: the gradient, the parameters and the state are bit-for-bit the same afterwards.
    /// Checked at every step of the case's gradient sequence (so states with non-trivial buffers are covered).
    /// </summary>
    public static Action<OptimizerCase> LeavesInputsUntouched(OptimizerUnderTest optimizer)
        => c => Steps(optimizer, c, (t, g, gBefore, w, wBefore, state, stateBefore, _) =>
        {
            That(Bitwise(g, gBefore), () => $"{optimizer} step {t}: Update wrote into the gradient");
            That(Bitwise(w, wBefore), () => $"{optimizer} step {t}: Update wrote into the parameters");
            That(optimizer.Fingerprint(state) == stateBefore, () => $"{optimizer} step {t}: Update modified the state it was given");
        });

    /// <summary>
    /// Update is a function: the same inputs give bit-identical updates and equal next states, at every step of the case.
    /// </summary>
    public static Action<OptimizerCase> IsDeterministic(OptimizerUnderTest optimizer)
        => c => Steps(optimizer, c, (t, g, _, w, _, state, _, first) =>
        {
            var second = new double[w.Length];
            var again = optimizer.Update((double[])g.Clone(), state, (double[])w.Clone(), c.Rates[t], second);
            That(Bitwise(first.U, second), () => $"{optimizer} step {t}: the same inputs gave different updates");
            That(optimizer.Fingerprint(first.Next) == optimizer.Fingerprint(again), () => $"{optimizer} step {t}: the same inputs gave different states");
        });

    /// <summary>Finite inputs give a finite update u (never NaN or ±∞), at every step of the case.</summary>
    public static Action<OptimizerCase> FiniteUpdates(OptimizerUnderTest optimizer)
        => c => Steps(optimizer, c, (t, g, _, w, _, _, _, first) =>
        {
            for (var i = 0; i < w.Length; i++)
            {
                var k = i;
                That(double.IsFinite(first.U[k]) || !double.IsFinite(w[k] + (c.Rates[t] * g[k])), () => $"{optimizer} step {t}: u[{k}] = {Show(first.U[k])} from finite inputs");
            }
        });

    private delegate void StepCheck(int step, double[] g, double[] gBefore, double[] w, double[] wBefore, object state, string stateBefore, (double[] U, object Next) result);

    /// <summary>Runs the case's steps, calling <paramref name="check"/> after each Update, then applies w ← w + u.</summary>
    private static void Steps(OptimizerUnderTest optimizer, OptimizerCase c, StepCheck check)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var w = (double[])c.Parameters.Clone();
        var state = optimizer.Init((double[])w.Clone());
        for (var t = 0; t < c.Gradients.Length; t++)
        {
            var g = (double[])c.Gradients[t].Clone();
            var wBefore = (double[])w.Clone();
            var gBefore = (double[])g.Clone();
            var stateBefore = optimizer.Fingerprint(state);
            var u = new double[w.Length];
            var next = optimizer.Update(g, state, w, c.Rates[t], u);
            check(t, g, gBefore, w, wBefore, state, stateBefore, (u, next));
            for (var i = 0; i < w.Length; i++)
            {
                w[i] = wBefore[i] + u[i];
            }

            state = next;
        }
    }

    /// <summary>
    /// Gradient descent on a strongly convex quadratic with η &lt; 2/L decreases R at every step (up to R's rounding) and
    /// reaches the closed-form minimiser A⁻¹b (to 1e-7 relative to max(1, ‖x*‖∞)) within <paramref name="maxSteps"/> steps.
    /// </summary>
    public static Action<QuadraticCase> DescendsMonotonicallyToTheMinimiser(OptimizerUnderTest optimizer, int maxSteps = 200_000)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            var target = c.Minimiser();
            var scale = Math.Max(1.0, target.Max(Math.Abs));
            var w = (double[])c.Start.Clone();
            var state = optimizer.Init((double[])w.Clone());
            var value = c.Value(w);
            var u = new double[w.Length];
            for (var k = 0; k < maxSteps; k++)
            {
                var g = c.Gradient(w);
                if (g.Max(Math.Abs) <= 1e-10 * c.Mu * scale)
                {
                    break;
                }

                state = optimizer.Update(g, state, w, c.Rate, u);
                for (var i = 0; i < w.Length; i++)
                {
                    w[i] += u[i];
                }

                var next = c.Value(w);
                var rounding = 1e-13 * Math.Max(1.0, Math.Abs(value));
                var (before, after, step) = (value, next, k);
                That(after <= before + rounding, () => $"{optimizer}: R rose from {Show(before)} to {Show(after)} at step {step} (η = {Show(c.Rate)}, 2/L = {Show(2 / c.L)})");
                value = next;
            }

            for (var i = 0; i < w.Length; i++)
            {
                Equal(w[i], target[i], 0.0, 1e-7 * scale, $"{optimizer}: w[{i}] against A⁻¹b");
            }
        };

    /// <summary>
    /// The weight-decay step: one update from (w, g, η) lands on (1 − ητ)w − ηg, to a few ulps of the terms. For plain
    /// gradient descent with coupled decay τ (SGD's weight_decay, or WeightDecay chained before GradientDescent).
    /// </summary>
    public static Action<OptimizerCase> WeightDecayStep(OptimizerUnderTest optimizer, double decay)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            var w = c.Parameters;
            var g = c.Gradients[0];
            var rate = c.Rates[0];
            var u = new double[w.Length];
            _ = optimizer.Update((double[])g.Clone(), optimizer.Init((double[])w.Clone()), (double[])w.Clone(), rate, u);
            for (var i = 0; i < w.Length; i++)
            {
                var expected = ((1.0 - (rate * decay)) * w[i]) - (rate * g[i]);
                var size = Math.Abs(w[i]) + Math.Abs(rate * g[i]) + Math.Abs(rate * decay * w[i]);
                Equal(w[i] + u[i], expected, 0.0, 8.0 * 2.220446049250313e-16 * size, $"{optimizer}: w[{i}] after one step");
            }
        };

    /// <summary>
    /// Robbins–Monro: SGD with per-sample gradients w − x_t of R(w) = E ½(w − x)² and steps from <paramref name="schedule"/>
    /// converges to the population mean c: after the case's steps |w − c| ≤ 6σ/√T + 1e-9 (for η_t = η₀/(1 + t), η₀ ∈ [1, 2],
    /// the error's standard deviation is ≤ 1.16σ/√T, so the bound is five of them).
    /// </summary>
    public static Action<StochasticCase> StochasticStepsConverge(OptimizerUnderTest optimizer, Func<StochasticCase, Func<long, double>> schedule)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            ArgumentNullException.ThrowIfNull(schedule);
            var rate = schedule(c);
            var samples = OptimizationGenerators.Samples(c);
            double[] w = [0.0];
            var state = optimizer.Init([0.0]);
            var u = new double[1];
            for (var t = 0; t < samples.Length; t++)
            {
                state = optimizer.Update([w[0] - samples[t]], state, w, rate(t), u);
                w[0] += u[0];
            }

            var bound = (6.0 * c.Sigma / Math.Sqrt(samples.Length)) + 1e-9;
            That(Math.Abs(w[0] - c.Centre) <= bound, () => $"{optimizer}: w = {Show(w[0])} after {samples.Length} steps, {Show(Math.Abs(w[0] - c.Centre))} from c = {Show(c.Centre)} (bound {Show(bound)})");
        };

    /// <summary>
    /// A step with a zero gradient is safe: finite, never NaN, and equal to what <paramref name="reference"/> (the wrapped
    /// optimizer alone) does with the zero gradient — SAM's perturbation ρg/‖g‖ must not divide by the zero norm.
    /// </summary>
    public static Action<OptimizerCase> ZeroGradientStepIsSafe(OptimizerUnderTest optimizer, OptimizerUnderTest reference)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            ArgumentNullException.ThrowIfNull(reference);
            var w = c.Parameters;
            var zero = new double[w.Length];
            var u = new double[w.Length];
            var expected = new double[w.Length];
            _ = optimizer.Update((double[])zero.Clone(), optimizer.Init((double[])w.Clone()), (double[])w.Clone(), c.Rates[0], u);
            _ = reference.Update((double[])zero.Clone(), reference.Init((double[])w.Clone()), (double[])w.Clone(), c.Rates[0], expected);
            for (var i = 0; i < w.Length; i++)
            {
                var k = i;
                That(!double.IsNaN(u[k]) && double.IsFinite(u[k]), () => $"{optimizer}: u[{k}] = {Show(u[k])} for a zero gradient");
                That(BitConverter.DoubleToInt64Bits(u[k]) == BitConverter.DoubleToInt64Bits(expected[k]), () => $"{optimizer}: u[{k}] = {Show(u[k])}, but {reference} gives {Show(expected[k])}");
            }
        };

    /// <summary>
    /// Resuming is exact: stopping after k steps, passing the state through <paramref name="roundTrip"/> (for ours: JSON out
    /// and back), and continuing gives bit-for-bit the parameters and state of the uninterrupted run, for every k.
    /// </summary>
    public static Action<OptimizerCase> ResumeEqualsUninterrupted(OptimizerUnderTest optimizer, Func<object, object> roundTrip)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            ArgumentNullException.ThrowIfNull(roundTrip);
            (double[] W, object S) Run(double[] w, object s, int from, int to)
            {
                w = (double[])w.Clone();
                var u = new double[w.Length];
                for (var t = from; t < to; t++)
                {
                    s = optimizer.Update((double[])c.Gradients[t].Clone(), s, w, c.Rates[t], u);
                    for (var i = 0; i < w.Length; i++)
                    {
                        w[i] += u[i];
                    }
                }

                return (w, s);
            }

            var steps = c.Gradients.Length;
            var (wAll, sAll) = Run(c.Parameters, optimizer.Init((double[])c.Parameters.Clone()), 0, steps);
            for (var k = 0; k <= steps; k++)
            {
                var (wHalf, sHalf) = Run(c.Parameters, optimizer.Init((double[])c.Parameters.Clone()), 0, k);
                var (wResumed, sResumed) = Run(wHalf, roundTrip(sHalf), k, steps);
                var at = k;
                That(Bitwise(wAll, wResumed), () => $"{optimizer}: resuming after step {at} gave other parameters");
                That(optimizer.Fingerprint(sAll) == optimizer.Fingerprint(sResumed), () => $"{optimizer}: resuming after step {at} gave another state");
            }
        };

    private static bool Bitwise(double[] a, double[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
