using Functional.Numerics;

namespace Functional.Optimization;

/// <summary>The outcome of a line search along w + αd.</summary>
/// <param name="Step">The step α ≥ 0 chosen (0 when no decrease was found).</param>
/// <param name="Value">R(w + αd).</param>
/// <param name="Evaluations">How many times the objective was evaluated.</param>
/// <param name="Succeeded">Whether the search met its condition (exact: φ′(α) ≈ 0 or a converged bracket; Wolfe: both strong
/// Wolfe conditions).</param>
public sealed record LineSearchResult(double Step, double Value, int Evaluations, bool Succeeded);

/// <summary>
/// Line searches on φ(α) = R(w + αd): the exact minimisation steepest descent needs, and the strong-Wolfe search L-BFGS
/// needs. Both are pure: they evaluate the objective and return numbers.
/// </summary>
public static class LineSearch
{
    private const double Golden = 0.3819660112501051; // (3 − √5)/2

    /// <summary>
    /// η* = argmin_{α ≥ 0} φ(α), φ(α) = R(w + αd), for a descent direction d. First a secant step on φ′ from 0 and
    /// <paramref name="initialStep"/> — exact for a quadratic, where φ′ is linear — accepted when φ decreased and
    /// |φ′| ≤ 10⁻⁸·|φ′(0)|; otherwise the minimum is bracketed (expanding by the golden ratio) and refined by Brent's method
    /// (Brent 1973, ch. 5) to a relative tolerance of 10⁻¹⁰ on α.
    /// </summary>
    /// <param name="objective">R.</param>
    /// <param name="w">The point, finite.</param>
    /// <param name="direction">d, finite, the same length as w.</param>
    /// <param name="initialStep">The first trial step, finite and positive (the learning rate, typically).</param>
    /// <returns>The step and R there; step 0 when d is not a descent direction (φ′(0) ≥ 0) or no decrease is found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, or an entry of w or d is not finite, or the objective is not finite at w.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialStep"/> is not finite and positive.</exception>
    public static LineSearchResult Exact(IDifferentiableObjective objective, ReadOnlySpan<double> w, ReadOnlySpan<double> direction, double initialStep = 1.0)
    {
        var line = new Line(objective, w, direction);
        VectorOps.Positive(initialStep, nameof(initialStep));
        var (phi0, slope0) = line.At(0.0);
        if (!double.IsFinite(phi0))
        {
            throw new ArgumentException($"objective is {Format.Number(phi0)} at w; a line search needs a finite starting value.", nameof(objective));
        }

        if (!(slope0 < 0.0))
        {
            return new LineSearchResult(0.0, phi0, line.Evaluations, slope0 == 0.0);
        }

        var (best, bestValue) = (0.0, phi0);
        var a1 = initialStep;
        var (phi1, slope1) = line.At(a1);
        if (phi1 < bestValue)
        {
            (best, bestValue) = (a1, phi1);
        }

        if (slope1 > slope0 && double.IsFinite(phi1))
        {
            var secant = a1 * (slope0 / (slope0 - slope1));
            if (secant > 0.0 && double.IsFinite(secant))
            {
                var (phiS, slopeS) = line.At(secant);
                if (phiS <= phi0 && Math.Abs(slopeS) <= 1e-8 * Math.Abs(slope0))
                {
                    return new LineSearchResult(secant, phiS, line.Evaluations, true);
                }

                if (phiS < bestValue)
                {
                    (best, bestValue) = (secant, phiS);
                }
            }
        }

        // bracket a < b < c with φ(b) below both ends, starting from the best point seen
        double a = 0.0, fa = phi0, b, fb, c, fc;
        if (best > 0.0)
        {
            (b, fb) = (best, bestValue);
            c = best * 2.618033988749895;
            fc = line.Value(c);
            for (var k = 0; k < 200 && fc < fb; k++)
            {
                (a, fa, b, fb) = (b, fb, c, fc);
                c = b + ((b - a) * 1.618033988749895);
                fc = line.Value(c);
            }

            if (fc < fb)
            {
                return new LineSearchResult(c, fc, line.Evaluations, false);
            }
        }
        else
        {
            // even the first trial step increased R: shrink until it decreases
            c = a1;
            fc = double.IsNaN(phi1) ? double.PositiveInfinity : phi1;
            b = c * Golden;
            fb = line.Value(b);
            for (var k = 0; k < 200 && !(fb < fa); k++)
            {
                (c, fc) = (b, fb);
                b = c * Golden;
                fb = line.Value(b);
            }

            if (!(fb < fa))
            {
                return new LineSearchResult(0.0, phi0, line.Evaluations, false);
            }
        }

        var (step, value, converged) = Brent(line, a, b, c, fb);
        return new LineSearchResult(step, value, line.Evaluations, converged);
    }

