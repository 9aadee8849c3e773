using System.Text;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The Dirichlet distribution on the probability simplex: p(x) = Π x_i^(α_i − 1) / B(α), B(α) = Π Γ(α_i) / Γ(α₀), α₀ = Σ α_i.</summary>
/// <remarks>As <c>torch.distributions.Dirichlet(concentration)</c> and <c>scipy.stats.dirichlet(alpha)</c>. A point x must be a
/// probability vector (entries in [0, 1] summing to 1 within <see cref="ProbabilityVector.Tolerance{T}"/>); an entry of 0
/// gives ln p = +∞ for α_i &lt; 1, −∞ for α_i &gt; 1. Equality compares every concentration.</remarks>
public sealed record Dirichlet : IMultivariateDistribution
{
    private readonly double[] _alpha;
    private readonly double _logBeta;

    /// <summary>Dirichlet(α).</summary>
    /// <param name="concentration">α, at least two entries, each positive and finite.</param>
    /// <exception cref="ArgumentException">Fewer than two entries.</exception>
    /// <exception cref="ArgumentOutOfRangeException">concentration[i] ≤ 0, NaN or +∞ (named with i).</exception>
    public Dirichlet(ReadOnlySpan<double> concentration)
    {
        _alpha = Check.PositiveEntries(concentration, nameof(concentration), 2);
        Total = Sum(_alpha);
        var sum = default(ScalarNeumaier);
        foreach (var a in _alpha)
        {
            sum.Add(SpecialFunctions.LogGamma(a));
        }

        _logBeta = sum.Result - SpecialFunctions.LogGamma(Total);
    }

    /// <summary>Dirichlet(α) from an array.</summary>
    /// <param name="concentration">α.</param>
    /// <exception cref="ArgumentNullException">concentration is null.</exception>
    /// <exception cref="ArgumentException">As the span form.</exception>
    public Dirichlet(params double[] concentration)
        : this((concentration ?? throw new ArgumentNullException(nameof(concentration))).AsSpan())
    {
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = default(ScalarNeumaier);
        foreach (var v in values)
        {
            sum.Add(v);
        }

        return sum.Result;
    }

    /// <summary>α (read-only).</summary>
    /// <returns>The concentrations.</returns>
    public ReadOnlySpan<double> Concentration() => _alpha;

    /// <summary>α₀ = Σ α_i.</summary>
    public double Total { get; }

    /// <summary>ln B(α) = Σ ln Γ(α_i) − ln Γ(α₀).</summary>
    public double LogBeta => _logBeta;

    /// <summary>k, the number of components.</summary>
    public int Dimension => _alpha.Length;

    /// <summary>ln B(α) + (α₀ − k)ψ(α₀) − Σ (α_i − 1)ψ(α_i) nats (with respect to the Lebesgue measure on the first k − 1 coordinates).</summary>
    public double Entropy
    {
        get
        {
            var sum = default(ScalarNeumaier);
            sum.Add(_logBeta);
            sum.Add((Total - Dimension) * SpecialFunctions.Digamma(Total));
            foreach (var a in _alpha)
            {
                sum.Add(-(a - 1.0) * SpecialFunctions.Digamma(a));
            }

            return sum.Result;
        }
    }

    /// <summary>α_i / α₀.</summary>
    /// <returns>k values summing to 1.</returns>
    public double[] MeanVector()
    {
        var mean = new double[Dimension];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = _alpha[i] / Total;
        }

        return mean;
    }

    /// <summary>Cov_ij = (δ_ij α_i α₀ − α_i α_j) / (α₀²(α₀ + 1)), row-major.</summary>
    /// <returns>k² values.</returns>
    public double[] CovarianceMatrix()
    {
        var d = Dimension;
        var covariance = new double[d * d];
        var denominator = Total * Total * (Total + 1.0);
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                covariance[(i * d) + j] = ((i == j ? _alpha[i] * Total : 0.0) - (_alpha[i] * _alpha[j])) / denominator;
            }
        }

        return covariance;
    }

    /// <inheritdoc/>
    public bool InSupport(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
        {
            return false;
        }

        try
        {
            ProbabilityVector.Create(x);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>ln p(x) = Σ (α_i − 1) ln x_i − ln B(α).</summary>
    /// <param name="x">A probability vector of length k.</param>
    /// <returns>ln p(x); ±∞ at a face of the simplex as the remarks say.</returns>
    /// <exception cref="ArgumentException">x has the wrong length; x[i] is NaN, negative or above 1 (named); x is not normalised.</exception>
    public double LogDensity(ReadOnlySpan<double> x)
    {
        Guard.SameLength(Dimension, x.Length, "concentration", nameof(x));
        Probability.Validate(x, new Operand(nameof(x)));
        var sum = default(ScalarNeumaier);
        for (var i = 0; i < x.Length; i++)
        {
            sum.Add(StableMath.XLogY(_alpha[i] - 1.0, x[i]));
        }

        return sum.Result - _logBeta;
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> rows, Span<double> destination)
    {
        Guard.Rows(rows.Length, Dimension, nameof(rows));
        var n = rows.Length / Dimension;
        Guard.Destination(n, destination.Length);
        for (var r = 0; r < n; r++)
        {
            destination[r] = LogDensityOfRow(rows, r);
        }
    }

    private double LogDensityOfRow(ReadOnlySpan<double> rows, int r)
    {
        var row = rows.Slice(r * Dimension, Dimension);
        Probability.Validate(row, new Operand(nameof(rows), r));
        var sum = default(ScalarNeumaier);
        for (var i = 0; i < row.Length; i++)
        {
            sum.Add(StableMath.XLogY(_alpha[i] - 1.0, row[i]));
        }

        return sum.Result - _logBeta;
    }

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> rows)
    {
        Guard.Rows(rows.Length, Dimension, nameof(rows));
        var sum = default(ScalarNeumaier);
        for (var r = 0; r < rows.Length / Dimension; r++)
        {
            sum.Add(LogDensityOfRow(rows, r));
        }

        return sum.Result;
    }

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> rows) => -LogLikelihood(rows);

    /// <summary>Normalised gammas G_i ~ Gamma(α_i), formed as softmax(ln G) so tiny concentrations do not give 0/0.</summary>
    /// <param name="rng">The generator.</param>
    /// <param name="destination">A whole number of rows of k values.</param>
    /// <returns>The advanced generator.</returns>
    /// <exception cref="ArgumentException">destination is not a whole number of rows.</exception>
    public Rng Sample(Rng rng, Span<double> destination)
    {
        Guard.Rows(destination.Length, Dimension, nameof(destination));
        for (var start = 0; start < destination.Length; start += Dimension)
        {
            var row = destination.Slice(start, Dimension);
            for (var i = 0; i < Dimension; i++)
            {
                (row[i], rng) = rng.LogGammaVariate(_alpha[i]);
            }

            LogSumExp.Softmax<double>(row, row);
        }

        return rng;
    }

    /// <summary>One draw.</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>A probability vector of length k and the advanced generator.</returns>
    public (double[] Value, Rng Next) Sample(Rng rng)
    {
        var value = new double[Dimension];
        var next = Sample(rng, value);
        return (value, next);
    }

    /// <summary>Equal when every concentration is equal.</summary>
    /// <param name="other">The other distribution.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(Dirichlet? other) => other is not null && _alpha.AsSpan().SequenceEqual(other._alpha);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var a in _alpha)
        {
            hash.Add(a);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Concentration = [").AppendJoin(", ", _alpha.Select(Format.Number)).Append(']');
        return true;
    }
}
