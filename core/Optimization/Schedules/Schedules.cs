using System.Collections.Immutable;

namespace Functional.Optimization;

/// <summary>The shape of <see cref="Schedules.Cyclic"/> (PyTorch's <c>CyclicLR</c> modes).</summary>
public enum CyclicMode
{
    /// <summary>Constant amplitude.</summary>
    Triangular,

    /// <summary>The amplitude halves every cycle: scale 1/2^(c−1) in cycle c = 1, 2, ….</summary>
    Triangular2,

    /// <summary>The amplitude decays per step: scale γ^t.</summary>
    ExpRange,
}

/// <summary>How <see cref="Schedules.OneCycle"/> anneals between its phase boundaries.</summary>
public enum AnnealStrategy
{
    /// <summary>Cosine: end + (start − end)(1 + cos πp)/2.</summary>
    Cosine,

    /// <summary>Linear: start + (end − start)p.</summary>
    Linear,
}

/// <summary>
/// Validating factories for the learning-rate schedules, each a closed form in the step t (formulas, PyTorch parity and every
/// deliberate difference: NOTES.md, "Optimizers and schedules"). Every factory throws
/// <see cref="ArgumentOutOfRangeException"/> (or <see cref="ArgumentException"/>) naming the parameter and its value when a
/// setting is out of range, NaN or infinite.
/// </summary>
public static class Schedules
{
    /// <summary>η_t = η.</summary>
    /// <param name="rate">η &gt; 0, finite.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not finite and positive.</exception>
    public static Schedule Constant(double rate)
    {
        VectorOps.Positive(rate, nameof(rate));
        return new Closed("constant", $"rate {Schedule.Show(rate)}", _ => rate);
    }

    /// <summary>PyTorch's <c>StepLR</c>: η_t = η₀·γ^⌊t/s⌋.</summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <param name="stepSize">s ≥ 1.</param>
    /// <param name="gamma">γ ∈ (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule Step(double initial, long stepSize, double gamma = 0.1)
    {
        VectorOps.Positive(initial, nameof(initial));
        AtLeast(stepSize, 1, nameof(stepSize));
        Decay(gamma, nameof(gamma));
        return new Closed("step", $"initial {Schedule.Show(initial)}, stepSize {stepSize}, gamma {Schedule.Show(gamma)}", t => initial * Math.Pow(gamma, t / stepSize));
    }

    /// <summary>PyTorch's <c>MultiStepLR</c>: η_t = η₀·γ^k, k = the number of milestones ≤ t (a repeated milestone counts twice).</summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <param name="milestones">Non-decreasing steps ≥ 1.</param>
    /// <param name="gamma">γ ∈ (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="milestones"/> is null.</exception>
    /// <exception cref="ArgumentException">The milestones decrease.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule MultiStep(double initial, IReadOnlyList<long> milestones, double gamma = 0.1)
    {
        VectorOps.Positive(initial, nameof(initial));
        ArgumentNullException.ThrowIfNull(milestones);
        Decay(gamma, nameof(gamma));
        var sorted = Increasing(milestones, nameof(milestones), strictly: false);
        return new Closed(
            "multistep",
            $"initial {Schedule.Show(initial)}, milestones [{string.Join(", ", sorted)}], gamma {Schedule.Show(gamma)}",
            t => initial * Math.Pow(gamma, CountAtMost(sorted, t)));
    }

    /// <summary>PyTorch's <c>ExponentialLR</c>: η_t = η₀·γ^t.</summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <param name="gamma">γ ∈ (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule Exponential(double initial, double gamma)
    {
        VectorOps.Positive(initial, nameof(initial));
        Decay(gamma, nameof(gamma));
        return new Closed("exponential", $"initial {Schedule.Show(initial)}, gamma {Schedule.Show(gamma)}", t => initial * Math.Pow(gamma, t));
    }

