using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>
/// Reference values for the element-wise losses and the logistic functions. The tails were computed exactly with mpmath
/// at 50 significant digits (/usr/bin/python3, mpmath 1.2.1): softplus(x) = log1p(exp(x)) (x &lt; 0) or x + log1p(exp(−x)),
/// σ(x) = 1/(1 + exp(−x)), BCE(x, t) = softplus(x) − t·x with t the double nearest the written literal, its derivative
/// σ(x) − t, the logistic loss softplus(−y·f) with derivative −y·σ(−y·f), each rounded once to double.
/// The regression losses are checked against values computed by hand on inputs whose differences are exact in binary.
/// Every value is checked through the scalar tail (one element), the SIMD body (eight copies) and both together (nine).
/// </summary>
public class LossReferenceValueTests
{
    private const double Tight = 1e-14;

    // Below the smallest normal double a value is a multiple of 2^−1074; allow one such step.
    private const double Subnormal = 5e-324;

    /// <summary>Checks ℓ(x, t) and ∂ℓ/∂x for one element through Elementwise and Reduce (Sum and Mean), on 1, 8 and 9 copies.</summary>
    private static void CheckElement(string lossName, double prediction, double target, double value, double derivative, double relative = Tight)
    {
        var loss = LossCases.Named(lossName);
        foreach (var copies in (int[])[1, 8, 9])
        {
            var context = $"{lossName}({prediction:R}, {target:R}), {copies} copies";
            var p = Enumerable.Repeat(prediction, copies).ToArray();
            var t = Enumerable.Repeat(target, copies).ToArray();
            var values = new double[copies];
            var gradient = new double[copies];
            loss.ElementwiseDouble(p, t, values, gradient);
            for (var i = 0; i < copies; i++)
            {
                Near.Check(value, values[i], relative, Subnormal, $"value[{i}], {context}");
                Near.Check(derivative, gradient[i], relative, Subnormal, $"derivative[{i}], {context}");
            }

            var sum = loss.ReduceDouble(p, t, gradient, Reduction.Sum);
            Near.Check(value * copies, sum, relative, Subnormal, $"Sum, {context}");
            Assert.All(gradient, g => Near.Check(derivative, g, relative, Subnormal, $"Sum gradient, {context}"));

            var mean = loss.ReduceDouble(p, t, gradient, Reduction.Mean);
            if (double.IsFinite(value * copies))
            {
                // Where the sum overflows, the mean is ∞ too: a known core bug, see Mean_of_huge_finite_losses_is_finite.
                Near.Check(value, mean, relative, Subnormal, $"Mean, {context}");
            }

            Assert.All(gradient, g => Near.Check(derivative / copies, g, relative, Subnormal, $"Mean gradient, {context}"));
        }
    }

    // ---- BCE with logits: the tails PyTorch 1.13 rounds to 0 ----

    [Fact]
    public void Bce_with_logits_at_40_with_target_1_keeps_its_4e_minus_18()
    {
        // mpmath: softplus(40) − 40 = log1p(e^−40); σ(40) − 1 = −σ(−40).
        CheckElement("BinaryCrossEntropyWithLogits", 40.0, 1.0, 4.248354255291589e-18, -4.2483542552915889e-18);
    }

    [Fact]
    public void Bce_with_logits_at_minus_40_with_target_0_keeps_its_4e_minus_18()
    {
        // mpmath: softplus(−40) = log1p(e^−40); σ(−40).
        CheckElement("BinaryCrossEntropyWithLogits", -40.0, 0.0, 4.248354255291589e-18, 4.248354255291589e-18);
    }

