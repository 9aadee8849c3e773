using System.Collections;
using Functional.Numerics;

namespace Functional.Information;

/// <summary>
/// A validated, immutable probability vector: every entry finite in [0, 1], the entries summing to 1 within
/// <see cref="Tolerance{T}"/>. Holding one is proof the checks passed ("parse, don't validate").
/// </summary>
/// <remarks>Equality is by value, entry by entry. The entries are copied in; nothing outside can change them.</remarks>
public sealed record ProbabilityVector : IReadOnlyList<double>
{
    private readonly double[] _values;

    private ProbabilityVector(double[] values) => _values = values;

    /// <summary>
    /// The largest |Σ p − 1| accepted as normalised: √ε of the element type (1.49e-8 for double, 3.45e-4 for float),
    /// loose enough for a vector normalised in that type, tight enough to reject a vector that was never normalised.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <returns>√ε_T as a double.</returns>
    public static double Tolerance<T>() where T : IFloatingPointIeee754<T>
        => Math.Sqrt(double.CreateTruncating(T.BitIncrement(T.One) - T.One));

    /// <summary>Validates <paramref name="p"/> and copies it into a probability vector.</summary>
    /// <param name="p">The probabilities.</param>
    /// <returns>The probability vector.</returns>
    /// <exception cref="ArgumentException">p is empty; an entry is NaN, infinite, negative or above 1 (named with its index and value); or Σ p is off from 1 by more than <see cref="Tolerance{T}"/>.</exception>
    public static ProbabilityVector Create(ReadOnlySpan<double> p)
    {
        Probability.Validate(p, new Operand(nameof(p)));
        return new ProbabilityVector(p.ToArray());
    }

    /// <summary>Validates <paramref name="p"/> and copies it into a probability vector.</summary>
    /// <param name="p">The probabilities.</param>
    /// <returns>The probability vector.</returns>
    /// <exception cref="ArgumentNullException">p is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Create(ReadOnlySpan{double})"/>.</exception>
    public static ProbabilityVector Create(params double[] p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Create(p.AsSpan());
    }

    /// <summary>Normalises non-negative weights into probabilities: p_i = w_i / Σ w (the sum compensated).</summary>
    /// <param name="weights">Finite, non-negative weights with a positive sum.</param>
    /// <returns>The normalised vector.</returns>
    /// <exception cref="ArgumentException">weights is empty; an entry is NaN, infinite or negative; or every weight is 0.</exception>
    public static ProbabilityVector Normalize(ReadOnlySpan<double> weights)
    {
        Guard.NotEmpty(weights.Length, nameof(weights), "there is nothing to normalise");
        var sum = Kernel.Reduce<double, IdentityTerm, NonNegativeDomain>(weights, new Operand(nameof(weights))).Total;
        if (!(sum > 0.0) || !double.IsFinite(sum))
        {
            throw new ArgumentException($"weights sum to {Format.Number(sum)}; at least one weight must be positive and the sum finite.", nameof(weights));
        }

        var values = new double[weights.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = weights[i] / sum;
        }

        return new ProbabilityVector(values);
    }

    /// <summary>The uniform distribution on n outcomes, p_i = 1/n (maximum entropy ln n).</summary>
    /// <param name="count">n ≥ 1.</param>
    /// <returns>The uniform vector.</returns>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1.</exception>
    public static ProbabilityVector Uniform(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var values = new double[count];
        Array.Fill(values, 1.0 / count);
        return new ProbabilityVector(values);
    }

    /// <summary>The one-hot vector e_k on n outcomes (entropy 0).</summary>
    /// <param name="count">n ≥ 1.</param>
    /// <param name="index">k in [0, n).</param>
    /// <returns>The one-hot vector.</returns>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1 or index outside [0, count).</exception>
    public static ProbabilityVector OneHot(int count, int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var values = new double[count];
        values[index] = 1.0;
        return new ProbabilityVector(values);
    }

    /// <summary>The entries, read-only.</summary>
    /// <returns>A span over the entries.</returns>
    public ReadOnlySpan<double> AsSpan() => _values;

    /// <summary>A copy of the entries.</summary>
    /// <returns>A new array.</returns>
    public double[] ToArray() => (double[])_values.Clone();

    /// <summary>The number of outcomes.</summary>
    public int Count => _values.Length;

    /// <summary>The probability of outcome <paramref name="index"/>.</summary>
    /// <param name="index">In [0, Count).</param>
    public double this[int index] => _values[index];

    /// <inheritdoc/>
    public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <summary>Equal when every entry is equal.</summary>
    /// <param name="other">The other vector.</param>
    /// <returns>Whether the entries are equal.</returns>
    public bool Equals(ProbabilityVector? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in _values)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    /// <summary>"[0.2, 0.1, 0.7]" (entries round-trip; long vectors are elided).</summary>
    /// <returns>A readable form.</returns>
    public override string ToString()
    {
        const int shown = 8;
        var head = string.Join(", ", _values.Take(shown).Select(Format.Number));
        return _values.Length <= shown ? $"[{head}]" : $"[{head}, … ({_values.Length} entries)]";
    }
}
