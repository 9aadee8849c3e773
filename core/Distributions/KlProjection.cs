using Functional.Information;

namespace Functional.Distributions;

/// <summary>The two Gaussian approximations of a mixture p and the four KL values that compare them.</summary>
/// <param name="Forward">argmin_q KL(p ‖ q): moment matching (mean and variance of p) — "mass-covering", spreads over every mode.</param>
/// <param name="Reverse">argmin_q KL(q ‖ p), found numerically — "mode-seeking", sits on one mode when the modes are apart.</param>
/// <param name="ForwardKl">KL(p ‖ Forward), by quadrature.</param>
/// <param name="ReverseKl">KL(Reverse ‖ p), by quadrature.</param>
/// <param name="ForwardKlOfReverse">KL(p ‖ Reverse): how badly the mode-seeker covers p (≥ ForwardKl).</param>
/// <param name="ReverseKlOfForward">KL(Forward ‖ p): how much mass the coverer puts where p has little (≥ ReverseKl).</param>
/// <param name="Iterations">Nelder–Mead iterations of the winning start of the reverse fit.</param>
public sealed record GaussianKlFits(
    Gaussian Forward, Gaussian Reverse, double ForwardKl, double ReverseKl, double ForwardKlOfReverse, double ReverseKlOfForward, int Iterations);

/// <summary>
/// The forward-versus-reverse KL demonstration: the best single Gaussian for a Gaussian mixture under KL(p ‖ q) and under KL(q ‖ p).
/// </summary>
/// <remarks>
/// <para>Forward: −KL(p ‖ q) = E_p[ln q] + H(p), and for a Gaussian q, E_p[ln q] depends on p only through its mean and variance,
/// maximised at q's moments equal to p's (μ = Σ w_k μ_k, σ² = Σ w_k(σ_k² + (μ_k − μ)²)), in closed form.</para>
/// <para>Reverse: KL(q ‖ p) = −H(q) − E_q[ln p] has no closed form; it is minimised over (μ, ln σ) by Nelder–Mead (reflection 1,
/// expansion 2, contraction ½, shrink ½) from every component and from the moment match, the objective by quadrature to 1e-11
/// relative, stopping when the simplex's values agree to 1e-12 (relative, + 1e-14 absolute) and its width is below 1e-8, or after
/// 1000 iterations. The best start wins; with well-separated modes that is the heaviest component, essentially unchanged.</para>
/// </remarks>
public static class KlProjection
{
    private const int MaxIterations = 1000;

    /// <summary>The forward (moment-matching) and reverse (mode-seeking) Gaussian fits to a mixture.</summary>
    /// <param name="p">The mixture.</param>
    /// <returns>Both fits and the four KL values.</returns>
    /// <exception cref="ArgumentNullException">p is null.</exception>
    public static GaussianKlFits GaussianFits(GaussianMixture p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var forward = new Gaussian(p.Mean, Math.Sqrt(p.Variance));
        var starts = p.Components.Select(c => (c.Mean, Math.Log(c.StandardDeviation))).Append((forward.Mean, Math.Log(forward.StandardDeviation)));
        var best = (Point: (0.0, 0.0), Value: double.PositiveInfinity, Iterations: 0);
        foreach (var start in starts)
        {
            var result = NelderMead(theta => ReverseObjective(p, theta), start, Math.Exp(start.Item2));
            if (result.Value < best.Value)
            {
                best = result;
            }
        }

        var reverse = new Gaussian(best.Point.Item1, Math.Exp(best.Point.Item2));
        return new GaussianKlFits(
            forward,
            reverse,
            Kl.ByQuadrature(p, forward).Value,
            Kl.ByQuadrature(reverse, p).Value,
            Kl.ByQuadrature(p, reverse).Value,
            Kl.ByQuadrature(forward, p).Value,
            best.Iterations);
    }

    private static double ReverseObjective(GaussianMixture p, (double Mean, double LogSd) theta)
    {
        var sd = Math.Exp(theta.LogSd);
        if (!(sd > 0.0 && double.IsFinite(sd) && double.IsFinite(theta.Mean)))
        {
            return double.PositiveInfinity;
        }

        var value = Kl.ByQuadrature(new Gaussian(theta.Mean, sd), p, 1e-11).Value;
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }

    /// <summary>Nelder–Mead in two dimensions from <paramref name="start"/>, the first step of size <paramref name="step"/> in the mean and ½ in ln σ.</summary>
    internal static ((double, double) Point, double Value, int Iterations) NelderMead(
        Func<(double, double), double> f, (double, double) start, double step)
    {
        var points = new (double X, double Y)[] { start, (start.Item1 + step, start.Item2), (start.Item1, start.Item2 + 0.5) };
        var values = points.Select(pt => f(pt)).ToArray();
        var iteration = 0;
        for (; iteration < MaxIterations; iteration++)
        {
            Array.Sort(values, points);
            var spread = Math.Abs(values[2] - values[0]);
            var width = Math.Max(Distance(points[0], points[1]), Distance(points[0], points[2]));
            if (spread <= (1e-12 * Math.Abs(values[0])) + 1e-14 && width <= 1e-8)
            {
                break;
            }

            var centroid = ((points[0].X + points[1].X) / 2.0, (points[0].Y + points[1].Y) / 2.0);
            var reflected = Along(centroid, points[2], -1.0);
            var fr = f(reflected);
            if (fr < values[0])
            {
                var expanded = Along(centroid, points[2], -2.0);
                var fe = f(expanded);
                (points[2], values[2]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[1])
            {
                (points[2], values[2]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[2] ? Along(centroid, points[2], -0.5) : Along(centroid, points[2], 0.5);
                var fc = f(contracted);
                if (fc < Math.Min(fr, values[2]))
                {
                    (points[2], values[2]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i < 3; i++)
                    {
                        points[i] = Along(points[0], points[i], 0.5);
                        values[i] = f(points[i]);
                    }
                }
            }
        }

        Array.Sort(values, points);
        return (points[0], values[0], iteration);
    }

    /// <summary>c + t·(x − c).</summary>
    private static (double X, double Y) Along((double X, double Y) c, (double X, double Y) x, double t)
        => (c.X + (t * (x.X - c.X)), c.Y + (t * (x.Y - c.Y)));

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Max(Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y));
}