    /// <summary>
    /// Inverse-time decay η_t = η₀/(1 + kt)^p (p = 1: optax's <c>inverse_time_decay</c> without staircase; scikit-learn's
    /// 'invscaling' is η₀/t^p). For 1/2 &lt; p ≤ 1 it satisfies the Robbins–Monro conditions Σ η_t = ∞, Σ η_t² &lt; ∞.
    /// </summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <param name="decay">k &gt; 0, finite.</param>
    /// <param name="power">p &gt; 0, finite.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule InverseTime(double initial, double decay, double power = 1.0)
    {
        VectorOps.Positive(initial, nameof(initial));
        VectorOps.Positive(decay, nameof(decay));
        VectorOps.Positive(power, nameof(power));
        return new Closed(
            "inverse-time",
            $"initial {Schedule.Show(initial)}, decay {Schedule.Show(decay)}, power {Schedule.Show(power)}",
            t => power == 1.0 ? initial / (1.0 + (decay * t)) : initial / Math.Pow(1.0 + (decay * t), power));
    }

    /// <summary>Robbins–Monro η_t = η₀/(t + 1): the 1/t schedule (counted from t = 0), Σ η_t = ∞ and Σ η_t² &lt; ∞.</summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is not finite and positive.</exception>
    public static Schedule RobbinsMonro(double initial)
    {
        VectorOps.Positive(initial, nameof(initial));
        return new Closed("robbins-monro", $"initial {Schedule.Show(initial)}", t => initial / (1.0 + t));
    }

    /// <summary>
    /// scikit-learn's <c>learning_rate="optimal"</c> (SGDClassifier's and SGDRegressor's default, after Bottou's SGD):
    /// η_t = 1/(α(t₀ + t)) per step t = 0, 1, …, with scikit-learn's heuristic t₀ = 1/(α·η₀), η₀ = √(1/√α) (the "typical
    /// weight"), so that η at the first step is η₀. α is the strength of the L2 penalty (α/2)‖w‖² the schedule is meant
    /// for; pair it with <c>new Regularizer(l2: α)</c> and one row per step to run SGDClassifier's algorithm.
    /// </summary>
    /// <param name="alpha">α &gt; 0, finite (scikit-learn's default is 1e-4).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not finite and positive.</exception>
    /// <remarks>scikit-learn divides η₀ by max(1, ℓ'(−η₀; y = 1)); for the log and hinge losses that derivative is negative,
    /// so the divisor is 1 and η₀ is the typical weight itself, as here.</remarks>
    public static Schedule ScikitLearnOptimal(double alpha = 1e-4)
    {
        VectorOps.Positive(alpha, nameof(alpha));
        var typical = Math.Sqrt(1.0 / Math.Sqrt(alpha));
        var t0 = 1.0 / (typical * alpha);
        return new Closed("sklearn-optimal", $"alpha {Schedule.Show(alpha)}", t => 1.0 / (alpha * (t0 + t)));
    }

    /// <summary>
    /// Polynomial decay (PyTorch's <c>PolynomialLR</c> when η_end = 0; optax's <c>polynomial_schedule</c>):
    /// η_t = η_end + (η₀ − η_end)(1 − min(t, T)/T)^p; η_end from T on.
    /// </summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <param name="totalSteps">T ≥ 1.</param>
    /// <param name="power">p &gt; 0, finite.</param>
    /// <param name="final">η_end ∈ [0, η₀].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule Polynomial(double initial, long totalSteps, double power = 1.0, double final = 0.0)
    {
        VectorOps.Positive(initial, nameof(initial));
        AtLeast(totalSteps, 1, nameof(totalSteps));
        VectorOps.Positive(power, nameof(power));
        VectorOps.InRange(final, 0.0, initial, true, nameof(final));
        return new Closed(
            "polynomial",
            $"initial {Schedule.Show(initial)}, totalSteps {totalSteps}, power {Schedule.Show(power)}, final {Schedule.Show(final)}",
            t => Math.Min(final + ((initial - final) * Math.Pow(1.0 - ((double)Math.Min(t, totalSteps) / totalSteps), power)), initial));
    }