    public static TheoryData<double, double, double, double> BceRows => new()
    {
        // x, t, BCE(x, t), σ(x) − t — mpmath, 50 digits.
        { 1e308, 0.3, 7e+307, 0.7 },
        { -1e308, 0.3, 3e+307, -0.3 },
        { 1e308, 1.0, 0.0, 0.0 },
        { -1e308, 1.0, 1e+308, -1.0 },
        { 1e308, 0.0, 1e+308, 1.0 },
        { -1e308, 0.0, 0.0, 0.0 },
        { 30, 0.3, 21.000000000000092, 0.6999999999999065 },
        { -30, 0.3, 9.000000000000092, -0.2999999999999064 },
        { 37, 0.3, 25.900000000000002, 0.7 },
        { -37, 0.3, 11.1, -0.2999999999999999 },
        { 50, 0.3, 35.0, 0.7 },
        { -50, 0.3, 15.0, -0.3 },
        { 745, 0.3, 521.5, 0.7 },
        { -745, 0.3, 223.5, -0.3 },
        { 1000, 0.3, 700.0, 0.7 },
        { -1000, 0.3, 300.0, -0.3 },
        { 0.5, 0.3, 0.8240769841801067, 0.32245933120185455 },
        { -2.0, 0.3, 0.7269280110429724, -0.18079707797788244 },
        { 0.0, 0.3, 0.6931471805599453, 0.2 },
    };

    [Theory]
    [MemberData(nameof(BceRows))]
    public void Bce_with_logits_matches_exact_arithmetic_including_soft_targets_and_huge_logits(double x, double t, double value, double derivative)
    {
        CheckElement("BinaryCrossEntropyWithLogits", x, t, value, derivative);
    }

    public static TheoryData<double, double, double, double> LogisticRows => new()
    {
        // f, y, softplus(−y·f), −y·σ(−y·f) — mpmath, 50 digits.
        { 40, 1, 4.248354255291589e-18, -4.248354255291589e-18 },
        { -40, -1, 4.248354255291589e-18, 4.248354255291589e-18 },
        { -40, 1, 40.0, -1.0 },
        { 40, -1, 40.0, 1.0 },
        { 30, 1, 9.357622968839737e-14, -9.357622968839299e-14 },
        { -30, 1, 30.000000000000092, -0.9999999999999064 },
        { 37, 1, 8.533047625744066e-17, -8.533047625744065e-17 },
        { -37, 1, 37.0, -0.9999999999999999 },
        { 50, 1, 1.9287498479639178e-22, -1.9287498479639178e-22 },
        { -50, -1, 1.9287498479639178e-22, 1.9287498479639178e-22 },
        { 745, 1, 5e-324, -5e-324 },
        { -745, 1, 745.0, -1.0 },
        { 1000, 1, 0.0, 0.0 },
        { -1000, 1, 1000.0, -1.0 },
        { 1e308, 1, 0.0, 0.0 },
        { -1e308, 1, 1e+308, -1.0 },
        { 1e308, -1, 1e+308, 1.0 },
        { -1e308, -1, 0.0, 0.0 },
        { 0.5, 1, 0.4740769841801067, -0.37754066879814546 },
        { 0.5, -1, 0.9740769841801067, 0.6224593312018546 },
        { 0.0, 1, 0.6931471805599453, -0.5 },
        { 0.0, -1, 0.6931471805599453, 0.5 },
    };

    [Theory]
    [MemberData(nameof(LogisticRows))]
    public void Logistic_loss_matches_exact_arithmetic(double f, double y, double value, double derivative)
    {
        CheckElement("Logistic", f, y, value, derivative);
    }

    [Theory]
    [MemberData(nameof(LogisticRows))]
    public void Logistic_loss_equals_bce_with_logits_at_t_equal_y_plus_1_over_2(double f, double y, double value, double derivative)
    {
        _ = value;
        _ = derivative;
        var logisticValue = new double[1];
        var logisticGradient = new double[1];
        var bceValue = new double[1];
        var bceGradient = new double[1];
        Loss.LogisticElementwise<double>([f], [y], logisticValue, logisticGradient);
        Loss.BinaryCrossEntropyWithLogitsElementwise<double>([f], [(y + 1) / 2], bceValue, bceGradient);
        Near.Check(bceValue[0], logisticValue[0], Tight, Subnormal, $"value at f = {f:R}, y = {y:R}");
        Near.Check(bceGradient[0], logisticGradient[0], Tight, Subnormal, $"derivative at f = {f:R}, y = {y:R}");
    }

