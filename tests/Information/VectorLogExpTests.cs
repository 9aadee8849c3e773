using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Tests.Information;

/// <summary>
/// The core's own vector logarithm and exponential (VectorMath.Log/Exp, 256- and 512-bit) against Math.Log / Math.Exp:
/// within 1 ulp over 4 million inputs spread over every exponent (subnormals included), close to 1 (log) and 0 (exp), and
/// the special values exactly; the two widths give the same bits lane for lane.
/// </summary>
public class VectorLogExpTests
{
    private const int Count = 1 << 22;

    private static double Ulps(double actual, double expected)
    {
        if (actual.Equals(expected))
        {
            return 0;
        }

        var magnitude = Math.Abs(expected);
        var ulp = Math.BitIncrement(magnitude) - magnitude;
        return Math.Abs(actual - expected) / ulp;
    }

    private static double[] LogInputs()
    {
        var rng = new Random(20261206);
        var inputs = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            inputs[i] = (i % 4) switch
            {
                // Every positive finite bit pattern equally likely: all exponents, subnormals included.
                0 => BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x7FF0000000000000)),
                1 => 1.0 + ((rng.NextDouble() - 0.5) * 0.1),
                2 => 1.0 + ((rng.NextDouble() - 0.5) * Math.ScaleB(1.0, -rng.Next(10, 60))),
                _ => rng.NextDouble(),
            };
        }

        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -1.0, double.Epsilon,
            2.2250738585072014E-308, 2.2250738585072009E-308, double.MaxValue, 1.0, Math.BitIncrement(1.0), Math.BitDecrement(1.0), 0.5, 2.0];
        special.CopyTo(inputs, 0);
        return inputs;
    }

    private static double[] ExpInputs()
    {
        var rng = new Random(6122026);
        var inputs = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            inputs[i] = (i % 4) switch
            {
                0 => (rng.NextDouble() - 0.5) * 1500.0,
                1 => (rng.NextDouble() - 0.5) * 2.0,
                2 => (rng.NextDouble() - 0.5) * Math.ScaleB(1.0, -rng.Next(5, 60)),
                _ => -rng.NextDouble() * 40.0,
            };
        }

        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 709.782712893384, 709.79,
            -708.0, -708.5, -745.1332191019411, -745.14, -1000.0, 1000.0, double.MaxValue, -double.MaxValue, double.Epsilon, 1.0, -1.0];
        special.CopyTo(inputs, 0);
        return inputs;
    }

    private static void Check(double[] inputs, Func<double, double> reference, double[] results256, double[] results512)
    {
        var worst = 0.0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = reference(inputs[i]);
            Assert.True(BitConverter.DoubleToInt64Bits(results256[i]) == BitConverter.DoubleToInt64Bits(results512[i]),
                $"f({inputs[i]:R}): 256-bit {results256[i]:R} and 512-bit {results512[i]:R} differ");
            if (double.IsNaN(expected) || double.IsInfinity(expected) || expected == 0)
            {
                Assert.True(expected.Equals(results256[i]), $"f({inputs[i]:R}) = {results256[i]:R}, expected {expected:R}");
                continue;
            }

            var ulps = Ulps(results256[i], expected);
            Assert.True(ulps <= 1.0, $"f({inputs[i]:R}) = {results256[i]:R}, Math gives {expected:R}: {ulps} ulps");
            worst = Math.Max(worst, ulps);
        }

        Assert.True(worst <= 1.0);
    }

    private static (double[] Narrow, double[] Wide) Apply(double[] inputs, Func<Vector256<double>, Vector256<double>> narrow, Func<Vector512<double>, Vector512<double>> wide)
    {
        var a = new double[inputs.Length];
        var b = new double[inputs.Length];
        for (var i = 0; i < inputs.Length; i += 8)
        {
            narrow(Vector256.Create(inputs.AsSpan(i, 4))).CopyTo(a.AsSpan(i, 4));
            narrow(Vector256.Create(inputs.AsSpan(i + 4, 4))).CopyTo(a.AsSpan(i + 4, 4));
            wide(Vector512.Create(inputs.AsSpan(i, 8))).CopyTo(b.AsSpan(i, 8));
        }

        return (a, b);
    }

    [Fact]
    public void LogIsWithinOneUlpOfMathLogAtBothWidths()
    {
        var inputs = LogInputs();
        var (narrow, wide) = Apply(inputs, VectorMath.Log, VectorMath.Log);
        Check(inputs, Math.Log, narrow, wide);
    }

    [Fact]
    public void ExpIsWithinOneUlpOfMathExpAtBothWidths()
    {
        var inputs = ExpInputs();
        var (narrow, wide) = Apply(inputs, VectorMath.Exp, VectorMath.Exp);
        Check(inputs, Math.Exp, narrow, wide);
    }

    [Fact]
    public void LogOfOneIsExactlyZeroAndExpOfZeroExactlyOne()
    {
        Assert.Equal(0.0, VectorMath.Log(Vector512.Create(1.0))[3]);
        Assert.Equal(1.0, VectorMath.Exp(Vector512.Create(0.0))[5]);
        Assert.Equal(0.0, VectorMath.Log(Vector256.Create(1.0))[1]);
        Assert.Equal(1.0, VectorMath.Exp(Vector256.Create(-0.0))[2]);
    }

    [Fact]
    public void ReciprocalIsWithinOneUlpOfTheQuotient()
    {
        var rng = new Random(17);
        for (var i = 0; i < 1 << 16; i++)
        {
            var x = Math.ScaleB(1.0 + rng.NextDouble(), rng.Next(-1000, 1000));
            var y = VectorMath.Reciprocal(Vector512.Create(x))[0];
            Assert.True(Ulps(y, 1.0 / x) <= 1.0, $"1/{x:R} = {y:R}, expected {1.0 / x:R}");
        }
    }
}