    /// <summary>
    /// Cosine annealing (PyTorch's <c>CosineAnnealingLR</c>, in its closed form): η_t = η_min + (η₀ − η_min)(1 + cos(πt/T))/2
    /// for t ≤ T, and η_min after T (PyTorch's curve rises again after T). Stays in [η_min, η₀].
    /// </summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <param name="totalSteps">T ≥ 1.</param>
    /// <param name="minimum">η_min ∈ [0, η₀].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule Cosine(double initial, long totalSteps, double minimum = 0.0)
    {
        VectorOps.Positive(initial, nameof(initial));
        AtLeast(totalSteps, 1, nameof(totalSteps));
        VectorOps.InRange(minimum, 0.0, initial, true, nameof(minimum));
        return new Closed(
            "cosine",
            $"initial {Schedule.Show(initial)}, totalSteps {totalSteps}, minimum {Schedule.Show(minimum)}",
            t => t >= totalSteps ? minimum : HalfCosine(initial, minimum, t, totalSteps));
    }

    /// <summary>
    /// Cosine annealing with warm restarts (SGDR, Loshchilov &amp; Hutter 2017; PyTorch's <c>CosineAnnealingWarmRestarts</c>):
    /// cycles of lengths T₀, T₀·m, T₀·m², …; at position c of a cycle of length Tᵢ,
    /// η = η_min + (η₀ − η_min)(1 + cos(πc/Tᵢ))/2 when <paramref name="reachMinimum"/> is false (PyTorch's values, which
    /// never reach η_min), or with c/(Tᵢ − 1) when it is true (the default), so the last step of every cycle is exactly η_min.
    /// The cycle is found with integer arithmetic.
    /// </summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <param name="period">T₀ ≥ 1 (≥ 2 when <paramref name="reachMinimum"/>).</param>
    /// <param name="periodMultiplier">m ≥ 1.</param>
    /// <param name="minimum">η_min ∈ [0, η₀].</param>
    /// <param name="reachMinimum">End each cycle exactly at η_min (true) or follow PyTorch (false).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule CosineWarmRestarts(double initial, long period, long periodMultiplier = 1, double minimum = 0.0, bool reachMinimum = true)
    {
        VectorOps.Positive(initial, nameof(initial));
        AtLeast(period, reachMinimum ? 2 : 1, nameof(period));
        AtLeast(periodMultiplier, 1, nameof(periodMultiplier));
        VectorOps.InRange(minimum, 0.0, initial, true, nameof(minimum));
        return new Closed(
            "cosine-restarts",
            $"initial {Schedule.Show(initial)}, period {period}, periodMultiplier {periodMultiplier}, minimum {Schedule.Show(minimum)}, reachMinimum {reachMinimum}",
            t =>
            {
                var (position, length) = Cycle(t, period, periodMultiplier);
                return reachMinimum ? HalfCosine(initial, minimum, position, length - 1) : HalfCosine(initial, minimum, position, length);
            });
    }

    /// <summary>
    /// PyTorch's <c>LinearLR</c>: η_t = η₀·(f_s + (f_e − f_s)·min(t, T)/T), from f_s·η₀ to f_e·η₀ over T steps, then constant.
    /// </summary>
    /// <param name="initial">η₀ &gt; 0, finite.</param>
    /// <param name="startFactor">f_s ∈ (0, 1] (PyTorch's default 1/3).</param>
    /// <param name="endFactor">f_e ∈ [0, 1].</param>
    /// <param name="totalSteps">T ≥ 1.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule Linear(double initial, double startFactor, double endFactor, long totalSteps)
    {
        VectorOps.Positive(initial, nameof(initial));
        VectorOps.InRange(startFactor, double.Epsilon, 1.0, true, nameof(startFactor));
        VectorOps.InRange(endFactor, 0.0, 1.0, true, nameof(endFactor));
        AtLeast(totalSteps, 1, nameof(totalSteps));
        return new Closed(
            "linear",
            $"initial {Schedule.Show(initial)}, startFactor {Schedule.Show(startFactor)}, endFactor {Schedule.Show(endFactor)}, totalSteps {totalSteps}",
            t => initial * Math.Clamp(
                startFactor + ((endFactor - startFactor) * Math.Min(t, totalSteps) / totalSteps), Math.Min(startFactor, endFactor), Math.Max(startFactor, endFactor)));
    }

