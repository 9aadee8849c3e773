using System.Runtime.Intrinsics;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Losses;

/// <content>Softmax cross-entropy: the categorical negative log-likelihood of logits.</content>
public static partial class Loss
{
    /// <summary>
    /// Softmax cross-entropy with integer labels: for each row o of <paramref name="columns"/> logits and its label y,
    /// ℓ = log Σ_j e^(o_j) − o_y = −ln softmax(o)_y; derivative softmax(o) − e_y. PyTorch's <c>cross_entropy(o, y)</c>.
    /// </summary>
    /// <typeparam name="T">float or double. Float runs in float lanes (eight per vector) with o − max corrected to double
    /// accuracy and the sums in double; the loss is returned rounded to float.</typeparam>
    /// <param name="logits">R rows of C logits, row-major; finite, or −∞ for a masked class.</param>
    /// <param name="columns">C ≥ 1, the number of classes.</param>
    /// <param name="labels">R class indices, each in [0, C).</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits (divided by R for Mean); empty to skip; else at least logits.Length.</param>
    /// <param name="reduction">Sum over rows, or Mean over rows (default; as PyTorch, the mean per sample, not per element).</param>
    /// <returns>The summed or mean loss. Evaluated as (max o − o_y) + ln Σ e^(o_j − max o): no overflow for logits up to
    /// ±1e308, and no cancellation when the labelled class dominates. +∞ when the labelled logit is −∞.</returns>
    /// <exception cref="ArgumentException">logits is not a whole number of rows; labels does not have one entry per row;
    /// gradient too short; no rows; a logit is NaN or +∞, or a label outside [0, C) (named with index and value).</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1, or reduction is not Sum or Mean.</exception>
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, int columns, ReadOnlySpan<int> labels, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        var rows = CheckRows(logits.Length, columns, labels.Length, nameof(labels), gradient, reduction);
        for (var r = 0; r < rows; r++)
        {
            if ((uint)labels[r] >= (uint)columns)
            {
                throw new ArgumentException($"labels[{r}] = {labels[r]} is not a class index in [0, {columns}).", nameof(labels));
            }
        }

        var scale = reduction == Reduction.Mean ? 1.0 / rows : 1.0;
        if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        {
            if (SoftmaxRows.TryRun(logits, columns, labels, gradient, scale, out var sum))
            {
                return T.CreateTruncating(sum);
            }

            // a logit is NaN or +∞: find and name the first one
            for (var r = 0; r < rows; r++)
            {
                _ = Shift(logits.Slice(r * columns, columns), r);
            }
        }

        var total = new ScalarNeumaier();
        for (var r = 0; r < rows; r++)
        {
            var row = logits.Slice(r * columns, columns);
            var shifted = Shift(row, r);
            var labelled = double.CreateTruncating(row[labels[r]]);
            total.Add(scale * (double.IsNegativeInfinity(labelled) ? double.PositiveInfinity : (shifted.Max - labelled) + Math.Log(shifted.Sum)));
            if (!gradient.IsEmpty)
            {
                var gradientRow = gradient.Slice(r * columns, columns);
                LogSumExp.Shift(row, gradientRow, shifted.Max, scale / shifted.Sum, exponentiate: true);
                gradientRow[labels[r]] -= T.CreateTruncating(scale);
            }
        }

