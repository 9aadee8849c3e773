using System.Text;
using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>The multivariate normal N(μ, Σ) on ℝ^d with a full covariance, held through its Cholesky factor Σ = LLᵀ.</summary>
/// <remarks>As <c>torch.distributions.MultivariateNormal(loc, covariance_matrix)</c> and <c>scipy.stats.multivariate_normal</c>
/// (which, unlike this type, accepts singular covariances with <c>allow_singular</c>). Σ must be symmetric to within
/// 1e-12·√(Σ_ii Σ_jj) (the lower triangle is used) and positive definite. Matrices are row-major spans of d² values.
/// Equality compares the mean and covariance entry by entry.</remarks>
public sealed record MultivariateGaussian : IMultivariateDistribution
{
    private const double SymmetryTolerance = 1e-12;

    private readonly double[] _mean;
    private readonly double[] _covariance;
    private readonly double[] _cholesky;
    private readonly double _logDeterminant;

    /// <summary>N(mean, covariance).</summary>
    /// <param name="mean">μ, d ≥ 1 finite values.</param>
    /// <param name="covariance">Σ, d² values row-major, finite, symmetric, positive definite.</param>
    /// <exception cref="ArgumentException">mean is empty; covariance does not have d² entries; an entry is NaN or ±∞
    /// (named); Σ is not symmetric (the pair named) or not positive definite (the failing Cholesky pivot named).</exception>
    public MultivariateGaussian(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance)
    {
        Guard.NotEmpty(mean.Length, nameof(mean), "a distribution on ℝ^d needs d ≥ 1");
        var d = mean.Length;
        if (covariance.Length != d * d)
        {
            throw new ArgumentException($"covariance has {covariance.Length} entries; a {d}-dimensional mean needs {d * d} (d × d, row-major).", nameof(covariance));
        }

        for (var i = 0; i < d; i++)
        {
            if (!double.IsFinite(mean[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(mean), mean[i], $"mean[{i}] = {Format.Number(mean[i])} must be finite.");
            }
        }

        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var c = covariance[(i * d) + j];
                if (!double.IsFinite(c))
                {
                    throw new ArgumentOutOfRangeException(nameof(covariance), c, $"covariance[{i}, {j}] = {Format.Number(c)} must be finite.");
                }

                var mirror = covariance[(j * d) + i];
                if (j < i && !(Math.Abs(c - mirror) <= SymmetryTolerance * Math.Sqrt(Math.Abs(covariance[(i * d) + i] * covariance[(j * d) + j]))))
                {
                    throw new ArgumentException(
                        $"covariance is not symmetric: covariance[{i}, {j}] = {Format.Number(c)} but covariance[{j}, {i}] = {Format.Number(mirror)}.",
                        nameof(covariance));
                }
            }
        }

