using Functional.Losses;
using Functional.Numerics;

namespace Functional.Estimation;

/// <summary>A location M-estimate μ̂ = argmin_μ Σ ρ(x_i − μ), with the objective at the estimate and how it was found.</summary>
/// <param name="Estimate">μ̂.</param>
/// <param name="Objective">Σ ρ(x_i − μ̂) (for L2, ρ(d) = ½d²; for L1, |d|; for Huber, the loss of <see cref="Loss.Huber{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction, double)"/>).</param>
/// <param name="Iterations">Reweighting steps taken (0 for the closed forms L2 and L1).</param>
/// <param name="Score">Σ ψ(x_i − μ̂), ψ = ρ′: the gradient of the objective with respect to −μ; 0 at the exact minimiser of a smooth ρ (for L1, a subgradient: 0 for odd n, and within ±1 in general).</param>
public sealed record LocationEstimate(double Estimate, double Objective, int Iterations, double Score);

/// <summary>
/// Location M-estimators: the μ minimising Σ ρ(x_i − μ) for ρ = L2 (the mean), L1 (the median) and Huber(δ) (in
/// between: quadratic for residuals within δ, linear beyond), the lecture's "L2 → mean, L1 → median, Huber → in between".
/// </summary>
/// <remarks>
/// Every function validates its sample (not empty, every value finite) and allocates at most one copy of it (L1 and the
/// Huber start sort a copy). NOTES.md ("Estimators: MLE, MAP, Bayes") derives the IRLS scheme and its stopping rule.
/// </remarks>
public static class Location
{
    /// <summary>Default relative tolerance of <see cref="Huber(ReadOnlySpan{double}, double, double, int)"/>: stop when |Δμ| ≤ tolerance · spread.</summary>
    public const double DefaultTolerance = 1e-12;

    /// <summary>Default cap on Huber reweighting steps.</summary>
    public const int DefaultMaxIterations = 1000;

    /// <summary>argmin Σ ½(x_i − μ)² = the sample mean (compensated sum).</summary>
    /// <param name="x">At least one finite value.</param>
    /// <returns>The mean, with Objective = ½ Σ (x_i − x̄)² and Score = Σ (x_i − x̄) (≈ 0 up to rounding).</returns>
    /// <exception cref="ArgumentException">x is empty, or x[i] is NaN/∞ (named with index and value).</exception>
    public static LocationEstimate L2(ReadOnlySpan<double> x)
    {
        Check(x);
        var mean = Mean(x);
        var objective = new ScalarNeumaier();
        var score = new ScalarNeumaier();
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - mean;
            objective.Add(0.5 * d * d);
            score.Add(d);
        }

