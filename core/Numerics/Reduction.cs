namespace Functional.Numerics;

/// <summary>How per-row (per-sample) values are combined into one number.</summary>
/// <remarks>
/// For a batch of R rows of C columns: <see cref="Sum"/> = Σ rows; <see cref="BatchMean"/> = Σ rows / R
/// (the textbook average divergence per distribution); <see cref="Mean"/> = Σ rows / (R·C), the
/// per-element mean that PyTorch's <c>reduction='mean'</c> computes — kept for parity, but for
/// divergences it is not a divergence (it shrinks with C); prefer <see cref="BatchMean"/>.
/// </remarks>
public enum Reduction
{
    /// <summary>No reduction: one value per row, written to a destination span.</summary>
    None = 0,

    /// <summary>The sum over rows.</summary>
    Sum = 1,

    /// <summary>The sum divided by the number of elements (rows × columns), as PyTorch's 'mean'.</summary>
    Mean = 2,

    /// <summary>The sum divided by the number of rows: the mean per distribution (PyTorch's 'batchmean').</summary>
    BatchMean = 3,
}
