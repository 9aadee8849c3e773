using Functional.Laws.Generators;
using Functional.Losses;
using Functional.Numerics;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using static Functional.Laws.Approx;

namespace Functional.Properties.Losses;

/// <summary>
/// Laws of the second slice of issue 4: Barron's three derivatives against central differences, its continuity across α = 0
/// and α = 2 and its named special cases; BCE on probabilities against BCE with logits; label smoothing as smoothed targets;
/// class weights as a weighted average; unit sample weights; the KL loss; the Gaussian NLL with variances.
/// </summary>
public class SecondSliceProperties
{
    private const double Eps = 2.220446049250313e-16;

    [Fact]
    public void Barron_alpha_and_scale_derivatives_equal_central_differences()
        => Holds.ForAll(BarronGenerators.Cases(finiteAlpha: true), c =>
        {
            foreach (var x in c.Residuals)
            {
                var point = Loss.BarronAt(x, c.Alpha, c.Scale);
                if (!double.IsFinite(point.Value) || Math.Abs(x / c.Scale) > 1e100)
                {
                    continue;
                }

                // ∂/∂α, unless the difference would straddle α = 2 (where ∂ρ/∂α is infinite).
                var h = 1e-6 * Math.Max(1.0, Math.Abs(c.Alpha));
                if (Math.Abs(c.Alpha - 2.0) > 2.0 * h)
                {
                    Central(point.Value, point.DerivativeAlpha, a => Loss.BarronAt(x, a, c.Scale), c.Alpha, h, p => p.DerivativeAlpha, $"∂ρ/∂α at x = {x}, {c}");
                }

                var hc = 1e-6 * c.Scale;
                Central(point.Value, point.DerivativeScale, s => Loss.BarronAt(x, c.Alpha, s), c.Scale, hc, p => p.DerivativeScale, $"∂ρ/∂c at x = {x}, {c}");
                var hx = 1e-6 * Math.Max(c.Scale, Math.Abs(x));
                Central(point.Value, point.DerivativeX, r => Loss.BarronAt(r, c.Alpha, c.Scale), x, hx, p => p.DerivativeX, $"∂ρ/∂x at x = {x}, {c}");
            }
        });

    [Fact]
    public void Barron_is_continuous_across_alpha_zero_to_first_order_within_1e12()
        => Holds.ForAll(BarronGenerators.Cases(), c =>
        {
            // ρ(±1e-9) = ρ(0) ± 1e-9·∂ρ/∂α(0) + O(1e-18·L³): the first-order expansion holds to 1e-12 relative. (ρ itself moves by
            // ~1e-9·∂ρ/∂α, more than 1e-12·ρ whenever ∂ρ/∂α is not tiny, so "ρ(±1e-9) = ρ(0) to 1e-12" would be false mathematics.)
            foreach (var x in c.Residuals.Where(x => Math.Abs(x / c.Scale) < 1e150))
            {
                var at0 = Loss.BarronAt(x, 0.0, c.Scale);
                foreach (var a in (double[])[1e-9, -1e-9])
                {
                    var expected = at0.Value + (a * at0.DerivativeAlpha);
                    var actual = Loss.BarronAt(x, a, c.Scale).Value;
                    That(Math.Abs(actual - expected) <= (1e-12 * at0.Value) + 1e-300,
                        () => $"ρ({x}, {a}) = {Show(actual)} but ρ(0) + α∂ρ/∂α(0) = {Show(expected)}, {c}");
                }
            }
        });

    [Fact]
    public void Barron_is_continuous_across_alpha_two_to_first_order_within_1e12()
        => Holds.ForAll(BarronGenerators.Cases(), c =>
        {
            // Near α = 2 + s, ρ = (z + (b + z)·(s/2)·ln(1 + z/b))/α + O(s²ln²): not differentiable at 2 (the ln b term), but continuous,
            // and ρ(2 ± 1e-9) equals this expansion to 1e-12 relative.
            foreach (var x in c.Residuals.Where(x => Math.Abs(x / c.Scale) < 1e150))
            {
                var z = x / c.Scale * (x / c.Scale);
                foreach (var s in (double[])[1e-9, -1e-9])
                {
                    var b = Math.Abs(s);
                    // (StableMath.Log1P overflows its intermediate ln(1 + u)·u past u ≈ 1e305, so take ln u there.)
                    var log = z / b > 1e300 ? Math.Log(z) - Math.Log(b) : StableMath.Log1P(z / b);
                    var expected = (z + ((b + z) * 0.5 * s * log)) / (2.0 + s);
                    var actual = Loss.BarronAt(x, 2.0 + s, c.Scale).Value;
                    That(Math.Abs(actual - expected) <= (1e-12 * expected) + 1e-300,
                        () => $"ρ({x}, 2 + {s}) = {Show(actual)} but the expansion gives {Show(expected)}, {c}");
                    var limit = Loss.BarronAt(x, 2.0, c.Scale).Value;
                    That(Math.Abs(actual - limit) <= (limit * b * (2.0 + Math.Abs(Math.Log(Math.Max(z, 1e-300) / b)))) + 1e-300,
                        () => $"ρ({x}, 2 + {s}) = {Show(actual)} is not within |s|(2 + |ln(z/|s|)|) of ρ(2) = {Show(limit)}");
                }
            }
        });

