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
/// <remarks>Written for one width while the core has no lane abstraction; when one exists the two vector forms merge.</remarks>
internal interface IWideLossTerm : ILossTerm
{
    Vector512<double> Value(Vector512<double> prediction, Vector512<double> target, out Vector512<double> derivative);
}