        return new LocationEstimate(mean, objective.Result, 0, score.Result);
    }

    /// <summary>argmin Σ |x_i − μ| = the sample median.</summary>
    /// <param name="x">At least one finite value.</param>
    /// <returns>
    /// The median. For even n every μ between the two middle order statistics minimises the sum; the midpoint is returned
    /// (the usual convention, as NumPy's <c>median</c>). Score is the lowest-norm subgradient Σ sign(x_i − μ̂) (sign 0 at 0).
    /// </returns>
    /// <exception cref="ArgumentException">x is empty, or x[i] is NaN/∞.</exception>
    public static LocationEstimate L1(ReadOnlySpan<double> x)
    {
        Check(x);
        var sorted = x.ToArray();
        Array.Sort(sorted);
        var median = Median(sorted);
        var objective = new ScalarNeumaier();
        var score = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - median;
            objective.Add(Math.Abs(d));
            score += Math.Sign(d);
        }

        return new LocationEstimate(median, objective.Result, 0, score);
    }

    /// <summary>
    /// argmin Σ ρ_δ(x_i − μ), ρ_δ the Huber loss (½d² for |d| ≤ δ, δ(|d| − ½δ) beyond), by iteratively reweighted least
    /// squares from the median: w_i = min(1, δ/|x_i − μ|), μ ← Σ w_i x_i / Σ w_i, finished by an exact solve.
    /// </summary>
    /// <param name="x">At least one finite value.</param>
    /// <param name="delta">δ &gt; 0, an absolute threshold in the units of x (as <see cref="Loss.Huber{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction, double)"/>; not scaled by a fitted σ as scikit-learn's HuberRegressor). δ → ∞ gives the mean, δ → 0 the median.</param>
    /// <param name="tolerance">Also stop when an IRLS step moves μ by at most tolerance · (max x − min x); default 1e-12. Must be in (0, 1).</param>
    /// <param name="maxIterations">At most this many reweighting steps (≥ 1); the estimate after the last step is returned.</param>
    /// <returns>The estimate, the objective, the steps taken, and the final score Σ clamp(x_i − μ̂, −δ, δ).</returns>
    /// <exception cref="ArgumentException">x is empty, or x[i] is NaN/∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">delta is not finite and &gt; 0; tolerance not in (0, 1); maxIterations &lt; 1.</exception>
    /// <remarks>
    /// Each IRLS step is a majorise-minimise step (the weighted quadratic touches ρ_δ at the current residuals and lies above
    /// it), so the objective never increases and, the objective being convex, the iteration converges (linearly). Before
    /// each step the exact minimiser of the quadratic piece at the current μ is tried (the points within δ, with the
    /// clamped ones contributing ±δ to the score); once the clamped sets there agree with those at μ it is the exact
    /// minimiser and is returned, so the usual result is exact to rounding after a few steps. Stopping rule: that exact
    /// solve succeeds, or an IRLS step moves μ by ≤ tolerance · spread, or maxIterations steps were taken.
    /// A sample with all values equal returns that value after 0 steps.
    /// </remarks>
    public static LocationEstimate Huber(ReadOnlySpan<double> x, double delta, double tolerance = DefaultTolerance, int maxIterations = DefaultMaxIterations)
    {
        if (!(delta > 0.0 && delta <= double.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"delta = {Format.Number(delta)}; the Huber threshold must be finite and > 0.");
        }

        if (!(tolerance > 0.0 && tolerance < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance = {Format.Number(tolerance)}; it must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        Check(x);
        var sorted = x.ToArray();
        Array.Sort(sorted);
        var spread = sorted[^1] - sorted[0];
        var mu = Median(sorted);
        var iterations = 0;
        if (spread > 0.0)
        {
            var step = tolerance * spread;
            while (true)
            {
                // The objective is a quadratic on each interval where the sets of points clamped below (x < μ − δ) and
                // above (x > μ + δ) do not change; solve that quadratic exactly and keep it if the sets agree there.
                if (TryExactSolve(sorted, mu, delta, out var exact))
                {
                    mu = exact;
                    break;
                }

                if (iterations == maxIterations)
                {
                    break;
                }

                var weighted = new ScalarNeumaier();
                var weights = new ScalarNeumaier();
                foreach (var value in sorted)
                {
                    var a = Math.Abs(value - mu);
                    var w = a <= delta ? 1.0 : delta / a;
                    // Weighted residuals, not weighted values: μ + Σw(x − μ)/Σw keeps digits when |μ| ≫ spread.
                    weighted.Add(w * (value - mu));
                    weights.Add(w);
                }

                var change = weighted.Result / weights.Result;
                mu += change;
                iterations++;
                if (Math.Abs(change) <= step)
                {
                    break;
                }
            }
        }

        var term = new HuberTerm(delta);
        var objective = new ScalarNeumaier();
        var score = new ScalarNeumaier();
        for (var i = 0; i < x.Length; i++)
        {
            // HuberTerm's derivative is with respect to the prediction μ: −ψ(x − μ).
            objective.Add(term.Value(mu, x[i], out var derivative));
            score.Add(-derivative);
        }

        return new LocationEstimate(mu, objective.Result, iterations, score.Result);
    }

    /// <summary>
    /// With L points clamped below, H above and the rest (I &gt; 0) inside at μ, the score Σψ = Σ_inside (x − μ′) + δ(H − L)
    /// vanishes at μ′ = μ + (Σ_inside (x − μ) + δ(H − L))/I; accepted when the clamped counts at μ′ are L and H again
    /// (in sorted data the clamped sets are a prefix and a suffix, so equal counts mean equal sets).
    /// </summary>
    private static bool TryExactSolve(double[] sorted, double mu, double delta, out double solution)
    {
        var (low, high, inside) = Partition(sorted, mu, delta);
        solution = mu;
        var count = sorted.Length - low - high;
        if (count == 0)
        {
            return false;
        }

        var candidate = mu + ((inside + (delta * (high - low))) / count);
        var (lowThere, highThere, _) = Partition(sorted, candidate, delta);
        if (lowThere != low || highThere != high)
        {
            return false;
        }

        solution = candidate;
        return true;
    }

    private static (int Low, int High, double Inside) Partition(double[] sorted, double mu, double delta)
    {
        int low = 0, high = 0;
        var inside = new ScalarNeumaier();
        foreach (var value in sorted)
        {
            var d = value - mu;
            if (d < -delta)
            {
                low++;
            }
            else if (d > delta)
            {
                high++;
            }
            else
            {
                inside.Add(d);
            }
        }

        return (low, high, inside.Result);
    }

    /// <summary>The median of a sorted, non-empty array: the middle value, or the midpoint of the two middle values.</summary>
    internal static double Median(double[] sorted)
    {
        var n = sorted.Length;
        var mid = n / 2;
        // a + (b − a)/2 cannot overflow for finite a ≤ b, where (a + b)/2 can.
        return n % 2 == 1 ? sorted[mid] : sorted[mid - 1] + ((sorted[mid] - sorted[mid - 1]) / 2.0);
    }

    /// <summary>The compensated mean of validated values.</summary>
    internal static double Mean(ReadOnlySpan<double> x)
    {
        var sum = new ScalarNeumaier();
        foreach (var v in x)
        {
            sum.Add(v);
        }

        var mean = sum.Result / x.Length;
        if (double.IsInfinity(mean))
        {
            // Σ x overflowed although every value is finite: average scaled values instead.
            var scaled = new ScalarNeumaier();
            foreach (var v in x)
            {
                scaled.Add(v / x.Length);
            }

            mean = scaled.Result;
        }

        return mean;
    }

    private static void Check(ReadOnlySpan<double> x)
    {
        Guard.NotEmpty(x.Length, nameof(x), "a location estimate needs at least one value");
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw Guard.InvalidElement(new Operand(nameof(x)), i, x[i], FiniteDomain.Problem(x[i]));
            }
        }
    }
}
