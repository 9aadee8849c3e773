using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Functional.Numerics;

namespace Functional.Models.Data;

/// <summary>
/// A validated, immutable data set: <see cref="Rows"/> samples of <see cref="Columns"/> features (row-major) and one
/// target each (a real value, or a class index stored as a whole number). Every value is finite — checked once, here.
/// </summary>
/// <remarks>The constructor copies its inputs, so the caller's arrays may change afterwards. Two data sets are equal when
/// their shapes and every value are equal.</remarks>
public sealed record Dataset
{
    private readonly double[] _features;
    private readonly double[] _targets;

    /// <summary>Creates a data set from row-major features and targets (copied).</summary>
    /// <param name="features">targets.Length rows of <paramref name="columns"/> values, row-major; finite.</param>
    /// <param name="columns">The number of features per row, ≥ 0.</param>
    /// <param name="targets">One finite target per row; at least one row.</param>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 0.</exception>
    /// <exception cref="ArgumentException">features is not targets.Length whole rows; no rows (empty data); a feature
    /// (<c>features[3, 2] = NaN is not finite.</c>) or target (<c>targets[5] = ∞ is not finite.</c>) is NaN or infinite.</exception>
    public Dataset(ReadOnlySpan<double> features, int columns, ReadOnlySpan<double> targets)
    {
        if (columns < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns = {columns}; a data set has at least 0 feature columns.");
        }

        LinearModel.CheckRows(features.Length, columns, targets.Length);
        Guard.NotEmpty(targets.Length, nameof(targets), "a data set needs at least one row");
        for (var i = 0; i < features.Length; i++)
        {
            if (!double.IsFinite(features[i]))
            {
                throw Guard.InvalidElement(new Operand(nameof(features), i / columns), i % columns, features[i], "is not finite");
            }
        }

        for (var i = 0; i < targets.Length; i++)
        {
            if (!double.IsFinite(targets[i]))
            {
                throw Guard.InvalidElement(new Operand(nameof(targets)), i, targets[i], "is not finite");
            }
        }

        Columns = columns;
        _features = features.ToArray();
        _targets = targets.ToArray();
    }

    /// <summary>The number of samples, ≥ 1.</summary>
    public int Rows => _targets.Length;

    /// <summary>The number of features per sample, ≥ 0.</summary>
    public int Columns { get; }

    /// <summary>All features, row-major (Rows × Columns).</summary>
    public ReadOnlySpan<double> Features => _features;

