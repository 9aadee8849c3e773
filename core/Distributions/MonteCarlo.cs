using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>A Monte-Carlo estimate: the sample mean of n draws of a quantity, its standard error s/√n, and the advanced generator.</summary>
/// <param name="Value">The sample mean; +∞ when a draw was +∞ (e.g. a KL whose q has no mass where p does).</param>
/// <param name="StandardError">s/√n with s the sample standard deviation (n − 1 denominator); +∞ when Value is.</param>
/// <param name="Samples">n.</param>
/// <param name="Next">The generator after the draws, to continue the stream.</param>
public readonly record struct MonteCarloEstimate(double Value, double StandardError, int Samples, Rng Next);

/// <summary>Sample means with their standard errors, by Welford's update.</summary>
internal struct Welford
{
    private double _mean;
    private double _m2;
    private int _count;

    internal void Add(double value)
    {
        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
    }

    internal readonly MonteCarloEstimate Estimate(Rng next)
        => new(_mean, _count > 1 ? Math.Sqrt(_m2 / (_count - 1) / _count) : double.PositiveInfinity, _count, next);
}

/// <summary>Shared argument checks of the estimators.</summary>
internal static class Samples
{
    internal static void Check(int samples)
    {
        if (samples < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, $"samples = {samples}; a standard error needs at least 2 draws.");
        }
    }

    internal const int Chunk = 256;
}
