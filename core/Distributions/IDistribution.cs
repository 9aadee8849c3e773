using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>
/// A distribution on the real line (continuous, or discrete with values held as whole doubles): what the estimators,
/// the Monte-Carlo KL and the quadrature need — log-density, moments, entropy and sampling from an explicit generator.
/// </summary>
/// <remarks>
/// For a discrete distribution "density" means the probability mass and <see cref="LogDensity(double)"/> is the
/// log-probability. Log-densities are natural logarithms; entropy is in nats. Values outside the support (and NaN) are
/// rejected with an <see cref="ArgumentException"/> rather than given density 0, so a data error is never silently a
/// log-likelihood of −∞; ask <see cref="InSupport"/> first where −∞ is what you want.
/// </remarks>
public interface IUnivariateDistribution
{
    /// <summary>Whether the values are whole numbers (Bernoulli, Categorical, Poisson) and the density is a mass.</summary>
    bool IsDiscrete { get; }

    /// <summary>The smallest value of the support (−∞ when unbounded below).</summary>
    double SupportMinimum { get; }

    /// <summary>The largest value of the support (+∞ when unbounded above).</summary>
    double SupportMaximum { get; }

    /// <summary>E[X].</summary>
    double Mean { get; }

    /// <summary>Var[X] = E[(X − E X)²].</summary>
    double Variance { get; }

    /// <summary>The (differential, for continuous families) entropy −E[ln p(X)] in nats.</summary>
    double Entropy { get; }

    /// <summary>Whether x is a value the distribution can produce (NaN never is).</summary>
    /// <param name="x">The value.</param>
    /// <returns>True inside the support.</returns>
    bool InSupport(double x);

    /// <summary>ln p(x): the log-density, or the log-probability for a discrete family.</summary>
    /// <param name="x">A value in the support.</param>
    /// <returns>ln p(x); may be −∞ where the density is 0 inside the closed support (e.g. Bernoulli(0) at 1) or +∞ at an
    /// unbounded edge (Beta with a shape below 1 at 0 or 1).</returns>
    /// <exception cref="ArgumentException">x is NaN or outside the support.</exception>
    double LogDensity(double x);

    /// <summary>ln p(x_i) for every x_i, written to destination[i].</summary>
    /// <param name="x">Values in the support.</param>
    /// <param name="destination">At least x.Length entries.</param>
    /// <exception cref="ArgumentException">destination is too short; x[i] is NaN or outside the support (named with i).</exception>
    void LogDensity(ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>p(x) = exp(ln p(x)).</summary>
    /// <param name="x">A value in the support.</param>
    /// <returns>The density (or probability).</returns>
    /// <exception cref="ArgumentException">x is NaN or outside the support.</exception>
    double Density(double x);

    /// <summary>The log-likelihood Σ ln p(x_i) of a sample (compensated sum); 0 for an empty sample (the empty product is 1).</summary>
    /// <param name="sample">Values in the support.</param>
    /// <returns>Σ ln p(x_i).</returns>
    /// <exception cref="ArgumentException">sample[i] is NaN or outside the support.</exception>
    double LogLikelihood(ReadOnlySpan<double> sample);

    /// <summary>The negative log-likelihood −Σ ln p(x_i).</summary>
    /// <param name="sample">Values in the support.</param>
    /// <returns>−Σ ln p(x_i).</returns>
    /// <exception cref="ArgumentException">sample[i] is NaN or outside the support.</exception>
    double NegativeLogLikelihood(ReadOnlySpan<double> sample);

    /// <summary>One draw.</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The value and the advanced generator.</returns>
    (double Value, Rng Next) Sample(Rng rng);

    /// <summary>Fills destination with independent draws.</summary>
    /// <param name="rng">The generator.</param>
    /// <param name="destination">The draws to write.</param>
    /// <returns>The advanced generator.</returns>
    Rng Sample(Rng rng, Span<double> destination);
}

/// <summary>A distribution of vectors in ℝ^d (Dirichlet, MultivariateGaussian); vectors are spans of length <see cref="Dimension"/>, batches row-major.</summary>
public interface IMultivariateDistribution
{
    /// <summary>d, the length of each vector.</summary>
    int Dimension { get; }

    /// <summary>The entropy −E[ln p(X)] in nats.</summary>
    double Entropy { get; }

    /// <summary>E[X] (a copy).</summary>
    /// <returns>d values.</returns>
    double[] MeanVector();

    /// <summary>Cov[X] (a copy), row-major d × d.</summary>
    /// <returns>d² values.</returns>
    double[] CovarianceMatrix();

    /// <summary>Whether x is a value the distribution can produce.</summary>
    /// <param name="x">d values.</param>
    /// <returns>True inside the support; false for a wrong length.</returns>
    bool InSupport(ReadOnlySpan<double> x);

    /// <summary>ln p(x).</summary>
    /// <param name="x">d values in the support.</param>
    /// <returns>ln p(x).</returns>
    /// <exception cref="ArgumentException">x has the wrong length, or is outside the support (named with the index).</exception>
    double LogDensity(ReadOnlySpan<double> x);

    /// <summary>ln p of each row of a row-major batch.</summary>
    /// <param name="rows">n·d values.</param>
    /// <param name="destination">At least n entries.</param>
    /// <exception cref="ArgumentException">rows is not a whole number of rows; destination too short; a row outside the support.</exception>
    void LogDensity(ReadOnlySpan<double> rows, Span<double> destination);

    /// <summary>Σ ln p(row) over a row-major batch; 0 for an empty batch.</summary>
    /// <param name="rows">n·d values.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentException">As <see cref="LogDensity(ReadOnlySpan{double}, Span{double})"/>.</exception>
    double LogLikelihood(ReadOnlySpan<double> rows);

    /// <summary>−Σ ln p(row).</summary>
    /// <param name="rows">n·d values.</param>
    /// <returns>The negative log-likelihood.</returns>
    /// <exception cref="ArgumentException">As <see cref="LogDensity(ReadOnlySpan{double}, Span{double})"/>.</exception>
    double NegativeLogLikelihood(ReadOnlySpan<double> rows);

    /// <summary>Fills a row-major destination (a whole number of rows) with independent draws.</summary>
    /// <param name="rng">The generator.</param>
    /// <param name="destination">n·d values to write.</param>
    /// <returns>The advanced generator.</returns>
    /// <exception cref="ArgumentException">destination is not a whole number of rows.</exception>
    Rng Sample(Rng rng, Span<double> destination);
}

/// <summary>The per-family kernel the shared span loops call: ln p(x), or NaN for a value outside the support.</summary>
internal interface ILogDensityKernel
{
    /// <summary>ln p(x) inside the support; NaN outside it or for NaN.</summary>
    double LogDensityOrNaN(double x);

    /// <summary>"[0, ∞)", "{0, 1}", …, for messages.</summary>
    string SupportText { get; }
}
