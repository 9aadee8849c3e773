using Functional.Information;
using Functional.Numerics;

namespace Functional.Losses;

/// <content>The heteroscedastic Gaussian negative log-likelihood and the KL-divergence loss on log-probabilities.</content>
public static partial class Loss
{
    /// <summary>
    /// The Gaussian negative log-likelihood with per-sample variances v_i (a model that predicts its own uncertainty):
    /// ℓ_i = ½(ln v_i + (μ_i − y_i)²/v_i) (+ ½ ln 2π with <paramref name="full"/>), PyTorch's <c>GaussianNLLLoss</c> with one
    /// variance per sample; ∂ℓ/∂μ = (μ − y)/v and ∂ℓ/∂v = ½(1 − (μ − y)²/v)/v. PyTorch clamps v at eps = 1e-6 (which silently
    /// zeroes ∂ℓ/∂v below it); here every v must be positive and is used as given.
    /// </summary>
    /// <typeparam name="T">float or double (computed in double).</typeparam>
    /// <param name="means">μ, the predicted means; finite.</param>
    /// <param name="targets">y, the observations; finite.</param>
    /// <param name="variances">v &gt; 0, finite, one per mean.</param>
    /// <param name="meanGradient">Receives ∂(reduced loss)/∂μ_i; empty to skip; else at least means.Length.</param>
    /// <param name="varianceGradient">Receives ∂(reduced loss)/∂v_i; empty to skip; else at least means.Length.</param>
    /// <param name="reduction">Sum or Mean (default; divides by n).</param>
    /// <param name="full">Whether to add ½ ln 2π per sample.</param>
    /// <returns>The summed or mean negative log-likelihood (may be negative: a density can exceed 1).</returns>
    /// <exception cref="ArgumentException">Lengths differ; a gradient too short; no means; a NaN/∞ mean or target, or a variance ≤ 0, NaN or ∞ (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not Sum or Mean.</exception>
    public static T GaussianNll<T>(
        ReadOnlySpan<T> means, ReadOnlySpan<T> targets, ReadOnlySpan<T> variances, Span<T> meanGradient, Span<T> varianceGradient,
        Reduction reduction = Reduction.Mean, bool full = false)
        where T : IFloatingPointIeee754<T>
    {
        Guard.SameLength(means.Length, targets.Length, nameof(means), nameof(targets));
        Guard.SameLength(means.Length, variances.Length, nameof(means), nameof(variances));
        CheckOptionalDestination(means.Length, meanGradient, nameof(meanGradient));
        CheckOptionalDestination(means.Length, varianceGradient, nameof(varianceGradient));
        if (reduction is not (Reduction.Sum or Reduction.Mean))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"reduction = {reduction}: the Gaussian NLL reduces by Sum or Mean.");
        }

        Guard.NotEmpty(means.Length, nameof(means), "a loss needs at least one prediction");
        Kernel.ThrowFirstInvalid<T, FiniteDomain>(means, new Operand(nameof(means)));
        Kernel.ThrowFirstInvalid<T, FiniteDomain>(targets, new Operand(nameof(targets)));
        Kernel.ThrowFirstInvalid<T, PositiveFiniteDomain>(variances, new Operand(nameof(variances)));
        var factor = reduction == Reduction.Mean ? 1.0 / means.Length : 1.0;
        var constant = full ? HalfLogTwoPi : 0.0;
        var total = new ScalarNeumaier();
        for (var i = 0; i < means.Length; i++)
        {
            var d = double.CreateTruncating(means[i]) - double.CreateTruncating(targets[i]);
            var v = double.CreateTruncating(variances[i]);
            var ratio = d / v;
            var squared = d * ratio; // (μ − y)²/v, without forming d² (which overflows first)
            total.Add(factor * ((0.5 * (Math.Log(v) + squared)) + constant));
            Write(meanGradient, i, factor * ratio);
            Write(varianceGradient, i, factor * 0.5 * (1.0 - squared) / v);
        }

        return T.CreateTruncating(total.Result);
    }

    /// <summary>
    /// The KL-divergence loss of PyTorch's <c>KLDivLoss</c>: inputs are natural logs ln q of the model's distribution (a
    /// log-softmax output), targets the reference p (or ln p with <paramref name="logTarget"/>); the value is Σ_rows KL(p_r ‖ q_r) =
    /// Σ p (ln p − ln q) in nats, reduced by Sum, Mean (÷ all elements, PyTorch's 'mean') or BatchMean (÷ rows, the true mean
    /// divergence, PyTorch's 'batchmean'); gradient ∂/∂(ln q_i) = −p_i times the same factor. Evaluated by the information
    /// measures' KL kernel (<see cref="Kl"/>), so every row must be normalised (PyTorch does not check) and p = 0 contributes 0.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="inputs">R rows of ln q (≤ 0; −∞ allowed where p = 0), each normalised (Σ e^(ln q) = 1).</param>
    /// <param name="targets">R rows of p in [0, 1] (or ln p ≤ 0 with logTarget), each normalised.</param>
    /// <param name="columns">Entries per row, ≥ 1 (a flat vector is one row of inputs.Length).</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂(ln q_i); empty to skip; else at least inputs.Length.</param>
    /// <param name="reduction">Sum, Mean or BatchMean (default).</param>
    /// <param name="logTarget">Whether targets are ln p (PyTorch's <c>log_target=True</c>).</param>
    /// <returns>The reduced divergence, ≥ 0 (+∞ where p &gt; 0 meets q = 0).</returns>
    /// <exception cref="ArgumentException">Shapes differ or are not whole rows; gradient too short; no rows; an entry outside its domain or a row not normalised (named with row and index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1, or reduction is None (use the overload with a values span).</exception>
    public static T KlDivergence<T>(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int columns, Span<T> gradient, Reduction reduction = Reduction.BatchMean, bool logTarget = false)
        where T : IFloatingPointIeee754<T>
    {
        Guard.SameLength(inputs.Length, targets.Length, nameof(inputs), nameof(targets));
        CheckOptionalDestination(inputs.Length, gradient, nameof(gradient));
        var value = logTarget
            ? Probability.ReduceRows<T, KlFromLogsTerm, LogProbabilityDomain, LogProbabilityDomain>(targets, inputs, columns, reduction, nameof(targets), nameof(inputs), default)
            : Probability.ReduceRows<T, KlFromLogQTerm, ProbabilityDomain, LogProbabilityDomain>(targets, inputs, columns, reduction, nameof(targets), nameof(inputs), default);
        var factor = reduction switch
        {
            Reduction.Mean => 1.0 / inputs.Length,
            Reduction.BatchMean => (double)columns / inputs.Length,
            _ => 1.0,
        };
        KlGradient(targets, gradient, factor, logTarget);
        return value;
    }

    /// <summary>The KL-divergence loss per row (reduction None): values[r] = KL(p_r ‖ q_r) in nats (PyTorch's 'none' keeps one value per element; sum them per row to compare), gradient[i] = −p_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="inputs">R rows of ln q, each normalised.</param>
    /// <param name="targets">R rows of p (or ln p with logTarget), each normalised.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="values">Receives R row divergences.</param>
    /// <param name="gradient">Receives ∂KL_r/∂(ln q_i); empty to skip; else at least inputs.Length.</param>
    /// <param name="logTarget">Whether targets are ln p.</param>
    /// <exception cref="ArgumentException">Shapes differ or are not whole rows; a destination too short; no rows; a bad entry or unnormalised row (named with row and index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1.</exception>
    public static void KlDivergence<T>(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int columns, Span<T> values, Span<T> gradient, bool logTarget = false)
        where T : IFloatingPointIeee754<T>
    {
        Guard.SameLength(inputs.Length, targets.Length, nameof(inputs), nameof(targets));
        CheckOptionalDestination(inputs.Length, gradient, nameof(gradient));
        if (logTarget)
        {
            Probability.Rows<T, KlFromLogsTerm, LogProbabilityDomain, LogProbabilityDomain>(targets, inputs, columns, values, nameof(targets), nameof(inputs), default);
        }
        else
        {
            Probability.Rows<T, KlFromLogQTerm, ProbabilityDomain, LogProbabilityDomain>(targets, inputs, columns, values, nameof(targets), nameof(inputs), default);
        }

        KlGradient(targets, gradient, 1.0, logTarget);
    }

    private static void KlGradient<T>(ReadOnlySpan<T> targets, Span<T> gradient, double factor, bool logTarget)
        where T : IFloatingPointIeee754<T>
    {
        if (gradient.IsEmpty)
        {
            return;
        }

        for (var i = 0; i < targets.Length; i++)
        {
            var t = double.CreateTruncating(targets[i]);
            gradient[i] = T.CreateTruncating(-factor * (logTarget ? Math.Exp(t) : t));
        }
    }
}

