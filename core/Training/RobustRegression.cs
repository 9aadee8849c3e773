using System.Collections.Immutable;
using Functional.Distributions;
using Functional.Losses;
using Functional.Models;
using Functional.Models.Data;
using Functional.Numerics;
using Functional.Optimization;

namespace Functional.Training;

/// <summary>One line fitted by the robust-regression demonstration.</summary>
/// <param name="Name">A label for the fit (e.g. <c>"Huber, δ = 1"</c>).</param>
/// <param name="Intercept">â.</param>
/// <param name="Slope">b̂.</param>
/// <param name="Alpha">Barron's α of the fit (fixed or adapted); null for the other losses.</param>
/// <param name="LineError">The root-mean-square vertical distance between the fitted and the true line over the x range [0, L]:
/// √(Δa² + Δa·Δb·L + Δb²·L²/3), Δa = â − a, Δb = b̂ − b.</param>
public sealed record RobustFit(string Name, double Intercept, double Slope, double? Alpha, double LineError)
{
    /// <summary>The fitted line at <paramref name="x"/>: â + b̂·x.</summary>
    /// <param name="x">The input.</param>
    /// <returns>ŷ(x).</returns>
    public double Predict(double x) => Intercept + (Slope * x);
}

/// <summary>The robust-regression demonstration's data and fits.</summary>
/// <param name="TrueIntercept">a of the line the inliers follow.</param>
/// <param name="TrueSlope">b.</param>
/// <param name="Length">L: the inputs lie evenly on [0, L].</param>
/// <param name="X">The inputs.</param>
/// <param name="Y">The targets, outliers included.</param>
/// <param name="Outliers">Which points were made gross outliers.</param>
/// <param name="Fits">L2, L1, Huber, Welsch, Barron at fixed α, then Barron with α adapted.</param>
public sealed record RobustRegressionDemonstration(
    double TrueIntercept, double TrueSlope, double Length, ImmutableArray<double> X, ImmutableArray<double> Y, ImmutableArray<bool> Outliers,
    ImmutableArray<RobustFit> Fits);

public static partial class Demonstrations
{
    // Barron's own range for the adapted α (robust_loss_pytorch, AdaptiveLossFunction): α = lo + (hi − lo)·σ(β). α = 2
    // itself is excluded because ∂ρ/∂α is +∞ there, and α < 0 because the density exp(−ρ) is not normalisable for α < 0.
    private const double AlphaLow = 0.001;
    private const double AlphaHigh = 1.999;

