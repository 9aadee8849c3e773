using Functional.Laws;
using Functional.Models;
using Functional.Models.Data;
using Functional.Properties.Generators;
using Functional.Properties.Harness;

namespace Functional.Properties.Models;

/// <summary>The models' laws: MAP = ridge, gradient = finite differences, and the data utilities' invariants.</summary>
public class ModelProperties
{
    [Fact]
    public void Map_with_a_Gaussian_prior_equals_ridge()
        => Holds.ForAll(ModelGenerators.Problems(), p =>
        {
            // σ² and σ_w² from the case; the ridge solution must zero the gradient of the negative log posterior
            // (1/2σ²) Σ (y − wᵀx − b)² + (1/2σ_w²)‖w‖² (b flat), which is strictly convex in w and so has one stationary point.
            var noiseVariance = 0.1 + p.Lambda;
            var priorVariance = 0.5 + (p.Lambda * p.Lambda);
            var data = new Dataset(p.Features, p.Columns, p.Targets);
            var theta = LinearRegression.Ridge(data, Regularizer.GaussianPrior(noiseVariance, priorVariance, p.Rows).L2);
            var d = p.Columns;
            var gradient = new double[d + 1];
            var scale = new double[d + 1];
            for (var i = 0; i < p.Rows; i++)
            {
                var prediction = theta[d];
                for (var j = 0; j < d; j++)
                {
                    prediction += theta[j] * p.Features[(i * d) + j];
                }

                var residual = prediction - p.Targets[i];
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += residual * p.Features[(i * d) + j] / noiseVariance;
                    scale[j] += Math.Abs(p.Targets[i] * p.Features[(i * d) + j]) / noiseVariance;
                }

                gradient[d] += residual / noiseVariance;
                scale[d] += Math.Abs(p.Targets[i]) / noiseVariance;
            }

            for (var j = 0; j < d; j++)
            {
                gradient[j] += theta[j] / priorVariance;
            }

            for (var j = 0; j <= d; j++)
            {
                Approx.That(Math.Abs(gradient[j]) <= 1e-10 * (1 + scale[j]), () => $"∂(−log posterior)/∂θ[{j}] = {Approx.Show(gradient[j])} at the ridge solution");
            }
        });

    [Fact]
    public void Linear_regression_gradient_equals_finite_differences()
        => Holds.ForAll(ModelGenerators.Problems(), p =>
        {
            var model = new LinearModel(p.Columns);
            var workspace = new ModelWorkspace(p.Rows);
            FiniteDifferences(p.Linear, (w, g) => LinearRegression.Risk(model, w, p.Features, p.Targets, Regularizer.Ridge(p.Lambda), g, workspace));
        });

    [Fact]
    public void Logistic_regression_gradient_equals_finite_differences()
        => Holds.ForAll(ModelGenerators.Problems(), p =>
        {
            var model = new LinearModel(p.Columns);
            var workspace = new ModelWorkspace(p.Rows);
            var targets = p.BinaryTargets;
            FiniteDifferences(p.Linear, (w, g) => LogisticRegression.Risk(model, w, p.Features, targets, new Regularizer(l2: p.Lambda, includeBias: true), g, workspace));
        });

    [Fact]
    public void Softmax_regression_gradient_equals_finite_differences()
        => Holds.ForAll(ModelGenerators.Problems(), p =>
        {
            var model = new SoftmaxModel(p.Columns, p.Classes);
            var workspace = new ModelWorkspace(p.Rows, p.Classes);
            FiniteDifferences(p.Softmax, (w, g) => model.Risk(w, p.Features, p.Labels, Regularizer.Ridge(p.Lambda), g, workspace));
        });

    [Fact]
    public void Risk_never_mutates_its_inputs()
        => Holds.ForAll(ModelGenerators.Problems(), p =>
        {
            var (x, y, w) = ((double[])p.Features.Clone(), (double[])p.Targets.Clone(), (double[])p.Linear.Clone());
            LinearRegression.Risk(new LinearModel(p.Columns), w, x, y, Regularizer.ElasticNet(p.Lambda, 0.5), new double[w.Length], new ModelWorkspace(p.Rows));
            Approx.That(x.SequenceEqual(p.Features) && y.SequenceEqual(p.Targets) && w.SequenceEqual(p.Linear), () => "an input changed");
        });

    [Fact]
    public void Standardisation_gives_mean_zero_and_variance_one_on_the_training_set()
        => Holds.ForAll(ModelGenerators.Problems(), p =>
        {
            var data = new Dataset(p.Features, p.Columns, p.Targets);
            var z = Standardizer.Fit(data).Apply(data);
            for (var j = 0; j < p.Columns; j++)
            {
                var column = Enumerable.Range(0, p.Rows).Select(i => z.Row(i)[j]).ToArray();
                var raw = Enumerable.Range(0, p.Rows).Select(i => data.Row(i)[j]).ToArray();
                var mean = column.Average();
                var variance = column.Select(v => (v - mean) * (v - mean)).Average();
                var constant = raw.Min() == raw.Max();
                Approx.That(Math.Abs(mean) <= 1e-12, () => $"column {j}: mean {Approx.Show(mean)}");
                Approx.That(constant ? column.All(v => v == 0.0) : Math.Abs(variance - 1) <= 1e-12, () => $"column {j}: variance {Approx.Show(variance)} (constant: {constant})");
            }
        });

    [Fact]
    public void Stratified_split_keeps_class_proportions_within_one_row()
        => Holds.ForAll(ModelGenerators.Labels(), labels =>
        {
            const double validation = 0.2, test = 0.15;
            var split = DataSplits.TrainValidationTest(labels.Length, validation, test, seed: (ulong)labels.Length, labels);
            Approx.That(split.Train.Concat(split.Validation).Concat(split.Test).Order().SequenceEqual(Enumerable.Range(0, labels.Length)), () => "not a partition");
            foreach (var c in labels.Distinct())
            {
                var n = labels.Count(l => l == c);
                foreach (var (part, fraction) in new[] { (split.Train, 1 - validation - test), (split.Validation, validation), (split.Test, test) })
                {
                    var count = part.Count(i => labels[i] == c);
                    Approx.That(Math.Abs(count - (n * fraction)) <= 1.0 + 1e-9, () => $"class {c}: {count} of {n} rows where {Approx.Show(n * fraction)} expected");
                }
            }
        });

    [Fact]
    public void KFold_folds_partition_the_indices()
        => Holds.ForAll(ModelGenerators.Labels(), labels =>
        {
            var n = labels.Length;
            if (n < 2)
            {
                return;
            }

            var k = 2 + (labels.Sum() % (n - 1));
            foreach (var folds in new[] { DataSplits.KFold(n, k, 7), DataSplits.KFold(n, k, 7, labels) })
            {
                Approx.That(folds.Count == k, () => $"{folds.Count} folds, not {k}");
                Approx.That(folds.SelectMany(f => f.Validation).Order().SequenceEqual(Enumerable.Range(0, n)), () => "validation sets do not partition the rows");
                Approx.That(folds.All(f => f.Train.Concat(f.Validation).Order().SequenceEqual(Enumerable.Range(0, n))), () => "a fold's train and validation do not partition the rows");
                Approx.That(folds.All(f => f.Validation.Count >= n / k && f.Validation.Count <= (n / k) + 1), () => "unbalanced folds");
            }
        });

    [Fact]
    public void Same_seed_gives_the_same_split_and_noise()
        => Holds.ForAll(ModelGenerators.Problems(minimumRows: 2), p =>
        {
            var data = new Dataset(p.Features, p.Columns, p.Targets);
            var seed = (ulong)p.Labels.Sum();
            Approx.That(DataSplits.KFold(p.Rows, 2, seed)[0].Validation.SequenceEqual(DataSplits.KFold(p.Rows, 2, seed)[0].Validation), () => "k-fold differs");
            Approx.That(Augmentation.GaussianNoise(data, p.Lambda, 2, seed).Equals(Augmentation.GaussianNoise(data, p.Lambda, 2, seed)), () => "noise differs");
        });

    [Fact]
    public void The_full_batch_risk_is_the_row_weighted_mean_of_mini_batch_risks()
        => Holds.ForAll(ModelGenerators.Problems(minimumRows: 2), p =>
        {
            // R over all rows = Σ_b (n_b/n) R_b for any split into mini-batches (the penalty counted once): what mini-batch
            // SGD averages. Mini-batches are gathered from a seeded permutation, as the training fold will.
            var data = new Dataset(p.Features, p.Columns, p.Targets);
            var model = new LinearModel(p.Columns);
            var workspace = new ModelWorkspace(p.Rows);
            var full = LinearRegression.Risk(model, p.Linear, p.Features, p.Targets, Regularizer.None, [], workspace);
            var order = DataSplits.KFold(p.Rows, 2, (ulong)p.Rows).SelectMany(f => f.Validation).ToArray();
            var size = 1 + (p.Labels[0] % p.Rows);
            var x = new double[size * p.Columns];
            var y = new double[size];
            var weighted = 0.0;
            for (var start = 0; start < p.Rows; start += size)
            {
                var batch = order.AsSpan(start, Math.Min(size, p.Rows - start));
                data.Gather(batch, x, y);
                weighted += batch.Length * LinearRegression.Risk(model, p.Linear, x.AsSpan(0, batch.Length * p.Columns), y.AsSpan(0, batch.Length), Regularizer.None, [], workspace) / p.Rows;
            }

            Approx.That(Math.Abs(full - weighted) <= 1e-12 * Math.Max(1, full), () => $"full {Approx.Show(full)} vs batches {Approx.Show(weighted)}");
        });

    private static void FiniteDifferences(double[] theta, Func<double[], double[], double> risk)
    {
        var gradient = new double[theta.Length];
        risk(theta, gradient);
        var probe = (double[])theta.Clone();
        for (var j = 0; j < theta.Length; j++)
        {
            const double h = 1e-6;
            probe[j] = theta[j] + h;
            var up = risk(probe, []);
            probe[j] = theta[j] - h;
            var down = risk(probe, []);
            probe[j] = theta[j];
            var fd = (up - down) / (2 * h);
            Approx.That(Math.Abs(gradient[j] - fd) <= 1e-6 * Math.Max(1, Math.Abs(fd)), () => $"∂R/∂θ[{j}] = {Approx.Show(gradient[j])}, finite difference {Approx.Show(fd)}");
        }
    }
}
