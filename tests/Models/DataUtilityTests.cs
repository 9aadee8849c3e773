using Functional.Models;
using Functional.Models.Data;

namespace Functional.Tests.Models;

/// <summary>Data sets, seeded splits, k-fold cross-validation and noise augmentation.</summary>
public sealed class DataUtilityTests
{
    [Fact]
    public void Dataset_copies_its_inputs_and_compares_by_value()
    {
        double[] x = [1, 2, 3, 4], y = [0, 1];
        var data = new Dataset(x, 2, y);
        x[0] = 99;
        Assert.Equal(1.0, data.Features[0]);
        Assert.Equal(new Dataset([1, 2, 3, 4], 2, [0, 1]), data);
        Assert.NotEqual(new Dataset([1, 2, 3, 5], 2, [0, 1]), data);
        Assert.Equal([3.0, 4.0], data.Row(1).ToArray());
        Assert.Equal(2, data.ClassCount());
        Assert.Equal([3.0, 4.0, 1.0, 2.0], data.Select([1, 0]).Features.ToArray());
    }

    [Fact]
    public void Split_is_a_seeded_partition_with_the_requested_sizes()
    {
        var split = DataSplits.TrainValidationTest(100, 0.2, 0.1, seed: 42);
        Assert.Equal(70, split.Train.Count);
        Assert.Equal(20, split.Validation.Count);
        Assert.Equal(10, split.Test.Count);
        Assert.Equal(Enumerable.Range(0, 100), split.Train.Concat(split.Validation).Concat(split.Test).Order());
        var again = DataSplits.TrainValidationTest(100, 0.2, 0.1, seed: 42);
        Assert.Equal(split.Test, again.Test);
        Assert.Equal(split.Validation, again.Validation);
        Assert.NotEqual(split.Test, DataSplits.TrainValidationTest(100, 0.2, 0.1, seed: 43).Test);
    }

    [Fact]
    public void Stratified_split_keeps_each_class_share_in_every_part()
    {
        var labels = Enumerable.Range(0, 150).Select(i => i < 100 ? 0 : (i < 140 ? 1 : 2)).ToArray();
        var split = DataSplits.TrainValidationTest(150, 0.2, 0.2, seed: 1, labels);
        Assert.Equal(20, split.Test.Count(i => labels[i] == 0));
        Assert.Equal(8, split.Test.Count(i => labels[i] == 1));
        Assert.Equal(2, split.Test.Count(i => labels[i] == 2));
        Assert.Equal(2, split.Validation.Count(i => labels[i] == 2));
        Assert.Equal(6, split.Train.Count(i => labels[i] == 2));
    }

    [Fact]
    public void KFold_validation_sets_partition_the_rows_and_are_balanced()
    {
        var folds = DataSplits.KFold(23, 5, seed: 9);
        Assert.Equal(5, folds.Count);
        Assert.Equal(Enumerable.Range(0, 23), folds.SelectMany(f => f.Validation).Order());
        Assert.All(folds, f => Assert.InRange(f.Validation.Count, 4, 5));
        Assert.All(folds, f => Assert.Equal(Enumerable.Range(0, 23), f.Train.Concat(f.Validation).Order()));
        var labels = Enumerable.Range(0, 23).Select(i => i % 3 == 0 ? 1 : 0).ToArray();
        var stratified = DataSplits.KFold(23, 4, seed: 9, labels);
        Assert.All(stratified, f => Assert.InRange(f.Validation.Count(i => labels[i] == 1), 2, 2));
    }

    [Fact]
    public void Cross_validation_does_not_choose_a_lambda_that_flattens_a_clear_line()
    {
        var random = new Random(4);
        var x = Enumerable.Range(0, 60).Select(_ => random.NextDouble() * 10).ToArray();
        var y = x.Select(v => (3 * v) + 1 + random.NextDouble() - 0.5).ToArray();
        var data = new Dataset(x, 1, y);
        var result = DataSplits.ChooseByCrossValidation(data, [1000.0, 1e-3, 10.0], k: 5, seed: 2, (lambda, train, validation) =>
        {
            var theta = LinearRegression.Ridge(train, lambda);
            var model = new LinearModel(1);
            return LinearRegression.Risk(model, theta, validation.Features, validation.Targets, Regularizer.None, [], new ModelWorkspace(validation.Rows));
        });
        Assert.Equal(1e-3, result.Best);
        Assert.Equal(3, result.MeanErrors.Count);
        Assert.True(result.MeanErrors[0] > 10 * result.MeanErrors[1]);
    }

    [Fact]
    public void Gaussian_noise_augmentation_is_seeded_keeps_the_original_and_has_the_requested_spread()
    {
        var data = new Dataset(new double[2000], 2, new double[1000]);
        var augmented = Augmentation.GaussianNoise(data, sigma: 0.5, copies: 2, seed: 8);
        Assert.Equal(3000, augmented.Rows);
        Assert.Equal(data.Features.ToArray(), augmented.Features[..2000].ToArray());
        Assert.Equal(augmented, Augmentation.GaussianNoise(data, 0.5, 2, seed: 8));
        Assert.NotEqual(augmented, Augmentation.GaussianNoise(data, 0.5, 2, seed: 9));
        var noise = augmented.Features[2000..].ToArray();
        var mean = noise.Average();
        var variance = noise.Select(v => (v - mean) * (v - mean)).Average();
        // 4000 draws: the standard error of the mean is 0.5/√4000 ≈ 0.008, of the variance ≈ 0.25·√(2/4000) ≈ 0.006
        Assert.InRange(mean, -0.04, 0.04);
        Assert.InRange(variance, 0.25 - 0.03, 0.25 + 0.03);
        var destination = new double[4];
        Augmentation.AddGaussianNoise([1, 2, 3, 4], destination, 0.0, seed: 1);
        Assert.Equal([1.0, 2, 3, 4], destination);
    }
}