        _mean = mean.ToArray();
        _covariance = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                _covariance[(i * d) + j] = _covariance[(j * d) + i] = covariance[(i * d) + j];
            }
        }

        _cholesky = Cholesky.Factor(_covariance, d, nameof(covariance));
        _logDeterminant = Cholesky.LogDeterminant(_cholesky, d);
    }

    /// <summary>N(mean, covariance) from arrays.</summary>
    /// <param name="mean">μ.</param>
    /// <param name="covariance">Σ as a d × d array.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">covariance is not d × d; otherwise as the span constructor.</exception>
    public MultivariateGaussian(double[] mean, double[,] covariance)
        : this((mean ?? throw new ArgumentNullException(nameof(mean))).AsSpan(), Flatten(covariance, mean.Length))
    {
    }

    private static double[] Flatten(double[,] covariance, int d)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        if (covariance.GetLength(0) != d || covariance.GetLength(1) != d)
        {
            throw new ArgumentException(
                $"covariance is {covariance.GetLength(0)} × {covariance.GetLength(1)}; a {d}-dimensional mean needs {d} × {d}.", nameof(covariance));
        }

        var flat = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                flat[(i * d) + j] = covariance[i, j];
            }
        }

        return flat;
    }

    /// <summary>d.</summary>
    public int Dimension => _mean.Length;

    /// <summary>μ (read-only).</summary>
    /// <returns>d values.</returns>
    public ReadOnlySpan<double> Mean() => _mean;

    /// <summary>Σ (read-only, row-major, exactly symmetric).</summary>
    /// <returns>d² values.</returns>
    public ReadOnlySpan<double> Covariance() => _covariance;

    /// <summary>The lower-triangular Cholesky factor L, Σ = LLᵀ (read-only, row-major).</summary>
    /// <returns>d² values, zero above the diagonal.</returns>
    public ReadOnlySpan<double> CholeskyFactor() => _cholesky;

    /// <summary>ln det Σ = 2 Σ ln L_ii.</summary>
    public double LogDeterminant => _logDeterminant;

    /// <summary>½ d (1 + ln 2π) + ½ ln det Σ nats.</summary>
    public double Entropy => (0.5 * Dimension * (1.0 + (2.0 * SpecialFunctions.HalfLogTwoPi))) + (0.5 * _logDeterminant);

    /// <inheritdoc/>
    public double[] MeanVector() => (double[])_mean.Clone();

    /// <inheritdoc/>
    public double[] CovarianceMatrix() => (double[])_covariance.Clone();

    /// <inheritdoc/>
    public bool InSupport(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
        {
            return false;
        }

        foreach (var v in x)
        {
            if (double.IsNaN(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ln p(x) = −½[d ln 2π + ln det Σ + ‖L⁻¹(x − μ)‖²].</summary>
    /// <param name="x">d values, none NaN.</param>
    /// <returns>ln p(x).</returns>
    /// <exception cref="ArgumentException">x has the wrong length, or x[i] is NaN (named).</exception>
    public double LogDensity(ReadOnlySpan<double> x)
    {
        Guard.SameLength(Dimension, x.Length, "mean", nameof(x));
        return LogDensityOfRow(x, new Operand(nameof(x)));
    }

    private double LogDensityOfRow(ReadOnlySpan<double> x, Operand name)
    {
        var d = Dimension;
        Span<double> z = d <= 64 ? stackalloc double[d] : new double[d];
        for (var i = 0; i < d; i++)
        {
            if (double.IsNaN(x[i]))
            {
                throw new ArgumentException($"{name.Element(i)} is NaN.", name.Name);
            }

            z[i] = x[i] - _mean[i];
        }

        Cholesky.SolveLower(_cholesky, d, z);
        var squared = 0.0;
        foreach (var v in z)
        {
            squared += v * v;
        }

        return -0.5 * ((2.0 * d * SpecialFunctions.HalfLogTwoPi) + _logDeterminant + squared);
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> rows, Span<double> destination)
    {
        Guard.Rows(rows.Length, Dimension, nameof(rows));
        var n = rows.Length / Dimension;
        Guard.Destination(n, destination.Length);
        for (var r = 0; r < n; r++)
        {
            destination[r] = LogDensityOfRow(rows.Slice(r * Dimension, Dimension), new Operand(nameof(rows), r));
        }
    }

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> rows)
    {
        Guard.Rows(rows.Length, Dimension, nameof(rows));
        var sum = default(ScalarNeumaier);
        for (var r = 0; r < rows.Length / Dimension; r++)
        {
            sum.Add(LogDensityOfRow(rows.Slice(r * Dimension, Dimension), new Operand(nameof(rows), r)));
        }

        return sum.Result;
    }

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> rows) => -LogLikelihood(rows);

    /// <summary>μ + Lz with z a vector of standard normals.</summary>
    /// <param name="rng">The generator.</param>
    /// <param name="destination">A whole number of rows of d values.</param>
    /// <returns>The advanced generator.</returns>
    /// <exception cref="ArgumentException">destination is not a whole number of rows.</exception>
    public Rng Sample(Rng rng, Span<double> destination)
    {
        var d = Dimension;
        Guard.Rows(destination.Length, d, nameof(destination));
        Span<double> z = d <= 64 ? stackalloc double[d] : new double[d];
        for (var start = 0; start < destination.Length; start += d)
        {
            rng = rng.FillNormal(z);
            for (var i = 0; i < d; i++)
            {
                var s = _mean[i];
                for (var k = 0; k <= i; k++)
                {
                    s += _cholesky[(i * d) + k] * z[k];
                }

                destination[start + i] = s;
            }
        }

        return rng;
    }

    /// <summary>One draw.</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>d values and the advanced generator.</returns>
    public (double[] Value, Rng Next) Sample(Rng rng)
    {
        var value = new double[Dimension];
        var next = Sample(rng, value);
        return (value, next);
    }

    /// <summary>Equal when mean and covariance are equal entry by entry.</summary>
    /// <param name="other">The other distribution.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(MultivariateGaussian? other)
        => other is not null && _mean.AsSpan().SequenceEqual(other._mean) && _covariance.AsSpan().SequenceEqual(other._covariance);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in _mean)
        {
            hash.Add(v);
        }

        foreach (var v in _covariance)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Mean = [").AppendJoin(", ", _mean.Select(Format.Number))
            .Append("], Covariance = [").AppendJoin(", ", _covariance.Select(Format.Number)).Append(']');
        return true;
    }
}
