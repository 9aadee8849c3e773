using System.Collections.Immutable;
using Functional.Numerics;

namespace Functional.Optimization;

/// <summary>Why L-BFGS stopped (or <see cref="Running"/> for an intermediate iterate).</summary>
public enum LbfgsStop
{
    /// <summary>Not stopped: an intermediate iterate of <see cref="Lbfgs.Iterations"/>.</summary>
    Running,

    /// <summary>max |∂R/∂wᵢ| ≤ the gradient tolerance (SciPy's <c>gtol</c>): converged.</summary>
    GradientTolerance,

    /// <summary>(R_k − R_{k+1}) / max(|R_k|, |R_{k+1}|, 1) ≤ the relative tolerance (SciPy's <c>ftol</c>): converged.</summary>
    RelativeReduction,

    /// <summary>The iteration budget ran out before either tolerance was met.</summary>
    MaxIterations,

    /// <summary>No step along the search direction or along −∇R decreased R (typically: already at the optimum to
    /// rounding, or a non-smooth or wrong gradient).</summary>
    LineSearchFailed,
}

/// <summary>The settings of <see cref="Lbfgs"/>; defaults are SciPy's <c>minimize(method='L-BFGS-B')</c> ones.</summary>
/// <param name="Memory">m, the number of (s, y) pairs kept (SciPy's <c>maxcor</c>, 10), ≥ 1.</param>
/// <param name="MaxIterations">Iteration budget (SciPy's 15000), ≥ 1.</param>
/// <param name="GradientTolerance">Stop when max |∂R/∂wᵢ| ≤ this (SciPy's <c>gtol</c> 1e-5; scikit-learn passes its <c>tol</c>, 1e-4), ≥ 0.</param>
/// <param name="RelativeTolerance">Stop when the relative decrease of R is ≤ this (SciPy's <c>ftol</c> = 1e7·ε ≈ 2.2e-9; scikit-learn uses 64ε), ≥ 0; 0 turns the test off.</param>
/// <param name="MaxLineSearchEvaluations">Objective evaluations allowed per line search (SciPy's <c>maxls</c>, 20), ≥ 1.</param>
public sealed record LbfgsOptions(
    int Memory = 10,
    int MaxIterations = 15000,
    double GradientTolerance = 1e-5,
    double RelativeTolerance = 2.220446049250313e-9,
    int MaxLineSearchEvaluations = 20)
{
    /// <summary>
    /// scikit-learn's settings for <c>LogisticRegression(solver='lbfgs')</c>: memory 10, 100 iterations, gradient tolerance
    /// 1e-4 (its <c>tol</c>), relative tolerance 64ε, 50 line-search evaluations.
    /// </summary>
    public static LbfgsOptions ScikitLearn { get; } = new(10, 100, 1e-4, 64.0 * 2.220446049250313e-16, 50);
}

/// <summary>An iterate of L-BFGS, and its final result.</summary>
/// <param name="Weights">w_k.</param>
/// <param name="Value">R(w_k).</param>
/// <param name="GradientNorm">‖∇R(w_k)‖₂.</param>
/// <param name="GradientMaxNorm">max |∂R/∂wᵢ(w_k)|, the quantity the gradient tolerance bounds.</param>
/// <param name="Iterations">k, the number of completed iterations.</param>
/// <param name="Evaluations">Objective evaluations so far (including the one at the start).</param>
/// <param name="Converged">Whether a tolerance was met.</param>
/// <param name="Reason">Why it stopped; <see cref="LbfgsStop.Running"/> for an intermediate iterate.</param>
public sealed record LbfgsResult(
    ImmutableArray<double> Weights, double Value, double GradientNorm, double GradientMaxNorm, int Iterations, int Evaluations, bool Converged, LbfgsStop Reason);