    /// <summary>
    /// Schedules one after another (PyTorch's <c>SequentialLR</c>): schedule k runs from boundary k − 1 (0 for the first),
    /// restarted at its own step 0: η_t = schedules[k].At(t − boundaries[k − 1]).
    /// </summary>
    /// <param name="schedules">Two or more schedules.</param>
    /// <param name="boundaries">schedules.Count − 1 strictly increasing steps ≥ 1.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException">An argument or a schedule is null.</exception>
    /// <exception cref="ArgumentException">Too few schedules, a wrong number of boundaries, or boundaries not increasing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A boundary is below 1.</exception>
    public static Schedule Join(IReadOnlyList<Schedule> schedules, IReadOnlyList<long> boundaries)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(boundaries);
        if (schedules.Count < 2)
        {
            throw new ArgumentException($"schedules has {schedules.Count} entries; a join needs at least two.", nameof(schedules));
        }

        for (var i = 0; i < schedules.Count; i++)
        {
            if (schedules[i] is null)
            {
                throw new ArgumentNullException(nameof(schedules), $"schedules[{i}] is null.");
            }
        }

        if (boundaries.Count != schedules.Count - 1)
        {
            throw new ArgumentException($"boundaries has {boundaries.Count} entries but {schedules.Count} schedules need {schedules.Count - 1}.", nameof(boundaries));
        }

