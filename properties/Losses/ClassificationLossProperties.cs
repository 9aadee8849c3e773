using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Losses;
using Functional.Numerics;
using Functional.Properties.Harness;
using static Functional.Laws.Approx;

namespace Functional.Properties.Losses;

/// <summary>Identities of binary cross-entropy with logits and the logistic loss on margins.</summary>
public class ClassificationLossProperties
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>BCE with logits at t = (y + 1)/2, as a loss of (score, label y ∈ {−1, +1}).</summary>
    private static readonly LossUnderTest BceOnLabels = new(
        "BCE with logits at t = (y + 1)/2",
        (p, y, _, v, g) => Loss.BinaryCrossEntropyWithLogitsElementwise<double>(p, y.Select(x => (x + 1.0) / 2.0).ToArray(), v, g));

    /// <summary>The logistic loss computed on the margin m = y·f with label +1; chain rule ∂ℓ/∂f = y·∂ℓ/∂m.</summary>
    private static readonly LossUnderTest LogisticThroughTheMargin = new(
        "logistic(y·f, +1) with derivative y·∂ℓ/∂m",
        (p, y, _, v, g) =>
        {
            var margins = p.Zip(y, (f, label) => label * f).ToArray();
            Loss.LogisticElementwise<double>(margins, Enumerable.Repeat(1.0, p.Length).ToArray(), v, g);
            for (var i = 0; i < p.Length; i++)
            {
                g[i] *= y[i];
            }
        });

    [Fact]
    public void Bce_with_logits_is_softplus_minus_t_x()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.UnitInterval), c =>
        {
            var (x, t) = (c.P, c.T);
            var (v, g) = CoreLosses.BinaryCrossEntropyWithLogits.At(x, t, c.Parameter);
            for (var i = 0; i < x.Length; i++)
            {
                var (softplus, tx) = (Logistic.Softplus(x[i]), t[i] * x[i]);
                var reference = softplus - tx;
                if (!double.IsFinite(reference))
                {
                    continue;
                }

                // the difference cancels when softplus(x) ≈ t·x: a few ulps of the larger term
                Equal(v[i], reference, 0.0, 8.0 * Eps * (softplus + Math.Abs(tx)) + 1e-300, $"BCE({Show(x[i])}, {Show(t[i])}) vs softplus(x) − t·x");
                Equal(g[i], Logistic.Sigmoid(x[i]) - t[i], 0.0, 4.0 * Eps, $"∂BCE({Show(x[i])}, {Show(t[i])}) vs σ(x) − t");
            }
        });

    [Fact]
    public void Bce_with_logits_is_bce_of_the_probability_for_moderate_logits()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.UnitInterval, PredictionRange.Moderate), c =>
        {
            var (x, t) = (c.P, c.T);
            var (v, _) = CoreLosses.BinaryCrossEntropyWithLogits.At(x, t, c.Parameter);
            for (var i = 0; i < x.Length; i++)
            {
                if (Math.Abs(x[i]) > 20.0)
                {
                    continue;
                }

                var p = Logistic.Sigmoid(x[i]);
                var (logP, logQ) = (Math.Log(p), Math.Log(1.0 - p));
                var reference = -((t[i] == 0.0 ? 0.0 : t[i] * logP) + (t[i] == 1.0 ? 0.0 : (1.0 - t[i]) * logQ));

                // 1 − p carries the rounding of p, relatively ε/(1 − p): the reference's own error bound
                var allowed = 8.0 * Eps * ((t[i] * (1.0 + Math.Abs(logP))) + ((1.0 - t[i]) * ((1.0 / (1.0 - p)) + Math.Abs(logQ))) + Math.Abs(v[i]));
                Equal(v[i], reference, 0.0, allowed, $"BCE with logits({Show(x[i])}, {Show(t[i])}) vs −[t ln σ + (1 − t) ln(1 − σ)]");
            }
        });

    [Fact]
    public void Logistic_loss_is_bce_with_logits_at_t_half_y_plus_one()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), LossLaws.Agree(CoreLosses.Logistic, BceOnLabels, 4.0 * Eps, 0.0));

    [Fact]
    public void Logistic_loss_is_a_function_of_the_margin_by_the_chain_rule()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), LossLaws.Agree(CoreLosses.Logistic, LogisticThroughTheMargin, 4.0 * Eps, 0.0));

    /// <summary>
    /// For x ≥ 1 and t ∈ [½, 1] the loss is (1 − t)·x + log1p(e^−x), and 1 − t is exact there (Sterbenz): the reference is
    /// correct to a few ulps, and the core now computes exactly that form.
    /// </summary>
    // Found by this property: the core computed max(x, 0) − t·x (x = 1e10, t = 1 − 1e-10 gave 1.0, not 1.0000000827).
    [Fact]
    public void Bce_with_logits_is_exact_for_large_logits_and_targets_near_one()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.UnitInterval), c =>
        {
            var x = c.P.Select(Math.Abs).Select(v => Math.Max(v, 1.0)).ToArray();
            var t = c.T.Select(v => 0.5 + (0.5 * v)).ToArray();
            var (v, _) = CoreLosses.BinaryCrossEntropyWithLogits.At(x, t, c.Parameter);
            for (var i = 0; i < x.Length; i++)
            {
                var reference = ((1.0 - t[i]) * x[i]) + Logistic.Softplus(-x[i]);
                Equal(v[i], reference, 8.0 * Eps, 0.0, $"BCE with logits({Show(x[i])}, {Show(t[i])}) vs (1 − t)·x + softplus(−x)");
            }
        });

    [Fact]
    public void Bce_with_logits_keeps_the_tail_at_forty()
    {
        double[] x = [40.0, -40.0];
        double[] t = [1.0, 0.0];
        var (v, g) = CoreLosses.BinaryCrossEntropyWithLogits.At(x, t, 1.0);
        Assert.Equal(4.248354255291589e-18, v[0], 1e-30);
        Assert.Equal(4.248354255291589e-18, v[1], 1e-30);
        Assert.Equal(-4.248354255291589e-18, g[0], 1e-30);
        Assert.Equal(4.248354255291589e-18, g[1], 1e-30);
    }
}
