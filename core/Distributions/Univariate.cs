using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The loops every univariate family shares: checked log-density, spans, likelihood, sampling fills.</summary>
internal static class Univariate
{
    internal static double LogDensity<TDist>(TDist distribution, double x, string name = "x") where TDist : ILogDensityKernel
    {
        var value = distribution.LogDensityOrNaN(x);
        return double.IsNaN(value) ? throw OutsideSupport(distribution, name, x) : value;
    }

    internal static ArgumentException OutsideSupport<TDist>(TDist distribution, string name, double x) where TDist : ILogDensityKernel
        => new(double.IsNaN(x)
            ? $"{name} is NaN."
            : $"{name} = {Format.Number(x)} is outside the support {distribution.SupportText} of {distribution.GetType().Name}.", name.Split('[')[0]);

    internal static void LogDensity<TDist>(TDist distribution, ReadOnlySpan<double> x, Span<double> destination) where TDist : ILogDensityKernel
    {
        Guard.Destination(x.Length, destination.Length);
        for (var i = 0; i < x.Length; i++)
        {
            var value = distribution.LogDensityOrNaN(x[i]);
            if (double.IsNaN(value))
            {
                throw OutsideSupport(distribution, $"x[{i}]", x[i]);
            }

            destination[i] = value;
        }
    }

    internal static double LogLikelihood<TDist>(TDist distribution, ReadOnlySpan<double> sample) where TDist : ILogDensityKernel
    {
        var sum = default(ScalarNeumaier);
        for (var i = 0; i < sample.Length; i++)
        {
            var value = distribution.LogDensityOrNaN(sample[i]);
            if (double.IsNaN(value))
            {
                throw OutsideSupport(distribution, $"sample[{i}]", sample[i]);
            }

            sum.Add(value);
        }

        return sum.Result;
    }

    internal static Rng Fill<TDist>(TDist distribution, Rng rng, Span<double> destination) where TDist : IUnivariateDistribution
    {
        for (var i = 0; i < destination.Length; i++)
        {
            (destination[i], rng) = distribution.Sample(rng);
        }

        return rng;
    }

    /// <summary>Whether x is a whole number (counts held as doubles).</summary>
    internal static bool IsWhole(double x) => x == Math.Floor(x) && double.IsFinite(x);
}

/// <summary>Parameter checks for the factories, each naming the parameter and its value.</summary>
internal static class Check
{
    internal static double Finite(double value, string name)
        => double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)} must be finite.");

    internal static double Positive(double value, string name)
        => value > 0.0 && value <= double.MaxValue ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)} must be positive and finite.");

    internal static double NonNegative(double value, string name)
        => value >= 0.0 && value <= double.MaxValue ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)} must be non-negative and finite.");

    internal static double Probability(double value, string name)
        => value is >= 0.0 and <= 1.0 ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)} is not a probability in [0, 1].");

    /// <summary>Every entry finite and positive (Dirichlet concentrations), naming the first bad one.</summary>
    internal static double[] PositiveEntries(ReadOnlySpan<double> values, string name, int minimumLength)
    {
        if (values.Length < minimumLength)
        {
            throw new ArgumentException($"{name} has {values.Length} entries; it needs at least {minimumLength}.", name);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] > 0.0 && values[i] <= double.MaxValue))
            {
                throw new ArgumentOutOfRangeException(name, values[i], $"{name}[{i}] = {Format.Number(values[i])} must be positive and finite.");
            }
        }

        return values.ToArray();
    }
}
