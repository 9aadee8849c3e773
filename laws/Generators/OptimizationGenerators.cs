using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Functional.Laws.Generators;

/// <summary>
/// An optimizer case: parameters w (length 1 … 40), a sequence of 1 … 8 gradients, and a learning rate per step in
/// [1e-4, 1]. Entries are drawn from a seeded generator: mostly N(0, 1)-sized, sometimes exact zeros, sometimes ±1e3.
/// </summary>
/// <param name="Parameters">w.</param>
/// <param name="Gradients">One gradient per step.</param>
/// <param name="Rates">One learning rate per step.</param>
/// <param name="Seed">The seed the entries were drawn from.</param>
public sealed record OptimizerCase(double[] Parameters, double[][] Gradients, double[] Rates, int Seed)
{
    /// <summary>n, the number of parameters.</summary>
    public int Dimension => Parameters.Length;

    /// <summary>The case in one line (sizes, seed, w, rates, the first gradient).</summary>
    public override string ToString()
        => $"n = {Dimension}, steps = {Gradients.Length}, seed = {Seed}; w = {Dists.Show(Parameters)}; "
           + $"rates = {Dists.Show(Rates)}; g₀ = {Dists.Show(Gradients[0])}";
}

/// <summary>
/// A strongly convex quadratic R(w) = ½wᵀAw − bᵀw, A = MᵀM + μI (n = 1 … 6, M entries in [−1, 1], μ ∈ [0.5, 2]), with the
/// largest eigenvalue L of A (by a converged power iteration) and the closed-form minimiser A⁻¹b (Cholesky), a start w₀,
/// and a step fraction θ ∈ [0.1, 0.95]: gradient descent uses η = θ·2/L &lt; 2/L.
/// </summary>
/// <param name="A">A, n × n row-major, symmetric positive definite.</param>
/// <param name="B">b.</param>
/// <param name="Start">w₀.</param>
/// <param name="Mu">μ, a lower bound on A's eigenvalues.</param>
/// <param name="L">The largest eigenvalue of A (rounded up).</param>
/// <param name="Theta">θ, the step as a fraction of 2/L.</param>
/// <param name="Seed">The seed the case was drawn from.</param>
public sealed record QuadraticCase(double[] A, double[] B, double[] Start, double Mu, double L, double Theta, int Seed)
{
    /// <summary>n, the dimension.</summary>
    public int Dimension => B.Length;

    /// <summary>The step η = θ·2/L &lt; 2/L.</summary>
    public double Rate => Theta * 2.0 / L;

    /// <summary>R(w) = ½wᵀAw − bᵀw.</summary>
    public double Value(double[] w)
    {
        var n = Dimension;
        var f = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = 0.0;
            for (var j = 0; j < n; j++)
            {
                row += A[(i * n) + j] * w[j];
            }

            f += (0.5 * w[i] * row) - (B[i] * w[i]);
        }

        return f;
    }

    /// <summary>∇R(w) = Aw − b.</summary>
    public double[] Gradient(double[] w)
    {
        var n = Dimension;
        var g = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                g[i] += A[(i * n) + j] * w[j];
            }

            g[i] -= B[i];
        }

        return g;
    }

    /// <summary>A⁻¹b by Cholesky (A is SPD).</summary>
    public double[] Minimiser()
    {
        var n = Dimension;
        var l = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            var d = A[(j * n) + j];
            for (var k = 0; k < j; k++)
            {
                d -= l[(j * n) + k] * l[(j * n) + k];
            }

            l[(j * n) + j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = A[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[(i * n) + k] * l[(j * n) + k];
                }

                l[(i * n) + j] = s / l[(j * n) + j];
            }
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = B[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[(i * n) + k] * y[k];
            }

            y[i] = s / l[(i * n) + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = y[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= l[(k * n) + i] * x[k];
            }

            x[i] = s / l[(i * n) + i];
        }

        return x;
    }

    /// <summary>The case in one line.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"n = {Dimension}, μ = {Mu:R}, L = {L:R}, θ = {Theta:R}, seed = {Seed}; b = {Dists.Show(B)}");
}

/// <summary>A stream of noisy samples x_t ~ N(c, σ²) (σ ∈ [0.1, 2]) for SGD on R(w) = E ½(w − x)², minimised at w = c (the
/// population mean, known exactly), and a Robbins–Monro step η_t = η₀/(1 + t) with η₀ ∈ [1, 2] (η₀ ≥ 1 makes the start's bias vanish like T^−η₀, so the
/// error is the sampling error, of standard deviation ≤ 1.16σ/√T).</summary>
/// <param name="Centre">c, the population mean.</param>
/// <param name="Sigma">σ, the noise's standard deviation.</param>
/// <param name="Initial">η₀.</param>
/// <param name="Steps">T, the number of samples.</param>
/// <param name="Seed">The seed of the sample stream.</param>
public sealed record StochasticCase(double Centre, double Sigma, double Initial, int Steps, int Seed)
{
    /// <summary>The case in one line.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"c = {Centre:R}, σ = {Sigma:R}, η₀ = {Initial:R}, steps = {Steps}, seed = {Seed}");
}

/// <summary>Generators for optimizer and schedule laws: seeded constructions, never FsCheck's default doubles.</summary>
public static class OptimizationGenerators
{
    private static Gen<int> Seeds { get; } = Gen.Choose(0, int.MaxValue);

