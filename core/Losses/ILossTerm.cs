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
