using Functional.Laws.Generators;

namespace Functional.Laws;

/// <summary>
/// The laws of an entropy H(p) whose maximum over n outcomes is <c>maximum(n)</c> (ln n in nats, log₂ n in bits):
/// 0 ≤ H ≤ maximum(n), H(uniform) = maximum(n), H(one-hot) = 0, concave.
/// </summary>
public sealed class EntropyLawSuite : LawSuite
{
    /// <summary>The entropy laws of <paramref name="entropy"/>.</summary>
    /// <param name="entropy">The function under test.</param>
    /// <param name="maximum">Its maximum over n outcomes, e.g. <c>n =&gt; Math.Log(n)</c> for nats.</param>
    /// <param name="name">A name for reports.</param>
    /// <param name="tolerance">Relative slack for rounding (default 1e-12).</param>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public EntropyLawSuite(Func<double[], double> entropy, Func<int, double> maximum, string name, double tolerance = 1e-12)
        : base($"entropy '{name}'")
    {
        ArgumentNullException.ThrowIfNull(entropy);
        ArgumentNullException.ThrowIfNull(maximum);
        Add("bounded", "0 ≤ H(p) ≤ log n", () => Arbs.Vector(), EntropyLaws.Bounded(entropy, maximum, tolerance));
        Add("maximal at uniform", "H(uniform over n) = log n", () => Arbs.Vector(), EntropyLaws.MaximalAtUniform(entropy, maximum, tolerance));
        Add("zero for one-hot", "H(one-hot) = 0 exactly", () => Arbs.Vector(Shape.OneHot), EntropyLaws.ZeroWhenCertain(entropy));
        Add<Dists, double>(
            "concave",
            "H(λp + (1−λ)q) ≥ λH(p) + (1−λ)H(q)",
            () => Arbs.Pairs(),
            () => Arbs.Lambda(),
            EntropyLaws.Concave(entropy, tolerance));
    }
}