/// <summary>Finite, strictly positive values (variances).</summary>
internal readonly struct PositiveFiniteDomain : IDomain
{
    public static bool IsNormalised => false;

    public static System.Runtime.Intrinsics.Vector256<double> ValidLanes(System.Runtime.Intrinsics.Vector256<double> values)
        => System.Runtime.Intrinsics.Vector256.GreaterThan(values, System.Runtime.Intrinsics.Vector256<double>.Zero)
           & System.Runtime.Intrinsics.Vector256.LessThanOrEqual(values, System.Runtime.Intrinsics.Vector256.Create(double.MaxValue));

    public static System.Runtime.Intrinsics.Vector512<double> ValidLanes(System.Runtime.Intrinsics.Vector512<double> values)
        => System.Runtime.Intrinsics.Vector512.GreaterThan(values, System.Runtime.Intrinsics.Vector512<double>.Zero)
           & System.Runtime.Intrinsics.Vector512.LessThanOrEqual(values, System.Runtime.Intrinsics.Vector512.Create(double.MaxValue));

    public static bool IsValid(double value) => value is > 0.0 and <= double.MaxValue;

    public static string Problem(double value) => double.IsNaN(value) ? "is NaN" : value <= 0.0 ? "is not positive (a variance must be > 0)" : "is infinite";

    public static System.Runtime.Intrinsics.Vector256<double> Mass(System.Runtime.Intrinsics.Vector256<double> values) => values;

    public static double Mass(double value) => value;
}
