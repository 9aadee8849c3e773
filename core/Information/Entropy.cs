using Functional.Numerics;

namespace Functional.Information;

/// <summary>Shannon entropy H(p) = −Σ p_i log_b p_i, and the binary entropy h(p).</summary>
/// <remarks>
/// Natural log by default (nats); pass <see cref="LogBase.Two"/> for bits. 0·log 0 = 0, so one-hot vectors have
/// entropy exactly 0; 0 ≤ H(p) ≤ log_b n, with the maximum at the uniform vector. One fused SIMD pass, compensated sum.
/// </remarks>
public static class Entropy
{
    /// <summary>H(p) = −Σ p_i log_b p_i.</summary>
    /// <typeparam name="T">float or double (float is computed and summed in double, then rounded once).</typeparam>
    /// <param name="p">A probability vector: entries in [0, 1] summing to 1 within <see cref="ProbabilityVector.Tolerance{T}"/>.</param>
    /// <param name="logBase">The base of the logarithm; e (nats) by default.</param>
    /// <returns>H(p) ≥ 0 in units of <paramref name="logBase"/>; finite for every valid p.</returns>
    /// <exception cref="ArgumentException">p is empty; p[i] is NaN, ±∞, negative or &gt; 1 (named with i and its value); or p is not normalised.</exception>
    public static T Of<T>(ReadOnlySpan<T> p, LogBase logBase = default) where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(logBase.FromNats(Probability.Sum<T, EntropyTerm>(p, new Operand(nameof(p)))));

    /// <summary>H(p) of an array; see <see cref="Of{T}(ReadOnlySpan{T}, LogBase)"/>.</summary>
    /// <param name="p">A probability vector.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>H(p).</returns>
    /// <exception cref="ArgumentNullException">p is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static double Of(double[] p, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Of<double>(p, logBase);
    }

    /// <summary>H(p) of a validated probability vector.</summary>
    /// <param name="p">The distribution.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>H(p).</returns>
    /// <exception cref="ArgumentNullException">p is null.</exception>
    public static double Of(ProbabilityVector p, LogBase logBase = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Of(p.AsSpan(), logBase);
    }

    /// <summary>The binary entropy h(p) = −p log_b p − (1 − p) log_b(1 − p), the entropy of a coin with P(heads) = p.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">P(heads) in [0, 1]. h(0) = h(1) = 0; h(½) = 1 bit. Accurate for tiny p (ln(1 − p) as log1p(−p)).</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <returns>h(p) in [0, log_b 2].</returns>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1].</exception>
    public static T Binary<T>(T p, LogBase logBase = default) where T : IFloatingPointIeee754<T>
    {
        var value = double.CreateTruncating(p);
        if (!UnitIntervalDomain.IsValid(value))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"p = {Format.Number(value)} {UnitIntervalDomain.Problem(value)}; a probability must be in [0, 1].");
        }

        return T.CreateTruncating(logBase.FromNats(BinaryEntropyTerm.Invoke(value)));
    }

    /// <summary>destination[i] = h(p[i]), the binary entropy of each entry (one SIMD pass).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">Probabilities in [0, 1] (they need not sum to 1).</param>
    /// <param name="destination">At least p.Length entries; may be the same memory as p.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <exception cref="ArgumentException">destination is shorter than p; p[i] is NaN or outside [0, 1] (destination is then left partly written).</exception>
    public static void Binary<T>(ReadOnlySpan<T> p, Span<T> destination, LogBase logBase = default) where T : IFloatingPointIeee754<T>
    {
        Guard.Destination(p.Length, destination.Length);
        Kernel.Map<T, BinaryEntropyTerm, UnitIntervalDomain>(p, destination, new Operand(nameof(p)), 1.0 / logBase.NaturalLogarithm);
    }
}
