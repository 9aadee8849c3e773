namespace Functional.Models.Data;

/// <summary>
/// A pure, seeded pseudo-random stream: SplitMix64 (Steele, Lea, Flood 2014; the generator Java's SplittableRandom and
/// xoshiro's seeding use). A value type whose state advances only through the <c>ref</c> the caller holds, so a seed fixes
/// every draw on every platform. Private to the data utilities until the core has a shared generator.
/// </summary>
internal struct SeededGenerator(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    internal ulong NextBits()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    internal double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on {0, …, bound − 1}, unbiased (Lemire's multiply-and-reject).</summary>
    internal int NextInt(int bound)
    {
        var range = (ulong)bound;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var product = Math.BigMul(NextBits(), range, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>A standard normal draw by Box–Muller (one of the pair; u₁ ∈ (0, 1] so the logarithm is finite).</summary>
    internal double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates: a uniformly random order of <paramref name="items"/>, in place.</summary>
    internal void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
