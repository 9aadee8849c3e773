using Functional.Information;
using Functional.Numerics;
using Xunit.Abstractions;

namespace Functional.Tests.Information;

/// <summary>
/// The lane-wise KL term p·ln(p/q) − (p − q) = q·G(x), x = (p − q)/q, term by term against a reference accurate to a few
/// ulps, over the range where it cancels (|x| from 1e-9 to 1/2, both signs, across the table's central interval and the
/// old series threshold 1/16) and over independent p and q. The 512-bit term opens up the logarithm (NOTES "Speed, fifth
/// slice"); both widths must stay within the bound below, far inside the 1e-12 contract.
/// </summary>
public class KlTermAccuracyTests(ITestOutputHelper output)
{
    private const int Count = 1 << 18;

    // Relative error per term, in units of 2^-53: the worst the direct form can lose next to the central interval.
    private const double Bound = 512;

    private static double Epsilon => Math.ScaleB(1.0, -53);

    /// <summary>q·G(x) with x = (p − q)/q carried as x_hi + x_lo: G by its alternating series (|x| ≤ 1/2), G(x_hi + x_lo) ≈ G(x_hi) + x_lo·ln(1 + x_hi).</summary>
    private static double Reference(double p, double q)
    {
        var d = p - q; // exact: p/q in [1/2, 3/2] (Sterbenz)
        var xh = d / q;
        var xl = Math.FusedMultiplyAdd(-xh, q, d) / q;
        double sum = 0, power = xh * xh;
        for (var k = 0; k < 80; k++)
        {
            sum += power / ((k + 1.0) * (k + 2.0));
            power *= -xh;
        }

        return q * (sum + (xl * Math.Log(1.0 + xh)));
    }

    private static (double[] P, double[] Q) Close()
    {
        var rng = new Random(20261206);
        var p = new double[Count];
        var q = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            var magnitude = Math.Pow(10.0, -9.0 + (rng.NextDouble() * 8.7)); // 1e-9 … 0.5
            var x = rng.Next(2) == 0 ? magnitude : -magnitude;
            q[i] = Math.ScaleB(0.5 + (rng.NextDouble() * 0.5), -rng.Next(1, 40));
            p[i] = q[i] * (1.0 + x);
        }

        return (p, q);
    }

    private static double WorstError<TL>(double[] p, double[] q, Func<double, double, double> reference, out double[] terms)
        where TL : struct, ILanes<TL>
    {
        terms = new double[p.Length];
        var worst = 0.0;
        for (var i = 0; i < p.Length; i += 2 * TL.Count)
        {
            TL.Load<double>(p, i, out var p0, out var p1);
            TL.Load<double>(q, i, out var q0, out var q1);
            TL.Store<double>(terms, i, KlTerm.Invoke(p0, q0), KlTerm.Invoke(p1, q1));
        }

        for (var i = 0; i < p.Length; i++)
        {
            var expected = reference(p[i], q[i]);
            worst = Math.Max(worst, Math.Abs(terms[i] - expected) / (expected * Epsilon));
        }

        return worst;
    }

    [Fact]
    public void Wide_term_is_accurate_where_p_is_close_to_q()
    {
        var (p, q) = Close();
        var worst = WorstError<Lanes512>(p, q, Reference, out var terms);
        output.WriteLine($"512-bit: worst {worst:F1} units of 2^-53");
        Assert.True(worst <= Bound, $"worst relative error {worst:F1} ulp-units");
        Assert.All(terms, t => Assert.True(t >= 0.0));
    }

    [Fact]
    public void Narrow_term_is_accurate_where_p_is_close_to_q()
    {
        var (p, q) = Close();
        var worst = WorstError<Lanes256>(p, q, Reference, out _);
        output.WriteLine($"256-bit: worst {worst:F1} units of 2^-53");
        Assert.True(worst <= 2 * Bound, $"worst relative error {worst:F1} ulp-units");
    }

    [Fact]
    public void Wide_term_agrees_with_the_scalar_term_for_independent_inputs_and_zeros()
    {
        var rng = new Random(7);
        var p = new double[Count];
        var q = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            p[i] = rng.Next(50) == 0 ? 0.0 : rng.NextDouble() * Math.ScaleB(1.0, -rng.Next(0, 30));
            q[i] = rng.NextDouble() * Math.ScaleB(1.0, -rng.Next(0, 30));
        }

        // The scalar term is itself accurate to ~2^-53·2/|x| away from p ≈ q; here |x| is rarely small.
        var worst = WorstError<Lanes512>(p, q, KlTerm.Invoke, out var terms);
        output.WriteLine($"512-bit against scalar: worst {worst:F1} units of 2^-53");
        Assert.True(worst <= 4096, $"worst relative difference {worst:F1} ulp-units");
        Assert.All(terms, t => Assert.True(t >= 0.0 && double.IsFinite(t)));
    }

    [Fact]
    public void Wide_term_is_zero_for_equal_inputs_and_q_for_zero_p()
    {
        var q = Enumerable.Range(1, 16).Select(i => i / 17.0).ToArray();
        var zeros = new double[16];
        Lanes512.Load<double>(q, 0, out var q0, out var q1);
        Lanes512.Load<double>(zeros, 0, out var z0, out _);
        var same = new double[8];
        Lanes512.CopyTo(KlTerm.Invoke(q0, q0), same);
        Assert.All(same, t => Assert.Equal(0.0, t));
        var fromZero = new double[8];
        Lanes512.CopyTo(KlTerm.Invoke(z0, q1), fromZero);
        Assert.Equal(q[8..], fromZero);
    }
}
