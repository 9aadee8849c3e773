using Functional.Estimation;

namespace Functional.Tests.Estimation;

/// <summary>The Gaussian sufficient statistics: mean and the biased (maximum-likelihood) variance, fast and accurate.</summary>
public class MomentsTests
{
    [Fact]
    public void Worked_sample_mean_5_biased_variance_4_unbiased_32_over_7()
    {
        // numpy: x = [2,4,4,4,5,5,7,9]; x.mean() = 5.0, x.var() = 4.0 (ddof=0), x.var(ddof=1) = 4.571428571428571
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        var m = Moments.Of<double>(x);

        Assert.Equal(5.0, m.Mean);
        Assert.Equal(4.0, m.Variance);
        Assert.Equal(32.0 / 7.0, m.UnbiasedVariance, 15);
        Assert.Equal(8, m.Count);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(1_000)]
    [InlineData(70_001)]
    [InlineData(1_050_000)]
    public void Far_from_zero_the_variance_keeps_its_digits(int n)
    {
        // x_i = 1e8 + (i mod 7) + 0.5: a naive Σx² − n·x̄² loses ~16 digits to cancellation here. For n a multiple of 7
        // the exact mean is 1e8 + 3.5 and the variance (7² − 1)/12 = 4; otherwise compute the exact values from the counts.
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = 1e8 + (i % 7) + 0.5;
        }

        var (mean, variance) = Exact(n);
        var m = Moments.Of<double>(x);

        Assert.Equal(mean, m.Mean, 1e-15 * mean);
        Assert.Equal(variance, m.Variance, 1e-12 * variance);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(2_000_000)]
    public void Sorted_data_whose_first_values_are_far_from_the_mean_keeps_its_digits(int n)
    {
        // x_i = 1e6 + i (ascending): the first 1024 values' mean is ~n/2 below x̄, the one pass's test rejects that
        // pilot, and the two passes give the exact mean 1e6 + (n − 1)/2 and variance (n² − 1)/12.
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = 1e6 + i;
        }

        Assert.Null(Moments.OnePass<double>(x));
        var m = Moments.Of<double>(x);
        var exactMean = 1e6 + ((n - 1) / 2.0);
        var exactVariance = (((double)n * n) - 1) / 12.0;
        Assert.Equal(exactMean, m.Mean, 1e-15 * exactMean);
        Assert.Equal(exactVariance, m.Variance, 1e-14 * exactVariance);
    }

    [Fact]
    public void One_pass_and_two_passes_agree_to_the_last_digits_on_unordered_data()
    {
        // Gaussian draws around 1e4 (the pilot is close to x̄: one pass) against the same draws with the largest moved to
        // the front, a far pilot (two passes): the same statistics within a few ulps.
        var rng = new Random(20261207);
        var x = new double[300_000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = 1e4 + (3.0 * Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble()));
        }

        var onePass = Moments.Of<double>(x);
        Assert.Equal(onePass, Moments.OnePass<double>(x));
        var reordered = x.OrderByDescending(v => v).ToArray();
        Assert.Null(Moments.OnePass<double>(reordered));
        var twoPasses = Moments.Of<double>(reordered);
        Assert.Equal(twoPasses.Mean, onePass.Mean, 4e-16 * twoPasses.Mean);
        Assert.Equal(twoPasses.Variance, onePass.Variance, 4e-15 * twoPasses.Variance);
        Assert.Equal(9.0, onePass.Variance, 0.2);
    }

    [Fact]
    public void Huge_values_whose_squared_sum_overflows_keep_their_variance()
    {
        // σ = 2e151, n = 100 000: Σd² ≈ 4e307 is finite but (Σd)² ≈ 5e308 overflows (the pilot is δ ≈ σ/90 off); the
        // variance must still come out ≈ σ² (a −∞ clamped to 0 before the fix)
        var rng = new Random(151);
        var x = new double[100_000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = 2e151 * Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());
        }

        var onePass = Moments.OnePass<double>(x);
        Assert.NotNull(onePass);
        var twoPasses = Moments.Of<double>(x.OrderByDescending(v => v).ToArray());
        Assert.Equal(twoPasses.Variance, onePass.Value.Variance, 4e-15 * twoPasses.Variance);
        Assert.Equal(4e302, onePass.Value.Variance, 0.1e302);
    }

    [Fact]
    public void Float_input_is_summed_in_double()
    {
        var x = new float[100_000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = 1000f + (i % 2 == 0 ? 0.25f : -0.25f);
        }

        var m = Moments.Of<float>(x);
        Assert.Equal(1000.0, m.Mean, 1e-12);
        Assert.Equal(0.0625, m.Variance, 1e-15);
    }

    [Fact]
    public void Equal_values_have_variance_exactly_zero()
    {
        var m = Moments.Of<double>(Enumerable.Repeat(0.1, 100_003).ToArray());
        Assert.Equal(0.0, m.Variance);
        Assert.Equal(0.1, m.Mean, 15);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Moments.Of<double>([])).ParamName);
        var x = new double[100_000];
        x[77_777] = double.NaN;
        Assert.Contains("x[77777] = NaN", Assert.Throws<ArgumentException>(() => Moments.Of<double>(x)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Moments.Of<double>([1.0]).UnbiasedVariance);
    }

    private static (double Mean, double Variance) Exact(int n)
    {
        // exact in decimal: offsets k + 0.5, k = 0..6, with counts c_k; mean = 1e8 + Σc_k(k + .5)/n
        decimal sum = 0, squares = 0;
        for (var k = 0; k < 7; k++)
        {
            var count = (n / 7) + (k < n % 7 ? 1 : 0);
            sum += count * (k + 0.5m);
            squares += count * (k + 0.5m) * (k + 0.5m);
        }

        var offset = sum / n;
        return ((double)(1e8m + offset), (double)((squares / n) - (offset * offset)));
    }
}