        return T.CreateTruncating(total.Result);
    }

    /// <summary>
    /// Softmax cross-entropy with probability targets q (soft labels): ℓ = log Σ_j e^(o_j) − qᵀo = KL(q ‖ softmax(o)) + H(q);
    /// derivative softmax(o) − q.
    /// </summary>
    /// <typeparam name="T">float or double (computed in double).</typeparam>
    /// <param name="logits">R rows of C logits, row-major; finite (−∞ allowed where q is 0).</param>
    /// <param name="targets">R rows of C probabilities, each row normalised (within <see cref="ProbabilityVector.Tolerance{T}"/>).</param>
    /// <param name="columns">C ≥ 1.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits; empty to skip; else at least logits.Length.</param>
    /// <param name="reduction">Sum over rows, or Mean over rows (default).</param>
    /// <returns>The summed or mean loss, evaluated as Σ_j q_j (max o − o_j) + ln Σ e^(o_j − max o) (Σq = 1).</returns>
    /// <exception cref="ArgumentException">Shapes differ or are not whole rows; gradient too short; no rows; a logit NaN or +∞;
    /// a target not a probability (named targets[row, column]) or a row not normalised.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1, or reduction is not Sum or Mean.</exception>
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, int columns, Span<T> gradient, Reduction reduction = Reduction.Mean)
        where T : IFloatingPointIeee754<T>
    {
        Guard.SameLength(logits.Length, targets.Length, nameof(logits), nameof(targets));
        var rows = CheckRows(logits.Length, columns, logits.Length / Math.Max(columns, 1), nameof(targets), gradient, reduction);
        var scale = reduction == Reduction.Mean ? 1.0 / rows : 1.0;
        var total = new ScalarNeumaier();
        for (var r = 0; r < rows; r++)
        {
            var row = logits.Slice(r * columns, columns);
            var target = targets.Slice(r * columns, columns);
            Probability.Validate(target, new Operand(nameof(targets), r));
            var shifted = Shift(row, r);
            total.Add(scale * (CrossTerm(row, target, shifted.Max) + Math.Log(shifted.Sum)));
            if (!gradient.IsEmpty)
            {
                var gradientRow = gradient.Slice(r * columns, columns);
                LogSumExp.Shift(row, gradientRow, shifted.Max, scale / shifted.Sum, exponentiate: true);
                for (var j = 0; j < columns; j++)
                {
                    gradientRow[j] -= T.CreateTruncating(scale * double.CreateTruncating(target[j]));
                }
            }
        }

        return T.CreateTruncating(total.Result);
    }

    private static int CheckRows<T>(int length, int columns, int labelCount, string labelName, Span<T> gradient, Reduction reduction)
    {
        Guard.Rows(length, columns, "logits");
        var rows = length / columns;
        if (labelCount != rows)
        {
            throw new ArgumentException($"logits has {rows} rows of {columns} but {labelName} has {labelCount} entries; there must be one per row.", labelName);
        }

        if (!gradient.IsEmpty)
        {
            Guard.Destination(length, gradient.Length, nameof(gradient));
        }

        if (reduction is not (Reduction.Sum or Reduction.Mean))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"reduction = {reduction}: softmax cross-entropy reduces by Sum or Mean (over rows).");
        }

        Guard.NotEmpty(rows, "logits", "a loss needs at least one row");
        return rows;
    }

    /// <summary>The row's max and Σ e^(o − max), with its logits checked (NaN and +∞ rejected, named logits[row, column]).</summary>
    private static LogSumExp.Shifted Shift<T>(ReadOnlySpan<T> row, int r) where T : IFloatingPointIeee754<T>
    {
        var shifted = LogSumExp.Accumulate(row);
        if (!shifted.Valid)
        {
            for (var j = 0; j < row.Length; j++)
            {
                var v = double.CreateTruncating(row[j]);
                if (!(v < double.PositiveInfinity))
                {
                    throw Guard.InvalidElement(new Operand("logits", r), j, v, double.IsNaN(v) ? "is NaN" : "is +∞");
                }
            }
        }

        return shifted;
    }

    /// <summary>Σ_j q_j (max − o_j) ≥ 0, with q_j = 0 contributing 0 even where o_j = −∞.</summary>
    private static double CrossTerm<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> q, double max) where T : IFloatingPointIeee754<T>
    {
        var sum = new VectorNeumaier();
        var m = Vector256.Create(max);
        var i = 0;
        for (; i <= logits.Length - Kernel.Lanes; i += Kernel.Lanes)
        {
            Kernel.Load(logits, i, out var o0, out var o1);
            Kernel.Load(q, i, out var q0, out var q1);
            sum.Add(Vector256.ConditionalSelect(Vector256.Equals(q0, Vector256<double>.Zero), Vector256<double>.Zero, q0 * (m - o0)));
            sum.Add(Vector256.ConditionalSelect(Vector256.Equals(q1, Vector256<double>.Zero), Vector256<double>.Zero, q1 * (m - o1)));
        }

        var tail = new ScalarNeumaier();
        for (; i < logits.Length; i++)
        {
            var qi = double.CreateTruncating(q[i]);
            tail.Add(qi == 0.0 ? 0.0 : qi * (max - double.CreateTruncating(logits[i])));
        }

        return sum.Result(tail);
    }
}