/// <summary>
/// Full-batch limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989): the search direction −H_k∇R from the two-loop
/// recursion over the last m pairs (s, y), with H₀ = (sᵀy / yᵀy)·I, and a strong-Wolfe line search (c₁ = 10⁻⁴, c₂ = 0.9)
/// starting from α = 1 (α = min(1, 1/‖g‖₂) on the first iteration). Pairs with sᵀy ≤ 10⁻¹⁰·yᵀy are skipped, which keeps H
/// positive definite. When the line search fails along the quasi-Newton direction, the memory is dropped and one
/// steepest-descent search is tried before giving up.
/// </summary>
public static class Lbfgs
{
    /// <summary>Runs L-BFGS to a stop and returns the last iterate.</summary>
    /// <param name="objective">R, smooth; pure.</param>
    /// <param name="initial">w₀, finite; not modified.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <returns>The final iterate, with why it stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initial"/> is empty or has a non-finite entry, or R or ∇R is not finite at w₀.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static LbfgsResult Minimize(IDifferentiableObjective objective, ReadOnlySpan<double> initial, LbfgsOptions? options = null)
        => Iterations(objective, initial, options).Last();

    /// <summary>
    /// The iterates of L-BFGS, lazily: one per completed iteration (<see cref="LbfgsStop.Running"/>), the last one carrying the
    /// stop reason; if w₀ already meets the gradient tolerance, the only element is w₀. Arguments are checked and R is
    /// evaluated at w₀ when this is called, before enumeration.
    /// </summary>
    /// <param name="objective">R, smooth; pure.</param>
    /// <param name="initial">w₀, finite; copied.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <returns>The iterates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initial"/> is empty or has a non-finite entry, or R or ∇R is not finite at w₀.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IEnumerable<LbfgsResult> Iterations(IDifferentiableObjective objective, ReadOnlySpan<double> initial, LbfgsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new LbfgsOptions();
        Check(options);
        Guard.NotEmpty(initial.Length, nameof(initial), "there is nothing to optimise");
        VectorOps.Finite(initial, nameof(initial));
        var x = initial.ToArray();
        var g = new double[x.Length];
        var f = objective.ValueAndGradient(x, g);
        if (!double.IsFinite(f))
        {
            throw new ArgumentException($"objective is {Format.Number(f)} at the initial point; L-BFGS needs a finite start.", nameof(objective));
        }

