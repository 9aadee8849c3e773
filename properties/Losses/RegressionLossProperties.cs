using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Losses;
using Functional.Properties.Harness;

namespace Functional.Properties.Losses;

/// <summary>Identities between the regression losses: Huber's two pieces, smooth-L1 = Huber/β, ½·squared error.</summary>
public class RegressionLossProperties
{
    private const double Eps = 2.220446049250313e-16;

    private static readonly LossUnderTest HuberByCases = LossUnderTest.Pointwise(
        "½d² inside δ, δ|d| − ½δ² outside",
        (p, t, delta) => Math.Abs(p - t) <= delta ? 0.5 * (p - t) * (p - t) : (delta * Math.Abs(p - t)) - (0.5 * delta * delta),
        (p, t, delta) => Math.Abs(p - t) <= delta ? p - t : delta * Math.Sign(p - t));

    private static readonly LossUnderTest SmoothL1TimesBeta = new(
        "β·SmoothL1(β)",
        (p, t, beta, v, g) =>
        {
            Loss.SmoothL1Elementwise<double>(p, t, v, g, beta);
            for (var i = 0; i < p.Length; i++)
            {
                (v[i], g[i]) = (v[i] * beta, g[i] * beta);
            }
        });

    private static readonly LossUnderTest TwiceHalfSquared = new(
        "2·HalfSquaredError",
        (p, t, _, v, g) =>
        {
            Loss.HalfSquaredErrorElementwise<double>(p, t, v, g);
            for (var i = 0; i < p.Length; i++)
            {
                (v[i], g[i]) = (2.0 * v[i], 2.0 * g[i]);
            }
        });

    [Fact]
    public void Huber_is_half_d_squared_inside_delta_and_linear_outside()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Real), c =>
        {
            // the linear piece δ|d| − ½δ² cancels near |d| = δ: allow a few ulps of δ|d| besides the relative error
            var scale = c.Predictions.Zip(c.Targets).Max(x => Math.Abs(x.First - x.Second)) * c.Parameter;
            LossLaws.Agree(CoreLosses.Huber, HuberByCases, 1e-14, (double.IsFinite(scale) ? 8.0 * Eps * scale : 0.0) + 1e-300)(c);
        });

    [Fact]
    public void Smooth_l1_is_huber_over_beta_values_and_derivatives()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Real), c =>
        {
            // |d| − ½β against δ(|d| − ½δ)/δ: cancellation near the switch, so a few ulps of β|d| absolutely
            var scale = c.Predictions.Zip(c.Targets).Max(x => Math.Abs(x.First - x.Second)) * c.Parameter;
            LossLaws.Agree(SmoothL1TimesBeta, CoreLosses.Huber, 1e-14, (double.IsFinite(scale) ? 8.0 * Eps * scale : 0.0) + 1e-300)(c);
        });

    [Fact]
    public void Half_squared_error_is_squared_error_over_two()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Real), LossLaws.Agree(TwiceHalfSquared, CoreLosses.SquaredError, 2.0 * Eps, 1e-300));
}
