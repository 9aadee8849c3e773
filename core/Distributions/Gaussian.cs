using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The normal distribution N(μ, σ²): p(x) = exp(−(x − μ)²/(2σ²)) / (σ√(2π)).</summary>
/// <remarks>Parametrised by mean and standard deviation (as <c>torch.distributions.Normal(loc, scale)</c> and
/// <c>scipy.stats.norm(loc, scale)</c>); <see cref="FromVariance"/> takes σ². ln p(±∞) = −∞.</remarks>
public sealed record Gaussian : IUnivariateDistribution, ILogDensityKernel
{
    private readonly double _logNormaliser;

    /// <summary>N(mean, standardDeviation²).</summary>
    /// <param name="mean">μ, finite.</param>
    /// <param name="standardDeviation">σ &gt; 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">mean is NaN or ±∞; standardDeviation ≤ 0, NaN or +∞.</exception>
    public Gaussian(double mean, double standardDeviation)
    {
        Mean = Check.Finite(mean, nameof(mean));
        StandardDeviation = Check.Positive(standardDeviation, nameof(standardDeviation));
        _logNormaliser = Math.Log(standardDeviation) + SpecialFunctions.HalfLogTwoPi;
    }

    /// <summary>N(μ, σ²) from μ and σ.</summary>
    /// <param name="mean">μ, finite.</param>
    /// <param name="standardDeviation">σ &gt; 0, finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As the constructor.</exception>
    public static Gaussian FromStandardDeviation(double mean, double standardDeviation) => new(mean, standardDeviation);

    /// <summary>N(μ, σ²) from μ and the variance σ².</summary>
    /// <param name="mean">μ, finite.</param>
    /// <param name="variance">σ² &gt; 0, finite (σ = √σ² must also be positive: a subnormal variance whose root is representable is fine).</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">mean is NaN or ±∞; variance ≤ 0, NaN or +∞.</exception>
    public static Gaussian FromVariance(double mean, double variance) => new(mean, Math.Sqrt(Check.Positive(variance, nameof(variance))));

    /// <summary>The standard normal N(0, 1).</summary>
    public static Gaussian Standard { get; } = new(0.0, 1.0);

    /// <summary>μ.</summary>
    public double Mean { get; }

    /// <summary>σ.</summary>
    public double StandardDeviation { get; }

    /// <summary>σ².</summary>
    public double Variance => StandardDeviation * StandardDeviation;

    /// <summary>½ ln(2πeσ²) nats.</summary>
    public double Entropy => 0.5 + _logNormaliser;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <inheritdoc/>
    public double SupportMinimum => double.NegativeInfinity;

    /// <inheritdoc/>
    public double SupportMaximum => double.PositiveInfinity;

    string ILogDensityKernel.SupportText => "(−∞, ∞)";

    /// <inheritdoc/>
    public bool InSupport(double x) => !double.IsNaN(x);

    /// <summary>ln p(x) = −½((x − μ)/σ)² − ln σ − ½ ln 2π.</summary>
    /// <param name="x">Any value but NaN; ±∞ give −∞.</param>
    /// <returns>ln p(x).</returns>
    /// <exception cref="ArgumentException">x is NaN.</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    double ILogDensityKernel.LogDensityOrNaN(double x)
    {
        var z = (x - Mean) / StandardDeviation;
        return (-0.5 * z * z) - _logNormaliser;
    }

    /// <summary>ln p(x_i) for every x_i in one vectorised pass (four lanes at a time), NaN checked inside the pass.</summary>
    /// <param name="x">Values, none NaN.</param>
    /// <param name="destination">At least x.Length entries; may be x's memory.</param>
    /// <exception cref="ArgumentException">destination is too short; x[i] is NaN (the first such i is named; destination is then partly written).</exception>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Guard.Destination(x.Length, destination.Length);
        var n = x.Length;
        var i = 0;
        var nan = Vector256<double>.Zero;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            ref var source = ref MemoryMarshal.GetReference(x);
            ref var target = ref MemoryMarshal.GetReference(destination);
            var mean = Vector256.Create(Mean);
            var inverse = Vector256.Create(1.0 / StandardDeviation);
            var half = Vector256.Create(-0.5);
            var offset = Vector256.Create(-_logNormaliser);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref source, (nuint)i);
                var z = (v - mean) * inverse;
                nan |= ~Vector256.Equals(v, v);
                Vector256.StoreUnsafe((half * z * z) + offset, ref target, (nuint)i);
            }
        }

        var inverseScalar = 1.0 / StandardDeviation;
        var tailNaN = false;
        for (; i < n; i++)
        {
            var z = (x[i] - Mean) * inverseScalar;
            tailNaN |= double.IsNaN(z);
            destination[i] = (-0.5 * z * z) - _logNormaliser;
        }

        if (tailNaN || nan != Vector256<double>.Zero)
        {
            ThrowFirstNaN(x);
        }
    }

    private void ThrowFirstNaN(ReadOnlySpan<double> x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]))
            {
                throw Univariate.OutsideSupport(this, $"x[{i}]", x[i]);
            }
        }
    }

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>μ + σz with z standard normal (Box–Muller).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng)
    {
        var (z, next) = rng.NextNormal();
        return (Mean + (StandardDeviation * z), next);
    }

    /// <summary>Fills destination with μ + σz, both Box–Muller outputs used.</summary>
    /// <param name="rng">The generator.</param>
    /// <param name="destination">The draws to write.</param>
    /// <returns>The advanced generator.</returns>
    public Rng Sample(Rng rng, Span<double> destination)
    {
        var next = rng.FillNormal(destination);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Mean + (StandardDeviation * destination[i]);
        }

        return next;
    }
}
