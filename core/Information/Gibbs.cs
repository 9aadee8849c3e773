using Functional.Numerics;

namespace Functional.Information;

/// <summary>
/// The evidence for Gibbs' inequality Σ p log p ≥ Σ p log q on one pair: H(p), H(p, q) and KL(p ‖ q), each computed on
/// its own, and whether −H(p) ≥ −H(p, q) held within <see cref="Tolerance"/>.
/// </summary>
/// <param name="Entropy">H(p) in <see cref="LogBase"/> units.</param>
/// <param name="CrossEntropy">H(p, q) in the same units (+∞ where some q_i = 0 &lt; p_i).</param>
/// <param name="Kl">KL(p ‖ q) in the same units, computed by its own kernel (≥ 0 by construction).</param>
/// <param name="Tolerance">The rounding allowance, in the same units: (64·ε·max(1, |H(p, q)| in nats) + |Σq − Σp|) / ln b.</param>
/// <param name="LogBase">The base of every value.</param>
public sealed record GibbsWitness(double Entropy, double CrossEntropy, double Kl, double Tolerance, LogBase LogBase)
{
    /// <summary>H(p, q) − H(p): the gap the inequality says is ≥ 0 (equal to KL up to rounding).</summary>
    public double Gap => CrossEntropy - Entropy;

    /// <summary>Whether Σ p log p ≥ Σ p log q held, i.e. H(p, q) − H(p) ≥ −Tolerance.</summary>
    public bool Holds => double.IsPositiveInfinity(CrossEntropy) || Gap >= -Tolerance;

    /// <summary>How far the computed gap fell below 0: max(0, H(p) − H(p, q)); 0 when the inequality held exactly.</summary>
    public double Violation => double.IsPositiveInfinity(CrossEntropy) ? 0.0 : Math.Max(0.0, Entropy - CrossEntropy);
}

/// <summary>Gibbs' inequality: for distributions p and q, −Σ p_i log p_i ≤ −Σ p_i log q_i, with equality iff p = q.</summary>
public static class Gibbs
{
    /// <summary>64 ulps of 1: the relative rounding allowance of the witness.</summary>
    public static readonly double RelativeTolerance = 64.0 * (Math.BitIncrement(1.0) - 1.0);

    /// <summary>Computes H(p), H(p, q) and KL(p ‖ q) and reports whether the inequality held.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">A probability vector.</param>
    /// <param name="q">A probability vector of the same length.</param>
    /// <param name="logBase">The base of the reported values; e by default.</param>
    /// <returns>The witness.</returns>
    /// <exception cref="ArgumentException">As <see cref="Kl.Divergence{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, LogBase)"/>.</exception>
    public static GibbsWitness Check<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, LogBase logBase = default) where T : IFloatingPointIeee754<T>
    {
        var crossEntropySums = Probability.Sums<T, CrossEntropyTerm, ProbabilityDomain, ProbabilityDomain>(p, q, new Operand(nameof(p)), new Operand(nameof(q)));
        var crossEntropy = logBase.FromNats(crossEntropySums.Total);
        var entropy = double.CreateTruncating(Entropy.Of(p, logBase));
        var kl = double.CreateTruncating(Kl.Divergence(p, q, logBase));

        // Σ p ln(p/q) ≥ Σ p − Σ q, not ≥ 0, when the inputs are normalised only to rounding: allow that residue,
        // and 64 ulps of the larger of 1 nat and |H(p, q)|, all converted to the base like every other value.
        var scaleNats = double.IsFinite(crossEntropySums.Total) ? Math.Max(1.0, Math.Abs(crossEntropySums.Total)) : 1.0;
        var toleranceNats = (RelativeTolerance * scaleNats) + Math.Abs(crossEntropySums.MassY - crossEntropySums.MassX);
        return new GibbsWitness(entropy, crossEntropy, kl, logBase.FromNats(toleranceNats), logBase);
    }

    /// <summary>The witness for arrays.</summary>
    /// <param name="p">A probability vector.</param>
    /// <param name="q">A probability vector.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>The witness.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static GibbsWitness Check(double[] p, double[] q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Check<double>(p, q, logBase);
    }

    /// <summary>The witness for validated distributions.</summary>
    /// <param name="p">A distribution.</param>
    /// <param name="q">A distribution.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>The witness.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">p and q have different lengths.</exception>
    public static GibbsWitness Check(ProbabilityVector p, ProbabilityVector q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Check(p.AsSpan(), q.AsSpan(), logBase);
    }
}
