using System.Collections.Immutable;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;

namespace Functional.Training;

/// <summary>The early-stopping repair of the overfitting demonstration: one gradient-descent run and its best validation epoch.</summary>
/// <param name="TrainMse">Training MSE after each epoch (index 0 = the zero start).</param>
/// <param name="ValidationMse">Validation MSE after each epoch.</param>
/// <param name="TestMse">Test MSE after each epoch (the demonstration's 100 test points; not used to choose anything).</param>
/// <param name="BestEpoch">The epoch of the lowest validation MSE (the first, on ties): the weights early stopping restores.</param>
/// <param name="Parameters">θ = (w_1 … w_d, b) at <paramref name="BestEpoch"/>.</param>
/// <param name="Features">The polynomial expansion.</param>
/// <param name="ValidationX">The validation inputs.</param>
/// <param name="ValidationY">The validation targets.</param>
public sealed record EarlyStoppingDemonstration(
    ImmutableArray<double> TrainMse, ImmutableArray<double> ValidationMse, ImmutableArray<double> TestMse, int BestEpoch,
    ImmutableArray<double> Parameters, PolynomialFeatures Features, ImmutableArray<double> ValidationX, ImmutableArray<double> ValidationY)
{
    /// <summary>‖w‖₂ of the feature weights at <see cref="BestEpoch"/> (intercept excluded).</summary>
    public double WeightNorm => Math.Sqrt(Parameters.Take(Features.Degree).Sum(w => w * w));

    /// <summary>The early-stopped curve at <paramref name="x"/>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>ŷ(x).</returns>
    public double Predict(double x)
    {
        var d = Features.Degree;
        Span<double> features = stackalloc double[d];
        Features.Transform([x], features);
        var y = Parameters[d];
        for (var k = 0; k < d; k++)
        {
            y += Parameters[k] * features[k];
        }

        return y;
    }
}

public static partial class Demonstrations
{
    /// <summary>
    /// Early stopping on the overfitting demonstration's data (<see cref="Overfitting"/> with the same seed and σ): a degree-d
    /// polynomial on Chebyshev features (well conditioned, so that gradient descent actually reaches the interpolant within the
    /// budget; on scaled monomials it crawls for 10⁵ steps), trained by <see cref="Trainer.Epochs"/> with full-batch heavy-ball GD (momentum β, constant
    /// η = 1/tr(H), H = [X 1]ᵀ[X 1]/n, which bounds λ_max(H)) on the mean ½ squared error from zeros, for the whole epoch budget;
    /// 20 validation points (x uniform on [0, 1], their own seeded noise) choose the epoch. Taking the lowest validation MSE over
    /// the whole run is early stopping with unbounded patience and restore-best.
    /// </summary>
    /// <param name="seed">The seed of <see cref="Overfitting"/>; the validation points use a generator derived from it.</param>
    /// <param name="degree">d ∈ [1, 9].</param>
    /// <param name="epochs">The epoch budget, ≥ 1.</param>
    /// <param name="momentum">β ∈ [0, 1).</param>
    /// <param name="noise">σ ≥ 0, as in <see cref="Overfitting"/>.</param>
    /// <returns>The curves, the best epoch and the model there.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    public static EarlyStoppingDemonstration EarlyStopping(ulong seed = 1, int degree = 9, int epochs = 2000, double momentum = 0.9, double noise = 0.3)
    {
        if (degree is < 1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(degree), degree, $"degree = {degree}; it lies in [1, 9] for the 10 training points.");
        }

        if (!(momentum >= 0.0 && momentum < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum = {momentum}; β lies in [0, 1).");
        }

        var data = Overfitting(seed, [degree], 1e-3, 10, noise);
        var features = PolynomialFeatures.Fit(data.TrainX.AsSpan(), degree, PolynomialBasis.Chebyshev);
        var generator = new SeededGenerator(seed ^ 0xA5A5_5A5A_F00D_BEEFUL);
        var validationX = Enumerable.Range(0, 20).Select(_ => generator.NextDouble()).ToArray();
        var validationY = validationX.Select(x => Math.Sin(2.0 * Math.PI * x) + (noise * generator.NextGaussian())).ToArray();
        Dataset Expand(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
            var expanded = new double[x.Length * degree];
            features.Transform(x, expanded);
            return new Dataset(expanded, degree, y);
        }

        var train = Expand(data.TrainX.AsSpan(), data.TrainY.AsSpan());
        var validation = Expand(validationX, validationY);
        var test = Expand(data.TestX.AsSpan(), data.TestY.AsSpan());
        var trace = 1.0;
        foreach (var v in train.Features)
        {
            trace += v * v / train.Rows;
        }

        var model = new LinearModel(degree);
        var setup = new TrainingSetup(
            TrainingModel.Linear(model), train, Optimizers.Sgd(momentum), Schedules.Constant(1.0 / trace), new TrainingOptions(epochs, TrainingMode.FullBatch), seed: seed);
        var states = Trainer.Epochs(setup).ToArray();
        double Mse(ImmutableArray<double> w, Dataset set)
        {
            var predictions = new double[set.Rows];
            model.Predict(w.AsSpan(), set.Features, predictions);
            var sum = 0.0;
            for (var i = 0; i < predictions.Length; i++)
            {
                var r = predictions[i] - set.Targets[i];
                sum += r * r;
            }

            return sum / set.Rows;
        }

        var trainMse = states.Select(s => Mse(s.Weights, train)).ToArray();
        var validationMse = states.Select(s => Mse(s.Weights, validation)).ToArray();
        var testMse = states.Select(s => Mse(s.Weights, test)).ToArray();
        var best = 0;
        for (var e = 1; e < validationMse.Length; e++)
        {
            if (validationMse[e] < validationMse[best])
            {
                best = e;
            }
        }

        return new EarlyStoppingDemonstration(
            [.. trainMse], [.. validationMse], [.. testMse], best, states[best].Weights, features, [.. validationX], [.. validationY]);
    }
}
