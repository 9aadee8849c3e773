using Functional.Training;

namespace Functional.Tests.Training;

/// <summary>The overfitting demonstration shows what it claims.</summary>
public class OverfittingTests
{
    // seed 1: train MSE 0.332, 0.319, 0.085, 2e-27; test MSE 0.478, 0.489, 0.167, 1.05; ‖w‖ 0.38, 0.49, 3.4, 377;
    // ridge λ = 1e-3 at degree 9: test MSE 0.180, ‖w‖ 4.7
    [Fact]
    public void Training_error_falls_test_error_rises_and_the_weights_jump_until_L2_repairs_it()
    {
        var demo = Demonstrations.Overfitting();
        var plain = demo.Fits.Where(f => f.Lambda == 0.0).ToDictionary(f => f.Degree);
        var ridge = demo.Fits.Where(f => f.Lambda > 0.0).ToDictionary(f => f.Degree);
        Assert.Equal([1, 2, 4, 9], plain.Keys);
        Assert.True(plain[1].TrainMse > plain[2].TrainMse && plain[2].TrainMse > plain[4].TrainMse && plain[4].TrainMse > plain[9].TrainMse);
        Assert.True(plain[9].TrainMse < 1e-20, $"degree 9 interpolates 10 points: {plain[9].TrainMse}");
        Assert.True(plain[9].TestMse > 2 * plain[4].TestMse, $"test MSE {plain[4].TestMse} → {plain[9].TestMse}");
        Assert.True(plain[9].WeightNorm > 100 * plain[4].WeightNorm, $"‖w‖ {plain[4].WeightNorm} → {plain[9].WeightNorm}");
        Assert.True(ridge[9].TestMse < plain[9].TestMse / 2, $"ridge {ridge[9].TestMse} vs {plain[9].TestMse}");
        Assert.True(ridge[9].WeightNorm < plain[9].WeightNorm / 50, $"ridge ‖w‖ {ridge[9].WeightNorm}");
        Assert.Equal(demo.TrainY[3], demo.Fits[^1].Predict(demo.TrainX[3]), 0.5);
    }

    [Fact]
    public void A_degree_of_at_least_the_point_count_is_rejected()
        => Assert.Equal("degrees", Assert.Throws<ArgumentOutOfRangeException>(() => Demonstrations.Overfitting(degrees: [10])).ParamName);
}
