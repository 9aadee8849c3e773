using Functional.Numerics;

namespace Functional.Information;

/// <summary>
/// The Kullback–Leibler divergence KL(p ‖ q) = Σ p_i log_b(p_i / q_i): the expected extra surprise of coding p with q.
/// Arguments are always (p, q) in that order — the reverse of PyTorch's <c>kl_div(input = log q, target = p)</c>.
/// </summary>
/// <remarks>
/// <para>Zeros: a term with p_i = 0 is 0; a term with q_i = 0 &lt; p_i makes KL = +∞; never NaN for valid input.</para>
/// <para>Computed as Σ [p_i ln(p_i/q_i) − p_i + q_i], which equals KL for normalised p, q but has every term ≥ 0, so the
/// result is ≥ 0 in floating point too (Gibbs holds exactly) and is 0 exactly when p = q entry by entry. Where p_i ≈ q_i the
/// term is evaluated by its series q·(x²/2 − x³/6 + …), x = (p_i − q_i)/q_i, so KL between close distributions keeps its
/// relative accuracy (a direct Σ p ln(p/q) cancels there). Not symmetric, not a metric; unbounded above.</para>
/// </remarks>
public static partial class Kl
{
    /// <summary>KL(p ‖ q) = Σ p_i log_b(p_i/q_i).</summary>
    /// <typeparam name="T">float or double (computed and summed in double).</typeparam>
    /// <param name="p">The reference ("true") distribution; entries in [0, 1], normalised.</param>
    /// <param name="q">The approximating distribution; entries in [0, 1], normalised.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL ≥ 0; 0 iff p = q; +∞ where some q_i = 0 &lt; p_i.</returns>
    /// <exception cref="ArgumentException">Lengths differ; p is empty; an entry is NaN, ±∞, negative or &gt; 1 (named with index and value); p or q is not normalised.</exception>
    public static T Divergence<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(logBase.FromNats(
            Probability.Sum<T, KlTerm, ProbabilityDomain, ProbabilityDomain>(p, q, new Operand(nameof(p)), new Operand(nameof(q)))));

