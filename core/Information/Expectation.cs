using Functional.Numerics;

namespace Functional.Information;

/// <summary>The expectation E_p[f] = Σ p_i f(x_i) of a function under a distribution, and the sample average that estimates it.</summary>
/// <remarks>
/// The law of large numbers links the two: for x_1…x_N drawn from p, (1/N) Σ f(x_i) → E_p[f].
/// Both sums are compensated, so the result keeps double accuracy for long inputs.
/// </remarks>
public static class Expectation
{
    /// <summary>E_p[f] = Σ p_i f_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">A probability vector over the outcomes.</param>
    /// <param name="f">f evaluated at each outcome; finite.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="ArgumentException">Lengths differ; p is empty; p[i] is not a probability or f[i] is NaN/∞ (named with i and value); p is not normalised.</exception>
    public static T Of<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> f) where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(Probability.Sum<T, ProductTerm, ProbabilityDomain, FiniteDomain>(p, f, new Operand(nameof(p)), new Operand(nameof(f))));

    /// <summary>E_p[f] with p a validated distribution.</summary>
    /// <param name="p">The distribution.</param>
    /// <param name="f">f at each outcome; finite.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="ArgumentNullException">p or f is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static double Of(ProbabilityVector p, double[] f)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(f);
        return Of(p.AsSpan(), f);
    }

    /// <summary>The sample average (1/N) Σ x_i.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="values">The N ≥ 1 observed values (for the average of f, pass f(x_i)); finite.</param>
    /// <returns>The average.</returns>
    /// <exception cref="ArgumentException">values is empty, or values[i] is NaN/∞.</exception>
    public static T SampleAverage<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        Guard.NotEmpty(values.Length, nameof(values), "an average needs at least one value");
        var sums = Kernel.Reduce<T, IdentityTerm, FiniteDomain>(values, new Operand(nameof(values)));
        return T.CreateTruncating(sums.Total / values.Length);
    }

    /// <summary>The sample average of f over samples: (1/N) Σ f(x_i).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="samples">The N ≥ 1 samples x_i.</param>
    /// <param name="f">The function; must return finite values.</param>
    /// <returns>The average of f.</returns>
    /// <exception cref="ArgumentNullException">f is null.</exception>
    /// <exception cref="ArgumentException">samples is empty, or f(samples[i]) is NaN/∞ (named with i).</exception>
    public static T SampleAverage<T>(ReadOnlySpan<T> samples, Func<T, T> f) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(samples.Length, nameof(samples), "an average needs at least one value");
        var total = new ScalarNeumaier();
        for (var i = 0; i < samples.Length; i++)
        {
            var value = double.CreateTruncating(f(samples[i]));
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"f(samples[{i}]) = {Format.Number(value)} {FiniteDomain.Problem(value)}; f must return finite values.", nameof(f));
            }

            total.Add(value);
        }

        return T.CreateTruncating(total.Result / samples.Length);
    }
}
