using Functional.Models;

namespace Functional.Tests.Models;

/// <summary>Every model risk's gradient against central finite differences, for each loss and penalty it takes.</summary>
public sealed class ModelGradientTests
{
    public static TheoryData<string> RegressionLosses => ["half-squared", "squared", "absolute", "huber", "smooth-l1", "log-cosh", "cauchy", "welsch"];

    public static TheoryData<string> Penalties => ["none", "ridge", "lasso", "elastic-net", "ridge-with-bias"];

    [Theory]
    [MemberData(nameof(RegressionLosses))]
    public void Linear_regression_gradient_equals_finite_differences_for_every_regression_loss(string loss)
    {
        var random = new Random(7);
        var (x, y) = Data(random, rows: 23, columns: 4, targets: _ => 3.0 * random.NextDouble() - 1.5);
        foreach (var intercept in new[] { true, false })
        {
            var model = new LinearModel(4, intercept);
            var theta = Parameters(random, model.ParameterCount);
            CheckGradient(model.ParameterCount, (w, g) => model.Risk(w, x, y, Loss(loss), Penalty("elastic-net"), g, new ModelWorkspace(23)), theta, $"{loss}, intercept {intercept}");
        }
    }

    [Theory]
    [MemberData(nameof(Penalties))]
    public void Logistic_regression_gradient_equals_finite_differences_for_every_penalty(string penalty)
    {
        var random = new Random(11);
        var (x, y) = Data(random, rows: 31, columns: 5, targets: _ => random.Next(2));
        var model = new LinearModel(5);
        var theta = Parameters(random, model.ParameterCount);
        CheckGradient(model.ParameterCount, (w, g) => LogisticRegression.Risk(model, w, x, y, Penalty(penalty), g, new ModelWorkspace(31)), theta, penalty);
    }

    [Theory]
    [MemberData(nameof(Penalties))]
    public void Softmax_regression_gradient_equals_finite_differences_for_every_penalty(string penalty)
    {
        var random = new Random(13);
        var (x, _) = Data(random, rows: 17, columns: 3, targets: _ => 0.0);
        var labels = Enumerable.Range(0, 17).Select(_ => random.Next(4)).ToArray();
        foreach (var intercept in new[] { true, false })
        {
            var model = new SoftmaxModel(3, 4, intercept);
            var theta = Parameters(random, model.ParameterCount);
            CheckGradient(model.ParameterCount, (w, g) => model.Risk(w, x, labels, Penalty(penalty), g, new ModelWorkspace(17, 4)), theta, $"{penalty}, intercept {intercept}");
        }
    }

    [Fact]
    public void Margin_losses_on_plus_minus_one_labels_have_finite_difference_gradients_too()
    {
        var random = new Random(17);
        var (x, y) = Data(random, rows: 19, columns: 3, targets: _ => random.Next(2) * 2 - 1);
        var model = new LinearModel(3);
        var theta = Parameters(random, model.ParameterCount);
        foreach (var loss in new PointwiseLoss[] { Functional.Losses.Loss.Logistic<double>, Functional.Losses.Loss.SquaredHinge<double>, Functional.Losses.Loss.Exponential<double> })
        {
            CheckGradient(model.ParameterCount, (w, g) => model.Risk(w, x, y, loss, Regularizer.Ridge(0.1), g, new ModelWorkspace(19)), theta, loss.Method.Name);
        }
    }

    internal delegate double RiskFunction(ReadOnlySpan<double> parameters, Span<double> gradient);

    /// <summary>Central differences with h = 1e-6·max(1, |θ_j|): truncation O(h²·R''') plus rounding O(ε R / h) ≈ 1e-10.</summary>
    internal static void CheckGradient(int p, RiskFunction risk, double[] theta, string what)
    {
        var gradient = new double[p];
        var value = risk(theta, gradient);
        Assert.True(double.IsFinite(value), what);
        var probe = (double[])theta.Clone();
        for (var j = 0; j < p; j++)
        {
            var h = 1e-6 * Math.Max(1.0, Math.Abs(theta[j]));
            probe[j] = theta[j] + h;
            var up = risk(probe, Span<double>.Empty);
            probe[j] = theta[j] - h;
            var down = risk(probe, Span<double>.Empty);
            probe[j] = theta[j];
            var fd = (up - down) / (2 * h);
            Assert.True(Math.Abs(gradient[j] - fd) <= 1e-6 * Math.Max(1.0, Math.Abs(fd)), $"{what}: ∂R/∂θ[{j}] = {gradient[j]:R}, finite difference {fd:R}");
        }
    }

    internal static PointwiseLoss Loss(string name) => name switch
    {
        "half-squared" => Functional.Losses.Loss.HalfSquaredError<double>,
        "squared" => Functional.Losses.Loss.SquaredError<double>,
        "absolute" => Functional.Losses.Loss.AbsoluteError<double>,
        "huber" => (p, t, g, r) => Functional.Losses.Loss.Huber(p, t, g, r, delta: 0.5),
        "smooth-l1" => (p, t, g, r) => Functional.Losses.Loss.SmoothL1(p, t, g, r, beta: 0.7),
        "log-cosh" => Functional.Losses.Loss.LogCosh<double>,
        "cauchy" => (p, t, g, r) => Functional.Losses.Loss.Cauchy(p, t, g, r, scale: 0.8),
        "welsch" => (p, t, g, r) => Functional.Losses.Loss.Welsch(p, t, g, r, scale: 1.5),
        _ => throw new ArgumentException(name),
    };

    internal static Regularizer Penalty(string name) => name switch
    {
        "none" => Regularizer.None,
        "ridge" => Regularizer.Ridge(0.3),
        "lasso" => Regularizer.Lasso(0.05),
        "elastic-net" => Regularizer.ElasticNet(0.2, 0.5),
        "ridge-with-bias" => new Regularizer(l2: 0.4, l1: 0.01, includeBias: true),
        _ => throw new ArgumentException(name),
    };

    internal static (double[] X, double[] Y) Data(Random random, int rows, int columns, Func<int, double> targets)
    {
        var x = Enumerable.Range(0, rows * columns).Select(_ => 4.0 * random.NextDouble() - 2.0).ToArray();
        var y = Enumerable.Range(0, rows).Select(targets).ToArray();
        return (x, y);
    }

    /// <summary>Parameters away from 0 (|θ_j| ≥ 0.1), so the L1 kink is never inside a difference step.</summary>
    internal static double[] Parameters(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => (random.Next(2) * 2 - 1) * (0.1 + 0.6 * random.NextDouble())).ToArray();
}
