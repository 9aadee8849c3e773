using FsCheck.Fluent;
using Functional.Properties.Harness;
using Functional.Training;

namespace Functional.Properties.Training;

/// <summary>The demonstrations' claims hold beyond the seed the report shows.</summary>
public class DemonstrationProperties
{
    /// <summary>Any seed, 5–20 % one-sided gross outliers: every robust fit lies closer to the true line than least squares.</summary>
    [Fact]
    public void Robust_fits_beat_least_squares_for_any_seed_and_outlier_share()
        => Holds.ForAll(
            Arb.From(
                from seed in Gen.Choose(0, int.MaxValue).Select(s => (ulong)s)
                from percent in Gen.Choose(5, 20)
                select (Seed: seed, Fraction: percent / 100.0)),
            c =>
            {
                var demo = Demonstrations.RobustRegression(c.Seed, outlierFraction: c.Fraction);
                var l2 = demo.Fits[0].LineError;
                foreach (var fit in demo.Fits.Skip(1))
                {
                    if (!(fit.LineError < l2))
                    {
                        throw new InvalidOperationException($"seed {c.Seed}, {c.Fraction:P0} outliers: {fit.Name} {fit.LineError} ≥ L2 {l2}");
                    }
                }
            });

    /// <summary>From any unbalanced start, SAM ends at a minimum with a smaller Hessian λ_max than plain steps.</summary>
    [Fact]
    public void SAM_ends_flatter_than_plain_steps_from_any_unbalanced_start()
        => Holds.ForAll(
            Arb.From(
                from first in Gen.Choose(180, 300)
                from second in Gen.Choose(5, 30)
                select (First: first / 100.0, Second: second / 100.0)),
            c =>
            {
                var demo = Demonstrations.SharpnessAware(steps: 1000, startFirst: c.First, startSecond: c.Second);
                var (sgd, sam) = (demo.Runs[0], demo.Runs[1]);
                return sam.MaxEigenvalue < sgd.MaxEigenvalue && sam.Sharpness < sgd.Sharpness && sam.FinalRisk < 1e-3;
            });
}
