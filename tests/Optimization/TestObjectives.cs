using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>Objectives with known minimisers for the optimizer tests.</summary>
internal static class TestObjectives
{
    /// <summary>SciPy's <c>rosen</c>: Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1).</summary>
    internal static IDifferentiableObjective Rosenbrock { get; } = Objective.From((x, g) =>
    {
        var f = 0.0;
        g.Clear();
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var a = x[i + 1] - (x[i] * x[i]);
            var b = 1.0 - x[i];
            f += (100.0 * a * a) + (b * b);
            g[i] += (-400.0 * a * x[i]) - (2.0 * b);
            g[i + 1] += 200.0 * a;
        }

        return f;
    });

    /// <summary>R(w) = ½ wᵀAw − bᵀw with A SPD (row-major n×n): ∇R = Aw − b, minimiser A⁻¹b.</summary>
    internal static IDifferentiableObjective Quadratic(double[] a, double[] b)
    {
        var n = b.Length;
        return Objective.From((w, g) =>
        {
            var f = 0.0;
            for (var i = 0; i < n; i++)
            {
                var row = 0.0;
                for (var j = 0; j < n; j++)
                {
                    row += a[(i * n) + j] * w[j];
                }

                g[i] = row - b[i];
                f += (0.5 * w[i] * row) - (b[i] * w[i]);
            }

            return f;
        });
    }

    /// <summary>A = QᵀDQ-like SPD matrix MᵀM + shift·I from a seeded generator, with condition number a few hundred.</summary>
    internal static double[] SpdMatrix(int n, int seed, double shift = 0.1)
    {
        var random = new Random(seed);
        var m = new double[n * n];
        for (var i = 0; i < m.Length; i++)
        {
            m[i] = random.NextDouble() - 0.5;
        }

        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = i == j ? shift : 0.0;
                for (var k = 0; k < n; k++)
                {
                    s += m[(k * n) + i] * m[(k * n) + j];
                }

                a[(i * n) + j] = s;
            }
        }

        return a;
    }

    internal static double[] Multiply(double[] a, double[] x)
    {
        var n = x.Length;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                y[i] += a[(i * n) + j] * x[j];
            }
        }

        return y;
    }
}
