using Functional.Information;
using Functional.Numerics;

namespace Functional.Losses;

/// <content>Softmax cross-entropy with class weights, label smoothing and an ignored label (PyTorch's <c>cross_entropy</c> options).</content>
public static partial class Loss
{
    /// <summary>
    /// Softmax cross-entropy with integer labels, class weights w, label smoothing ε and an ignored label, with PyTorch's
    /// <c>cross_entropy(o, y, weight=w, ignore_index=i, label_smoothing=ε)</c> semantics: per kept row,
    /// ℓ = (1 − ε)·w_y·(−ln softmax(o)_y) + (ε/C)·Σ_c w_c·(−ln softmax(o)_c); a row whose label is the ignored one contributes 0
    /// (and gets a zero gradient). Mean divides by Σ w_y over the kept rows (not by their count: PyTorch's convention, so a
    /// weighted mean is a weighted average); BatchMean divides by the number of rows R, ignored ones included; Sum divides by
    /// nothing. Gradient per kept row: softmax(o)·[(1 − ε)w_y + (ε/C)Σw] − (1 − ε)w_y·e_y − (ε/C)·w, times the same factor.
    /// </summary>
    /// <typeparam name="T">float or double (computed in double).</typeparam>
    /// <param name="logits">R rows of C logits, row-major; finite, or −∞ for a masked class (then any weight on it, e.g. from smoothing, gives +∞).</param>
    /// <param name="columns">C ≥ 1.</param>
    /// <param name="labels">R class indices in [0, C), or <paramref name="ignoreIndex"/>.</param>
    /// <param name="classWeights">C weights w_c ≥ 0, finite; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits; empty to skip; else at least logits.Length.</param>
    /// <param name="reduction">Sum, Mean (default) or BatchMean.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="ignoreIndex">A label value whose rows are skipped (PyTorch's <c>ignore_index</c>, whose default is −100); null (default) ignores nothing, so every label must be a class.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">logits is not whole rows; labels is not one per row; classWeights is not one per class or has a negative/NaN/∞ entry;
    /// gradient too short; no rows; a logit NaN or +∞; a label outside [0, C) that is not the ignored one; Mean over kept rows whose weights sum to 0
    /// (PyTorch returns NaN there) — each named with index and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1; labelSmoothing outside [0, 1]; reduction None.</exception>
    public static T SoftmaxCrossEntropy<T>(
        ReadOnlySpan<T> logits, int columns, ReadOnlySpan<int> labels, ReadOnlySpan<T> classWeights, Span<T> gradient,
        Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0, int? ignoreIndex = null)
        where T : IFloatingPointIeee754<T>
    {
        var rows = CheckRows(logits.Length, columns, labels.Length, nameof(labels), gradient, Reduction.Sum);
        CheckRowReduction(reduction);
        CheckSmoothing(labelSmoothing);
        CheckClassWeights(classWeights, columns);
        var weighted = !classWeights.IsEmpty;
        var denominator = new ScalarNeumaier();
        for (var r = 0; r < rows; r++)
        {
            var label = labels[r];
            if (label == ignoreIndex)
            {
                continue;
            }

            if ((uint)label >= (uint)columns)
            {
                throw new ArgumentException($"labels[{r}] = {label} is not a class index in [0, {columns}){(ignoreIndex is { } i ? $" nor the ignored label {i}" : "")}.", nameof(labels));
            }

            denominator.Add(weighted ? double.CreateTruncating(classWeights[label]) : 1.0);
        }

        var scale = reduction switch
        {
            Reduction.Mean when denominator.Result > 0.0 => 1.0 / denominator.Result,
            Reduction.Mean => throw new ArgumentException(
                "The mean is over the kept rows' class weights, which sum to 0 (every row ignored, or weighted 0); use Sum.", nameof(labels)),
            Reduction.BatchMean => 1.0 / rows,
            _ => 1.0,
        };
        var weightSum = weighted ? Sum(classWeights) : columns;
        var smooth = labelSmoothing / columns;
        var keep = 1.0 - labelSmoothing;
        var total = new ScalarNeumaier();
        for (var r = 0; r < rows; r++)
        {
            var gradientRow = gradient.IsEmpty ? gradient : gradient.Slice(r * columns, columns);
            var label = labels[r];
            if (label == ignoreIndex)
            {
                gradientRow.Clear();
                continue;
            }

            var row = logits.Slice(r * columns, columns);
            var shifted = Shift(row, r);
            var logSum = Math.Log(shifted.Sum);
            var labelled = double.CreateTruncating(row[label]);
            var wy = weighted ? double.CreateTruncating(classWeights[label]) : 1.0;
            var nll = double.IsNegativeInfinity(labelled) ? double.PositiveInfinity : (shifted.Max - labelled) + logSum;
            var loss = wy == 0.0 ? 0.0 : keep * wy * nll;
            if (labelSmoothing > 0.0)
            {
                loss += smooth * (WeightedGaps(row, classWeights, shifted.Max) + (weightSum * logSum));
            }

            total.Add(scale * loss);
            if (!gradient.IsEmpty)
            {
                var mass = (keep * wy) + (smooth * weightSum);
                LogSumExp.Shift(row, gradientRow, shifted.Max, scale * mass / shifted.Sum, exponentiate: true);
                gradientRow[label] -= T.CreateTruncating(scale * keep * wy);
                if (labelSmoothing > 0.0)
                {
                    for (var j = 0; j < columns; j++)
                    {
                        gradientRow[j] -= T.CreateTruncating(scale * smooth * (weighted ? double.CreateTruncating(classWeights[j]) : 1.0));
                    }
                }
            }
        }

        return T.CreateTruncating(total.Result);
    }

