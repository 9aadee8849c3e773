using Functional.Models.Data;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>The polynomial basis <see cref="PolynomialFeatures"/> expands into.</summary>
public enum PolynomialBasis
{
    /// <summary>Chebyshev polynomials T_1(t) … T_d(t) of the scaled input t ∈ [−1, 1] (default): nearly orthogonal, |T_k| ≤ 1 on the range.</summary>
    Chebyshev = 0,

    /// <summary>Scaled monomials t, t², …, t^d of t ∈ [−1, 1]: bounded by 1 on the range, but increasingly collinear with the degree.</summary>
    Monomial = 1,
}

/// <summary>
/// Polynomial features of one input x, of degree d: the map t = (2x − (Lower + Upper))/(Upper − Lower) sends the training
/// range [Lower, Upper] onto [−1, 1], and the features are P_1(t) … P_d(t) in the chosen <see cref="Basis"/> (the constant
/// P_0 is the model's intercept, so it is not emitted). On [−1, 1] every feature is bounded by 1, where raw monomials
/// x^k of x ∈ [0, 10] would span ten orders of magnitude; Chebyshev features also keep the design matrix well
/// conditioned up to high degrees (its condition number grows slowly, not exponentially as for monomials).
/// </summary>
/// <remarks>Fit the range on the training inputs only; test inputs outside it extrapolate (|t| &gt; 1, features grow as |t|^k).</remarks>
public sealed record PolynomialFeatures
{
    /// <summary>Creates the feature map for a fixed range.</summary>
    /// <param name="degree">d ≥ 0 (0 gives no features: the model is its intercept).</param>
    /// <param name="lower">The input mapped to −1; finite.</param>
    /// <param name="upper">The input mapped to +1; finite and greater than lower.</param>
    /// <param name="basis">Chebyshev (default) or scaled monomials.</param>
    /// <exception cref="ArgumentOutOfRangeException">degree &lt; 0; lower or upper not finite, or upper ≤ lower; an unknown basis.</exception>
    public PolynomialFeatures(int degree, double lower, double upper, PolynomialBasis basis = PolynomialBasis.Chebyshev)
    {
        if (degree < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degree), degree, $"degree = {degree}; a polynomial degree is at least 0.");
        }

        if (!double.IsFinite(lower))
        {
            throw new ArgumentOutOfRangeException(nameof(lower), lower, $"lower = {Format.Number(lower)} is not finite.");
        }

        if (!double.IsFinite(upper) || !(upper > lower) || !double.IsFinite(upper - lower))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"upper = {Format.Number(upper)}; it must be finite and greater than lower = {Format.Number(lower)}.");
        }

        if (basis is not (PolynomialBasis.Chebyshev or PolynomialBasis.Monomial))
        {
            throw new ArgumentOutOfRangeException(nameof(basis), basis, $"basis = {basis} is not a polynomial basis.");
        }

        Degree = degree;
        Lower = lower;
        Upper = upper;
        Basis = basis;
    }

    /// <summary>d, the number of features emitted.</summary>
    public int Degree { get; }

    /// <summary>The input mapped to −1.</summary>
    public double Lower { get; }

    /// <summary>The input mapped to +1.</summary>
    public double Upper { get; }

    /// <summary>The basis.</summary>
    public PolynomialBasis Basis { get; }

    /// <summary>Fits the range [min x, max x] on training inputs (if all inputs are equal, [x − 1, x + 1]).</summary>
    /// <param name="x">Training inputs; at least one; finite.</param>
    /// <param name="degree">d ≥ 0.</param>
    /// <param name="basis">The basis.</param>
    /// <returns>The feature map.</returns>
    /// <exception cref="ArgumentException">x is empty, or an input is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">degree &lt; 0.</exception>
    public static PolynomialFeatures Fit(ReadOnlySpan<double> x, int degree, PolynomialBasis basis = PolynomialBasis.Chebyshev)
    {
        if (degree < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degree), degree, $"degree = {degree}; a polynomial degree is at least 0.");
        }

        Guard.NotEmpty(x.Length, nameof(x), "the range needs at least one input");
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw Guard.InvalidElement(new Operand(nameof(x)), i, x[i], "is not finite");
            }

            lo = Math.Min(lo, x[i]);
            hi = Math.Max(hi, x[i]);
        }

        return lo < hi ? new(degree, lo, hi, basis) : new(degree, lo - 1.0, hi + 1.0, basis);
    }

    /// <summary>t = (2x − (Lower + Upper))/(Upper − Lower), so Lower ↦ −1 and Upper ↦ 1.</summary>
    /// <param name="x">An input.</param>
    /// <returns>The scaled input.</returns>
    public double Scale(double x) => ((x - Lower) - (Upper - x)) / (Upper - Lower);

    /// <summary>The features of each input: row i of <paramref name="features"/> is P_1(t_i) … P_d(t_i).</summary>
    /// <param name="x">n inputs; finite.</param>
    /// <param name="features">Receives n × d values, row-major.</param>
    /// <exception cref="ArgumentException">features is too short; an input is NaN or infinite.</exception>
    public void Transform(ReadOnlySpan<double> x, Span<double> features)
    {
        Guard.Destination(x.Length * Degree, features.Length, nameof(features));
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw Guard.InvalidElement(new Operand(nameof(x)), i, x[i], "is not finite");
            }

            var t = Scale(x[i]);
            var row = features.Slice(i * Degree, Degree);
            double previous = 1.0, current = t;
            for (var k = 0; k < Degree; k++)
            {
                row[k] = current;
                var next = Basis == PolynomialBasis.Chebyshev ? (2.0 * t * current) - previous : current * t;
                previous = current;
                current = next;
            }
        }
    }

    /// <summary>A one-column data set expanded into d feature columns (targets kept).</summary>
    /// <param name="data">Data with exactly one feature column.</param>
    /// <returns>The expanded data set.</returns>
    /// <exception cref="ArgumentException">data does not have exactly one column.</exception>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != 1)
        {
            throw new ArgumentException($"data has {data.Columns} columns; polynomial features expand a single input column.", nameof(data));
        }

        var features = new double[data.Rows * Degree];
        Transform(data.Features, features);
        return new Dataset(features, Degree, data.Targets);
    }
}