        VectorOps.Finite(g, "gradient at the initial point");
        return Run(objective, x, f, g, options);
    }

    private static void Check(LbfgsOptions options)
    {
        if (options.Memory < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Memory, $"options.Memory = {options.Memory}; it must be at least 1.");
        }

        if (options.MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxIterations, $"options.MaxIterations = {options.MaxIterations}; it must be at least 1.");
        }

        if (options.MaxLineSearchEvaluations < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MaxLineSearchEvaluations, $"options.MaxLineSearchEvaluations = {options.MaxLineSearchEvaluations}; it must be at least 1.");
        }

        VectorOps.NonNegative(options.GradientTolerance, "options.GradientTolerance");
        VectorOps.NonNegative(options.RelativeTolerance, "options.RelativeTolerance");
    }

    private static IEnumerable<LbfgsResult> Run(IDifferentiableObjective objective, double[] start, double f, double[] startGradient, LbfgsOptions options)
    {
        // each enumeration works on its own copies, so enumerating twice gives the same sequence twice
        var x = (double[])start.Clone();
        var g = (double[])startGradient.Clone();
        var n = x.Length;
        var evaluations = 1;
        if (VectorOps.MaxAbs(g) <= options.GradientTolerance)
        {
            yield return Result(x, f, g, 0, evaluations, LbfgsStop.GradientTolerance);
            yield break;
        }

        var m = options.Memory;
        var s = new double[m][];
        var y = new double[m][];
        var rho = new double[m];
        var alphas = new double[m];
        var stored = 0;
        var newest = -1;
        var direction = new double[n];
        var gNew = new double[n];
        for (var k = 1; ; k++)
        {
            LineSearchResult search;
            var attempt = 0;
            while (true)
            {
                TwoLoop(g, s, y, rho, alphas, stored, newest, m, direction);
                var slope = VectorOps.Dot(g, direction);
                if (!(slope < 0.0))
                {
                    // H lost positive definiteness to rounding: restart from steepest descent
                    stored = 0;
                    TwoLoop(g, s, y, rho, alphas, 0, newest, m, direction);
                    slope = VectorOps.Dot(g, direction);
                }

                var first = stored == 0 ? Math.Min(1.0, 1.0 / VectorOps.Norm(g)) : 1.0;
                search = LineSearch.StrongWolfe(objective, x, direction, f, slope, first, gNew, maxEvaluations: options.MaxLineSearchEvaluations);
                evaluations += search.Evaluations;
                if (search.Step > 0.0 || stored == 0 || attempt > 0)
                {
                    break;
                }

                stored = 0;
                attempt++;
            }

            if (search.Step == 0.0)
            {
                yield return Result(x, f, g, k - 1, evaluations, LbfgsStop.LineSearchFailed);
                yield break;
            }

            var sk = new double[n];
            var yk = new double[n];
            for (var i = 0; i < n; i++)
            {
                var next = x[i] + (search.Step * direction[i]);
                sk[i] = next - x[i];
                yk[i] = gNew[i] - g[i];
                x[i] = next;
                g[i] = gNew[i];
            }

            var sy = VectorOps.Dot(sk, yk);
            if (sy > 1e-10 * VectorOps.Dot(yk, yk) && sy > 0.0)
            {
                // a pair with too little curvature is skipped, which keeps H positive definite
                newest = (newest + 1) % m;
                (s[newest], y[newest], rho[newest]) = (sk, yk, 1.0 / sy);
                stored = Math.Min(stored + 1, m);
            }

            var fPrevious = f;
            f = search.Value;
            var reduction = (fPrevious - f) / Math.Max(Math.Max(Math.Abs(fPrevious), Math.Abs(f)), 1.0);
            var reason = VectorOps.MaxAbs(g) <= options.GradientTolerance ? LbfgsStop.GradientTolerance
                : options.RelativeTolerance > 0.0 && reduction <= options.RelativeTolerance ? LbfgsStop.RelativeReduction
                : k >= options.MaxIterations ? LbfgsStop.MaxIterations
                : LbfgsStop.Running;
            yield return Result(x, f, g, k, evaluations, reason);
            if (reason != LbfgsStop.Running)
            {
                yield break;
            }
        }
    }

    /// <summary>direction = −H∇R by the two-loop recursion (Nocedal &amp; Wright 2006, algorithm 7.4).</summary>
    private static void TwoLoop(double[] g, double[][] s, double[][] y, double[] rho, double[] alphas, int stored, int newest, int m, double[] direction)
    {
        var q = direction;
        g.AsSpan().CopyTo(q);
        for (var j = 0; j < stored; j++)
        {
            var i = (newest - j + m) % m;
            alphas[i] = rho[i] * VectorOps.Dot(s[i], q);
            Axpy(-alphas[i], y[i], q);
        }

        if (stored > 0)
        {
            var gamma = VectorOps.Dot(s[newest], y[newest]) / VectorOps.Dot(y[newest], y[newest]);
            for (var i = 0; i < q.Length; i++)
            {
                q[i] *= gamma;
            }
        }

        for (var j = stored - 1; j >= 0; j--)
        {
            var i = (newest - j + m) % m;
            var beta = rho[i] * VectorOps.Dot(y[i], q);
            Axpy(alphas[i] - beta, s[i], q);
        }

        for (var i = 0; i < q.Length; i++)
        {
            q[i] = -q[i];
        }
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = Math.FusedMultiplyAdd(a, x[i], y[i]);
        }
    }

    private static LbfgsResult Result(double[] x, double f, double[] g, int iterations, int evaluations, LbfgsStop reason)
        => new(
            [.. x], f, VectorOps.Norm(g), VectorOps.MaxAbs(g), iterations, evaluations,
            reason is LbfgsStop.GradientTolerance or LbfgsStop.RelativeReduction, reason);
}