    /// <summary>
    /// Robust regression: <paramref name="points"/> inputs evenly on [0, 10], targets 1 + 0.5·x + N(0, σ²), and a seeded
    /// ⌊<paramref name="outlierFraction"/>·n⌉ of them pushed up by 10 + 10·U(0, 1) (gross, one-sided outliers). The line
    /// y = a + b·x is fitted by minimising the mean of each loss of the residuals ŷ − y:
    /// <list type="bullet">
    /// <item>L2 (½d²): the closed-form least squares;</item>
    /// <item>L1 (|d|): exactly, by enumerating the lines through two data points (a least-absolute-deviation line passes
    /// through two of them, since the objective is convex and piecewise linear in (a, b));</item>
    /// <item>Huber (δ = 1), Welsch (c), Barron at α = 1, 0, −2 (c): L-BFGS from the L1 line, since Welsch and Barron with
    /// α &lt; 1 are not convex and a start at the L2 line can sit in the outliers' basin;</item>
    /// <item>Barron with α adapted jointly with (a, b): L-BFGS on the negative log-likelihood of Barron's density
    /// p(d | α, c) = exp(−ρ(d, α, c)) / (c·Z(α)), i.e. mean ρ + ln c + ln Z(α), with α = 0.001 + 1.998·σ(β) over β. Minimising
    /// the mean ρ alone would drive α to −∞, since ∂ρ/∂α ≥ 0; the partition function ln Z(α) is what lets the data choose α.</item>
    /// </list>
    /// </summary>
    /// <param name="seed">The noise and outlier seed.</param>
    /// <param name="points">n, ≥ 10.</param>
    /// <param name="outlierFraction">The share of outliers, in [0, 0.5).</param>
    /// <param name="noise">σ of the inliers, finite and ≥ 0.</param>
    /// <param name="scale">c of Welsch and Barron (and δ of Huber), finite and &gt; 0.</param>
    /// <returns>The data and the fits.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    public static RobustRegressionDemonstration RobustRegression(
        ulong seed = 1, int points = 60, double outlierFraction = 0.1, double noise = 0.5, double scale = 1.0)
    {
        if (points < 10)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"points = {points}; the demonstration needs at least 10.");
        }

        if (!(outlierFraction >= 0.0 && outlierFraction < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(outlierFraction), outlierFraction, $"outlierFraction = {outlierFraction}; it lies in [0, 0.5).");
        }

        if (!(noise >= 0.0 && double.IsFinite(noise)))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"noise = {noise}; σ is finite and ≥ 0.");
        }

        if (!(scale > 0.0 && double.IsFinite(scale)))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"scale = {scale}; c is finite and > 0.");
        }

        const double a = 1.0;
        const double b = 0.5;
        const double length = 10.0;
        var generator = new SeededGenerator(seed);
        var x = new double[points];
        var y = new double[points];
        for (var i = 0; i < points; i++)
        {
            x[i] = length * i / (points - 1);
            y[i] = a + (b * x[i]) + (noise * generator.NextGaussian());
        }

        var order = Enumerable.Range(0, points).ToArray();
        generator.Shuffle(order);
        var outliers = new bool[points];
        var count = (int)Math.Round(outlierFraction * points, MidpointRounding.AwayFromZero);
        for (var k = 0; k < count; k++)
        {
            outliers[order[k]] = true;
            y[order[k]] += 10.0 + (10.0 * generator.NextDouble());
        }

        var data = new Dataset(x, 1, y);
        var model = new LinearModel(1);
        RobustFit Make(string name, double intercept, double slope, double? alpha)
        {
            var (da, db) = (intercept - a, slope - b);
            var error = Math.Sqrt(Math.Max(0.0, (da * da) + (da * db * length) + (db * db * length * length / 3.0)));
            return new RobustFit(name, intercept, slope, alpha, error);
        }

        var fits = ImmutableArray.CreateBuilder<RobustFit>();
        var l2 = LinearRegression.LeastSquares(data);
        fits.Add(Make("L2", l2[1], l2[0], null));
        var (l1Intercept, l1Slope) = LeastAbsoluteDeviation(x, y);
        fits.Add(Make("L1", l1Intercept, l1Slope, null));
        double[] start = [l1Slope, l1Intercept];
        var c = Format.Number(scale);
        (string Name, PointwiseLoss Loss, double? Alpha)[] smooth =
        [
            ($"Huber, δ = {c}", (p, t, g, r) => Loss.Huber(p, t, g, r, scale), null),
            ($"Welsch, c = {c}", (p, t, g, r) => Loss.Welsch(p, t, g, r, scale), null),
            ($"Barron, α = 1, c = {c}", (p, t, g, r) => Loss.Barron(p, t, g, r, 1.0, scale), 1.0),
            ($"Barron, α = 0, c = {c}", (p, t, g, r) => Loss.Barron(p, t, g, r, 0.0, scale), 0.0),
            ($"Barron, α = −2, c = {c}", (p, t, g, r) => Loss.Barron(p, t, g, r, -2.0, scale), -2.0),
        ];
        foreach (var (name, loss, alpha) in smooth)
        {
            var objective = model.Objective(data, loss, Regularizer.None);
            var result = Lbfgs.Minimize(Objective.From(objective.ValueAndGradient), start, FitOptions);
            fits.Add(Make(name, result.Weights[1], result.Weights[0], alpha));
        }

        var adaptive = Lbfgs.Minimize(Objective.From((w, g) => BarronNll(x, y, scale, w, g)), [l1Slope, l1Intercept, 0.0], FitOptions);
        fits.Add(Make($"Barron, α adapted, c = {c}", adaptive.Weights[1], adaptive.Weights[0], AdaptedAlpha(adaptive.Weights[2])));
        return new RobustRegressionDemonstration(a, b, length, [.. x], [.. y], [.. outliers], fits.ToImmutable());
    }

    /// <summary>
    /// ln Z(α) of Barron's density with c = 1: Z(α) = ∫ exp(−ρ(x, α, 1)) dx (by quadrature over the whole line), finite for α ≥ 0;
    /// Z(0) = π√2, Z(1) = 2e·K₁(1), Z(2) = √(2π). Also d ln Z/dα = −E_p[∂ρ/∂α].
    /// </summary>
    /// <param name="alpha">α ∈ [0, 2).</param>
    /// <param name="derivative">d ln Z / dα.</param>
    /// <returns>ln Z(α).</returns>
    internal static double BarronLogPartition(double alpha, out double derivative)
    {
        var z = Quadrature.Integrate(t => Math.Exp(-Loss.BarronAt(t, alpha).Value), double.NegativeInfinity, double.PositiveInfinity, relativeTolerance: 1e-13).Value;
        var moment = Quadrature.Integrate(
            t =>
            {
                var point = Loss.BarronAt(t, alpha);
                return Math.Exp(-point.Value) * point.DerivativeAlpha;
            },
            double.NegativeInfinity,
            double.PositiveInfinity,
            relativeTolerance: 1e-13).Value;
        derivative = -moment / z;
        return Math.Log(z);
    }

    private static LbfgsOptions FitOptions { get; } = new(MaxIterations: 2000, GradientTolerance: 1e-10, RelativeTolerance: 0.0);

    private static double AdaptedAlpha(double beta) => AlphaLow + ((AlphaHigh - AlphaLow) * Logistic.Sigmoid(beta));

    // w = (b, a, β): mean ρ(a + b·x − y, α(β), c) + ln c + ln Z(α), with its gradient.
    private static double BarronNll(double[] x, double[] y, double scale, ReadOnlySpan<double> w, Span<double> gradient)
    {
        var n = x.Length;
        var alpha = AdaptedAlpha(w[2]);
        var predictions = new double[n];
        for (var i = 0; i < n; i++)
        {
            predictions[i] = w[1] + (w[0] * x[i]);
        }

        var residualGradient = new double[n];
        var mean = Loss.BarronWithParameterGradients<double>(predictions, y, residualGradient, out var dAlpha, out _, Reduction.Mean, alpha, scale);
        var logZ = BarronLogPartition(alpha, out var dLogZ);
        if (!gradient.IsEmpty)
        {
            double gb = 0.0, ga = 0.0;
            for (var i = 0; i < n; i++)
            {
                gb += residualGradient[i] * x[i];
                ga += residualGradient[i];
            }

            var s = Logistic.Sigmoid(w[2]);
            gradient[0] = gb;
            gradient[1] = ga;
            gradient[2] = (dAlpha + dLogZ) * (AlphaHigh - AlphaLow) * s * (1.0 - s);
        }

        return mean + Math.Log(scale) + logZ;
    }

    // The LAD line minimises Σ|a + b·x_i − y_i|, convex and piecewise linear in (a, b): a minimum sits at a vertex, a line
    // through two points with distinct x. O(n³), exact; ties go to the first pair in index order.
    private static (double Intercept, double Slope) LeastAbsoluteDeviation(double[] x, double[] y)
    {
        var best = (Value: double.PositiveInfinity, Intercept: 0.0, Slope: 0.0);
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = i + 1; j < x.Length; j++)
            {
                if (x[i] == x[j])
                {
                    continue;
                }

                var slope = (y[j] - y[i]) / (x[j] - x[i]);
                var intercept = y[i] - (slope * x[i]);
                var sum = 0.0;
                for (var k = 0; k < x.Length; k++)
                {
                    sum += Math.Abs(intercept + (slope * x[k]) - y[k]);
                }

                if (sum < best.Value)
                {
                    best = (sum, intercept, slope);
                }
            }
        }

        return (best.Intercept, best.Slope);
    }
}
