using System.Runtime.CompilerServices;

namespace Functional.Numerics;

/// <summary>
/// A pure pseudo-random generator: the state of xoshiro256** (Blackman and Vigna, 2018) as an immutable value. Every
/// draw returns the value and the advanced generator; nothing is hidden, so the same seed gives bit-identical draws on
/// every run and platform.
/// </summary>
/// <remarks>
/// <para>Use: <c>var rng = Rng.FromSeed(42); (var x, rng) = rng.NextNormal();</c>. Discarding the returned generator and
/// drawing from the old one again repeats the draw — that is the point (replay), and a bug when unintended.</para>
/// <para>Algorithms: uniform doubles from the top 53 bits; normals by Box–Muller; exponentials by inversion; gamma by
/// Marsaglia and Tsang (2000) with the U^(1/a) boost below shape 1 (in log space, so tiny shapes do not underflow); beta
/// from two gammas; Poisson by multiplication of uniforms below mean 10 and Hörmann's PTRS (1993) above; categorical by
/// inversion of the cumulative sum.</para>
/// </remarks>
/// <param name="S0">State word 0.</param>
/// <param name="S1">State word 1.</param>
/// <param name="S2">State word 2.</param>
/// <param name="S3">State word 3.</param>
public readonly record struct Rng(ulong S0, ulong S1, ulong S2, ulong S3)
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    /// <summary>A generator seeded from one number, the state filled by SplitMix64 (never all zero).</summary>
    /// <param name="seed">Any value.</param>
    /// <returns>The generator.</returns>
    public static Rng FromSeed(ulong seed)
    {
        var s0 = SplitMix(ref seed);
        var s1 = SplitMix(ref seed);
        var s2 = SplitMix(ref seed);
        var s3 = SplitMix(ref seed);
        return new Rng(s0, s1, s2, s3);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>64 uniformly distributed bits.</summary>
    /// <returns>The bits and the advanced generator.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (ulong Value, Rng Next) NextUInt64()
    {
        var result = BitOperations.RotateLeft(S1 * 5, 7) * 9;
        var t = S1 << 17;
        var s2 = S2 ^ S0;
        var s3 = S3 ^ S1;
        var s1 = S1 ^ s2;
        var s0 = S0 ^ s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return (result, new Rng(s0, s1, s2, s3));
    }

    /// <summary>A uniform double in [0, 1): k·2⁻⁵³ for a uniform k in [0, 2⁵³).</summary>
    /// <returns>The value and the advanced generator.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double Value, Rng Next) NextDouble()
    {
        var (bits, next) = NextUInt64();
        return ((bits >> 11) * TwoToMinus53, next);
    }

    /// <summary>A uniform double in (0, 1]: (k + 1)·2⁻⁵³, safe to take the logarithm of.</summary>
    /// <returns>The value and the advanced generator.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double Value, Rng Next) NextPositiveDouble()
    {
        var (bits, next) = NextUInt64();
        return (((bits >> 11) + 1) * TwoToMinus53, next);
    }

    /// <summary>A uniform integer in [0, count), unbiased (Lemire's multiply-and-reject).</summary>
    /// <param name="count">count ≥ 1.</param>
    /// <returns>The integer and the advanced generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1.</exception>
    public (int Value, Rng Next) NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var rng = this;
        var n = (ulong)count;
        var threshold = (0UL - n) % n;
        while (true)
        {
            (var bits, rng) = rng.NextUInt64();
            var high = Math.BigMul(bits, n, out var low);
            if (low >= threshold)
            {
                return ((int)high, rng);
            }
        }
    }

    /// <summary>A standard normal N(0, 1) by Box–Muller: √(−2 ln u₁)·cos(2πu₂), u₁ ∈ (0, 1].</summary>
    /// <returns>The value and the advanced generator (two uniforms consumed).</returns>
    public (double Value, Rng Next) NextNormal()
    {
        var (u1, rng) = NextPositiveDouble();
        (var u2, rng) = rng.NextDouble();
        return (Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2), rng);
    }

    /// <summary>A standard exponential (rate 1) by inversion: −ln u, u ∈ (0, 1].</summary>
    /// <returns>The value (≥ 0, finite) and the advanced generator.</returns>
    public (double Value, Rng Next) NextExponential()
    {
        var (u, rng) = NextPositiveDouble();
        return (-Math.Log(u), rng);
    }

    /// <summary>A Gamma(shape, rate 1) variate (Marsaglia–Tsang; boosted below shape 1).</summary>
    /// <param name="shape">shape &gt; 0, finite.</param>
    /// <returns>The value (≥ 0; may underflow to 0 for shapes below about 0.01) and the advanced generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">shape is not positive and finite.</exception>
    public (double Value, Rng Next) NextGamma(double shape)
    {
        CheckShape(shape);
        var (logValue, rng) = LogGammaVariate(shape);
        return (Math.Exp(logValue), rng);
    }

    /// <summary>The logarithm of a Gamma(shape, 1) variate, which never underflows (beta and Dirichlet sampling use it).</summary>
    internal (double Value, Rng Next) LogGammaVariate(double shape)
    {
        var rng = this;
        if (shape < 1.0)
        {
            // G(a) = G(a + 1)·U^(1/a): ln G = ln G(a + 1) + ln U / a.
            (var logBoosted, rng) = rng.LogGammaVariate(shape + 1.0);
            (var u, rng) = rng.NextPositiveDouble();
            return (logBoosted + (Math.Log(u) / shape), rng);
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                (x, rng) = rng.NextNormal();
                v = 1.0 + (c * x);
            }
            while (v <= 0.0);

            v = v * v * v;
            (var u, rng) = rng.NextPositiveDouble();
            var x2 = x * x;
            if (u < 1.0 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (d * (1.0 - v + Math.Log(v))))
            {
                return (Math.Log(d) + Math.Log(v), rng);
            }
        }
    }

    /// <summary>A Beta(a, b) variate X/(X + Y) from X ~ Gamma(a), Y ~ Gamma(b), formed as σ(ln X − ln Y) so small shapes do not give 0/0.</summary>
    /// <param name="a">a &gt; 0, finite.</param>
    /// <param name="b">b &gt; 0, finite.</param>
    /// <returns>The value in [0, 1] and the advanced generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">a or b is not positive and finite.</exception>
    public (double Value, Rng Next) NextBeta(double a, double b)
    {
        CheckShape(a);
        CheckShape(b);
        var (logX, rng) = LogGammaVariate(a);
        (var logY, rng) = rng.LogGammaVariate(b);
        return (Logistic.Sigmoid(logX - logY), rng);
    }

    /// <summary>A Poisson(mean) count: multiplication of uniforms below mean 10, Hörmann's transformed rejection (PTRS) above.</summary>
    /// <param name="mean">mean ≥ 0, finite, at most 1e15 (so the count is exact in a double).</param>
    /// <returns>The count (as a whole double) and the advanced generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">mean is negative, NaN, or above 1e15.</exception>
    public (double Value, Rng Next) NextPoisson(double mean)
    {
        if (!(mean is >= 0.0 and <= 1e15))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, $"mean = {Format.Number(mean)}; a Poisson mean must be in [0, 1e15].");
        }

        var rng = this;
        if (mean == 0.0)
        {
            return (0.0, rng);
        }

        if (mean < 10.0)
        {
            var limit = Math.Exp(-mean);
            var product = 1.0;
            var count = 0.0;
            while (true)
            {
                (var u, rng) = rng.NextDouble();
                product *= u;
                if (product <= limit)
                {
                    return (count, rng);
                }

                count += 1.0;
            }
        }

        // PTRS, as NumPy's random_poisson_ptrs.
        var logMean = Math.Log(mean);
        var b = 0.931 + (2.53 * Math.Sqrt(mean));
        var a = -0.059 + (0.02483 * b);
        var logInverseAlpha = Math.Log(1.1239 + (1.1328 / (b - 3.4)));
        var vr = 0.9277 - (3.6224 / (b - 2.0));
        while (true)
        {
            (var u, rng) = rng.NextDouble();
            u -= 0.5;
            (var v, rng) = rng.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((((2.0 * a / us) + b) * u) + mean + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return (k, rng);
            }

            if (k < 0.0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + logInverseAlpha - Math.Log((a / (us * us)) + b) <= -mean + (k * logMean) - SpecialFunctions.LogFactorial(k))
            {
                return (k, rng);
            }
        }
    }

    /// <summary>An index k with probability p_k, by inversion of the running sum (zero-probability indices are never drawn).</summary>
    /// <param name="probabilities">Non-negative, summing to 1 (not re-checked here: Functional.Distributions.Categorical validates).</param>
    /// <returns>The index and the advanced generator.</returns>
    /// <exception cref="ArgumentException">probabilities is empty.</exception>
    public (int Value, Rng Next) NextCategorical(ReadOnlySpan<double> probabilities)
    {
        Guard.NotEmpty(probabilities.Length, nameof(probabilities));
        var (u, rng) = NextDouble();
        var cumulative = 0.0;
        var last = 0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            if (probabilities[k] > 0.0)
            {
                cumulative += probabilities[k];
                last = k;
                if (u < cumulative)
                {
                    return (k, rng);
                }
            }
        }

        // Rounding left Σ p a hair below 1 and u fell in the gap: the last possible index.
        return (last, rng);
    }

    /// <summary>Fills <paramref name="destination"/> with uniform doubles in [0, 1).</summary>
    /// <param name="destination">The values to write.</param>
    /// <returns>The advanced generator.</returns>
    public Rng FillUniform(Span<double> destination)
    {
        var rng = this;
        for (var i = 0; i < destination.Length; i++)
        {
            (destination[i], rng) = rng.NextDouble();
        }

        return rng;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normals, both Box–Muller outputs used (one pair of uniforms per two values).</summary>
    /// <param name="destination">The values to write.</param>
    /// <returns>The advanced generator.</returns>
    public Rng FillNormal(Span<double> destination)
    {
        var rng = this;
        var i = 0;
        for (; i + 1 < destination.Length; i += 2)
        {
            (var u1, rng) = rng.NextPositiveDouble();
            (var u2, rng) = rng.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
            destination[i] = radius * cos;
            destination[i + 1] = radius * sin;
        }

        if (i < destination.Length)
        {
            (destination[i], rng) = rng.NextNormal();
        }

        return rng;
    }

    /// <summary>Fills <paramref name="destination"/> with standard exponentials.</summary>
    /// <param name="destination">The values to write.</param>
    /// <returns>The advanced generator.</returns>
    public Rng FillExponential(Span<double> destination)
    {
        var rng = this;
        for (var i = 0; i < destination.Length; i++)
        {
            (destination[i], rng) = rng.NextExponential();
        }

        return rng;
    }

    private static void CheckShape(double shape, [CallerArgumentExpression(nameof(shape))] string name = "")
    {
        if (!(shape > 0.0 && shape < double.PositiveInfinity))
        {
            throw new ArgumentOutOfRangeException(name, shape, $"{name} = {Format.Number(shape)}; a gamma shape must be positive and finite.");
        }
    }
}