    /// <summary>
    /// Softmax cross-entropy with probability targets q, class weights w and label smoothing ε, as PyTorch's
    /// <c>cross_entropy</c> with probability targets: q' = (1 − ε)q + ε/C, ℓ = Σ_c w_c·q'_c·(−ln softmax(o)_c); gradient
    /// softmax(o)·Σ_c w_c q'_c − w⊙q'. Mean and BatchMean both divide by the number of rows R (PyTorch: "divided by the batch size"
    /// for probability targets, whatever the weights).
    /// </summary>
    /// <typeparam name="T">float or double (computed in double).</typeparam>
    /// <param name="logits">R rows of C logits; finite (−∞ allowed where w_c·q'_c = 0).</param>
    /// <param name="targets">R rows of C probabilities, each normalised.</param>
    /// <param name="columns">C ≥ 1.</param>
    /// <param name="classWeights">C weights w_c ≥ 0, finite; empty for unit weights.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits; empty to skip; else at least logits.Length.</param>
    /// <param name="reduction">Sum, Mean (default) or BatchMean (the same as Mean here).</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">Shapes differ or are not whole rows; classWeights not one per class or a bad weight; gradient too short; no rows;
    /// a logit NaN or +∞; a target not a probability or a row not normalised (named with row and index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">columns &lt; 1; labelSmoothing outside [0, 1]; reduction None.</exception>
    public static T SoftmaxCrossEntropy<T>(
        ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, int columns, ReadOnlySpan<T> classWeights, Span<T> gradient,
        Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0)
        where T : IFloatingPointIeee754<T>
    {
        Guard.SameLength(logits.Length, targets.Length, nameof(logits), nameof(targets));
        var rows = CheckRows(logits.Length, columns, logits.Length / Math.Max(columns, 1), nameof(targets), gradient, Reduction.Sum);
        CheckRowReduction(reduction);
        CheckSmoothing(labelSmoothing);
        CheckClassWeights(classWeights, columns);
        var scale = reduction == Reduction.Sum ? 1.0 : 1.0 / rows;
        var keep = 1.0 - labelSmoothing;
        var smooth = labelSmoothing / columns;
        var total = new ScalarNeumaier();
        for (var r = 0; r < rows; r++)
        {
            var row = logits.Slice(r * columns, columns);
            var target = targets.Slice(r * columns, columns);
            Probability.Validate(target, new Operand(nameof(targets), r));
            var shifted = Shift(row, r);
            var logSum = Math.Log(shifted.Sum);
            double mass = 0.0, gaps = 0.0;
            for (var j = 0; j < columns; j++)
            {
                var coefficient = (classWeights.IsEmpty ? 1.0 : double.CreateTruncating(classWeights[j])) * ((keep * double.CreateTruncating(target[j])) + smooth);
                mass += coefficient;
                gaps += coefficient == 0.0 ? 0.0 : coefficient * (shifted.Max - double.CreateTruncating(row[j]));
            }

            total.Add(scale * (gaps + (mass * logSum)));
            if (!gradient.IsEmpty)
            {
                var gradientRow = gradient.Slice(r * columns, columns);
                LogSumExp.Shift(row, gradientRow, shifted.Max, scale * mass / shifted.Sum, exponentiate: true);
                for (var j = 0; j < columns; j++)
                {
                    var coefficient = (classWeights.IsEmpty ? 1.0 : double.CreateTruncating(classWeights[j])) * ((keep * double.CreateTruncating(target[j])) + smooth);
                    gradientRow[j] -= T.CreateTruncating(scale * coefficient);
                }
            }
        }

        return T.CreateTruncating(total.Result);
    }

    private static void CheckRowReduction(Reduction reduction)
    {
        if (reduction is not (Reduction.Sum or Reduction.Mean or Reduction.BatchMean))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"reduction = {reduction}: softmax cross-entropy reduces by Sum, Mean or BatchMean (over rows).");
        }
    }

    private static void CheckSmoothing(double labelSmoothing)
    {
        if (!(labelSmoothing is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, $"labelSmoothing = {Format.Number(labelSmoothing)}; it must be in [0, 1].");
        }
    }

    private static void CheckClassWeights<T>(ReadOnlySpan<T> classWeights, int columns)
        where T : IFloatingPointIeee754<T>
    {
        if (classWeights.IsEmpty)
        {
            return;
        }

        if (classWeights.Length != columns)
        {
            throw new ArgumentException($"classWeights has {classWeights.Length} entries but there are {columns} classes; there must be one per class.", nameof(classWeights));
        }

        Kernel.ThrowFirstInvalid<T, NonNegativeDomain>(classWeights, new Operand(nameof(classWeights)));
    }

    private static double Sum<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        var total = new ScalarNeumaier();
        foreach (var v in values)
        {
            total.Add(double.CreateTruncating(v));
        }

        return total.Result;
    }

    /// <summary>Σ_c w_c·(max − o_c) (w_c = 1 when weights is empty), a zero weight contributing 0 even where o_c = −∞.</summary>
    private static double WeightedGaps<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> weights, double max)
        where T : IFloatingPointIeee754<T>
    {
        var total = new ScalarNeumaier();
        for (var j = 0; j < row.Length; j++)
        {
            var w = weights.IsEmpty ? 1.0 : double.CreateTruncating(weights[j]);
            total.Add(w == 0.0 ? 0.0 : w * (max - double.CreateTruncating(row[j])));
        }

        return total.Result;
    }
}