    // ---- Softplus, σ, log σ ----

    public static TheoryData<double, double, double, double> LogisticFunctionRows => new()
    {
        // x, softplus(x), σ(x), ln σ(x) — mpmath, 50 digits.
        { 0, 0.6931471805599453, 0.5, -0.6931471805599453 },
        { 1, 1.3132616875182228, 0.7310585786300049, -0.3132616875182228 },
        { -1, 0.3132616875182228, 0.2689414213699951, -1.3132616875182228 },
        { 20, 20.000000002061153, 0.9999999979388464, -2.061153620314381e-09 },
        { -20, 2.061153620314381e-09, 2.0611536181902037e-09, -20.000000002061153 },
        { 40, 40.0, 1.0, -4.248354255291589e-18 },
        { -40, 4.248354255291589e-18, 4.248354255291589e-18, -40.0 },
        { 800, 800.0, 1.0, 0.0 },
        { -800, 0.0, 0.0, -800.0 },
        { 1000, 1000.0, 1.0, 0.0 },
        { -1000, 0.0, 0.0, -1000.0 },
        { 1e308, 1e308, 1.0, 0.0 },
        { -1e308, 0.0, 0.0, -1e308 },
    };

    [Theory]
    [MemberData(nameof(LogisticFunctionRows))]
    public void Softplus_sigmoid_and_log_sigmoid_match_exact_arithmetic(double x, double softplus, double sigmoid, double logSigmoid)
    {
        Near.Check(softplus, Logistic.Softplus(x), Tight, 0, $"softplus({x:R})");
        Near.Check(sigmoid, Logistic.Sigmoid(x), Tight, 0, $"σ({x:R})");
        Near.Check(logSigmoid, Logistic.LogSigmoid(x), Tight, 0, $"ln σ({x:R})");
    }

    // Found by this test: the mean used to be (Σ ℓ) / n, which overflowed here.
    [Fact]
    public void Mean_of_huge_finite_losses_is_finite()
    {
        // Each element's loss is softplus(1e308) = 1e308 (mpmath); their mean is 1e308, finite, as the contract promises for logits up to ±1e308.
        double[] logits = [1e308, 1e308];
        double[] targets = [0.0, 0.0];
        var gradient = new double[2];
        Assert.Equal(1e308, Loss.BinaryCrossEntropyWithLogits<double>(logits, targets, gradient, Reduction.Mean));
        Assert.Equal([0.5, 0.5], gradient);
        Assert.Equal(1e308, Loss.Logistic<double>([-1e308, 1e308, -1e308], [1.0, -1.0, 1.0], Span<double>.Empty, Reduction.Mean));
        Assert.Equal(1e308, Loss.AbsoluteError<double>([1e308, -1e308], [0.0, 0.0], Span<double>.Empty, Reduction.Mean));
    }

    [Fact]
    public void Logistic_functions_at_infinity_and_nan_follow_their_documentation()
    {
        Assert.Equal(double.PositiveInfinity, Logistic.Softplus(double.PositiveInfinity));
        Assert.Equal(0.0, Logistic.Softplus(double.NegativeInfinity));
        Assert.True(double.IsNaN(Logistic.Softplus(double.NaN)));
        Assert.Equal(1.0, Logistic.Sigmoid(double.PositiveInfinity));
        Assert.Equal(0.0, Logistic.Sigmoid(double.NegativeInfinity));
    }

    // ---- Regression losses against hand-computed values ----

