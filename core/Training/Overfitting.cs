using System.Collections.Immutable;
using Functional.Models;
using Functional.Models.Data;

namespace Functional.Training;

/// <summary>One polynomial least-squares fit of the overfitting demonstration.</summary>
/// <param name="Degree">d.</param>
/// <param name="Lambda">The ridge weight λ (0: plain least squares).</param>
/// <param name="TrainMse">(1/n) Σ (ŷ_i − y_i)² on the training points.</param>
/// <param name="TestMse">The same on the test points.</param>
/// <param name="WeightNorm">‖w‖₂ of the feature weights (intercept excluded).</param>
/// <param name="Parameters">θ = (w_1 … w_d, b) over <paramref name="Features"/>.</param>
/// <param name="Features">The polynomial expansion the fit uses.</param>
public sealed record PolynomialFit(int Degree, double Lambda, double TrainMse, double TestMse, double WeightNorm, ImmutableArray<double> Parameters, PolynomialFeatures Features)
{
    /// <summary>The fitted curve at <paramref name="x"/> (for plotting).</summary>
    /// <param name="x">The input.</param>
    /// <returns>ŷ(x).</returns>
    public double Predict(double x)
    {
        Span<double> features = stackalloc double[Degree];
        Features.Transform([x], features);
        var y = Parameters[Degree];
        for (var k = 0; k < Degree; k++)
        {
            y += Parameters[k] * features[k];
        }

        return y;
    }
}

/// <summary>The overfitting demonstration's data and fits.</summary>
/// <param name="TrainX">The training inputs.</param>
/// <param name="TrainY">The noisy training targets.</param>
/// <param name="TestX">The test inputs.</param>
/// <param name="TestY">The noisy test targets.</param>
/// <param name="Fits">Least-squares fits of each degree, then the ridge fits of each degree.</param>
public sealed record OverfittingDemonstration(
    ImmutableArray<double> TrainX, ImmutableArray<double> TrainY, ImmutableArray<double> TestX, ImmutableArray<double> TestY, ImmutableArray<PolynomialFit> Fits);

/// <summary>Core demonstrations the shell's <c>reproduce</c> plots.</summary>
public static partial class Demonstrations
{
    /// <summary>
    /// Overfitting (Bishop, PRML §1.1): <paramref name="points"/> inputs evenly on [0, 1], targets sin(2πx) + N(0, σ²), and
    /// 100 fresh test points; polynomial least squares of each degree, then the same with ridge λ. Training MSE falls with
    /// the degree, test MSE rises once the degree approaches the number of points, ‖w‖ jumps; L2 repairs it.
    /// </summary>
    /// <param name="seed">The noise seed.</param>
    /// <param name="degrees">The degrees (default 1, 2, 4, 9); each in [0, points − 1].</param>
    /// <param name="lambda">The ridge λ of the repaired fits (of the mean loss, see <see cref="LinearRegression.Ridge"/>), &gt; 0.</param>
    /// <param name="points">The training points, ≥ 2.</param>
    /// <param name="noise">σ ≥ 0.</param>
    /// <param name="basis">The polynomial basis (scaled monomials by default, where ‖w‖ shows the blow-up most plainly).</param>
    /// <returns>The data and the fits.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    public static OverfittingDemonstration Overfitting(
        ulong seed = 1, IReadOnlyList<int>? degrees = null, double lambda = 1e-3, int points = 10, double noise = 0.3,
        PolynomialBasis basis = PolynomialBasis.Monomial)
    {
        degrees ??= [1, 2, 4, 9];
        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"points = {points}; a fit needs at least 2.");
        }

        if (!(lambda > 0.0 && double.IsFinite(lambda)))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"lambda = {lambda}; the repaired fits need a finite λ > 0.");
        }

        if (!(noise >= 0.0 && double.IsFinite(noise)))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"noise = {noise}; σ is finite and ≥ 0.");
        }

        for (var i = 0; i < degrees.Count; i++)
        {
            if (degrees[i] < 0 || degrees[i] >= points)
            {
                throw new ArgumentOutOfRangeException(nameof(degrees), degrees[i], $"degrees[{i}] = {degrees[i]}; a degree lies in [0, {points - 1}].");
            }
        }

        var generator = new SeededGenerator(seed);
        var trainX = Enumerable.Range(0, points).Select(i => (double)i / (points - 1)).ToArray();
        var trainY = trainX.Select(x => Math.Sin(2.0 * Math.PI * x) + (noise * generator.NextGaussian())).ToArray();
        const int tests = 100;
        var testX = Enumerable.Range(0, tests).Select(i => (i + 0.5) / tests).ToArray();
        var testY = testX.Select(x => Math.Sin(2.0 * Math.PI * x) + (noise * generator.NextGaussian())).ToArray();

        var fits = ImmutableArray.CreateBuilder<PolynomialFit>();
        foreach (var l in new[] { 0.0, lambda })
        {
            foreach (var d in degrees)
            {
                fits.Add(Fit(d, l, trainX, trainY, testX, testY, basis));
            }
        }

        return new OverfittingDemonstration([.. trainX], [.. trainY], [.. testX], [.. testY], fits.ToImmutable());
    }

    private static PolynomialFit Fit(int degree, double lambda, double[] trainX, double[] trainY, double[] testX, double[] testY, PolynomialBasis basis)
    {
        var features = PolynomialFeatures.Fit(trainX, degree, basis);
        var expanded = new double[trainX.Length * degree];
        features.Transform(trainX, expanded);
        var theta = LinearRegression.Ridge(new Dataset(expanded, degree, trainY), lambda);
        var fit = new PolynomialFit(degree, lambda, 0.0, 0.0, Math.Sqrt(theta.Take(degree).Sum(w => w * w)), [.. theta], features);
        return fit with { TrainMse = Mse(fit, trainX, trainY), TestMse = Mse(fit, testX, testY) };
    }

    private static double Mse(PolynomialFit fit, double[] x, double[] y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var r = fit.Predict(x[i]) - y[i];
            sum += r * r;
        }

        return sum / x.Length;
    }
}
