using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>
/// The new multi-input kernels against plain scalar references for every total length 1–300 (float and double): softmax
/// cross-entropy with class weights, label smoothing and an ignored label; the Gaussian NLL with variances; the KL loss.
/// </summary>
public class RowLossAgreementTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(100)]
    public void Softmax_cross_entropy_options_match_the_scalar_formula(int columns)
    {
        var random = new Random(columns);
        for (var rows = 1; rows * columns <= 300; rows++)
        {
            var n = rows * columns;
            var logits = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 30).ToArray();
            var labels = Enumerable.Range(0, rows).Select(r => r % 4 == 3 ? -1 : random.Next(columns)).ToArray();
            var weights = Enumerable.Range(0, columns).Select(_ => 0.1 + random.NextDouble()).ToArray();
            var epsilon = random.NextDouble() * 0.5;
            if (labels.All(l => l == -1))
            {
                labels[0] = 0;
            }

            // Reference: −ln p_c = LSE(o) − o_c per row, the torch formula term by term.
            var expected = new double[n];
            double total = 0, denominator = 0;
            for (var r = 0; r < rows; r++)
            {
                if (labels[r] == -1)
                {
                    continue;
                }

                var row = logits.AsSpan(r * columns, columns);
                var max = double.NegativeInfinity;
                foreach (var o in row)
                {
                    max = Math.Max(max, o);
                }

                double sum = 0;
                foreach (var o in row)
                {
                    sum += Math.Exp(o - max);
                }

                var lse = max + Math.Log(sum);
                var wy = weights[labels[r]];
                total += (1 - epsilon) * wy * (lse - row[labels[r]]);
                var weightSum = weights.Sum();
                for (var c = 0; c < columns; c++)
                {
                    total += epsilon / columns * weights[c] * (lse - row[c]);
                    var p = Math.Exp(row[c] - lse);
                    expected[(r * columns) + c] = (p * (((1 - epsilon) * wy) + (epsilon / columns * weightSum))) - (c == labels[r] ? (1 - epsilon) * wy : 0) - (epsilon / columns * weights[c]);
                }

                denominator += wy;
            }

            var gradient = new double[n];
            var value = Loss.SoftmaxCrossEntropy<double>(logits, columns, labels, weights, gradient, Reduction.Mean, epsilon, -1);
            Near.Check(total / denominator, value, 1e-13, 1e-15, $"C = {columns}, R = {rows}");
            for (var i = 0; i < n; i++)
            {
                Near.Check(expected[i] / denominator, gradient[i], 1e-12, 1e-16, $"gradient[{i}], C = {columns}, R = {rows}");
            }

            var floatGradient = new float[n];
            var floatValue = Loss.SoftmaxCrossEntropy<float>(logits.Select(x => (float)x).ToArray(), columns, labels, weights.Select(x => (float)x).ToArray(), floatGradient, Reduction.Mean, epsilon, -1);
            Near.Check(total / denominator, floatValue, 1e-5, 1e-6, $"float, C = {columns}, R = {rows}");
        }
    }

    [Fact]
    public void Gaussian_nll_with_variances_matches_the_scalar_formula_for_every_length()
    {
        var random = new Random(5);
        for (var n = 1; n <= 300; n++)
        {
            var mu = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 10).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 10).ToArray();
            var v = Enumerable.Range(0, n).Select(_ => Math.Pow(10, (random.NextDouble() * 6) - 3)).ToArray();
            double total = 0, scale = 0;
            var (gm, gv) = (new double[n], new double[n]);
            Loss.GaussianNll<double>(mu, y, v, gm, gv, Reduction.Sum, full: true);
            for (var i = 0; i < n; i++)
            {
                var d = mu[i] - y[i];
                var term = (0.5 * Math.Log(2 * Math.PI * v[i])) + (d * d / (2 * v[i]));
                total += term;
                scale += Math.Abs(term);
                Near.Check(d / v[i], gm[i], 1e-15, 0, $"∂/∂μ[{i}], n = {n}");
                Near.Check((0.5 / v[i]) - (d * d / (2 * v[i] * v[i])), gv[i], 1e-13, 1e-13 / v[i], $"∂/∂v[{i}], n = {n}");
            }

            Near.Check(total, Loss.GaussianNll<double>(mu, y, v, Span<double>.Empty, Span<double>.Empty, Reduction.Sum, full: true), 1e-13, 1e-14 * scale, $"n = {n}");
            var single = Loss.GaussianNll<float>(mu.Select(x => (float)x).ToArray(), y.Select(x => (float)x).ToArray(), v.Select(x => (float)x).ToArray(), Span<float>.Empty, Span<float>.Empty, Reduction.Sum, full: true);
            Near.Check(total, single, 1e-4, 1e-5 * scale, $"float, n = {n}");
        }
    }

    [Fact]
    public void Kl_loss_matches_the_scalar_formula_for_every_row_length()
    {
        var random = new Random(9);
        for (var n = 1; n <= 300; n++)
        {
            var p = Normalised(Enumerable.Range(0, n).Select(i => i % 5 == 0 ? 0.0 : random.NextDouble()).ToArray());
            var q = Normalised(Enumerable.Range(0, n).Select(_ => 0.01 + random.NextDouble()).ToArray());
            var logQ = q.Select(x => Math.Log(x)).ToArray();
            double expected = 0;
            for (var i = 0; i < n; i++)
            {
                expected += p[i] == 0 ? 0 : p[i] * (Math.Log(p[i]) - logQ[i]);
            }

            var gradient = new double[n];
            Near.Check(expected, Loss.KlDivergence<double>(logQ, p, n, gradient, Reduction.BatchMean), 1e-12, 1e-15, $"n = {n}");
            Assert.Equal(p.Select(x => -x), gradient);
            Near.Check(expected, Loss.KlDivergence<double>(logQ, p.Select(x => Math.Log(x)).ToArray(), n, Span<double>.Empty, Reduction.Sum, logTarget: true), 1e-12, 1e-15, $"log target, n = {n}");
        }
    }

    private static double[] Normalised(double[] w)
    {
        if (w.Sum() == 0)
        {
            w[0] = 1;
        }

        var total = w.Sum();
        return w.Select(x => x / total).ToArray();
    }
}