    /// <summary>Elementwise (1 and 3 tiled copies, so 15+ elements reach the SIMD body), Sum and Mean, double and float.</summary>
    private static void CheckHand(string lossName, double[] predictions, double[] targets, double[] values, double[] derivatives)
    {
        var loss = LossCases.Named(lossName);
        foreach (var copies in (int[])[1, 3])
        {
            var n = predictions.Length * copies;
            var p = Tile(predictions, copies);
            var t = Tile(targets, copies);
            var expectedValues = Tile(values, copies);
            var expectedDerivatives = Tile(derivatives, copies);
            var context = $"{lossName}, n = {n}";

            var v = new double[n];
            var g = new double[n];
            loss.ElementwiseDouble(p, t, v, g);
            Assert.Equal(expectedValues, v);
            Assert.Equal(expectedDerivatives, g);

            var vf = new float[n];
            var gf = new float[n];
            loss.ElementwiseFloat(ToFloat(p), ToFloat(t), vf, gf);
            Assert.Equal(ToFloat(expectedValues), vf);
            Assert.Equal(ToFloat(expectedDerivatives), gf);

            var total = values.Sum() * copies;
            Near.Check(total, loss.ReduceDouble(p, t, g, Reduction.Sum), Tight, 0, $"Sum, {context}");
            Assert.Equal(expectedDerivatives, g);
            Near.Check(total / n, loss.ReduceDouble(p, t, g, Reduction.Mean), Tight, 0, $"Mean, {context}");
            for (var i = 0; i < n; i++)
            {
                Near.Check(expectedDerivatives[i] / n, g[i], Tight, 0, $"Mean gradient[{i}], {context}");
            }

            Near.Check(total / n, loss.ReduceFloat(ToFloat(p), ToFloat(t), gf, Reduction.Mean), 1e-7, 0, $"float Mean, {context}");
            for (var i = 0; i < n; i++)
            {
                Near.Check(expectedDerivatives[i] / n, gf[i], 1e-7, 0, $"float Mean gradient[{i}], {context}");
            }
        }
    }

    private static double[] Tile(double[] a, int copies) => Enumerable.Repeat(a, copies).SelectMany(x => x).ToArray();

    private static float[] ToFloat(double[] a) => Array.ConvertAll(a, x => (float)x);

    [Fact]
    public void Half_squared_error_by_hand()
    {
        // d = 1, −3, 0, 2.5: ½d² = 0.5, 4.5, 0, 3.125; derivative d.
        CheckHand("HalfSquaredError", [1.5, -2, 3, 3.25], [0.5, 1, 3, 0.75], [0.5, 4.5, 0, 3.125], [1, -3, 0, 2.5]);
    }

    [Fact]
    public void Squared_error_by_hand_has_no_half()
    {
        // d = 1, −3, 0, 2.5: d² = 1, 9, 0, 6.25; derivative 2d.
        CheckHand("SquaredError", [1.5, -2, 3, 3.25], [0.5, 1, 3, 0.75], [1, 9, 0, 6.25], [2, -6, 0, 5]);
    }

    [Fact]
    public void Absolute_error_by_hand_with_derivative_exactly_0_at_the_kink()
    {
        // d = 1, −3, 0, 2.5, −0.25: |d|; derivative sign(d), 0 at d = 0 (the lowest-norm subgradient).
        CheckHand("AbsoluteError", [1.5, -2, 3, 3.25, 0], [0.5, 1, 3, 0.75, 0.25], [1, 3, 0, 2.5, 0.25], [1, -1, 0, 1, -1]);
    }

