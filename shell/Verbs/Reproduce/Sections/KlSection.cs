using Functional.Information;
using Functional.Numerics;
using Functional.Shell.Plots;
using Functional.Shell.Reports;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>SEEDS.md §3: KL(p‖q) for p = (0.2, 0.1, 0.7), q = (0.5, 0.3, 0.2): 0.5838 nats; the slide's 0.2535 is base 10.</summary>
internal sealed class KlSection : IReproduceSection
{
    private static readonly double[] P = [0.2, 0.1, 0.7];
    private static readonly double[] Q = [0.5, 0.3, 0.2];

    public string Name => "kl";

    public string Title => "The KL example in nats and in base 10";

    public int Order => 32;

    public ReportSection Build()
    {
        var bases = new[] { LogBase.E, LogBase.Two, LogBase.Ten };
        IReadOnlyList<Cell> Row(string quantity, Func<LogBase, double> value, string note)
            => [Cell.Of(quantity), .. bases.Select(b => Cell.Of(value(b))), Cell.Of(note)];

        var table = new Table(
            "kl-example",
            "p = (0.2, 0.1, 0.7), q = (0.5, 0.3, 0.2): each quantity in nats, bits and base 10. The lecture's slide gives 0.2535, the base-10 value of KL(p‖q).",
            ["quantity", "nats", "bits", "base 10", "note"],
            [
                Row("KL(p‖q)", b => Kl.Divergence(P, Q, b), "lecture: 0.2535 (base 10)"),
                Row("KL(q‖p)", b => Kl.Divergence(Q, P, b), "not symmetric"),
                Row("H(p)", b => Entropy.Of(P, b), ""),
                Row("H(p, q)", b => CrossEntropy.Of(P, Q, b), "= H(p) + KL(p‖q)"),
            ]);

        var outcomes = new double[] { 1, 2, 3 };
        var chart = new Chart(
            "The two distributions of the KL example",
            new Axis("outcome"),
            new Axis("probability", Min: 0, Max: 0.8),
            [new Series("p", outcomes, P, SeriesKind.Bars), new Series("q", outcomes, Q, SeriesKind.Bars)],
            Width: 560,
            Height: 340);

        return new ReportSection(
            Name,
            Title,
            "KL(p‖q) = Σ p_i log(p_i/q_i) is the expected extra surprise of coding p with q. The same divergence is 0.5838 in "
            + "nats, 0.8423 in bits and 0.2535 in base 10 (the value on the lecture's slide); the units differ by the factor ln b. "
            + "Computed with Kl.Divergence, Entropy.Of and CrossEntropy.Of.",
            [table, new Figure("kl-distributions", "p puts most of its mass on outcome 3, where q puts the least.", chart)]);
    }
}

/// <content>Registers <see cref="KlSection"/>.</content>
internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Kl = Add(new KlSection());
}