    /// <summary>KL(p ‖ q) of arrays; see <see cref="Divergence{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, LogBase)"/>.</summary>
    /// <param name="p">The reference distribution.</param>
    /// <param name="q">The approximating distribution.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL(p ‖ q).</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static double Divergence(double[] p, double[] q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Divergence<double>(p, q, logBase);
    }

    /// <summary>KL(p ‖ q) of validated distributions.</summary>
    /// <param name="p">The reference distribution.</param>
    /// <param name="q">The approximating distribution.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>KL(p ‖ q).</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">p and q have different lengths.</exception>
    public static double Divergence(ProbabilityVector p, ProbabilityVector q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Divergence(p.AsSpan(), q.AsSpan(), logBase);
    }

    /// <summary>KL(p ‖ q) with q given as natural logarithms ln q (e.g. a log-softmax output); p as probabilities.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">The reference distribution (probabilities).</param>
    /// <param name="logQ">ln q_i ≤ 0 (−∞ allowed), Σ exp = 1 within tolerance. ln(p/q) is taken as ln p − ln q, so a q that underflows stays finite.</param>
    /// <param name="logBase">The base of the result (inputs are natural logs).</param>
    /// <returns>KL(p ‖ q).</returns>
    /// <exception cref="ArgumentException">Lengths differ; empty; p[i] not a probability; logQ[i] NaN or &gt; 0; not normalised.</exception>
    public static T FromLogQ<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> logQ, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(logBase.FromNats(
            Probability.Sum<T, KlFromLogQTerm, ProbabilityDomain, LogProbabilityDomain>(p, logQ, new Operand(nameof(p)), new Operand(nameof(logQ)))));

    /// <summary>KL(p ‖ q) with both given as natural logarithms: Σ p_i·Φ(ln q_i − ln p_i), Φ(t) = e^t − 1 − t ≥ 0.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="logP">ln p_i ≤ 0 (−∞ allowed), Σ exp = 1 within tolerance.</param>
    /// <param name="logQ">ln q_i ≤ 0 (−∞ allowed), Σ exp = 1 within tolerance.</param>
    /// <param name="logBase">The base of the result (inputs are natural logs).</param>
    /// <returns>KL(p ‖ q).</returns>
    /// <exception cref="ArgumentException">Lengths differ; empty; an entry NaN or &gt; 0; not normalised.</exception>
    public static T FromLogs<T>(ReadOnlySpan<T> logP, ReadOnlySpan<T> logQ, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(logBase.FromNats(
            Probability.Sum<T, KlFromLogsTerm, LogProbabilityDomain, LogProbabilityDomain>(logP, logQ, new Operand(nameof(logP)), new Operand(nameof(logQ)))));

    /// <summary>Row-wise KL(p_r ‖ q_r) over a batch stored row-major, one value per row.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">R rows of <paramref name="columns"/> probabilities, each row normalised.</param>
    /// <param name="q">The same shape as p.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="destination">At least R entries.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <exception cref="ArgumentException">Shapes differ or are not whole rows; destination too short; no rows; a bad entry (named p[row, column]); a row not normalised.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1.</exception>
    public static void Divergence<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, int columns, Span<T> destination, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.Rows<T, KlTerm, ProbabilityDomain, ProbabilityDomain>(p, q, columns, destination, nameof(p), nameof(q), logBase);

    /// <summary>The batch's row divergences reduced: Sum, Mean (÷ R·C, PyTorch's 'mean', not a KL) or BatchMean (÷ R, the mean KL).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">R rows of probabilities.</param>
    /// <param name="q">The same shape as p.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="reduction">Sum, Mean or BatchMean.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>The reduced value.</returns>
    /// <exception cref="ArgumentException">As the row-wise form.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1, or reduction is None.</exception>
    public static T Divergence<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, int columns, Reduction reduction, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.ReduceRows<T, KlTerm, ProbabilityDomain, ProbabilityDomain>(p, q, columns, reduction, nameof(p), nameof(q), logBase);

    /// <summary>Row-wise KL(p_r ‖ q_r) with q as natural logs (PyTorch's <c>kl_div(log_q, p, reduction='none').sum(-1)</c>).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">R rows of probabilities.</param>
    /// <param name="logQ">R rows of natural-log probabilities.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="destination">At least R entries.</param>
    /// <param name="logBase">The base of the result.</param>
    /// <exception cref="ArgumentException">As the other row-wise forms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1.</exception>
    public static void FromLogQ<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> logQ, int columns, Span<T> destination, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.Rows<T, KlFromLogQTerm, ProbabilityDomain, LogProbabilityDomain>(p, logQ, columns, destination, nameof(p), nameof(logQ), logBase);

    /// <summary>The batch's row divergences with q as natural logs, reduced (BatchMean = PyTorch's <c>kl_div(log_q, p, reduction='batchmean')</c>).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">R rows of probabilities.</param>
    /// <param name="logQ">R rows of natural-log probabilities.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="reduction">Sum, Mean or BatchMean.</param>
    /// <param name="logBase">The base of the result.</param>
    /// <returns>The reduced value.</returns>
    /// <exception cref="ArgumentException">As the row-wise forms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1, or reduction is None.</exception>
    public static T FromLogQ<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> logQ, int columns, Reduction reduction, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.ReduceRows<T, KlFromLogQTerm, ProbabilityDomain, LogProbabilityDomain>(p, logQ, columns, reduction, nameof(p), nameof(logQ), logBase);

    /// <summary>Row-wise KL(p_r ‖ q_r) with both as natural logs.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="logP">R rows of natural-log probabilities.</param>
    /// <param name="logQ">The same shape.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="destination">At least R entries.</param>
    /// <param name="logBase">The base of the result.</param>
    /// <exception cref="ArgumentException">As the other row-wise forms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1.</exception>
    public static void FromLogs<T>(ReadOnlySpan<T> logP, ReadOnlySpan<T> logQ, int columns, Span<T> destination, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.Rows<T, KlFromLogsTerm, LogProbabilityDomain, LogProbabilityDomain>(logP, logQ, columns, destination, nameof(logP), nameof(logQ), logBase);

    /// <summary>The batch's row divergences with both as natural logs, reduced.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="logP">R rows of natural-log probabilities.</param>
    /// <param name="logQ">The same shape.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="reduction">Sum, Mean or BatchMean.</param>
    /// <param name="logBase">The base of the result.</param>
    /// <returns>The reduced value.</returns>
    /// <exception cref="ArgumentException">As the row-wise forms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1, or reduction is None.</exception>
    public static T FromLogs<T>(ReadOnlySpan<T> logP, ReadOnlySpan<T> logQ, int columns, Reduction reduction, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.ReduceRows<T, KlFromLogsTerm, LogProbabilityDomain, LogProbabilityDomain>(logP, logQ, columns, reduction, nameof(logP), nameof(logQ), logBase);
}
