using System.Runtime.Intrinsics;

namespace Functional.Losses;

/// <summary>
/// One loss ℓ(prediction, target) with its derivative ∂ℓ/∂prediction, scalar and lane-wise (the two must agree).
/// Instance members, so a loss's parameters (δ, β, …) ride in the struct and the kernel is specialised per loss.
/// </summary>
internal interface ILossTerm
{
    double Value(double prediction, double target, out double derivative);

    Vector256<double> Value(Vector256<double> prediction, Vector256<double> target, out Vector256<double> derivative);
}

/// <summary>
/// A loss term that also runs eight lanes at a time (512-bit vectors), for the losses whose cost is the arithmetic itself
/// (BCE with logits: one exponential and one logarithm per element) or memory (Huber). The lanes must agree with
/// <see cref="ILossTerm"/>'s scalar form as the 256-bit lanes do.
/// </summary>
/// <remarks>
/// The lanes are computed in three stages so that <see cref="WideLossKernel"/> can overlap the dependency chains of
/// consecutive vectors: <see cref="Early"/> runs two vectors ahead of <see cref="Value"/> and <see cref="Middle"/> one
/// ahead. Each stage is a function of its inputs alone, so the results are the same bits as the three run back to back.
/// Written for one width while the core has no lane abstraction; when one exists the two vector forms merge.
/// </remarks>
internal interface IWideLossTerm : ILossTerm
{
    /// <summary>The first stage, from the prediction alone (BCE with logits: e^−|x|); a term without one returns zero.</summary>
    Vector512<double> Early(Vector512<double> prediction);

    /// <summary>The second stage, from the first's result (BCE with logits: σ(−|x|) and log1p(e^−|x|)); a term without one returns zeros.</summary>
    (Vector512<double> First, Vector512<double> Second) Middle(Vector512<double> early);

    /// <summary>ℓ lane-wise, and ∂ℓ/∂prediction in <paramref name="derivative"/>, from the prediction, the target and the second stage's pair.</summary>
    Vector512<double> Value(Vector512<double> prediction, Vector512<double> target, (Vector512<double> First, Vector512<double> Second) middle, out Vector512<double> derivative);
}
