using Functional.Laws.Generators;
using Functional.Numerics;

namespace Functional.Laws;

/// <summary>
/// The entry points: one per family of laws. Point one at your own function and check it:
/// <code>
/// var report = LawsOf.Divergence(MyKl, "my KL", DivergenceTraits.FDivergence).Check();
/// Console.WriteLine(report);          // ✓/✗ per law; each failure with its shrunk counterexample and seed
/// LawsOf.Metric(MyDistance, "mine").Verify();   // throws LawsViolatedException (the full report) in a test
/// </code>
/// </summary>
public static class LawsOf
{
    /// <summary>The laws of a divergence between probability vectors (see <see cref="DivergenceLawSuite"/>).</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static DivergenceLawSuite Divergence(Func<double[], double[], double> divergence, string name = "divergence", DivergenceTraits? traits = null)
        => new(divergence, name, traits);

    /// <summary>The laws of a divergence computed in a chosen log base, including base scaling.</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static DivergenceLawSuite Divergence(Func<double[], double[], LogBase, double> divergence, string name = "divergence", DivergenceTraits? traits = null)
        => new(divergence, name, traits);

    /// <summary>The metric axioms (see <see cref="MetricLawSuite"/>).</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static MetricLawSuite Metric(Func<double[], double[], double> distance, string name = "distance", double slack = 1e-12)
        => new(distance, name, slack);

    /// <summary>The laws of an entropy in nats (maximum ln n); see <see cref="EntropyLawSuite"/>.</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static EntropyLawSuite Entropy(Func<double[], double> entropy, string name = "entropy")
        => new(entropy, n => Math.Log(n), name);

    /// <summary>The laws of an entropy whose maximum over n outcomes is <paramref name="maximum"/>(n).</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static EntropyLawSuite Entropy(Func<double[], double> entropy, Func<int, double> maximum, string name = "entropy")
        => new(entropy, maximum, name);

    /// <summary>The laws of a loss with a derivative (see <see cref="LossLawSuite"/>); its declarations switch laws on.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="loss"/> is null.</exception>
    public static LossLawSuite Loss(LossUnderTest loss) => new(loss);

    /// <summary>
    /// The laws of a loss given by its value and derivative: <paramref name="value"/>(ŷ, y, parameter) and
    /// <paramref name="derivative"/>(ŷ, y, parameter), with the predictions where it has kinks (null: none) and whether it is a
    /// surrogate of the 0-1 error (targets ±1, scaled by <paramref name="surrogateScale"/>; null: not claimed).
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="value"/> or <paramref name="derivative"/> is null.</exception>
    public static LossLawSuite Loss(
        Func<double, double, double, double> value,
        Func<double, double, double, double> derivative,
        string name = "loss",
        TargetDomain domain = TargetDomain.Real,
        Func<double, double, IReadOnlyList<double>>? kinks = null,
        double? surrogateScale = null)
        => new(LossUnderTest.Pointwise(name, value, derivative) with
        {
            Domain = domain,
            Kinks = kinks,
            Surrogate = surrogateScale is { } s ? ZeroOneSurrogate.OnSigns(s) : null,
        });

    /// <summary>
    /// The laws of a family of losses, e.g. Barron's general robust loss over its shape α: each case checks
    /// <paramref name="member"/>(shape) for a shape drawn from <paramref name="shapes"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="shapes"/> is empty.</exception>
    public static LossLawSuite LossFamily(string name, Func<double, LossUnderTest> member, IReadOnlyList<double> shapes)
        => new(name, member, shapes);

    /// <summary>The laws of an optimizer given as an (Init, Update) pair (see <see cref="OptimizerLawSuite"/>).</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="optimizer"/> is null.</exception>
    public static OptimizerLawSuite Optimizer(OptimizerUnderTest optimizer, OptimizerTraits? traits = null)
        => new(optimizer, traits);

    /// <summary>The laws of the learning-rate schedules <paramref name="draw"/> builds from seeds (see <see cref="ScheduleLawSuite"/>).</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static ScheduleLawSuite Schedule(Func<int, ScheduleUnderTest> draw, string name = "schedule")
        => new(draw, name);

    /// <summary>The laws of one fixed schedule (every case checks the same one).</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="schedule"/> is null.</exception>
    public static ScheduleLawSuite Schedule(ScheduleUnderTest schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new(_ => schedule, schedule.Name);
    }

    /// <summary>The law of reduce-on-plateau controllers drawn from seeds (see <see cref="PlateauLawSuite"/>).</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static PlateauLawSuite Plateau(Func<int, PlateauUnderTest> draw, string name = "plateau")
        => new(draw, name);

    /// <summary>The laws of an estimator with a log-likelihood, on samples from <paramref name="model"/> (see <see cref="EstimatorLawSuite"/>).</summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    /// <exception cref="ArgumentException">Thrown when equivariance is claimed without parameter roles.</exception>
    public static EstimatorLawSuite Estimator(EstimatorUnderTest estimator, SampleModel model, EstimatorTraits? traits = null)
        => new(estimator, model, traits);
}