        var sorted = Increasing(boundaries, nameof(boundaries), strictly: true);
        var parts = schedules.ToImmutableArray();
        return new Closed(
            "join",
            $"[{string.Join(", ", parts)}] at [{string.Join(", ", sorted)}]",
            t =>
            {
                var k = CountAtMost(sorted, t);
                return parts[k].At(k == 0 ? t : t - sorted[k - 1]);
            });
    }

    /// <summary>
    /// Linear warm-up, then <paramref name="then"/>: η_t = η′·(f + (1 − f)·t/W) for t &lt; W, with η′ = then.At(0), and
    /// then.At(t − W) from W on — PyTorch's <c>SequentialLR([LinearLR(f, 1, W), then], [W])</c>. Non-decreasing during the
    /// warm-up.
    /// </summary>
    /// <param name="steps">W ≥ 1.</param>
    /// <param name="then">The schedule after the warm-up.</param>
    /// <param name="startFactor">f ∈ (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="then"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Schedule Warmup(long steps, Schedule then, double startFactor = 0.0)
    {
        ArgumentNullException.ThrowIfNull(then);
        AtLeast(steps, 1, nameof(steps));
        VectorOps.InRange(startFactor, 0.0, 1.0, true, nameof(startFactor));
        var peak = then.At(0);
        return new Closed(
            "warmup",
            $"steps {steps}, startFactor {Schedule.Show(startFactor)}, then {then}",
            t => t < steps ? peak * Math.Min(startFactor + ((1.0 - startFactor) * t / steps), 1.0) : then.At(t - steps));
    }

    /// <summary>
    /// PyTorch's <c>CyclicLR</c> (Smith 2017): cycles of u steps up from η_base to η_max and d steps down; at position
    /// p = t mod (u + d), η = η_base + (η_max − η_base)·h·scale with h = p/u going up and (u + d − p)/d going down, and scale 1
    /// (triangular), 1/2^(c − 1) in cycle c = ⌊t/(u + d)⌋ + 1 (triangular2) or γ^t (exp_range).
    /// </summary>
    /// <param name="baseRate">η_base &gt; 0, finite.</param>
    /// <param name="maxRate">η_max ≥ η_base, finite.</param>
    /// <param name="stepsUp">u ≥ 1.</param>
    /// <param name="stepsDown">d ≥ 1; null for d = u.</param>
    /// <param name="mode">The amplitude's shape.</param>
    /// <param name="gamma">γ ∈ (0, 1], used by <see cref="CyclicMode.ExpRange"/>.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range or the mode is undefined.</exception>
    public static Schedule Cyclic(double baseRate, double maxRate, long stepsUp, long? stepsDown = null, CyclicMode mode = CyclicMode.Triangular, double gamma = 1.0)
    {
        VectorOps.Positive(baseRate, nameof(baseRate));
        VectorOps.InRange(maxRate, baseRate, double.MaxValue, true, nameof(maxRate));
        AtLeast(stepsUp, 1, nameof(stepsUp));
        var down = stepsDown ?? stepsUp;
        AtLeast(down, 1, nameof(stepsDown));
        Decay(gamma, nameof(gamma));
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"mode = {(int)mode} is not a CyclicMode.");
        }

        var length = stepsUp + down;
        return new Closed(
            "cyclic",
            $"base {Schedule.Show(baseRate)}, max {Schedule.Show(maxRate)}, up {stepsUp}, down {down}, mode {mode}, gamma {Schedule.Show(gamma)}",
            t =>
            {
                var position = t % length;
                var height = position <= stepsUp ? (double)position / stepsUp : (double)(length - position) / down;
                var scale = mode switch
                {
                    CyclicMode.Triangular2 => Math.Pow(0.5, t / length),
                    CyclicMode.ExpRange => Math.Pow(gamma, t),
                    _ => 1.0,
                };
                // base + (max − base)·1 can round an ulp above max
                return Math.Min(baseRate + ((maxRate - baseRate) * height * scale), maxRate);
            });
    }

    /// <summary>
    /// PyTorch's <c>OneCycleLR</c> (Smith &amp; Topin 2019) over T steps: from η_max/div up to η_max at step p·T − 1, then down to
    /// η_max/(div·finalDiv) at step T − 1 (three-phase: up to p·T − 1, back to η_max/div at 2p·T − 2, then down to the minimum),
    /// each phase annealed by cosine or linearly. Steps from T − 1 on hold the final value (PyTorch raises past T).
    /// </summary>
    /// <param name="maxRate">η_max &gt; 0, finite.</param>
    /// <param name="totalSteps">T ≥ 2.</param>
    /// <param name="percentStart">p ∈ (0, 1): the fraction of T spent increasing; p·T must be ≥ 2 (≥ 2 steps per phase, PyTorch's
    /// phase boundaries must be increasing).</param>
    /// <param name="anneal">Cosine or linear annealing.</param>
    /// <param name="divFactor">div &gt; 0: the initial rate is η_max/div.</param>
    /// <param name="finalDivFactor">finalDiv &gt; 0: the final rate is η_max/(div·finalDiv).</param>
    /// <param name="threePhase">Use the three-phase variant.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">The phases do not fit in T.</exception>
    public static Schedule OneCycle(
        double maxRate, long totalSteps, double percentStart = 0.3, AnnealStrategy anneal = AnnealStrategy.Cosine, double divFactor = 25.0,
        double finalDivFactor = 1e4, bool threePhase = false)
    {
        VectorOps.Positive(maxRate, nameof(maxRate));
        AtLeast(totalSteps, 2, nameof(totalSteps));
        VectorOps.InRange(percentStart, double.Epsilon, 1.0, false, nameof(percentStart));
        VectorOps.Positive(divFactor, nameof(divFactor));
        VectorOps.Positive(finalDivFactor, nameof(finalDivFactor));
        if (!Enum.IsDefined(anneal))
        {
            throw new ArgumentOutOfRangeException(nameof(anneal), anneal, $"anneal = {(int)anneal} is not an AnnealStrategy.");
        }

        var initial = maxRate / divFactor;
        var minimum = initial / finalDivFactor;
        var up = (percentStart * totalSteps) - 1.0;
        (double End, double Start, double Stop)[] phases = threePhase
            ? [(up, initial, maxRate), ((2.0 * percentStart * totalSteps) - 2.0, maxRate, initial), (totalSteps - 1.0, initial, minimum)]
            : [(up, initial, maxRate), (totalSteps - 1.0, maxRate, minimum)];
        var previousEnd = 0.0;
        for (var i = 0; i < phases.Length; i++)
        {
            if (!(phases[i].End > previousEnd))
            {
                throw new ArgumentException(
                    $"percentStart = {Schedule.Show(percentStart)} with totalSteps = {totalSteps} gives phase {i + 1} the end step {Schedule.Show(phases[i].End)}, "
                    + $"not after {Schedule.Show(previousEnd)}; every phase needs at least one step.",
                    nameof(percentStart));
            }

            previousEnd = phases[i].End;
        }

        return new Closed(
            "one-cycle",
            $"max {Schedule.Show(maxRate)}, totalSteps {totalSteps}, percentStart {Schedule.Show(percentStart)}, anneal {anneal}, div {Schedule.Show(divFactor)}, finalDiv {Schedule.Show(finalDivFactor)}, threePhase {threePhase}",
            t =>
            {
                var step = (double)Math.Min(t, totalSteps - 1);
                var start = 0.0;
                foreach (var (end, from, to) in phases)
                {
                    if (step <= end)
                    {
                        var fraction = (step - start) / (end - start);
                        var value = anneal == AnnealStrategy.Cosine
                            ? to + ((from - to) / 2.0 * (Math.Cos(Math.PI * fraction) + 1.0))
                            : ((to - from) * fraction) + from;
                        // PyTorch's formulas, kept for parity, can land an ulp outside the phase's range (the linear one at its end)
                        return Math.Clamp(value, Math.Min(from, to), Math.Max(from, to));
                    }

                    start = end;
                }

                return minimum;
            });
    }

    /// <summary>η_min + (η₀ − η_min)(1 + cos(π·position/length))/2, exactly η₀ at 0 and exactly η_min at position = length.</summary>
    private static double HalfCosine(double initial, double minimum, long position, long length)
    {
        if (position == 0)
        {
            return initial;
        }

        if (position >= length)
        {
            return minimum;
        }

        return Math.Min(minimum + ((initial - minimum) * (1.0 + Math.Cos(Math.PI * position / length)) / 2.0), initial);
    }

    /// <summary>The position in, and the length of, the warm-restart cycle holding step t.</summary>
    private static (long Position, long Length) Cycle(long t, long period, long multiplier)
    {
        if (multiplier == 1)
        {
            return (t % period, period);
        }

        var length = period;
        while (t >= length)
        {
            t -= length;
            // lengths grow geometrically, so this loop runs O(log t) times; the cap keeps the product from overflowing
            length = length > long.MaxValue / multiplier ? long.MaxValue : length * multiplier;
        }

        return (t, length);
    }

    private static int CountAtMost(ImmutableArray<long> sorted, long t)
    {
        var count = 0;
        while (count < sorted.Length && sorted[count] <= t)
        {
            count++;
        }

        return count;
    }

    private static ImmutableArray<long> Increasing(IReadOnlyList<long> values, string name, bool strictly)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] < 1)
            {
                throw new ArgumentOutOfRangeException(name, values[i], $"{name}[{i}] = {values[i]}; steps here must be at least 1.");
            }

            if (i > 0 && (strictly ? values[i] <= values[i - 1] : values[i] < values[i - 1]))
            {
                throw new ArgumentException(
                    $"{name}[{i}] = {values[i]} is not {(strictly ? "greater than" : "at least")} {name}[{i - 1}] = {values[i - 1]}; they must be {(strictly ? "increasing" : "non-decreasing")}.",
                    name);
            }
        }

        return [.. values];
    }

    private static void AtLeast(long value, long minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value}; it must be at least {minimum}.");
        }
    }

    private static void Decay(double gamma, string name) => VectorOps.InRange(gamma, double.Epsilon, 1.0, true, name);

    private sealed class Closed(string name, string settings, Func<long, double> rate) : Schedule
    {
        public override string Name => name;

        public override string ToString() => $"{name}({settings})";

        protected override double Evaluate(long t) => rate(t);
    }
}
