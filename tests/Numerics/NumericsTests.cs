using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Numerics;

public class StableMathTests
{
    [Theory]
    [InlineData(1e-20, 1e-20)]
    [InlineData(1e-10, 9.9999999995000000000333e-11)]
    [InlineData(-0.5, -0.69314718055994530942)]
    [InlineData(1.0, 0.69314718055994530942)]
    [InlineData(1e300, 690.77552789821370521)]
    public void Log1P_is_accurate_where_the_naive_form_is_not(double x, double expected)
        => Assert.Equal(expected, StableMath.Log1P(x), Math.Abs(expected) * 4e-16);

    [Theory]
    [InlineData(1e-20, 1e-20)]
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(-40.0, -0.99999999999999999575)]
    [InlineData(1.0, 1.7182818284590452354)]
    public void ExpM1_is_accurate_where_the_naive_form_is_not(double x, double expected)
        => Assert.Equal(expected, StableMath.ExpM1(x), Math.Abs(expected) * 4e-16);

    [Fact]
    public void Special_values_follow_the_limits()
    {
        Assert.Equal(double.NegativeInfinity, StableMath.Log1P(-1.0));
        Assert.True(double.IsNaN(StableMath.Log1P(-2.0)));
        Assert.Equal(double.PositiveInfinity, StableMath.Log1P(double.PositiveInfinity));
        Assert.Equal(-1.0, StableMath.ExpM1(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, StableMath.ExpM1(double.PositiveInfinity));
        Assert.Equal(0.0, StableMath.XLogY(0.0, 0.0));
        Assert.Equal(double.NegativeInfinity, StableMath.XLogY(1.0, 0.0));
    }

    [Fact]
    public void Dotnet_own_log_p1_is_the_naive_one_we_replace()
        => Assert.Equal(0.0, double.LogP1(1e-20));
}

public class LogSumExpTests
{
    [Fact]
    public void Large_logits_do_not_overflow()
    {
        Assert.Equal(1000.3132616875182, LogSumExp.Of([1000.0, 999.0, 0.0]), 12);
        Assert.Equal(1e308, LogSumExp.Of([1e308, 1e308]));
        var softmax = new double[3];
        LogSumExp.Softmax<double>([1000.0, 999.0, 0.0], softmax);
        Assert.Equal(0.7310585786300049, softmax[0], 14);
        Assert.Equal(1.0, softmax.Sum(), 15);
    }

    [Fact]
    public void All_negative_infinity_gives_negative_infinity_and_a_zero_softmax_not_nan()
    {
        double[] masked = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        Assert.Equal(double.NegativeInfinity, LogSumExp.Of(masked));
        var softmax = new double[3];
        LogSumExp.Softmax<double>(masked, softmax);
        Assert.All(softmax, v => Assert.Equal(0.0, v));
        var logSoftmax = new double[3];
        LogSumExp.LogSoftmax<double>(masked, logSoftmax);
        Assert.All(logSoftmax, v => Assert.Equal(double.NegativeInfinity, v));
    }

    [Fact]
    public void Shift_invariance_holds_across_blocks()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 5000).Select(i => (random.NextDouble() * 50) + (i * 0.01)).ToArray();
        var shifted = x.Select(v => v + 1234.5).ToArray();
        Assert.Equal(LogSumExp.Of(x) + 1234.5, LogSumExp.Of(shifted), 9);
    }

    [Fact]
    public void Log_softmax_is_exact_far_below_underflow()
    {
        var logSoftmax = new double[2];
        LogSumExp.LogSoftmax<double>([0.0, -1000.0], logSoftmax);
        Assert.Equal(-1000.0, logSoftmax[1], 12);
    }
}

public class LogBaseTests
{
    [Fact]
    public void Default_is_natural_and_named_bases_round_trip()
    {
        Assert.Equal(LogBase.E, default);
        Assert.Equal(1.0, LogBase.E.NaturalLogarithm);
        Assert.Equal(LogBase.Two, LogBase.Of(2));
        Assert.Equal(LogBase.Ten, LogBase.Parse("10"));
        Assert.Equal(LogBase.Two, LogBase.Parse("bits"));
        Assert.Equal(LogBase.E, LogBase.Parse("e"));
        Assert.Equal("bits", LogBase.Two.Unit);
        Assert.Equal(3.0, LogBase.Of(3).Value, 14);
    }

    [Fact]
    public void A_measure_in_base_b_is_its_value_in_nats_over_ln_b()
    {
        double[] p = [0.2, 0.1, 0.7];
        var nats = Entropy.Of(p);
        Assert.Equal(nats / Math.Log(7.5), Entropy.Of(p, LogBase.Of(7.5)), 15);
    }
}

public class BatchTests
{
    [Fact]
    public void Rows_and_reductions_agree_with_row_by_row_calls()
    {
        double[] p = [0.2, 0.1, 0.7, 0.5, 0.25, 0.25];
        double[] q = [0.5, 0.3, 0.2, 0.25, 0.25, 0.5];
        var rows = new double[2];
        Kl.Divergence<double>(p, q, 3, rows);
        Assert.Equal(Kl.Divergence(p[..3], q[..3]), rows[0], 15);
        Assert.Equal(Kl.Divergence(p[3..], q[3..]), rows[1], 15);
        Assert.Equal(rows.Sum(), Kl.Divergence<double>(p, q, 3, Reduction.Sum), 15);
        Assert.Equal(rows.Sum() / 2, Kl.Divergence<double>(p, q, 3, Reduction.BatchMean), 15);
        Assert.Equal(rows.Sum() / 6, Kl.Divergence<double>(p, q, 3, Reduction.Mean), 15);

        var logQ = q.Select(v => Math.Log(v)).ToArray();
        Assert.Equal(rows.Sum() / 2, Kl.FromLogQ<double>(p, logQ, 3, Reduction.BatchMean), 14);
        var ce = new double[2];
        CrossEntropy.Of<double>(p, q, 3, ce);
        Assert.Equal(CrossEntropy.Of(p[3..], q[3..]), ce[1], 15);
    }

    [Fact]
    public void A_bad_entry_in_a_later_row_is_named_by_row_and_column()
    {
        double[] p = [0.2, 0.1, 0.7, 0.5, -0.25, 0.75];
        var error = Assert.Throws<ArgumentException>(() => Kl.Divergence<double>(p, p, 3, Reduction.Sum));
        Assert.Contains("p[1, 1] = -0.25 is negative", error.Message, StringComparison.Ordinal);
    }
}
