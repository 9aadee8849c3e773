using System.Text;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The categorical distribution on {0, 1, …, k − 1}: P(j) = p_j.</summary>
/// <remarks>Holds the probabilities (a validated <see cref="ProbabilityVector"/>) and their logarithms. <see cref="FromLogits(ReadOnlySpan{double})"/>
/// computes ln p_j = ℓ_j − LSE(ℓ) by log-softmax with the max shift, never the log of an underflowed probability:
/// ln P(1) = −2000 for logits [1000, −1000]. Equality compares every probability.</remarks>
public sealed record Categorical : IUnivariateDistribution, ILogDensityKernel
{
    private readonly double[] _logProbabilities;

    private Categorical(ProbabilityVector probabilities, double[] logProbabilities)
    {
        Probabilities = probabilities;
        _logProbabilities = logProbabilities;
    }

    /// <summary>Categorical(p).</summary>
    /// <param name="probabilities">A validated probability vector.</param>
    /// <exception cref="ArgumentNullException">probabilities is null.</exception>
    public Categorical(ProbabilityVector probabilities)
        : this(probabilities ?? throw new ArgumentNullException(nameof(probabilities)), LogsOf(probabilities))
    {
    }

    private static double[] LogsOf(ProbabilityVector p)
    {
        var logs = new double[p.Count];
        for (var j = 0; j < logs.Length; j++)
        {
            logs[j] = Math.Log(p[j]);
        }

        return logs;
    }

    /// <summary>Categorical from probabilities.</summary>
    /// <param name="p">Entries in [0, 1] summing to 1 within <see cref="ProbabilityVector.Tolerance{T}"/>.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">p is empty; p[j] is NaN, ±∞, negative or above 1 (named); p is not normalised.</exception>
    public static Categorical FromProbabilities(ReadOnlySpan<double> p) => new(ProbabilityVector.Create(p));

    /// <summary>Categorical from logits: p = softmax(ℓ), ln p = log-softmax(ℓ) computed directly.</summary>
    /// <param name="logits">At least one value, each finite or −∞ (an impossible category); not all −∞.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">logits is empty; logits[j] is NaN or +∞ (named); every logit is −∞.</exception>
    public static Categorical FromLogits(ReadOnlySpan<double> logits)
    {
        Guard.NotEmpty(logits.Length, nameof(logits), "a categorical distribution needs at least one category");
        var anyFinite = false;
        for (var j = 0; j < logits.Length; j++)
        {
            if (double.IsNaN(logits[j]) || double.IsPositiveInfinity(logits[j]))
            {
                throw new ArgumentException($"logits[{j}] = {Format.Number(logits[j])} must be finite or −∞.", nameof(logits));
            }

            anyFinite |= double.IsFinite(logits[j]);
        }

        if (!anyFinite)
        {
            throw new ArgumentException("Every logit is −∞; there is no category with positive probability.", nameof(logits));
        }

        var logs = new double[logits.Length];
        LogSumExp.LogSoftmax(logits, logs);
        var probabilities = new double[logs.Length];
        for (var j = 0; j < logs.Length; j++)
        {
            probabilities[j] = Math.Exp(logs[j]);
        }

        return new Categorical(ProbabilityVector.Create(probabilities), logs);
    }

    /// <summary>Categorical from logits given as an array; see <see cref="FromLogits(ReadOnlySpan{double})"/>.</summary>
    /// <param name="logits">The logits.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentNullException">logits is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public static Categorical FromLogits(double[] logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        return FromLogits(logits.AsSpan());
    }

    /// <summary>The probabilities p_0 … p_(k−1).</summary>
    public ProbabilityVector Probabilities { get; }

    /// <summary>k, the number of categories.</summary>
    public int Count => Probabilities.Count;

    /// <summary>ln p_0 … ln p_(k−1) (−∞ for an impossible category).</summary>
    /// <returns>A read-only span over the stored logarithms.</returns>
    public ReadOnlySpan<double> LogProbabilities() => _logProbabilities;

    /// <summary>E[J] = Σ j p_j, the mean category index.</summary>
    public double Mean
    {
        get
        {
            var sum = default(ScalarNeumaier);
            for (var j = 1; j < Count; j++)
            {
                sum.Add(j * Probabilities[j]);
            }

            return sum.Result;
        }
    }

    /// <summary>Var[J] = Σ (j − E J)² p_j.</summary>
    public double Variance
    {
        get
        {
            var mean = Mean;
            var sum = default(ScalarNeumaier);
            for (var j = 0; j < Count; j++)
            {
                sum.Add((j - mean) * (j - mean) * Probabilities[j]);
            }

            return sum.Result;
        }
    }

    /// <summary>−Σ p_j ln p_j nats from the stored logarithms (0·ln 0 = 0); at most ln k.</summary>
    public double Entropy
    {
        get
        {
            var sum = default(ScalarNeumaier);
            for (var j = 0; j < Count; j++)
            {
                if (Probabilities[j] > 0.0)
                {
                    sum.Add(-Probabilities[j] * _logProbabilities[j]);
                }
            }

            return sum.Result;
        }
    }

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <inheritdoc/>
    public double SupportMinimum => 0.0;

    /// <inheritdoc/>
    public double SupportMaximum => Count - 1;

    string ILogDensityKernel.SupportText => Count == 1 ? "{0}" : $"{{0, …, {Count - 1}}}";

    /// <inheritdoc/>
    public bool InSupport(double x) => x >= 0.0 && x < Count && Univariate.IsWhole(x);

    /// <summary>ln P(J = x) = ln p_x.</summary>
    /// <param name="x">A category index 0 … k − 1 held as a whole double.</param>
    /// <returns>ln p_x (−∞ for an impossible category).</returns>
    /// <exception cref="ArgumentException">x is not a whole number in 0 … k − 1.</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    /// <summary>ln P(J = j) = ln p_j.</summary>
    /// <param name="j">A category index 0 … k − 1.</param>
    /// <returns>ln p_j.</returns>
    /// <exception cref="ArgumentException">j is outside 0 … k − 1.</exception>
    public double LogProbability(int j) => Univariate.LogDensity(this, j, nameof(j));

    double ILogDensityKernel.LogDensityOrNaN(double x) => InSupport(x) ? _logProbabilities[(int)x] : double.NaN;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>An index by inversion of the cumulative probabilities (<see cref="Rng.NextCategorical"/>).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The index (as a whole double) and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng)
    {
        var (j, next) = rng.NextCategorical(Probabilities.AsSpan());
        return (j, next);
    }

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);

    /// <summary>Equal when the probabilities are equal entry by entry.</summary>
    /// <param name="other">The other distribution.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(Categorical? other) => other is not null && Probabilities.Equals(other.Probabilities);

    /// <inheritdoc/>
    public override int GetHashCode() => Probabilities.GetHashCode();

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Probabilities = ").Append(Probabilities);
        return true;
    }
}
