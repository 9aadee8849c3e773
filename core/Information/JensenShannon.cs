using Functional.Numerics;

namespace Functional.Information;

/// <summary>
/// The Jensen–Shannon divergence JS(p ‖ q) = ½KL(p ‖ m) + ½KL(q ‖ m), m = ½(p + q), and the Jensen–Shannon distance √JS,
/// a metric (Endres and Schindelin 2003).
/// </summary>
/// <remarks>
/// Symmetric, always finite, and bounded: 0 ≤ JS ≤ log_b 2, so in base 2 it lies in [0, 1] — SciPy's
/// <c>jensenshannon</c> reports the distance in base e unless told otherwise. The result is clamped to [0, log_b 2]
/// (rounding can otherwise step outside it) and is exactly 0 when p = q entry by entry, so √JS is never NaN.
/// Each term is ((p_i + q_i)/4)·h(δ_i), δ_i = (p_i − q_i)/(p_i + q_i), evaluated by series near δ = 0.
/// </remarks>
public static class JensenShannon
{
    /// <summary>JS(p ‖ q) in base b, clamped to [0, log_b 2].</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">A probability vector.</param>
    /// <param name="q">A probability vector of the same length.</param>
    /// <param name="logBase">The base; e by default (JS ≤ ln 2 ≈ 0.693); base 2 gives JS ≤ 1.</param>
    /// <returns>JS in [0, log_b 2]; exactly 0 when p = q.</returns>
    /// <exception cref="ArgumentException">Lengths differ; p is empty; an entry is NaN, ±∞, negative or &gt; 1 (named with index and value); p or q is not normalised.</exception>
    public static T Divergence<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, LogBase logBase = default) where T : IFloatingPointIeee754<T>
    {
        var nats = Probability.Sum<T, JensenShannonTerm, ProbabilityDomain, ProbabilityDomain>(p, q, new Operand(nameof(p)), new Operand(nameof(q)));
        return T.CreateTruncating(logBase.FromNats(Math.Clamp(nats, 0.0, Math.Log(2.0))));
    }

    /// <summary>JS(p ‖ q) of arrays.</summary>
    /// <param name="p">A probability vector.</param>
    /// <param name="q">A probability vector.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>JS in [0, log_b 2].</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static double Divergence(double[] p, double[] q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Divergence<double>(p, q, logBase);
    }

    /// <summary>JS(p ‖ q) of validated distributions.</summary>
    /// <param name="p">A distribution.</param>
    /// <param name="q">A distribution.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>JS in [0, log_b 2].</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">p and q have different lengths.</exception>
    public static double Divergence(ProbabilityVector p, ProbabilityVector q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Divergence(p.AsSpan(), q.AsSpan(), logBase);
    }

    /// <summary>The Jensen–Shannon distance √JS(p ‖ q) in base b: a metric (identity, symmetry, triangle inequality).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">A probability vector.</param>
    /// <param name="q">A probability vector of the same length.</param>
    /// <param name="logBase">The base of the divergence under the root; base 2 gives a distance in [0, 1].</param>
    /// <returns>√JS in [0, √(log_b 2)]; exactly 0 when p = q; never NaN.</returns>
    /// <exception cref="ArgumentException">As <see cref="Divergence{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, LogBase)"/>.</exception>
    public static T Distance<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, LogBase logBase = default) where T : IFloatingPointIeee754<T>
    {
        var nats = Probability.Sum<T, JensenShannonTerm, ProbabilityDomain, ProbabilityDomain>(p, q, new Operand(nameof(p)), new Operand(nameof(q)));
        return T.CreateTruncating(Math.Sqrt(logBase.FromNats(Math.Clamp(nats, 0.0, Math.Log(2.0)))));
    }

    /// <summary>√JS of arrays.</summary>
    /// <param name="p">A probability vector.</param>
    /// <param name="q">A probability vector.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>√JS.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static double Distance(double[] p, double[] q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Distance<double>(p, q, logBase);
    }

    /// <summary>√JS of validated distributions.</summary>
    /// <param name="p">A distribution.</param>
    /// <param name="q">A distribution.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>√JS.</returns>
    /// <exception cref="ArgumentNullException">p or q is null.</exception>
    /// <exception cref="ArgumentException">p and q have different lengths.</exception>
    public static double Distance(ProbabilityVector p, ProbabilityVector q, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        return Distance(p.AsSpan(), q.AsSpan(), logBase);
    }
}