    /// <summary>
    /// A step satisfying the strong Wolfe conditions φ(α) ≤ φ(0) + c₁αφ′(0) and |φ′(α)| ≤ c₂|φ′(0)| (Nocedal &amp; Wright 2006,
    /// algorithms 3.5 and 3.6, with safeguarded cubic interpolation in the zoom). Writes the gradient at the accepted point
    /// into <paramref name="gradient"/>.
    /// </summary>
    /// <param name="objective">R.</param>
    /// <param name="w">The point.</param>
    /// <param name="direction">A descent direction d.</param>
    /// <param name="value">R(w).</param>
    /// <param name="slope">φ′(0) = ∇R(w)·d, negative.</param>
    /// <param name="initialStep">The first trial step.</param>
    /// <param name="gradient">Receives ∇R(w + αd) at the returned step (unchanged when the search fails).</param>
    /// <param name="c1">Sufficient-decrease constant, 0 &lt; c₁ &lt; c₂.</param>
    /// <param name="c2">Curvature constant, c₁ &lt; c₂ &lt; 1.</param>
    /// <param name="maxEvaluations">Budget of objective evaluations.</param>
    /// <returns>The step; <see cref="LineSearchResult.Succeeded"/> false when the budget ran out or the interval collapsed.</returns>
    internal static LineSearchResult StrongWolfe(
        IDifferentiableObjective objective, ReadOnlySpan<double> w, ReadOnlySpan<double> direction, double value, double slope, double initialStep,
        Span<double> gradient, double c1 = 1e-4, double c2 = 0.9, int maxEvaluations = 20)
    {
        var line = new Line(objective, w, direction);
        var (phi0, d0) = (value, slope);
        // near an optimum R is flat to rounding and the sufficient decrease cannot be seen in its value: allow R's own
        // rounding (a few ulps of R(w)) so that the curvature condition, which the gradient still resolves, decides
        var noise = 4.0 * 2.220446049250313e-16 * Math.Abs(phi0);
        double prev = 0.0, phiPrev = phi0, dPrev = d0;
        double[]? prevGradient = null;
        var alpha = initialStep;
        for (var i = 0; i < maxEvaluations; i++)
        {
            var (phi, d) = line.At(alpha);
            if (!double.IsFinite(phi) || phi - phi0 > (c1 * alpha * d0) + noise || (i > 0 && phi > phiPrev))
            {
                return Zoom(line, prev, phiPrev, dPrev, prevGradient, alpha, phi, d, phi0, d0, c1, c2, noise, maxEvaluations, gradient);
            }

            if (Math.Abs(d) <= -c2 * d0)
            {
                line.LastGradient.CopyTo(gradient);
                return new LineSearchResult(alpha, phi, line.Evaluations, true);
            }

            if (d >= 0.0)
            {
                return Zoom(line, alpha, phi, d, line.LastGradient.ToArray(), prev, phiPrev, dPrev, phi0, d0, c1, c2, noise, maxEvaluations, gradient);
            }

            (prev, phiPrev, dPrev) = (alpha, phi, d);
            prevGradient = line.LastGradient.ToArray();
            alpha *= 2.0;
        }

        return new LineSearchResult(0.0, phi0, line.Evaluations, false);
    }

    private static LineSearchResult Zoom(
        Line line, double lo, double phiLo, double dLo, double[]? loGradient, double hi, double phiHi, double dHi, double phi0, double d0,
        double c1, double c2, double noise, int maxEvaluations, Span<double> gradient)
    {
        var bestGradient = loGradient;
        while (line.Evaluations < maxEvaluations)
        {
            var width = hi - lo;
            if (Math.Abs(width) <= 1e-16 * Math.Max(1.0, Math.Abs(lo)))
            {
                break;
            }

            var alpha = Cubic(lo, phiLo, dLo, hi, phiHi, dHi);
            var low = Math.Min(lo, hi) + (0.1 * Math.Abs(width));
            var high = Math.Max(lo, hi) - (0.1 * Math.Abs(width));
            if (!(alpha >= low && alpha <= high))
            {
                alpha = lo + (0.5 * width);
            }

            var (phi, d) = line.At(alpha);
            if (!double.IsFinite(phi) || phi - phi0 > (c1 * alpha * d0) + noise || phi > phiLo)
            {
                (hi, phiHi, dHi) = (alpha, double.IsFinite(phi) ? phi : double.PositiveInfinity, double.IsFinite(d) ? d : double.NaN);
                continue;
            }

            if (Math.Abs(d) <= -c2 * d0)
            {
                line.LastGradient.CopyTo(gradient);
                return new LineSearchResult(alpha, phi, line.Evaluations, true);
            }

            if (d * (hi - lo) >= 0.0)
            {
                (hi, phiHi, dHi) = (lo, phiLo, dLo);
            }

            (lo, phiLo, dLo) = (alpha, phi, d);
            bestGradient = line.LastGradient.ToArray();
        }

        // out of budget: the best sufficient-decrease point is still a usable step
        if (lo > 0.0 && bestGradient is not null && phiLo <= phi0)
        {
            bestGradient.CopyTo(gradient);
            return new LineSearchResult(lo, phiLo, line.Evaluations, false);
        }

        return new LineSearchResult(0.0, phi0, line.Evaluations, false);
    }

