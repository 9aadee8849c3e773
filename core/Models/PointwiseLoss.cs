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