    /// <summary>The targets, one per row.</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>The features of one row.</summary>
    /// <param name="row">0 ≤ row &lt; Rows.</param>
    /// <returns>Columns values.</returns>
    /// <exception cref="ArgumentOutOfRangeException">row is outside [0, Rows).</exception>
    public ReadOnlySpan<double> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"row = {row}; the data set has rows 0 … {Rows - 1}.");
        }

        return _features.AsSpan(row * Columns, Columns);
    }

    /// <summary>The targets as class indices, each a whole number in [0, classes).</summary>
    /// <param name="classes">The number of classes, ≥ 1.</param>
    /// <returns>A new array of Rows labels.</returns>
    /// <exception cref="ArgumentOutOfRangeException">classes &lt; 1.</exception>
    /// <exception cref="ArgumentException">A target is not a whole number in [0, classes): <c>targets[7] = 3 is not a class index in [0, 3).</c></exception>
    public int[] Labels(int classes)
    {
        Regularizer.AtLeastOne(classes, nameof(classes));
        var labels = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var t = _targets[i];
            if (!(t >= 0.0 && t < classes && t == Math.Floor(t)))
            {
                throw Guard.InvalidElement(new Operand("targets"), i, t, $"is not a class index in [0, {classes})");
            }

            labels[i] = (int)t;
        }

        return labels;
    }

    /// <summary>The number of classes the targets name: 1 + the largest target, all of them whole numbers ≥ 0.</summary>
    /// <returns>The class count.</returns>
    /// <exception cref="ArgumentException">A target is negative or not a whole number (or above 2^30).</exception>
    public int ClassCount()
    {
        var max = 0.0;
        for (var i = 0; i < Rows; i++)
        {
            var t = _targets[i];
            if (!(t >= 0.0 && t <= (1 << 30) && t == Math.Floor(t)))
            {
                throw Guard.InvalidElement(new Operand("targets"), i, t, "is not a class index (a whole number ≥ 0)");
            }

            max = Math.Max(max, t);
        }

        return (int)max + 1;
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order (repeats allowed), as a new data set.</summary>
    /// <param name="indices">Row indices in [0, Rows); at least one.</param>
    /// <returns>The subset.</returns>
    /// <exception cref="ArgumentException">indices is empty, or an index is outside [0, Rows).</exception>
    public Dataset Select(ReadOnlySpan<int> indices)
    {
        var features = new double[indices.Length * Columns];
        var targets = new double[indices.Length];
        Gather(indices, features, targets);
        return new Dataset(features, Columns, targets);
    }

    /// <summary>Copies the rows at <paramref name="indices"/> into caller-provided buffers: a mini-batch without allocating.</summary>
    /// <param name="indices">Row indices in [0, Rows).</param>
    /// <param name="features">Receives indices.Length rows, row-major; at least indices.Length × Columns entries.</param>
    /// <param name="targets">Receives indices.Length targets.</param>
    /// <exception cref="ArgumentException">A destination is too short, or an index is outside [0, Rows).</exception>
    public void Gather(ReadOnlySpan<int> indices, Span<double> features, Span<double> targets)
    {
        Guard.Destination(indices.Length * Columns, features.Length, nameof(features));
        Guard.Destination(indices.Length, targets.Length, nameof(targets));
        for (var k = 0; k < indices.Length; k++)
        {
            var r = indices[k];
            if ((uint)r >= (uint)Rows)
            {
                throw new ArgumentException($"indices[{k}] = {r} is not a row of the data set (0 … {Rows - 1}).", nameof(indices));
            }
        }

        CopyRows(indices, features, targets);
    }

    /// <summary>How many rows ahead <see cref="CopyRows"/> asks for a row to be loaded: enough misses in flight to cover
    /// a load from memory, few enough that the hints do not queue behind each other.</summary>
    private const int CopyAhead = 32;

    /// <summary>
    /// <see cref="Gather"/> without the checks (the caller guarantees indices in [0, Rows) and room in the destinations):
    /// each row is asked for <see cref="CopyAhead"/> rows before it is copied, into the second-level cache, so random rows
    /// of a large data set arrive while earlier ones are copied instead of one cache miss after another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal unsafe void CopyRows(ReadOnlySpan<int> indices, Span<double> features, Span<double> targets)
    {
        var columns = Columns;
        var bytes = columns * sizeof(double);
        var count = indices.Length;
        var hint = Sse.IsSupported && bytes != 0;
        fixed (double* x = _features)
        fixed (double* t = _targets)
        fixed (double* f = features)
        {
            for (var k = 0; hint && k < Math.Min(CopyAhead, count); k++)
            {
                HintRow((byte*)(x + ((long)indices[k] * columns)), bytes, firstLevel: false);
            }

            for (var k = 0; k < count; k++)
            {
                if (hint && k + CopyAhead < count)
                {
                    var ahead = indices[k + CopyAhead];
                    HintRow((byte*)(x + ((long)ahead * columns)), bytes, firstLevel: false);
                    Sse.Prefetch1(t + ahead);
                }

                var r = indices[k];
                Buffer.MemoryCopy(x + ((long)r * columns), f + ((long)k * columns), bytes, bytes);
                targets[k] = _targets[r];
            }
        }
    }

    /// <summary>Asks the processor to start loading one row and its target into the first-level cache (a hint: no effect on
    /// any value), for per-sample SGD, which reads both a few steps later.</summary>
    /// <param name="row">A row index in [0, Rows); others are skipped.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal unsafe void PrefetchRow(int row)
    {
        if (!Sse.IsSupported || (uint)row >= (uint)Rows)
        {
            return;
        }

        fixed (double* x = _features)
        fixed (double* t = _targets)
        {
            if (Columns != 0)
            {
                HintRow((byte*)(x + ((long)row * Columns)), Columns * sizeof(double), firstLevel: true);
            }

            Sse.Prefetch0(t + row);
        }
    }

    // one hint per 64-byte line, plus the line holding the row's last byte
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void HintRow(byte* row, int bytes, bool firstLevel)
    {
        for (var o = 0; o < bytes; o += 64)
        {
            if (firstLevel)
            {
                Sse.Prefetch0(row + o);
            }
            else
            {
                Sse.Prefetch1(row + o);
            }
        }

        if (firstLevel)
        {
            Sse.Prefetch0(row + bytes - 1);
        }
        else
        {
            Sse.Prefetch1(row + bytes - 1);
        }
    }

    /// <summary>Equal shapes and equal values, element by element.</summary>
    /// <param name="other">The other data set.</param>
    /// <returns>Whether the two hold the same data.</returns>
    public bool Equals(Dataset? other)
        => other is not null && Columns == other.Columns && _targets.AsSpan().SequenceEqual(other._targets) && _features.AsSpan().SequenceEqual(other._features);

    /// <summary>A hash of the shape and the first target.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Rows, Columns, _targets[0]);

    /// <summary>"Dataset(150 rows × 4 columns)".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"Dataset({Rows} rows × {Columns} columns)";
}