    /// <summary>The minimiser of the cubic matching φ and φ′ at a and b (Nocedal &amp; Wright eq. 3.59); NaN if it has none.</summary>
    private static double Cubic(double a, double fa, double da, double b, double fb, double db)
    {
        if (!double.IsFinite(fb) || !double.IsFinite(db))
        {
            return double.NaN;
        }

        var d1 = da + db - (3.0 * (fa - fb) / (a - b));
        var radicand = (d1 * d1) - (da * db);
        if (!(radicand >= 0.0))
        {
            return double.NaN;
        }

        var d2 = Math.CopySign(Math.Sqrt(radicand), b - a);
        return b - ((b - a) * ((db + d2 - d1) / (db - da + (2.0 * d2))));
    }

    /// <summary>Brent's minimiser on a bracket a &lt; b &lt; c (φ(b) below both ends), relative tolerance 1e-10 on α.</summary>
    private static (double Step, double Value, bool Converged) Brent(Line line, double a, double b, double c, double fb)
    {
        const double tolerance = 1e-10;
        double x = b, w = b, v = b, fx = fb, fw = fb, fv = fb, d = 0.0, e = 0.0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var middle = 0.5 * (a + c);
            var tol1 = (tolerance * Math.Abs(x)) + 1e-300;
            var tol2 = 2.0 * tol1;
            if (Math.Abs(x - middle) <= tol2 - (0.5 * (c - a)))
            {
                return (x, fx, true);
            }

            var golden = true;
            if (Math.Abs(e) > tol1)
            {
                var r = (x - w) * (fx - fv);
                var q = (x - v) * (fx - fw);
                var p = ((x - v) * q) - ((x - w) * r);
                q = 2.0 * (q - r);
                if (q > 0.0)
                {
                    p = -p;
                }

                q = Math.Abs(q);
                var previous = e;
                e = d;
                if (Math.Abs(p) < Math.Abs(0.5 * q * previous) && p > q * (a - x) && p < q * (c - x))
                {
                    d = p / q;
                    var u0 = x + d;
                    if (u0 - a < tol2 || c - u0 < tol2)
                    {
                        d = Math.CopySign(tol1, middle - x);
                    }

                    golden = false;
                }
            }

            if (golden)
            {
                e = (x >= middle ? a : c) - x;
                d = Golden * e;
            }

            var u = Math.Abs(d) >= tol1 ? x + d : x + Math.CopySign(tol1, d);
            var fu = line.Value(u);
            if (fu <= fx)
            {
                if (u >= x)
                {
                    a = x;
                }
                else
                {
                    c = x;
                }

                (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
            }
            else
            {
                if (u < x)
                {
                    a = u;
                }
                else
                {
                    c = u;
                }

                if (fu <= fw || w == x)
                {
                    (v, fv, w, fw) = (w, fw, u, fu);
                }
                else if (fu <= fv || v == x || v == w)
                {
                    (v, fv) = (u, fu);
                }
            }
        }

        return (x, fx, false);
    }

    /// <summary>φ(α) = R(w + αd) and φ′(α) = ∇R(w + αd)·d, with scratch memory and an evaluation count.</summary>
    private sealed class Line
    {
        private readonly IDifferentiableObjective objective;
        private readonly double[] w;
        private readonly double[] d;
        private readonly double[] point;
        private readonly double[] gradient;

        internal Line(IDifferentiableObjective objective, ReadOnlySpan<double> w, ReadOnlySpan<double> direction)
        {
            ArgumentNullException.ThrowIfNull(objective);
            Guard.SameLength(w.Length, direction.Length, nameof(w), nameof(direction));
            VectorOps.Finite(w, nameof(w));
            VectorOps.Finite(direction, nameof(direction));
            this.objective = objective;
            this.w = w.ToArray();
            d = direction.ToArray();
            point = new double[w.Length];
            gradient = new double[w.Length];
        }

        internal int Evaluations { get; private set; }

        internal ReadOnlySpan<double> LastGradient => gradient;

        internal (double Value, double Slope) At(double alpha)
        {
            for (var i = 0; i < w.Length; i++)
            {
                point[i] = w[i] + (alpha * d[i]);
            }

            Evaluations++;
            var value = objective.ValueAndGradient(point, gradient);
            return (double.IsNaN(value) ? double.PositiveInfinity : value, VectorOps.Dot(gradient, d));
        }

        internal double Value(double alpha) => At(alpha).Value;
    }
}
