using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>Entropy −E[ln p(X)] estimated without the closed form: by Monte-Carlo (any distribution) and by quadrature (continuous, 1-D) —
/// the cross-checks of every closed-form <c>Entropy</c>.</summary>
public static class DistributionEntropy
{
    /// <summary>−(1/n) Σ ln p(x_i) over n draws x_i ~ p, with its standard error.</summary>
    /// <param name="distribution">p.</param>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="rng">The generator.</param>
    /// <returns>The estimate, its standard error and the advanced generator.</returns>
    /// <exception cref="ArgumentNullException">distribution is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">samples &lt; 2.</exception>
    public static MonteCarloEstimate MonteCarlo(IUnivariateDistribution distribution, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        Distributions.Samples.Check(samples);
        Span<double> x = stackalloc double[Distributions.Samples.Chunk];
        Span<double> logP = stackalloc double[Distributions.Samples.Chunk];
        var welford = default(Welford);
        for (var done = 0; done < samples; done += x.Length)
        {
            var n = Math.Min(x.Length, samples - done);
            rng = distribution.Sample(rng, x[..n]);
            distribution.LogDensity(x[..n], logP);
            for (var i = 0; i < n; i++)
            {
                welford.Add(-logP[i]);
            }
        }

        return welford.Estimate(rng);
    }

    /// <summary>−(1/n) Σ ln p(x_i) for a multivariate distribution.</summary>
    /// <param name="distribution">p.</param>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="rng">The generator.</param>
    /// <returns>The estimate, its standard error and the advanced generator.</returns>
    /// <exception cref="ArgumentNullException">distribution is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">samples &lt; 2.</exception>
    public static MonteCarloEstimate MonteCarlo(IMultivariateDistribution distribution, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        Distributions.Samples.Check(samples);
        var x = new double[distribution.Dimension];
        var welford = default(Welford);
        for (var i = 0; i < samples; i++)
        {
            rng = distribution.Sample(rng, x);
            welford.Add(-distribution.LogDensity(x));
        }

        return welford.Estimate(rng);
    }

    /// <summary>−∫ p ln p over the support by <see cref="Quadrature"/>, centred on the mean with the standard deviation as scale.</summary>
    /// <param name="distribution">A continuous p.</param>
    /// <param name="relativeTolerance">Passed to the quadrature.</param>
    /// <returns>The integral with its error estimate.</returns>
    /// <exception cref="ArgumentNullException">distribution is null.</exception>
    /// <exception cref="ArgumentException">distribution is discrete.</exception>
    public static QuadratureResult ByQuadrature(IUnivariateDistribution distribution, double relativeTolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (distribution.IsDiscrete)
        {
            throw new ArgumentException($"{distribution.GetType().Name} is discrete; quadrature integrates densities.", nameof(distribution));
        }

        return Quadrature.Integrate(
            x =>
            {
                var logP = distribution.LogDensity(x);
                return double.IsNegativeInfinity(logP) ? 0.0 : -Math.Exp(logP) * logP;
            },
            distribution.SupportMinimum, distribution.SupportMaximum, distribution.Mean, Scale(distribution), relativeTolerance);
    }

    /// <summary>The standard deviation as the quadrature's width; the mean (or 1) where the variance is not finite and positive.</summary>
    internal static double Scale(IUnivariateDistribution distribution)
    {
        var sd = Math.Sqrt(distribution.Variance);
        if (double.IsFinite(distribution.SupportMinimum) ^ double.IsFinite(distribution.SupportMaximum))
        {
            // exp-sinh starts at the finite end: the distance to the mean is the natural width.
            var width = double.IsFinite(distribution.SupportMinimum) ? distribution.Mean - distribution.SupportMinimum : distribution.SupportMaximum - distribution.Mean;
            return width > 0.0 && double.IsFinite(width) ? width : 1.0;
        }

        return sd > 0.0 && double.IsFinite(sd) ? sd : 1.0;
    }
}
