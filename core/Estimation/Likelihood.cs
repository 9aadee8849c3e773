using Functional.Distributions;
using Functional.Numerics;

namespace Functional.Estimation;

/// <summary>
/// The log-likelihood ℓ = Σ ln p(x_i) and the negative log-likelihood of a sample under any distribution — the quantity
/// every estimator here maximises, and (divided by n) the empirical risk of the "−log p" loss.
/// </summary>
/// <remarks>
/// These call the distribution's own compensated kernel (<see cref="IUnivariateDistribution.LogLikelihood"/>) after
/// checking the sample is not empty; a value outside the support is an error (not −∞), as the distributions document.
/// </remarks>
public static class Likelihood
{
    /// <summary>ℓ = Σ ln p(x_i) in nats.</summary>
    /// <param name="distribution">Any univariate distribution.</param>
    /// <param name="sample">At least one value in the support.</param>
    /// <returns>The log-likelihood; −∞ where a value has probability 0 inside the closed support (Bernoulli(0) at 1).</returns>
    /// <exception cref="ArgumentNullException">distribution is null.</exception>
    /// <exception cref="ArgumentException">sample is empty; sample[i] is NaN or outside the support (named with i).</exception>
    public static double Log(IUnivariateDistribution distribution, ReadOnlySpan<double> sample)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        Guard.NotEmpty(sample.Length, nameof(sample), "a likelihood needs at least one observation");
        return distribution.LogLikelihood(sample);
    }

    /// <summary>−ℓ = −Σ ln p(x_i) in nats.</summary>
    /// <param name="distribution">Any univariate distribution.</param>
    /// <param name="sample">At least one value in the support.</param>
    /// <returns>The negative log-likelihood (≥ 0 for discrete families).</returns>
    /// <exception cref="ArgumentNullException">distribution is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Log(IUnivariateDistribution, ReadOnlySpan{double})"/>.</exception>
    public static double NegativeLog(IUnivariateDistribution distribution, ReadOnlySpan<double> sample) => -Log(distribution, sample);

    /// <summary>The mean negative log-likelihood −ℓ/n (nats per observation): the empirical risk of the −log p loss, and the cross-entropy between the sample's empirical distribution and the model.</summary>
    /// <param name="distribution">Any univariate distribution.</param>
    /// <param name="sample">At least one value in the support.</param>
    /// <returns>−ℓ/n.</returns>
    /// <exception cref="ArgumentNullException">distribution is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Log(IUnivariateDistribution, ReadOnlySpan{double})"/>.</exception>
    public static double MeanNegativeLog(IUnivariateDistribution distribution, ReadOnlySpan<double> sample) => -Log(distribution, sample) / sample.Length;

    /// <summary>ℓ = Σ ln p(row) over a row-major batch of vectors.</summary>
    /// <param name="distribution">Any multivariate distribution.</param>
    /// <param name="rows">At least one row of <see cref="IMultivariateDistribution.Dimension"/> values, each in the support.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException">distribution is null.</exception>
    /// <exception cref="ArgumentException">rows is empty or not whole rows; a row outside the support.</exception>
    public static double Log(IMultivariateDistribution distribution, ReadOnlySpan<double> rows)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        Guard.NotEmpty(rows.Length, nameof(rows), "a likelihood needs at least one observation");
        return distribution.LogLikelihood(rows);
    }

    /// <summary>−ℓ over a row-major batch of vectors.</summary>
    /// <param name="distribution">Any multivariate distribution.</param>
    /// <param name="rows">At least one row.</param>
    /// <returns>The negative log-likelihood.</returns>
    /// <exception cref="ArgumentNullException">distribution is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Log(IMultivariateDistribution, ReadOnlySpan{double})"/>.</exception>
    public static double NegativeLog(IMultivariateDistribution distribution, ReadOnlySpan<double> rows) => -Log(distribution, rows);
}
