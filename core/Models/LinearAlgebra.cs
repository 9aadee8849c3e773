namespace Functional.Models;

/// <summary>Small dense solvers for the closed forms and Newton steps (row-major, allocation at the call's boundary only).</summary>
internal static class LinearAlgebra
{
    /// <summary>
    /// Least squares min ‖A x − b‖ by Householder QR (A is m × n, m ≥ n, row-major, overwritten; b overwritten): the
    /// normal equations are never formed, so the conditioning is κ(A), not κ(A)². Returns false when R has a diagonal
    /// entry below <paramref name="rankTolerance"/>·max|R_jj| (A is rank deficient to working precision).
    /// </summary>
    internal static bool SolveLeastSquares(double[] a, int m, int n, double[] b, Span<double> x, double rankTolerance = 1e-13)
    {
        var diagonal = new double[n];
        for (var k = 0; k < n; k++)
        {
            // the Householder vector v = column k below the diagonal, with v_k = a_kk + sign(a_kk)·‖column‖
            var norm = 0.0;
            for (var i = k; i < m; i++)
            {
                norm = Math.FusedMultiplyAdd(a[(i * n) + k], a[(i * n) + k], norm);
            }

            norm = Math.Sqrt(norm);
            if (norm == 0.0)
            {
                diagonal[k] = 0.0;
                continue;
            }

            var akk = a[(k * n) + k];
            var alpha = akk >= 0.0 ? -norm : norm;
            a[(k * n) + k] = akk - alpha;
            var vNorm2 = 0.0;
            for (var i = k; i < m; i++)
            {
                vNorm2 = Math.FusedMultiplyAdd(a[(i * n) + k], a[(i * n) + k], vNorm2);
            }

            for (var j = k + 1; j < n; j++)
            {
                var s = 0.0;
                for (var i = k; i < m; i++)
                {
                    s = Math.FusedMultiplyAdd(a[(i * n) + k], a[(i * n) + j], s);
                }

                var f = 2.0 * s / vNorm2;
                for (var i = k; i < m; i++)
                {
                    a[(i * n) + j] -= f * a[(i * n) + k];
                }
            }

            var sb = 0.0;
            for (var i = k; i < m; i++)
            {
                sb = Math.FusedMultiplyAdd(a[(i * n) + k], b[i], sb);
            }

            var fb = 2.0 * sb / vNorm2;
            for (var i = k; i < m; i++)
            {
                b[i] -= fb * a[(i * n) + k];
            }

            diagonal[k] = alpha;
        }

        var largest = 0.0;
        for (var k = 0; k < n; k++)
        {
            largest = Math.Max(largest, Math.Abs(diagonal[k]));
        }

        for (var k = 0; k < n; k++)
        {
            if (!(Math.Abs(diagonal[k]) > rankTolerance * largest))
            {
                return false;
            }
        }

        for (var k = n - 1; k >= 0; k--)
        {
            var s = b[k];
            for (var j = k + 1; j < n; j++)
            {
                s -= a[(k * n) + j] * x[j];
            }

            x[k] = s / diagonal[k];
        }

        return true;
    }

    /// <summary>
    /// Solves H x = g for a symmetric positive-definite H (n × n, row-major; its lower triangle is overwritten by the
    /// Cholesky factor). Returns false when a pivot is not positive (H not positive definite to working precision).
    /// </summary>
    internal static bool SolveCholesky(double[] h, int n, ReadOnlySpan<double> g, Span<double> x)
    {
        for (var j = 0; j < n; j++)
        {
            var d = h[(j * n) + j];
            for (var k = 0; k < j; k++)
            {
                d -= h[(j * n) + k] * h[(j * n) + k];
            }

            if (!(d > 0.0))
            {
                return false;
            }

            var l = Math.Sqrt(d);
            h[(j * n) + j] = l;
            for (var i = j + 1; i < n; i++)
            {
                var s = h[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= h[(i * n) + k] * h[(j * n) + k];
                }

                h[(i * n) + j] = s / l;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var s = g[i];
            for (var k = 0; k < i; k++)
            {
                s -= h[(i * n) + k] * x[k];
            }

            x[i] = s / h[(i * n) + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var s = x[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= h[(k * n) + i] * x[k];
            }

            x[i] = s / h[(i * n) + i];
        }

        return true;
    }
}
