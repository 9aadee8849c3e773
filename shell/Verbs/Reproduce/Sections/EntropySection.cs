using Functional.Information;
using Functional.Numerics;
using Functional.Shell.Plots;
using Functional.Shell.Reports;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>SEEDS.md §3: the entropy of a fair coin (1 bit), a biased coin p = 0.9 (0.47 bit) and a 20-sided die (4.32 bits).</summary>
internal sealed class EntropySection : IReproduceSection
{
    public string Name => "entropy";

    public string Title => "Entropy of a fair coin, a biased coin and a d20";

    public int Order => 31;

    public ReportSection Build()
    {
        var d20 = Enumerable.Repeat(1.0 / 20, 20).ToArray();
        var cases = new (string Name, double[] P, string Lecture)[]
        {
            ("fair coin", [0.5, 0.5], "1 bit"),
            ("biased coin, p = 0.9", [0.9, 0.1], "0.47 bit"),
            ("20-sided die", d20, "4.32 bits"),
        };

        var rows = cases.Select(c => (IReadOnlyList<Cell>)
        [
            Cell.Of(c.Name),
            Cell.Of(c.P.Length, 2),
            Cell.Of(Entropy.Of(c.P, LogBase.Two)),
            Cell.Of(Entropy.Of(c.P, LogBase.E)),
            Cell.Of(Math.Log2(c.P.Length)),
            Cell.Of(c.Lecture),
        ]).ToArray();

        var table = new Table(
            "entropy-examples",
            "H(p) = −Σ p_i log p_i of the lecture's examples, in bits and nats; log₂ n is the maximum for n outcomes (uniform).",
            ["distribution", "outcomes", "H (bits)", "H (nats)", "log₂ n (bits)", "lecture"],
            rows);

        var p = Grid.Linspace(0, 1, 401);
        var h = new double[p.Length];
        Entropy.Binary<double>(p, h, LogBase.Two);
        var chart = new Chart(
            "Binary entropy h(p) in bits",
            new Axis("P(heads) = p"),
            new Axis("h(p) (bits)", Min: 0, Max: 1.05),
            [
                new Series("h(p)", p, h),
                new Series("fair coin (1 bit)", [0.5], [Entropy.Of([0.5, 0.5], LogBase.Two)], SeriesKind.Scatter),
                new Series("biased coin p = 0.9 (0.47 bit)", [0.9], [Entropy.Of([0.9, 0.1], LogBase.Two)], SeriesKind.Scatter),
            ]);

        return new ReportSection(
            Name,
            Title,
            "The entropy of a distribution is its expected surprisal. A fair coin carries one bit, a coin that lands heads 90 % "
            + "of the time carries less than half a bit, and a fair 20-sided die log₂ 20 ≈ 4.32 bits. Computed with Entropy.Of "
            + "and Entropy.Binary (0·log 0 = 0 at p = 0 and p = 1).",
            [table, new Figure("entropy-binary", "The binary entropy is 0 for a certain outcome and largest, 1 bit, for a fair coin.", chart)]);
    }
}

/// <content>Registers <see cref="EntropySection"/>.</content>
internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Entropy = Add(new EntropySection());
}
