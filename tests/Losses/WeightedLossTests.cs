using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>
/// Per-sample weights, for every element-wise loss of the registry, lengths 0–300: the weighted elementwise form is w_i times
/// the unweighted one, the weighted Sum/Mean are Σ w_i ℓ_i (÷ n), unit weights change nothing (bit for bit), a zero weight
/// removes even an infinite loss, and bad weights are named.
/// </summary>
public class WeightedLossTests
{
    public static TheoryData<string> ElementwiseLosses()
    {
        var rows = new TheoryData<string>();
        foreach (var d in LossRegistry.All.Where(d => d.Targets != LossTargets.ProbabilityRows))
        {
            rows.Add(d.Name);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(ElementwiseLosses))]
    public void Weighted_equals_weight_times_unweighted_for_every_length(string name)
    {
        var loss = LossRegistry.Get(name);
        var random = new Random(name.Length);
        for (var n = 0; n <= 300; n++)
        {
            var (p, t) = Inputs(loss, random, n);
            var w = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? 0.0 : random.NextDouble() * 3.0).ToArray();
            var values = new double[n];
            var gradient = new double[n];
            loss.Elementwise<double>(p, t, ReadOnlySpan<double>.Empty, values, gradient);
            var weightedValues = new double[n];
            var weightedGradient = new double[n];
            loss.Elementwise<double>(p, t, w, weightedValues, weightedGradient);
            double sum = 0, scale = 0;
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(w[i] * values[i], weightedValues[i]);
                Assert.Equal(w[i] * gradient[i], weightedGradient[i]);
                sum += w[i] * values[i];
                scale += Math.Abs(w[i] * values[i]);
            }

            if (n == 0)
            {
                continue;
            }

            var reducedGradient = new double[n];
            var mean = loss.Reduce<double>(p, t, w, reducedGradient, Reduction.Mean);
            Near.Check(sum / n, mean, 1e-13, 1e-13 * scale / n, $"{name} weighted mean, n = {n}");
            for (var i = 0; i < n; i++)
            {
                Near.Check(weightedGradient[i] / n, reducedGradient[i], 1e-15, 0.0, $"{name} reduced gradient[{i}], n = {n}");
            }

            var ones = Enumerable.Repeat(1.0, n).ToArray();
            Assert.Equal(loss.Reduce<double>(p, t, ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Sum), loss.Reduce<double>(p, t, ones, Span<double>.Empty, Reduction.Sum));
        }
    }

    [Fact]
    public void A_zero_weight_removes_an_infinite_loss()
    {
        // BCE on p = 0 with label 1 is +∞; with weight 0 that element is gone (not 0·∞ = NaN).
        double[] values = new double[2], gradient = new double[2];
        Loss.BinaryCrossEntropyElementwise<double>([0.0, 0.5], [1.0, 1.0], [0.0, 2.0], values, gradient);
        Assert.Equal([0.0, 2.0 * Math.Log(2.0)], values);
        Assert.Equal([0.0, -4.0], gradient);
        Assert.Equal(Math.Log(2.0), Loss.BinaryCrossEntropy<double>([0.0, 0.5], [1.0, 1.0], [0.0, 2.0], Span<double>.Empty, Reduction.Mean));
    }

    [Theory]
    [InlineData(1, -0.5)]
    [InlineData(9, -1.0)]
    [InlineData(2, double.NaN)]
    [InlineData(9, double.PositiveInfinity)]
    public void A_bad_weight_is_named_with_its_index_and_value(int index, double bad)
    {
        var p = Enumerable.Range(0, 10).Select(i => i * 0.1).ToArray();
        var w = Enumerable.Repeat(1.0, 10).ToArray();
        w[index] = bad;
        foreach (var run in (Action[])
        [
            () => Loss.Huber<double>(p, p, w, Span<double>.Empty),
            () => Loss.HingeElementwise<double>(p, p.Select(_ => 1.0).ToArray(), w, new double[10], Span<double>.Empty),
            () => Loss.BinaryCrossEntropyWithLogits<double>(p, p, w, Span<double>.Empty, Reduction.Sum, 2.0),
        ])
        {
            var error = Assert.ThrowsAny<ArgumentException>(run);
            Assert.Equal("weights", error.ParamName);
            Assert.Contains($"weights[{index}] = {bad.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Weights_of_the_wrong_length_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.SquaredError<double>([1.0, 2.0], [1.0, 2.0], [1.0], Span<double>.Empty));
        Assert.Equal("weights", error.ParamName);
        var elementwise = Assert.Throws<ArgumentException>(() => Loss.BarronElementwise<double>([1.0, 2.0], [1.0, 2.0], [1.0, 1.0, 1.0], new double[2], Span<double>.Empty));
        Assert.Equal("weights", elementwise.ParamName);
    }

    private static (double[] P, double[] T) Inputs(LossDescriptor loss, Random random, int n)
    {
        var p = new double[n];
        var t = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            p[i] = loss.PredictionsAreProbabilities ? 0.01 + (0.98 * random.NextDouble()) : (random.NextDouble() * 20) - 10;
            t[i] = loss.Targets switch
            {
                LossTargets.UnitInterval => u,
                LossTargets.Sign => u < 0.5 ? -1 : 1,
                LossTargets.Counts => Math.Floor(u * 10),
                _ => p[i] + ((u - 0.5) * 8),
            };
        }

        return (p, t);
    }
}
