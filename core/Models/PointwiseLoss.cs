using Functional.Losses;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>
/// A reduced element-wise loss from <see cref="Losses.Loss"/>: value of the Sum or Mean of ℓ(ŷ_i, y_i), with
/// ∂(reduced loss)/∂ŷ_i written to <paramref name="gradient"/> — the shape every loss there has, so a method group
/// converts directly (<c>Loss.HalfSquaredError&lt;double&gt;</c>, <c>Loss.BinaryCrossEntropyWithLogits&lt;double&gt;</c>) and a
/// lambda fixes a parameter (<c>(p, t, g, r) =&gt; Loss.Huber(p, t, g, r, delta: 1.35)</c>).
/// </summary>
/// <param name="predictions">The model's scores ŷ (predictions, or logits for the classification losses).</param>
/// <param name="targets">The targets, in the loss's domain.</param>
/// <param name="gradient">Receives ∂(reduced loss)/∂ŷ_i.</param>
/// <param name="reduction">The models always ask for <see cref="Reduction.Mean"/>.</param>
/// <returns>The reduced loss.</returns>
public delegate double PointwiseLoss(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient, Reduction reduction);

/// <summary>
/// The object behind a <see cref="PointwiseLoss"/> the core builds for one of its own losses (the delegate's
/// <see cref="Delegate.Target"/>): the reduced loss as that delegate, and the same loss on one element without the delegate,
/// the reduction's checks or spans — so the training fold recognises a known loss by its target, not by a name, and takes
/// a one-row step through its kernel. A delegate made anywhere else (a method group, a lambda) has another target and keeps
/// the general path.
/// </summary>
internal abstract class KernelLoss
{
    private protected KernelLoss() => Reduced = Reduce;

    /// <summary>½(ŷ − y)², <see cref="Loss.HalfSquaredError{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction)"/>.</summary>
    internal static KernelLoss HalfSquaredError { get; } = new HalfSquaredErrorLoss();

    /// <summary>BCE with logits, <see cref="Loss.BinaryCrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction)"/>.</summary>
    internal static KernelLoss BinaryCrossEntropyWithLogits { get; } = new BinaryCrossEntropyWithLogitsLoss();

    /// <summary>The reduced loss as a delegate whose target is this object.</summary>
    internal PointwiseLoss Reduced { get; }

    /// <summary>The kernel behind <paramref name="loss"/>, or null for a delegate the core did not build.</summary>
    internal static KernelLoss? Behind(PointwiseLoss loss) => loss.Target as KernelLoss;

    /// <summary>The Mean of one element and its derivative: the bits <see cref="Reduced"/> returns and writes for that
    /// element alone; input outside the loss's domain is reported in <paramref name="valid"/> (see <see cref="ThrowInvalid"/>).</summary>
    internal abstract double MeanOfOne(double prediction, double target, out double derivative, out bool valid);

    /// <summary>Raises the error <see cref="Reduced"/> raises for an element <see cref="MeanOfOne"/> reported invalid.</summary>
    internal Exception ThrowInvalid(double prediction, double target)
    {
        _ = Reduced(new ReadOnlySpan<double>(in prediction), new ReadOnlySpan<double>(in target), Span<double>.Empty, Reduction.Mean);
        return new InvalidOperationException($"{this} reported ({prediction}, {target}) invalid but accepted it.");
    }

    private protected abstract double Reduce(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient, Reduction reduction);

    private sealed class HalfSquaredErrorLoss : KernelLoss
    {
        internal override double MeanOfOne(double prediction, double target, out double derivative, out bool valid)
            => Loss.HalfSquaredErrorOfOne(prediction, target, out derivative, out valid);

        private protected override double Reduce(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient, Reduction reduction)
            => Loss.HalfSquaredError(predictions, targets, gradient, reduction);

        public override string ToString() => "half squared error";
    }

    private sealed class BinaryCrossEntropyWithLogitsLoss : KernelLoss
    {
        internal override double MeanOfOne(double prediction, double target, out double derivative, out bool valid)
            => Loss.BinaryCrossEntropyWithLogitsOfOne(prediction, target, out derivative, out valid);

        private protected override double Reduce(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient, Reduction reduction)
            => Loss.BinaryCrossEntropyWithLogits(predictions, targets, gradient, reduction);

        public override string ToString() => "binary cross-entropy with logits";
    }
}

/// <summary>
/// Scratch memory for a model's risk and gradient: the scores and the loss derivatives of up to <see cref="Rows"/> rows.
/// The one mutable thing in the models, owned by its caller and reused across calls so the hot path allocates nothing;
/// its contents after a call are unspecified. Not safe to share between threads running at once.
/// </summary>
public sealed class ModelWorkspace
{
    /// <summary>Creates scratch for batches of up to <paramref name="rows"/> rows of <paramref name="outputs"/> scores each.</summary>
    /// <param name="rows">The largest batch, ≥ 1.</param>
    /// <param name="outputs">Scores per row: 1 for linear and logistic models, the class count for softmax.</param>
    /// <exception cref="ArgumentOutOfRangeException">rows or outputs &lt; 1.</exception>
    public ModelWorkspace(int rows, int outputs = 1)
    {
        Regularizer.AtLeastOne(rows, nameof(rows));
        Regularizer.AtLeastOne(outputs, nameof(outputs));
        Rows = rows;
        Outputs = outputs;
        Scores = new double[checked(rows * outputs)];
        Derivatives = new double[rows * outputs];
    }

    /// <summary>The largest batch this workspace serves.</summary>
    public int Rows { get; }

    /// <summary>Scores per row.</summary>
    public int Outputs { get; }

    internal double[] Scores { get; }

    internal double[] Derivatives { get; }

    internal void Check(int rows, int outputs, string name = "workspace")
    {
        if (rows > Rows || outputs != Outputs)
        {
            throw new ArgumentException(
                $"{name} serves {Rows} rows of {Outputs} scores but the batch has {rows} rows of {outputs}; create a ModelWorkspace({rows}, {outputs}).",
                name);
        }
    }
}
