using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The Cholesky factor of a symmetric positive-definite matrix and the triangular solves the Gaussian needs.</summary>
internal static class Cholesky
{
    /// <summary>Lower-triangular L with LLᵀ = A (row-major d × d), or an exception naming the first failing pivot.</summary>
    internal static double[] Factor(ReadOnlySpan<double> a, int d, string name)
    {
        var l = new double[d * d];
        for (var j = 0; j < d; j++)
        {
            var pivot = a[(j * d) + j];
            for (var k = 0; k < j; k++)
            {
                pivot -= l[(j * d) + k] * l[(j * d) + k];
            }

            if (!(pivot > 0.0) || !double.IsFinite(pivot))
            {
                throw new ArgumentException(
                    $"{name} is not positive definite: the Cholesky pivot {j} is {Format.Number(pivot)} (it must be positive).", name);
            }

            var diagonal = Math.Sqrt(pivot);
            l[(j * d) + j] = diagonal;
            for (var i = j + 1; i < d; i++)
            {
                var s = a[(i * d) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[(i * d) + k] * l[(j * d) + k];
                }

                l[(i * d) + j] = s / diagonal;
            }
        }

        return l;
    }

    /// <summary>Solves L y = b in place (forward substitution).</summary>
    internal static void SolveLower(ReadOnlySpan<double> l, int d, Span<double> b)
    {
        for (var i = 0; i < d; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[(i * d) + k] * b[k];
            }

            b[i] = s / l[(i * d) + i];
        }
    }

    /// <summary>ln det A = 2 Σ ln L_ii.</summary>
    internal static double LogDeterminant(ReadOnlySpan<double> l, int d)
    {
        var sum = 0.0;
        for (var i = 0; i < d; i++)
        {
            sum += Math.Log(l[(i * d) + i]);
        }

        return 2.0 * sum;
    }
}
