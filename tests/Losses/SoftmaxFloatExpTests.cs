using System.Runtime.Intrinsics;
using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>The float-lane e^s (s ≤ 0) of the float softmax rows against Math.Exp rounded to float.</summary>
public class SoftmaxFloatExpTests
{
    private static float[] Exp(float[] s)
    {
        var result = new float[s.Length];
        for (var i = 0; i < s.Length; i += 16)
        {
            SoftmaxRows.ExpOfNonPositive(Vector512.Create(s.AsSpan(i, 16))).CopyTo(result.AsSpan(i, 16));
        }

        return result;
    }

    [Fact]
    public void Within_two_float_ulps_of_the_double_exponential_and_exact_at_the_ends()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        var random = new Random(7);
        var inputs = new List<float> { 0f, -0f, float.NegativeInfinity, -1e-30f, -0.34657359f, -0.34657360f, -87.3f, -87.4f, -103f, -103.9f, -104f, -104.1f, -1000f, float.MinValue };
        for (var i = 0; i < 200_000; i++)
        {
            inputs.Add(-(float)(random.NextDouble() * 110.0));
        }

        for (var i = 0; i < 20_000; i++)
        {
            inputs.Add(-(float)(random.NextDouble() * 1e-3));
        }

        while (inputs.Count % 16 != 0)
        {
            inputs.Add(-1f);
        }

        var s = inputs.ToArray();
        var e = Exp(s);
        for (var i = 0; i < s.Length; i++)
        {
            var exact = Math.Exp(s[i]);
            var rounded = (float)exact;
            if (rounded == 0f || float.IsSubnormal(rounded))
            {
                // subnormal results: one rounding, so within one step of the subnormal grid
                Assert.True(Math.Abs(e[i] - exact) <= float.Epsilon, $"e^{s[i]:R} = {e[i]:R}, expected {exact:R}");
                continue;
            }

            var ulp = MathF.BitIncrement(rounded) - rounded;
            Assert.True(Math.Abs(e[i] - exact) <= 2.0 * ulp, $"e^{s[i]:R} = {e[i]:R}, expected {exact:R} ({Math.Abs(e[i] - exact) / ulp:F2} ulps)");
        }

        Assert.Equal(1f, e[0]);
        Assert.Equal(1f, e[1]);
        Assert.Equal(0f, e[2]);
    }

    [Fact]
    public void Without_the_range_handling_the_same_bits_on_the_normal_range()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        var random = new Random(11);
        var s = new float[1 << 20];
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = i < 64 ? -(float)i * (SoftmaxRows.NormalRange / 63f) : -(float)(random.NextDouble() * SoftmaxRows.NormalRange);
        }

        s[1] = -0f;
        s[2] = -SoftmaxRows.NormalRange;
        for (var i = 0; i < s.Length; i += 16)
        {
            var v = Vector512.Create(s.AsSpan(i, 16));
            var full = SoftmaxRows.ExpOfNonPositive<SwitchOn>(v);
            var normal = SoftmaxRows.ExpOfNonPositive<SwitchOff>(v);
            if (!Vector512.EqualsAll(full.AsUInt32(), normal.AsUInt32()))
            {
                Assert.Fail($"inputs {i} … {i + 15}: {full} against {normal}");
            }
        }
    }
}
