using Functional.Numerics;

namespace Functional.Information;

/// <summary>The information content (surprisal, self-information) of an outcome: I(x) = −log_b p(x).</summary>
/// <remarks>I = 0 for a certain outcome (p = 1) and +∞ for an impossible one (p = 0). Entropy is its expectation: H(p) = E_p[I].</remarks>
public static class Surprisal
{
    /// <summary>I = −log_b p.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">The outcome's probability, in [0, 1].</param>
    /// <param name="logBase">The base; e by default (bits with <see cref="LogBase.Two"/>).</param>
    /// <returns>−log_b p ≥ 0; +∞ at p = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1].</exception>
    public static T Of<T>(T p, LogBase logBase = default) where T : IFloatingPointIeee754<T>
    {
        var value = double.CreateTruncating(p);
        if (!UnitIntervalDomain.IsValid(value))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"p = {Format.Number(value)} {UnitIntervalDomain.Problem(value)}; a probability must be in [0, 1].");
        }

        return T.CreateTruncating(logBase.FromNats(SurprisalTerm.Invoke(value)));
    }

    /// <summary>destination[i] = −log_b p[i] (one SIMD pass).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">Probabilities in [0, 1] (they need not sum to 1).</param>
    /// <param name="destination">At least p.Length entries; may be the same memory as p.</param>
    /// <param name="logBase">The base; e by default.</param>
    /// <exception cref="ArgumentException">destination is shorter than p; p[i] is NaN or outside [0, 1] (destination is then left partly written).</exception>
    public static void Of<T>(ReadOnlySpan<T> p, Span<T> destination, LogBase logBase = default) where T : IFloatingPointIeee754<T>
    {
        Guard.Destination(p.Length, destination.Length);
        Kernel.Map<T, SurprisalTerm, UnitIntervalDomain>(p, destination, new Operand(nameof(p)), 1.0 / logBase.NaturalLogarithm);
    }
}