    [Fact]
    public void Absolute_error_at_the_kink_is_0_not_nan_in_every_lane()
    {
        var p = Enumerable.Range(0, 11).Select(i => i - 5.0).ToArray();
        var gradient = new double[11];
        var sum = Loss.AbsoluteError<double>(p, p, gradient, Reduction.Sum);
        Assert.Equal(0.0, sum);
        Assert.All(gradient, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void Huber_delta_1_by_hand_including_the_kink()
    {
        // d = 0.5, 1, −1, 2, −3, 0: ½d² inside |d| ≤ 1 (0.125, 0.5, 0.5), 1·(|d| − ½) beyond (1.5, 2.5); derivative clamp(d, −1, 1).
        CheckHand("Huber(1)", [0.5, 1, 0, 2.5, -3, 7], [0, 0, 1, 0.5, 0, 7], [0.125, 0.5, 0.5, 1.5, 2.5, 0], [0.5, 1, -1, 1, -1, 0]);
    }

    [Fact]
    public void Huber_delta_2_5_by_hand_including_the_kink()
    {
        // d = 2.5, −2.5, 1, 4, −6: ½d² = 3.125 at the kink from both sides' formula, 0.5; 2.5·(4 − 1.25) = 6.875, 2.5·(6 − 1.25) = 11.875.
        CheckHand("Huber(2.5)", [2.5, 0, 1, 5, -6], [0, 2.5, 0, 1, 0], [3.125, 3.125, 0.5, 6.875, 11.875], [2.5, -2.5, 1, 2.5, -2.5]);
    }

    [Fact]
    public void Smooth_l1_beta_1_by_hand_including_the_kink()
    {
        // d = 0.5, 1, −1, 2, 0: ½d² inside |d| < 1, |d| − ½ from the kink on; derivative clamp(d, −1, 1).
        CheckHand("SmoothL1(1)", [0.5, 1, 0, 2.5, 4], [0, 0, 1, 0.5, 4], [0.125, 0.5, 0.5, 1.5, 0], [0.5, 1, -1, 1, 0]);
    }

    [Fact]
    public void Smooth_l1_beta_half_by_hand_is_huber_over_beta()
    {
        // β = 0.5, d = 0.25, 0.5, −0.5, 2, −3: ½d²/β = 0.0625, 0.25 at the kink; |d| − ¼ = 1.75, 2.75; derivative clamp(d/β, −1, 1).
        // Huber(0.5) on the same d is 0.03125, 0.125, 0.125, 0.875, 1.375: each exactly β times these.
        var predictions = new[] { 0.25, 0.5, 0, 2, -3 };
        var targets = new[] { 0.0, 0, 0.5, 0, 0 };
        var smooth = new double[5];
        var smoothGradient = new double[5];
        Loss.SmoothL1Elementwise<double>(predictions, targets, smooth, smoothGradient, beta: 0.5);
        Assert.Equal([0.0625, 0.25, 0.25, 1.75, 2.75], smooth);
        Assert.Equal([0.5, 1, -1, 1, -1], smoothGradient);

        var huber = new double[5];
        var huberGradient = new double[5];
        Loss.HuberElementwise<double>(predictions, targets, huber, huberGradient, delta: 0.5);
        Assert.Equal([0.03125, 0.125, 0.125, 0.875, 1.375], huber);
        Assert.Equal(smooth.Select(v => v * 0.5), huber);
        Assert.Equal(smoothGradient.Select(v => v * 0.5), huberGradient);

        Assert.Equal(5.0625, Loss.SmoothL1<double>(predictions, targets, smoothGradient, Reduction.Sum, beta: 0.5));
        Assert.Equal(1.0125, Loss.SmoothL1<double>(predictions, targets, smoothGradient, Reduction.Mean, beta: 0.5), 15);
        Assert.Equal([0.1, 0.2, -0.2, 0.2, -0.2], smoothGradient);
    }

    [Fact]
    public void Mean_is_sum_over_n_and_its_gradient_is_divided_by_n()
    {
        // Σ ½d² over d = 1, −3, 0 is 5; the mean is 5/3 and each gradient entry d/3.
        double[] p = [1.5, -2, 3];
        double[] t = [0.5, 1, 3];
        var gradient = new double[3];
        Assert.Equal(5.0, Loss.HalfSquaredError<double>(p, t, gradient, Reduction.Sum));
        Assert.Equal([1.0, -3.0, 0.0], gradient);
        Near.Check(5.0 / 3.0, Loss.HalfSquaredError<double>(p, t, gradient), Tight, 0, "default reduction is Mean");
        Near.Check(1.0 / 3.0, gradient[0], Tight, 0, "Mean gradient[0]");
        Near.Check(-1.0, gradient[1], Tight, 0, "Mean gradient[1]");
        Assert.Equal(0.0, gradient[2]);
    }
}
