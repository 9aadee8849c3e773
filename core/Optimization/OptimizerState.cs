using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Functional.Optimization;

/// <summary>
/// The state of an <see cref="Optimizer"/> between steps: plain data only (no delegates), so a training epoch can store
/// it and a shell can write it to JSON and read it back to resume.
/// </summary>
/// <remarks>
/// <para><see cref="Kind"/> names the optimizer that made the state (<c>"sgd"</c>, <c>"adam"</c>, <c>"chain"</c>, …);
/// <see cref="Count"/> is the number of updates taken; <see cref="Buffers"/> are the optimizer's vectors in a fixed,
/// documented order (SGD: the momentum buffer; Adam: m, v and, with AMSGrad, max v), each of length
/// <see cref="Dimension"/>; <see cref="Inner"/> holds the states of wrapped optimizers (a chain's members, SAM's inner
/// optimizer).</para>
/// <para>Equality is structural and bitwise on the buffers (two states are equal when every number is the same
/// double), so "resume equals uninterrupted" can be tested with <c>==</c>.</para>
/// </remarks>
public sealed record OptimizerState
{
    /// <summary>Creates a state; a default (uninitialised) array is read as empty.</summary>
    /// <param name="kind">The optimizer's name.</param>
    /// <param name="dimension">The number of parameters.</param>
    /// <param name="count">The number of updates taken.</param>
    /// <param name="buffers">The optimizer's vectors, each of length <paramref name="dimension"/>.</param>
    /// <param name="inner">The states of wrapped optimizers.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is empty, or a buffer's length is not <paramref name="dimension"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> or <paramref name="count"/> is negative.</exception>
    public OptimizerState(string kind, int dimension, long count, ImmutableArray<ImmutableArray<double>> buffers, ImmutableArray<OptimizerState> inner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        if (dimension < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension = {dimension} is negative.");
        }

        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count = {count} is negative.");
        }

        buffers = buffers.IsDefault ? [] : buffers;
        for (var i = 0; i < buffers.Length; i++)
        {
            var length = buffers[i].IsDefault ? 0 : buffers[i].Length;
            if (length != dimension)
            {
                throw new ArgumentException($"buffers[{i}] has {length} entries but the state has dimension {dimension}.", nameof(buffers));
            }
        }

        inner = inner.IsDefault ? [] : inner;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] is null)
            {
                throw new ArgumentException($"inner[{i}] is null.", nameof(inner));
            }
        }

        Kind = kind;
        Dimension = dimension;
        Count = count;
        Buffers = buffers;
        Inner = inner;
    }

    /// <summary>The name of the optimizer that made this state.</summary>
    public string Kind { get; }

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>The number of updates taken (PyTorch's and optax's <c>step</c>/<c>count</c>).</summary>
    public long Count { get; }

    /// <summary>The optimizer's vectors, in the order its documentation states.</summary>
    public ImmutableArray<ImmutableArray<double>> Buffers { get; }

    /// <summary>The states of wrapped optimizers.</summary>
    public ImmutableArray<OptimizerState> Inner { get; }

    /// <summary>Structural, bitwise equality (NaN equals NaN, 0 differs from −0).</summary>
    /// <param name="other">The other state.</param>
    /// <returns>Whether every field, number and inner state is the same.</returns>
    public bool Equals(OptimizerState? other)
    {
        if (other is null || Kind != other.Kind || Dimension != other.Dimension || Count != other.Count
            || Buffers.Length != other.Buffers.Length || Inner.Length != other.Inner.Length)
        {
            return false;
        }

        for (var i = 0; i < Buffers.Length; i++)
        {
            var a = Buffers[i].AsSpan();
            var b = other.Buffers[i].AsSpan();
            for (var j = 0; j < a.Length; j++)
            {
                if (BitConverter.DoubleToInt64Bits(a[j]) != BitConverter.DoubleToInt64Bits(b[j]))
                {
                    return false;
                }
            }
        }

        for (var i = 0; i < Inner.Length; i++)
        {
            if (!Inner[i].Equals(other.Inner[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash of the kind, dimension and count.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Kind, Dimension, Count);

    /// <summary>Readable summary: kind, dimension, count, buffer count, inner states.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"{Kind}(dimension {Dimension}, count {Count}, {Buffers.Length} buffers{(Inner.IsEmpty ? "" : ", inner: " + string.Join(", ", Inner))})";

    internal static OptimizerState Empty(string kind, int dimension, long count = 0) => new(kind, dimension, count, [], []);

    internal void Check(string kind, int dimension, int buffers, int inner)
    {
        if (Kind != kind || Dimension != dimension || Buffers.Length != buffers || Inner.Length != inner)
        {
            throw Mismatch(
                $"state is a '{Kind}' state for {Dimension} parameters with {Buffers.Length} buffers and {Inner.Length} inner states; "
                + $"this optimizer needs a '{kind}' state for {dimension} parameters with {buffers} buffers and {inner} inner states (make it with Init).");
        }
    }

    private static ArgumentException Mismatch(string message, string parameterName = "state") => new(message, parameterName);

    // the array is freshly allocated by the optimizer and never touched again, so wrapping it without a copy is safe
    internal static ImmutableArray<double> Wrap(double[] values) => ImmutableCollectionsMarshal.AsImmutableArray(values);
}
