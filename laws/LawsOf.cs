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
}
