using Functional.Models.Data;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>
/// Standardisation z = (x − μ_j)/s_j per feature column, with μ_j the mean and s_j the population standard deviation
/// (divisor n, as scikit-learn's StandardScaler) of the training data — fit on the training set only, then applied
/// unchanged to validation and test data, so no information leaks from them.
/// </summary>
/// <remarks>A constant training column (all values equal, checked exactly as max = min) gets μ = that value and s = 1, so it
/// becomes exactly 0 rather than 0/0 (scikit-learn also uses scale 1 there).</remarks>
public sealed record Standardizer
{
    private readonly double[] _means;
    private readonly double[] _scales;

    private Standardizer(double[] means, double[] scales)
    {
        _means = means;
        _scales = scales;
    }

    /// <summary>The number of feature columns.</summary>
    public int Columns => _means.Length;

    /// <summary>μ_j, the training means.</summary>
    public ReadOnlySpan<double> Means => _means;

    /// <summary>s_j, the training standard deviations (1 for constant columns).</summary>
    public ReadOnlySpan<double> Scales => _scales;

    /// <summary>Fits μ and s on training data (two passes: the mean, then the mean squared deviation).</summary>
    /// <param name="training">The training set.</param>
    /// <returns>The transform.</returns>
    public static Standardizer Fit(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var n = training.Rows;
        var d = training.Columns;
        var means = new double[d];
        var scales = new double[d];
        var features = training.Features;
        for (var j = 0; j < d; j++)
        {
            var sum = new ScalarNeumaier();
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (var r = 0; r < n; r++)
            {
                var v = features[(r * d) + j];
                sum.Add(v);
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }

            if (lo == hi)
            {
                means[j] = lo;
                scales[j] = 1.0;
                continue;
            }

            var mean = sum.Result / n;
            var squares = new ScalarNeumaier();
            for (var r = 0; r < n; r++)
            {
                var e = features[(r * d) + j] - mean;
                squares.Add(e * e);
            }

            means[j] = mean;
            var scale = Math.Sqrt(squares.Result / n);
            scales[j] = scale > 0.0 ? scale : 1.0;
        }

        return new Standardizer(means, scales);
    }

    /// <summary>destination = (features − μ)/s, row by row.</summary>
    /// <param name="features">Rows of <see cref="Columns"/> values, row-major.</param>
    /// <param name="destination">Receives the standardised rows; may be the same memory as features.</param>
    /// <exception cref="ArgumentException">features is not whole rows of Columns, or destination is too short.</exception>
    public void Apply(ReadOnlySpan<double> features, Span<double> destination)
    {
        var rows = LinearModel.RowsOf(features.Length, Columns, 0);
        Guard.Destination(features.Length, destination.Length, nameof(destination));
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < Columns; j++)
            {
                var i = (r * Columns) + j;
                destination[i] = (features[i] - _means[j]) / _scales[j];
            }
        }
    }

    /// <summary>The data set with standardised features (targets kept).</summary>
    /// <param name="data">Data with <see cref="Columns"/> columns.</param>
    /// <returns>A new data set.</returns>
    /// <exception cref="ArgumentException">The column counts differ.</exception>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        LinearModel.CheckColumns(data.Columns, Columns);
        var features = new double[data.Features.Length];
        Apply(data.Features, features);
        return new Dataset(features, Columns, data.Targets);
    }

    /// <summary>Equal columns, means and scales.</summary>
    /// <param name="other">The other transform.</param>
    /// <returns>Whether they are the same transform.</returns>
    public bool Equals(Standardizer? other)
        => other is not null && _means.AsSpan().SequenceEqual(other._means) && _scales.AsSpan().SequenceEqual(other._scales);

    /// <summary>A hash of the column count.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => Columns;
}
