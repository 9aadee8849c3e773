using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Information;

/// <summary>
/// The pair kernel's staged block loop (KL on 512-bit lanes: a vector's first stage computed beside the previous vector's
/// second) against the unstaged loop on the same term, bit for bit, with a lane the stages cannot take (a subnormal q, a
/// zero q with p = 0, a zero q with p &gt; 0) in the first vector of a block, its middle, its last vector, the first vector
/// of the next block (computed ahead across the block's end) and the scalar tail. Without AVX-512 both run unstaged.
/// </summary>
public class StagedKernelTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int> { { -1, 0 } };
        foreach (var position in new[] { 0, 7, 8, 300, 504, 511, 512, 1023, 1530 })
        {
            for (var kind = 0; kind < 3; kind++)
            {
                data.Add(position, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Staged_kl_gives_the_bits_of_the_unstaged_loop(int position, int kind)
    {
        const int n = 1540;
        var random = new Random(position + (100 * kind) + 7);
        var p = new double[n];
        var q = new double[n];
        for (var i = 0; i < n; i++)
        {
            // ratios near 1 (the table's central interval) and far from it, and some p = 0
            p[i] = i % 11 == 0 ? 0.0 : random.NextDouble() / n;
            q[i] = i % 3 == 0 ? p[i] * (1.0 + (0.01 * (random.NextDouble() - 0.5))) + 1e-9 : random.NextDouble() / n;
        }

        if (position >= 0)
        {
            (p[position], q[position]) = kind switch
            {
                0 => (1e-4, 1e-310),
                1 => (0.0, 0.0),
                _ => (1e-4, 0.0),
            };
        }

        var staged = Kernel.Accumulate<double, KlTerm, ProbabilityDomain, ProbabilityDomain>(p, q);
        var unstaged = Kernel.Accumulate<double, UnstagedKl, ProbabilityDomain, ProbabilityDomain>(p, q);
        Assert.Equal(BitConverter.DoubleToInt64Bits(unstaged.Total), BitConverter.DoubleToInt64Bits(staged.Total));
        Assert.Equal(kind == 2 && position >= 0 ? double.PositiveInfinity : staged.Total, staged.Total);
        Assert.True(staged.Valid && unstaged.Valid);
        // the masses are summed vector by vector in the staged loop, step by step in the other: equal to rounding
        Assert.Equal(unstaged.MassX, staged.MassX, 1e-15);
        Assert.Equal(unstaged.MassY, staged.MassY, 1e-15);
    }

    [Fact]
    public void Staged_kl_gives_the_bits_of_the_unstaged_loop_for_many_lengths_and_draws()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 60; trial++)
        {
            var n = 512 + random.Next(3000);
            var p = new double[n];
            var q = new double[n];
            for (var i = 0; i < n; i++)
            {
                p[i] = random.NextDouble() / n;
                q[i] = random.NextDouble() / n;
            }

            var staged = Kernel.Accumulate<double, KlTerm, ProbabilityDomain, ProbabilityDomain>(p, q);
            var unstaged = Kernel.Accumulate<double, UnstagedKl, ProbabilityDomain, ProbabilityDomain>(p, q);
            Assert.Equal(BitConverter.DoubleToInt64Bits(unstaged.Total), BitConverter.DoubleToInt64Bits(staged.Total));
        }
    }

    /// <summary><see cref="KlTerm"/> with the staging left at its default (off): the kernel's unstaged block loop.</summary>
    private readonly struct UnstagedKl : IPairTerm
    {
        public static bool NonNegative => KlTerm.NonNegative;

        public static double Invoke(double x, double y) => KlTerm.Invoke(x, y);

        public static TL Invoke<TL>(TL x, TL y) where TL : struct, ILanes<TL> => KlTerm.Invoke(x, y);

        public static bool TryInvoke<TL>(TL x, TL y, out TL term) where TL : struct, ILanes<TL> => KlTerm.TryInvoke(x, y, out term);
    }
}
