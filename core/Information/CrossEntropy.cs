using Functional.Numerics;

namespace Functional.Information;

/// <summary>Cross-entropy H(p, q) = −Σ p_i log_b q_i = H(p) + KL(p ‖ q): the expected surprisal of q's code under p.</summary>
/// <remarks>
/// Terms with p_i = 0 are 0 whatever q_i is; a term with q_i = 0 &lt; p_i is +∞ (never NaN). H(p, q) ≥ H(p), with
/// equality iff p = q (Gibbs). With one-hot p it equals KL(p ‖ q) and is the negative log-likelihood of the labelled class.
/// </remarks>
public static class CrossEntropy
{
    /// <summary>H(p, q) = −Σ p_i log_b q_i.</summary>
    /// <typeparam name="T">float or double (computed and summed in double).</typeparam>
    /// <param name="p">The true distribution: entries in [0, 1], normalised.</param>
    /// <param name="q">The model distribution: entries in [0, 1], normalised.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>H(p, q) ≥ 0; +∞ where some q_i = 0 &lt; p_i.</returns>
    /// <exception cref="ArgumentException">Lengths differ; p is empty; an entry of p or q is NaN, ±∞, negative or &gt; 1 (named with index and value); p or q is not normalised.</exception>
    public static T Of<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(logBase.FromNats(
            Probability.Sum<T, CrossEntropyTerm, ProbabilityDomain, ProbabilityDomain>(p, q, new Operand(nameof(p)), new Operand(nameof(q)))));

    /// <summary>H(p, q) of arrays; see <see cref="Of{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, LogBase)"/>.</summary>
    /// <param name="p">The true distribution.</param>
    /// <param name="q">The model distribution.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>H(p, q).</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static double Of(double[] p, double[] q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Of<double>(p, q, logBase);
    }

    /// <summary>H(p, q) of validated distributions.</summary>
    /// <param name="p">The true distribution.</param>
    /// <param name="q">The model distribution.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>H(p, q).</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">p and q have different lengths.</exception>
    public static double Of(ProbabilityVector p, ProbabilityVector q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Of(p.AsSpan(), q.AsSpan(), logBase);
    }

    /// <summary>H(p, q) = −Σ p_i·(ln q_i) / ln b from natural-log probabilities ln q (e.g. a log-softmax output).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">The true distribution (probabilities).</param>
    /// <param name="logQ">ln q_i ≤ 0 (−∞ allowed), with Σ exp(ln q_i) = 1 within tolerance.</param>
    /// <param name="logBase">The base of the result; the input logarithms are always natural.</param>
    /// <returns>H(p, q).</returns>
    /// <exception cref="ArgumentException">Lengths differ; empty; p[i] not a probability; logQ[i] NaN or &gt; 0; p or exp(logQ) not normalised.</exception>
    public static T FromLogQ<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> logQ, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(logBase.FromNats(
            Probability.Sum<T, CrossEntropyFromLogQTerm, ProbabilityDomain, LogProbabilityDomain>(p, logQ, new Operand(nameof(p)), new Operand(nameof(logQ)))));

    /// <summary>Row-wise H(p_r, q_r) over a batch stored row-major, one value per row.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">R rows of <paramref name="columns"/> probabilities, each row normalised.</param>
    /// <param name="q">The same shape as p.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="destination">At least R entries.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <exception cref="ArgumentException">Shapes differ or are not whole rows; destination too short; no rows; a bad entry (named p[row, column]); a row not normalised.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1.</exception>
    public static void Of<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, int columns, Span<T> destination, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.Rows<T, CrossEntropyTerm, ProbabilityDomain, ProbabilityDomain>(p, q, columns, destination, nameof(p), nameof(q), logBase);

    /// <summary>The batch's row cross-entropies reduced to one number: sum, mean per element, or mean per row.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">R rows of <paramref name="columns"/> probabilities.</param>
    /// <param name="q">The same shape as p.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="reduction">Sum, Mean (÷ R·C, as PyTorch) or BatchMean (÷ R).</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>The reduced value.</returns>
    /// <exception cref="ArgumentException">As the row-wise form.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1, or reduction is None.</exception>
    public static T Of<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, int columns, Reduction reduction, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.ReduceRows<T, CrossEntropyTerm, ProbabilityDomain, ProbabilityDomain>(p, q, columns, reduction, nameof(p), nameof(q), logBase);

    /// <summary>Row-wise H(p_r, q_r) from ln q, one value per row.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">R rows of probabilities.</param>
    /// <param name="logQ">R rows of natural-log probabilities.</param>
    /// <param name="columns">Entries per row, ≥ 1.</param>
    /// <param name="destination">At least R entries.</param>
    /// <param name="logBase">The base of the result.</param>
    /// <exception cref="ArgumentException">As the other row-wise forms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1.</exception>
    public static void FromLogQ<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> logQ, int columns, Span<T> destination, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => Probability.Rows<T, CrossEntropyFromLogQTerm, ProbabilityDomain, LogProbabilityDomain>(p, logQ, columns, destination, nameof(p), nameof(logQ), logBase);

    /// <summary>The batch's row cross-entropies from ln q, reduced.</summary>
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
        => Probability.ReduceRows<T, CrossEntropyFromLogQTerm, ProbabilityDomain, LogProbabilityDomain>(p, logQ, columns, reduction, nameof(p), nameof(logQ), logBase);
}