    private static double Normal(Random r) => Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2.0 * Math.PI * r.NextDouble());

    private static double Entry(Random r) => r.Next(10) switch
    {
        0 => 0.0,
        1 => 1e3 * Normal(r),
        _ => Normal(r),
    };

    /// <summary>Optimizer cases, shrinking towards fewer parameters and steps.</summary>
    public static Arbitrary<OptimizerCase> OptimizerCases()
        => Arb.From(
            from n in Gen.Choose(1, 40)
            from steps in Gen.Choose(1, 8)
            from seed in Seeds
            select MakeOptimizerCase(n, steps, seed),
            c => ShrinkOptimizerCase(c));

    private static OptimizerCase MakeOptimizerCase(int n, int steps, int seed)
    {
        var r = new Random(seed);
        var w = Enumerable.Range(0, n).Select(_ => Entry(r)).ToArray();
        var g = Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, n).Select(_ => Entry(r)).ToArray()).ToArray();
        var rates = Enumerable.Range(0, steps).Select(_ => Math.Pow(10.0, -4.0 * r.NextDouble())).ToArray();
        return new OptimizerCase(w, g, rates, seed);
    }

    private static IEnumerable<OptimizerCase> ShrinkOptimizerCase(OptimizerCase c)
    {
        if (c.Dimension > 1)
        {
            yield return MakeOptimizerCase(c.Dimension / 2, c.Gradients.Length, c.Seed);
        }

        if (c.Gradients.Length > 1)
        {
            yield return MakeOptimizerCase(c.Dimension, c.Gradients.Length / 2, c.Seed);
        }
    }

    /// <summary>Strongly convex quadratics with their step bound and minimiser.</summary>
    public static Arbitrary<QuadraticCase> Quadratics()
        => Arb.From(
            from n in Gen.Choose(1, 6)
            from seed in Seeds
            select MakeQuadratic(n, seed),
            c => c.Dimension > 1 ? [MakeQuadratic(c.Dimension - 1, c.Seed)] : []);

    private static QuadraticCase MakeQuadratic(int n, int seed)
    {
        var r = new Random(seed);
        var mu = 0.5 + (1.5 * r.NextDouble());
        var m = Enumerable.Range(0, n * n).Select(_ => (2.0 * r.NextDouble()) - 1.0).ToArray();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = i == j ? mu : 0.0;
                for (var k = 0; k < n; k++)
                {
                    s += m[(k * n) + i] * m[(k * n) + j];
                }

                a[(i * n) + j] = s;
            }
        }

        var b = Enumerable.Range(0, n).Select(_ => 3.0 * Normal(r)).ToArray();
        var start = Enumerable.Range(0, n).Select(_ => 3.0 * Normal(r)).ToArray();
        var theta = 0.1 + (0.85 * r.NextDouble());
        return new QuadraticCase(a, b, start, mu, LargestEigenvalue(a, n), theta, seed);
    }

    /// <summary>λ_max of an SPD matrix by power iteration to convergence, rounded up by 1e-9 relative (so η·L &lt; 2 holds).</summary>
    private static double LargestEigenvalue(double[] a, int n)
    {
        var v = Enumerable.Range(0, n).Select(i => 1.0 + (0.01 * i)).ToArray();
        var lambda = 0.0;
        for (var iteration = 0; iteration < 10_000; iteration++)
        {
            var next = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    next[i] += a[(i * n) + j] * v[j];
                }
            }

            var norm = Math.Sqrt(next.Sum(x => x * x));
            var estimate = next.Zip(v, (x, y) => x * y).Sum() / v.Sum(x => x * x);
            v = next.Select(x => x / norm).ToArray();
            if (Math.Abs(estimate - lambda) <= 1e-14 * estimate)
            {
                return estimate * (1 + 1e-9);
            }

            lambda = estimate;
        }

        // the Frobenius norm bounds λ_max from above: a safe fallback for a slowly converging iteration
        return Math.Sqrt(a.Sum(x => x * x));
    }

    /// <summary>Stochastic mean-estimation problems for the Robbins–Monro law.</summary>
    public static Arbitrary<StochasticCase> Stochastic()
        => Arb.From(
            from seed in Seeds
            let r = new Random(seed)
            select new StochasticCase(10.0 * Normal(r), 0.1 + (1.9 * r.NextDouble()), 1.0 + r.NextDouble(), 4000, seed));

    /// <summary>Draws the sample stream of a <see cref="StochasticCase"/>.</summary>
    public static double[] Samples(StochasticCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var r = new Random(c.Seed ^ 0x5bd1e995);
        return Enumerable.Range(0, c.Steps).Select(_ => c.Centre + (c.Sigma * Normal(r))).ToArray();
    }

    /// <summary>A seed, for schedule settings drawn inside a property (the settings are printed by the schedule's ToString).</summary>
    public static Arbitrary<int> ScheduleSeeds() => Arb.From(Seeds);

    /// <summary>A metric sequence of 1 … 60 values: noisy decreases, plateaus (repeated values), spikes, ±∞.</summary>
    public static Arbitrary<double[]> Metrics()
        => Arb.From(
            from length in Gen.Choose(1, 60)
            from seed in Seeds
            select MakeMetrics(length, seed),
            m => m.Length > 1 ? [m[..(m.Length / 2)], m[1..]] : []);

    private static double[] MakeMetrics(int length, int seed)
    {
        var r = new Random(seed);
        var level = 10.0 * r.NextDouble();
        var metrics = new double[length];
        for (var i = 0; i < length; i++)
        {
            level = r.Next(6) switch
            {
                0 => level,
                1 => level * (1.0 + (0.5 * r.NextDouble())),
                2 => -level,
                _ => level * (1.0 - (0.2 * r.NextDouble())),
            };
            metrics[i] = r.Next(40) switch
            {
                0 => double.PositiveInfinity,
                1 => double.NegativeInfinity,
                _ => level,
            };
        }

        return metrics;
    }
}
