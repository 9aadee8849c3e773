using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Losses;
using Functional.Numerics;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using static Functional.Laws.Approx;

namespace Functional.Properties.Losses;

/// <summary>Softmax cross-entropy against the information measures, log-sum-exp, and the logistic function.</summary>
public class SoftmaxAndLogisticProperties
{
    private const double Eps = 2.220446049250313e-16;

    private static readonly LossUnderTest Softplus = LossUnderTest.Pointwise("softplus", (x, _, _) => Logistic.Softplus(x), (x, _, _) => Logistic.Sigmoid(x)) with { Domain = TargetDomain.Sign };

    private static readonly LossUnderTest MinusLogSigmoid = LossUnderTest.Pointwise("−log σ", (x, _, _) => -Logistic.LogSigmoid(x), (x, _, _) => -Logistic.Sigmoid(-x)) with { Domain = TargetDomain.Sign };

    /// <summary>Softmax cross-entropy with a probability target: LSE(o) − qᵀo.</summary>
    /// <summary>The core's softmax cross-entropy with soft targets, one row: LSE(o) − qᵀo.</summary>
    private static double CrossEntropyOfLogits(double[] o, double[] q)
        => Loss.SoftmaxCrossEntropy<double>(o, q, o.Length, Span<double>.Empty, Reduction.Sum);

    [Fact]
    public void Softmax_cross_entropy_matches_its_definition_and_its_gradient_is_softmax_minus_target()
        => Holds.ForAll(SoftmaxGenerators.Softmax(), c =>
        {
            var (o, q) = (c.Logits, c.Target);
            var gradient = new double[o.Length];
            var value = Loss.SoftmaxCrossEntropy<double>(o, q, o.Length, gradient, Reduction.Sum);
            var definition = LogSumExp.Of(o) - LossLaws.CompensatedSum(o.Zip(q, (a, b) => b == 0.0 ? 0.0 : a * b));
            var size = Math.Abs(LogSumExp.Of(o)) + o.Zip(q, (a, b) => Math.Abs(a * b)).Sum();
            Equal(value, definition, 0.0, (1e-13 * size) + 1e-300, "softmax cross-entropy vs LSE(o) − qᵀo");
            var softmax = new double[o.Length];
            LogSumExp.Softmax<double>(o, softmax);
            for (var j = 0; j < o.Length; j++)
            {
                Equal(gradient[j], softmax[j] - q[j], 0.0, 4 * Eps, $"gradient[{j}] vs softmax − q");
            }
        });

    [Fact]
    public void Softmax_cross_entropy_is_kl_plus_entropy()
        => Holds.ForAll(SoftmaxGenerators.Softmax(), c =>
        {
            var (o, q) = (c.Logits, c.Target);
            var logSoftmax = new double[o.Length];
            LogSumExp.LogSoftmax<double>(o, logSoftmax);
            var lse = LogSumExp.Of(o);
            var value = CrossEntropyOfLogits(o, q);
            var reference = Kl.FromLogQ<double>(q, logSoftmax) + Entropy.Of(q);
            var size = Math.Abs(lse) + o.Zip(q, (a, b) => b * (Math.Abs(a) + Math.Abs(lse))).Sum() + Entropy.Of(q);
            Equal(value, reference, 0.0, (1e-12 * size) + 1e-300, "LSE(o) − qᵀo vs KL(q ‖ softmax(o)) + H(q)");
        });

    [Fact]
    public void Softmax_cross_entropy_gradient_is_softmax_minus_target()
        => Holds.ForAll(SoftmaxGenerators.Softmax(), c =>
        {
            var (o, q, v) = (c.Logits, c.Target, c.Direction());
            var h = 1e-6 * Math.Max(1.0, o.Max(Math.Abs));
            var plus = o.Zip(v, (a, d) => a + (h * d)).ToArray();
            var minus = o.Zip(v, (a, d) => a - (h * d)).ToArray();
            double Directional(double[] at)
            {
                var s = new double[at.Length];
                LogSumExp.Softmax<double>(at, s);
                return LossLaws.CompensatedSum(s.Select((x, i) => (x - q[i]) * v[i]));
            }

            var (d0, dp, dm) = (Directional(o), Directional(plus), Directional(minus));
            var (fp, fm) = (CrossEntropyOfLogits(plus, q), CrossEntropyOfLogits(minus, q));
            var fd = (fp - fm) / (2.0 * h);
            var size = Math.Abs(LogSumExp.Of(o)) + o.Zip(q, (a, b) => Math.Abs(a * b)).Sum() + o.Max(Math.Abs);
            var allowed = (64.0 * Eps * size / h) + Math.Abs(dp - dm) + Math.Abs(dp - d0) + Math.Abs(dm - d0) + 1e-12;
            That(
                Math.Abs(fd - d0) <= allowed,
                () => $"(softmax(o) − q)·v = {Show(d0)} but the central difference along v is {Show(fd)} (h = {Show(h)}, allowed {Show(allowed)})");
        });

    [Fact]
    public void Log_sum_exp_is_shift_invariant()
        => Holds.ForAll(SoftmaxGenerators.Softmax(), c =>
        {
            var (o, shift) = (c.Logits, c.Shift);
            var shifted = o.Select(x => x + shift).ToArray();
            var lse = LogSumExp.Of(o);
            var allowed = (16.0 * Eps * (o.Max(Math.Abs) + Math.Abs(shift) + Math.Abs(lse))) + 1e-300;
            Equal(LogSumExp.Of(shifted), lse + shift, 0.0, allowed, $"LSE(o + {Show(shift)}) vs LSE(o) + c");
        });

    [Fact]
    public void Log_sigmoid_is_minus_softplus_of_minus_x()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), c =>
        {
            foreach (var x in c.Predictions)
            {
                var (a, b) = (Logistic.LogSigmoid(x), -Logistic.Softplus(-x));
                That(a.Equals(b), () => $"log σ({Show(x)}) = {Show(a)} but −softplus(−x) = {Show(b)}");
            }
        });

    [Fact]
    public void Sigmoid_of_x_plus_sigmoid_of_minus_x_is_one()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), c =>
        {
            foreach (var x in c.Predictions)
            {
                Equal(Logistic.Sigmoid(x) + Logistic.Sigmoid(-x), 1.0, 0.0, 4.0 * Eps, $"σ({Show(x)}) + σ(−x)");
            }
        });

    [Fact]
    public void Softplus_of_x_minus_softplus_of_minus_x_is_x()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), c =>
        {
            foreach (var x in c.Predictions)
            {
                Equal(Logistic.Softplus(x) - Logistic.Softplus(-x), x, 0.0, 4.0 * Eps * (Math.Abs(x) + 1.0), $"softplus({Show(x)}) − softplus(−x)");
            }
        });

    [Fact]
    public void Softplus_obeys_the_loss_laws_with_sigmoid_as_its_derivative()
        => LawsOf.Loss(Softplus).Verify(LawConfig.FromEnvironment());

    [Fact]
    public void Minus_log_sigmoid_obeys_the_loss_laws_with_minus_sigmoid_of_minus_x_as_its_derivative()
        => LawsOf.Loss(MinusLogSigmoid).Verify(LawConfig.FromEnvironment());
}