    public static TheoryData<string, double> SpecialCases => new()
    {
        { "Charbonnier", 1.0 },
        { "GemanMcClure", -2.0 },
        { "Cauchy", 0.0 },
        { "Welsch", double.NegativeInfinity },
        { "HalfSquaredError", 2.0 },
    };

    [Theory]
    [MemberData(nameof(SpecialCases))]
    public void Barron_special_cases_are_the_named_losses(string name, double alpha)
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Real), c =>
        {
            var n = c.Length;
            double[] v = new double[n], g = new double[n], vb = new double[n], gb = new double[n];
            var scale = name == "HalfSquaredError" ? 1.0 : c.Parameter;
            switch (name)
            {
                case "Charbonnier": Loss.CharbonnierElementwise<double>(c.Predictions, c.Targets, v, g, scale); break;
                case "GemanMcClure": Loss.GemanMcClureElementwise<double>(c.Predictions, c.Targets, v, g, scale); break;
                case "Cauchy": Loss.CauchyElementwise<double>(c.Predictions, c.Targets, v, g, scale); break;
                case "Welsch": Loss.WelschElementwise<double>(c.Predictions, c.Targets, v, g, scale); break;
                default: Loss.HalfSquaredErrorElementwise<double>(c.Predictions, c.Targets, v, g); break;
            }

            Loss.BarronElementwise<double>(c.Predictions, c.Targets, vb, gb, alpha, scale);
            for (var i = 0; i < n; i++)
            {
                if (!double.IsFinite(c.Predictions[i] - c.Targets[i]) || !double.IsFinite(v[i]))
                {
                    continue;
                }

                var i0 = i;
                That(Close(vb[i], v[i], 1e-13, 1e-300), () => $"Barron(α = {alpha}) = {Show(vb[i0])} but {name} = {Show(v[i0])} at d = {Show(c.Predictions[i0] - c.Targets[i0])}, c = {scale}");
                That(Close(gb[i], g[i], 1e-13, 1e-300), () => $"Barron'(α = {alpha}) = {Show(gb[i0])} but {name}' = {Show(g[i0])} at d = {Show(c.Predictions[i0] - c.Targets[i0])}, c = {scale}");
            }
        });

    [Fact]
    public void Bce_on_sigmoid_probabilities_equals_bce_with_logits()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.UnitInterval, PredictionRange.Moderate), c =>
        {
            var n = c.Length;
            var probabilities = c.Predictions.Select(Logistic.Sigmoid).ToArray();
            double[] v = new double[n], vl = new double[n];
            Loss.BinaryCrossEntropyElementwise<double>(probabilities, c.Targets, v, Span<double>.Empty);
            Loss.BinaryCrossEntropyWithLogitsElementwise<double>(c.Predictions, c.Targets, vl, Span<double>.Empty);
            for (var i = 0; i < n; i++)
            {
                var p = probabilities[i];
                if (!double.IsFinite(v[i]))
                {
                    continue; // σ(x) rounded to 0 or 1 against the label: BCE on the rounded probability is rightly +∞
                }

                // σ(x) is rounded (p(1 + δ), |δ| ≲ 2ε): ℓ moves by about (t + (1 − t)·p/(1 − p))·|δ|, plus the rounding of ℓ itself.
                var allowed = (4.0 * Eps * (c.Targets[i] + (p / (1.0 - p)))) + (4.0 * Eps * vl[i]);
                var i0 = i;
                That(Math.Abs(v[i] - vl[i]) <= allowed + 1e-300, () => $"BCE(σ({Show(c.Predictions[i0])}), {Show(c.Targets[i0])}) = {Show(v[i0])} but with logits {Show(vl[i0])}");
            }
        });

    [Fact]
    public void Label_smoothed_cross_entropy_is_cross_entropy_with_smoothed_targets()
        => Holds.ForAll(SoftmaxGenerators.Softmax(), SoftmaxGenerators.Softmax(), (a, b) =>
        {
            // Rows of a's logits (C = a.Length), labels from b's seed; ε from the shift.
            var columns = a.Length;
            var logits = a.Logits.Concat(a.Logits.Select(o => o * 0.5)).ToArray();
            var random = new Random(b.Seed);
            int[] labels = [random.Next(columns), random.Next(columns)];
            var epsilon = random.NextDouble();
            var targets = new double[2 * columns];
            for (var r = 0; r < 2; r++)
            {
                for (var j = 0; j < columns; j++)
                {
                    targets[(r * columns) + j] = (epsilon / columns) + (j == labels[r] ? 1.0 - epsilon : 0.0);
                }
            }

            var (g1, g2) = (new double[2 * columns], new double[2 * columns]);
            var smoothed = Loss.SoftmaxCrossEntropy<double>(logits, columns, labels, ReadOnlySpan<double>.Empty, g1, Reduction.Sum, epsilon);
            var soft = Loss.SoftmaxCrossEntropy<double>(logits, targets, columns, ReadOnlySpan<double>.Empty, g2, Reduction.Sum);
            var size = logits.Max(Math.Abs) * 2.0;
            That(Math.Abs(smoothed - soft) <= (1e-12 * Math.Abs(soft)) + (64 * Eps * size * (1 + columns * 1e-3)), () => $"smoothed {Show(smoothed)} vs targets {Show(soft)}, ε = {epsilon}");
            for (var i = 0; i < g1.Length; i++)
            {
                var i0 = i;
                That(Math.Abs(g1[i] - g2[i]) <= 1e-14, () => $"gradient[{i0}]: smoothed {Show(g1[i0])} vs targets {Show(g2[i0])}");
            }
        });

    [Fact]
    public void Class_weighted_mean_is_the_weighted_average_of_the_row_losses()
        => Holds.ForAll(SoftmaxGenerators.Softmax(), a =>
        {
            var columns = a.Length;
            var random = new Random(a.Seed);
            var rows = 1 + random.Next(5);
            var logits = Enumerable.Range(0, rows * columns).Select(_ => (random.NextDouble() - 0.5) * 20).ToArray();
            var labels = Enumerable.Range(0, rows).Select(_ => random.Next(columns)).ToArray();
            var weights = Enumerable.Range(0, columns).Select(_ => 0.1 + random.NextDouble()).ToArray();
            var mean = Loss.SoftmaxCrossEntropy<double>(logits, columns, labels, weights, Span<double>.Empty, Reduction.Mean);
            double numerator = 0, denominator = 0;
            for (var r = 0; r < rows; r++)
            {
                var row = Loss.SoftmaxCrossEntropy<double>(logits.AsSpan(r * columns, columns), columns, [labels[r]], Span<double>.Empty, Reduction.Sum);
                numerator += weights[labels[r]] * row;
                denominator += weights[labels[r]];
            }

            That(Close(mean, numerator / denominator, 1e-13, 1e-300), () => $"weighted mean {Show(mean)} vs Σwℓ/Σw {Show(numerator / denominator)}");
        });

    [Fact]
    public void Unit_sample_weights_change_nothing_for_any_element_wise_loss()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Real, PredictionRange.Moderate), c =>
        {
            var ones = Enumerable.Repeat(1.0, c.Length).ToArray();
            foreach (var name in (string[])["huber", "barron", "cauchy", "log_cosh", "half_squared_error"])
            {
                var loss = LossRegistry.Get(name);
                var (g1, g2) = (new double[c.Length], new double[c.Length]);
                var plain = loss.Reduce<double>(c.Predictions, c.Targets, ReadOnlySpan<double>.Empty, g1, Reduction.Mean);
                var weighted = loss.Reduce<double>(c.Predictions, c.Targets, ones, g2, Reduction.Mean);
                That(plain.Equals(weighted) && g1.SequenceEqual(g2), () => $"{name}: unit weights changed {Show(plain)} to {Show(weighted)}");
            }
        });

    [Fact]
    public void Kl_loss_is_non_negative_and_zero_at_the_target()
        => Holds.ForAll(SoftmaxGenerators.Softmax(), a =>
        {
            var logQ = Softmax(a.Logits);
            var gradient = new double[a.Length];
            var kl = Loss.KlDivergence<double>(logQ, a.Target, a.Length, gradient, Reduction.Sum);
            That(kl >= 0.0, () => $"KL loss {Show(kl)} < 0");
            That(gradient.Zip(a.Target).All(x => x.First == -x.Second), () => "gradient must be −p");
            var logP = a.Target.Select(p => Math.Log(p)).ToArray();
            var self = Loss.KlDivergence<double>(logP, a.Target, a.Length, Span<double>.Empty, Reduction.Sum);
            That(Math.Abs(self) <= 1e-13, () => $"KL(p ‖ p) = {Show(self)}");
        });

    [Fact]
    public void Gaussian_nll_with_variances_has_central_difference_derivatives_and_reduces_to_fixed_sigma()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Real, PredictionRange.Moderate), c =>
        {
            var n = c.Length;
            var variance = Enumerable.Repeat(c.Parameter * c.Parameter, n).ToArray();
            var (gm, gv) = (new double[n], new double[n]);
            var value = Loss.GaussianNll<double>(c.Predictions, c.Targets, variance, gm, gv, Reduction.Sum, full: true);
            var fixedSigma = Loss.GaussianNll<double>(c.Predictions, c.Targets, Span<double>.Empty, Reduction.Sum, c.Parameter, full: true);
            That(Close(value, fixedSigma, 1e-12, 1e-12 * c.Predictions.Zip(c.Targets).Sum(x => (x.First - x.Second) * (x.First - x.Second)) / variance[0] + 1e-12 * n),
                () => $"variances σ² give {Show(value)}, fixed σ {Show(fixedSigma)}");

            // Element 0: ∂/∂v by a central difference in v.
            var v0 = variance[0];
            var h = 1e-5 * v0;
            double At(double v) => Loss.GaussianNll<double>(c.Predictions.AsSpan(0, 1), c.Targets.AsSpan(0, 1), [v], Span<double>.Empty, Span<double>.Empty, Reduction.Sum);
            var fd = (At(v0 + h) - At(v0 - h)) / (2 * h);
            var size = Math.Abs(At(v0)) + 1.0;
            That(Math.Abs(fd - gv[0]) <= (1e-4 * Math.Abs(gv[0])) + (64 * Eps * size / h), () => $"∂/∂v = {Show(gv[0])}, central difference {Show(fd)}");
            That(Close(gm[0], (c.Predictions[0] - c.Targets[0]) / v0, 1e-15, 1e-300), () => $"∂/∂μ = {Show(gm[0])}");
        });

    private static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var logSum = Math.Log(logits.Sum(o => Math.Exp(o - max)));
        return logits.Select(o => o - max - logSum).ToArray();
    }

    /// <summary>Checks a derivative against (f(a + h) − f(a − h))/2h, allowing rounding 64ε·S/2h and the derivative's own change over the step.</summary>
    private static void Central(double value, double derivative, Func<double, BarronPoint> at, double a, double h, Func<BarronPoint, double> slope, string context)
    {
        var (plus, minus) = (at(a + h), at(a - h));
        if (!double.IsFinite(plus.Value) || !double.IsFinite(minus.Value))
        {
            return;
        }

        var width = (a + h) - (a - h);
        var fd = (plus.Value / width) - (minus.Value / width);
        if (!double.IsFinite(fd))
        {
            return; // values near the top of the range: the quotient overflows, there is nothing to compare
        }

        var (sp, sm) = (slope(plus), slope(minus));
        var size = Math.Max(Math.Abs(value), Math.Max(Math.Abs(plus.Value), Math.Abs(minus.Value)))
                   + ((Math.Abs(a) + h) * Math.Max(Math.Abs(derivative), Math.Max(Math.Abs(sp), Math.Abs(sm))));
        var allowed = (64.0 * Eps * size / width) + Math.Abs(sp - sm) + Math.Abs(sp - derivative) + Math.Abs(sm - derivative) + 1e-300;
        That(Math.Abs(fd - derivative) <= allowed, () => $"{context}: derivative {Show(derivative)} but central difference {Show(fd)} (allowed {Show(allowed)})");
    }
}
