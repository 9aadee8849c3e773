using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>
/// The lecture's demonstration (SEEDS.md section 4): a sigmoid unit saturated on the wrong side learns almost nothing under
/// the squared error, because the chain rule multiplies by σ'(z) = σ(z)(1 − σ(z)) ≈ 4.5e-5 at |z| = 10, while the
/// cross-entropy on the logit has gradient σ(z) − y, still ≈ ±1. Exact values from mpmath (50 digits).
/// </summary>
public class MseVersusBceTests
{
    public static TheoryData<double, double, double, double> SaturatedWrongLabel => new()
    {
        // z, y, (σ(z) − y)·σ(z)·σ(−z), σ(z) − y — mpmath, 50 digits.
        { 10.0, 0.0, 4.5393746863032435e-05, 0.9999546021312976 },
        { -10.0, 1.0, -4.5393746863032435e-05, -0.9999546021312976 },
    };

    [Theory]
    [MemberData(nameof(SaturatedWrongLabel))]
    public void Squared_error_gradient_vanishes_where_bce_gradient_stays_near_1(double z, double y, double exactMse, double exactBce)
    {
        // Squared error on the probability σ(z), then the chain rule through σ'(z) = σ(z)σ(−z).
        var sigma = Logistic.Sigmoid(z);
        var dLossDSigma = new double[1];
        var mse = Loss.HalfSquaredError<double>([sigma], [y], dLossDSigma, Reduction.Sum);
        var mseGradient = dLossDSigma[0] * (Logistic.Sigmoid(z) * Logistic.Sigmoid(-z));

        // Cross-entropy straight on the logit.
        var bceGradient = new double[1];
        var bce = Loss.BinaryCrossEntropyWithLogits<double>([z], [y], bceGradient, Reduction.Sum);

        Near.Check(0.5 * (sigma - y) * (sigma - y), mse, 1e-15, 0, "½(σ − y)²");
        Near.Check(exactMse, mseGradient, 1e-14, 0, "MSE gradient through σ");
        Near.Check(exactBce, bceGradient[0], 1e-14, 0, "BCE gradient");
        Assert.InRange(Math.Abs(mseGradient), 4.5e-5, 4.6e-5);
        Assert.True(Math.Abs(bceGradient[0]) > 0.9999, $"BCE gradient {bceGradient[0]:R}");
        Assert.Equal(Math.Sign(bceGradient[0]), Math.Sign(mseGradient));
        Assert.True(Math.Abs(bceGradient[0]) / Math.Abs(mseGradient) > 2e4, "BCE moves the unit more than 20 000 times faster");

        // And the loss itself: the wrong, confident answer costs ≈ |z| nats under BCE (softplus(10) = 10.0000453989...).
        Near.Check(Logistic.Softplus(Math.Abs(z)), bce, 1e-15, 0, "BCE = softplus(|z|)");
    }
}
