using Functional.Models;
using Functional.Models.Data;

namespace Functional.Tests.Models;

/// <summary>Every bad input names its argument, and the element and value where there is one.</summary>
public sealed class ModelBadInputTests
{
    private static readonly Dataset Small = new([1, 2, 3, 4, 5, 6], 2, [0, 1, 2]);

    [Fact]
    public void NaN_in_features_is_named_by_row_and_column()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([1, 2, 3, double.NaN], 2, [0, 1]));
        Assert.Equal("features", e.ParamName);
        Assert.StartsWith("features[1, 1] = NaN is not finite.", e.Message);
    }

    [Fact]
    public void Infinite_or_NaN_target_is_named_by_row()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([1, 2, 3, 4], 2, [0, double.PositiveInfinity]));
        Assert.Equal("targets", e.ParamName);
        Assert.StartsWith("targets[1] = ", e.Message);
        Assert.StartsWith("targets[0] = NaN", Assert.Throws<ArgumentException>(() => new Dataset([1.0], 1, [double.NaN])).Message);
    }

    [Fact]
    public void Empty_data_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([], 2, []));
        Assert.Contains("empty", e.Message);
        var model = new LinearModel(2);
        var r = Assert.Throws<ArgumentException>(() => model.Risk([0, 0, 0], [], [], LinearRegression.SquaredError, Regularizer.None, [], new ModelWorkspace(1)));
        Assert.Equal("targets", r.ParamName);
    }

    [Fact]
    public void Mismatched_dimensions_are_rejected()
    {
        Assert.Contains("5 entries but 2 rows of 2 columns need 4", Assert.Throws<ArgumentException>(() => new Dataset([1, 2, 3, 4, 5], 2, [0, 1])).Message);
        var model = new LinearModel(2);
        var parameters = Assert.Throws<ArgumentException>(() => model.Risk([0, 0], Small.Features, Small.Targets, LinearRegression.SquaredError, Regularizer.None, [], new ModelWorkspace(3)));
        Assert.Equal("parameters", parameters.ParamName);
        var gradient = Assert.Throws<ArgumentException>(() => model.Risk([0, 0, 0], Small.Features, Small.Targets, LinearRegression.SquaredError, Regularizer.None, new double[2], new ModelWorkspace(3)));
        Assert.Equal("gradient", gradient.ParamName);
        var workspace = Assert.Throws<ArgumentException>(() => model.Risk([0, 0, 0], Small.Features, Small.Targets, LinearRegression.SquaredError, Regularizer.None, [], new ModelWorkspace(2)));
        Assert.Equal("workspace", workspace.ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new LinearModel(3).Objective(Small, LinearRegression.SquaredError, Regularizer.None)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new Standardizer[] { Standardizer.Fit(Small) }[0].Apply(new Dataset([1.0], 1, [0.0]))).ParamName);
    }

    [Fact]
    public void Labels_out_of_range_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => Small.Labels(2));
        Assert.StartsWith("targets[2] = 2 is not a class index in [0, 2).", e.Message);
        Assert.StartsWith("targets[0] = 0.5 is not a class index", Assert.Throws<ArgumentException>(() => new Dataset([1.0], 1, [0.5]).Labels(2)).Message);
        var model = new SoftmaxModel(2, 3);
        var risk = Assert.Throws<ArgumentException>(() => model.Risk(new double[9], Small.Features, [0, 3, 1], Regularizer.None, [], new ModelWorkspace(3, 3)));
        Assert.StartsWith("labels[1] = 3 is not a class index in [0, 3).", risk.Message);
        var bce = Assert.Throws<ArgumentException>(() => LogisticRegression.Risk(new LinearModel(2), [0, 0, 0], Small.Features, Small.Targets, Regularizer.None, [], new ModelWorkspace(3)));
        Assert.Contains("targets[2]", bce.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxModel(2, 1));
    }

    [Fact]
    public void Non_finite_parameters_are_named_in_the_risk()
    {
        var e = Assert.Throws<ArgumentException>(() => new LinearModel(2).Risk([0, double.NaN, 0], Small.Features, Small.Targets, LinearRegression.SquaredError, Regularizer.None, [], new ModelWorkspace(3)));
        Assert.StartsWith("parameters[1] = NaN is not finite.", e.Message);
        var overflow = Assert.Throws<ArgumentException>(() => new LinearModel(2).Risk([1e308, 1e308, 0], Small.Features, Small.Targets, LinearRegression.SquaredError, Regularizer.None, [], new ModelWorkspace(3)));
        Assert.Contains("overflowed", overflow.Message);
    }

    [Fact]
    public void Negative_degree_is_rejected()
    {
        Assert.Equal("degree", Assert.Throws<ArgumentOutOfRangeException>(() => PolynomialFeatures.Fit([1.0, 2.0], -1)).ParamName);
        Assert.Equal("degree", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialFeatures(-2, 0, 1)).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialFeatures(2, 1, 1)).ParamName);
        Assert.StartsWith("x[1] = NaN", Assert.Throws<ArgumentException>(() => PolynomialFeatures.Fit([1.0, double.NaN], 2)).Message);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new PolynomialFeatures(2, 0, 1).Transform(Small)).ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(4)]
    public void KFold_k_below_2_or_above_n_is_rejected(int k)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.KFold(3, k, seed: 1));
        Assert.Equal("k", e.ParamName);
        Assert.Contains("2 ≤ k ≤ n = 3", e.Message);
    }

    [Fact]
    public void Bad_split_fractions_and_labels_are_rejected()
    {
        Assert.Equal("testFraction", Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.TrainValidationTest(10, 0.5, 0.5, 1)).ParamName);
        Assert.Equal("validationFraction", Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.TrainValidationTest(10, double.NaN, 0.1, 1)).ParamName);
        Assert.Equal("testFraction", Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.TrainValidationTest(10, 0.1, -0.1, 1)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.TrainValidationTest(0, 0.1, 0.1, 1)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => DataSplits.TrainValidationTest(3, 0.1, 0.1, 1, [0, 1])).ParamName);
        Assert.StartsWith("labels[1] = -1", Assert.Throws<ArgumentException>(() => DataSplits.KFold(3, 2, 1, [0, -1, 0])).Message);
        Assert.Equal("candidates", Assert.Throws<ArgumentException>(() => DataSplits.ChooseByCrossValidation(Small, [], 2, 1, (_, _, _) => 0)).ParamName);
    }

    [Fact]
    public void Bad_penalties_and_noise_are_rejected()
    {
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => Regularizer.Ridge(-1)).ParamName);
        Assert.Equal("l2", Assert.Throws<ArgumentOutOfRangeException>(() => new Regularizer(l2: double.NaN)).ParamName);
        Assert.Equal("l1", Assert.Throws<ArgumentOutOfRangeException>(() => new Regularizer(l1: double.PositiveInfinity)).ParamName);
        Assert.Equal("l1Ratio", Assert.Throws<ArgumentOutOfRangeException>(() => Regularizer.ElasticNet(1, 1.5)).ParamName);
        Assert.Equal("priorVariance", Assert.Throws<ArgumentOutOfRangeException>(() => Regularizer.GaussianPrior(1, 0, 5)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentOutOfRangeException>(() => Regularizer.GaussianPrior(1, 1, 0)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => Augmentation.GaussianNoise(Small, -0.1, 1, 1)).ParamName);
        Assert.Equal("copies", Assert.Throws<ArgumentOutOfRangeException>(() => Augmentation.GaussianNoise(Small, 0.1, 0, 1)).ParamName);
    }

    [Fact]
    public void Rank_deficient_least_squares_and_L1_Newton_are_rejected()
    {
        var collinear = new Dataset([1, 2, 2, 4, 3, 6, 4, 8], 2, [1, 2, 3, 5]);
        Assert.Contains("rank deficient", Assert.Throws<ArgumentException>(() => LinearRegression.LeastSquares(collinear)).Message);
        Assert.Equal(3, LinearRegression.Ridge(collinear, 0.1).Length);
        Assert.Equal("regularizer", Assert.Throws<ArgumentException>(() => LogisticRegression.FitNewton(new Dataset([1.0, 2.0], 1, [0, 1]), Regularizer.Lasso(0.1))).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxRegression.FitNewton(Small, 3, Regularizer.None, tolerance: 0)).ParamName);
        Assert.Equal("Features", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearModel(-1)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset([1.0], -1, [0.0])).ParamName);
    }
}
