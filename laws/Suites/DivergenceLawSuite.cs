using Functional.Laws.Generators;
using Functional.Numerics;

namespace Functional.Laws;

/// <summary>
/// What a divergence claims beyond the basic laws, which switches on the optional ones.
/// </summary>
public sealed record DivergenceTraits
{
    /// <summary>d(p, q) = d(q, p) (Jensen–Shannon, Hellinger; not KL).</summary>
    public bool Symmetric { get; init; }

    /// <summary>Jointly convex in (p, q) (every f-divergence, so KL).</summary>
    public bool JointlyConvex { get; init; }

    /// <summary>Obeys the data-processing inequality (every f-divergence, so KL and JS).</summary>
    public bool DataProcessing { get; init; }

    /// <summary>An upper bound on every value (e.g. ln 2 for Jensen–Shannon in nats); null: none claimed.</summary>
    public double? UpperBound { get; init; }

    /// <summary>Relative slack allowed for rounding in the inequalities (default 1e-12).</summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>The traits of an f-divergence such as KL: jointly convex, data-processing, not symmetric.</summary>
    public static DivergenceTraits FDivergence { get; } = new() { JointlyConvex = true, DataProcessing = true };
}

/// <summary>
/// The laws of a divergence d(p, q) between probability vectors of equal length. Always: non-negative (Gibbs'
/// inequality for KL), zero on identical inputs, positive on distinct inputs (together: zero iff equal), never NaN
/// at zeros. With a base-aware function: scales with the log base. Optional (<see cref="DivergenceTraits"/>):
/// symmetric, bounded, jointly convex, data-processing inequality.
/// </summary>
public sealed class DivergenceLawSuite : LawSuite
{
    /// <summary>The laws of <paramref name="divergence"/> (see <see cref="LawsOf.Divergence(Func{double[], double[], double}, string, DivergenceTraits?)"/>).</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="divergence"/> or <paramref name="name"/> is null.</exception>
    public DivergenceLawSuite(Func<double[], double[], double> divergence, string name, DivergenceTraits? traits = null)
        : this(divergence, null, name, traits)
    {
    }

    /// <summary>The laws of a divergence computed in a chosen log base; adds the base-scaling law.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="divergence"/> or <paramref name="name"/> is null.</exception>
    public DivergenceLawSuite(Func<double[], double[], LogBase, double> divergence, string name, DivergenceTraits? traits = null)
        : this(Nats(divergence), divergence, name, traits)
    {
    }

    private DivergenceLawSuite(
        Func<double[], double[], double> d, Func<double[], double[], LogBase, double>? inBase, string name, DivergenceTraits? traits)
        : base($"divergence '{name}'")
    {
        ArgumentNullException.ThrowIfNull(d);
        traits ??= new DivergenceTraits();
        Traits = traits;
        Add("non-negative", "d(p, q) ≥ 0 (Gibbs' inequality), never NaN", () => Arbs.Pairs(), DivergenceLaws.NonNegative(d));
        Add("zero on identical", "d(p, p) = 0 exactly", () => Arbs.Vector(), DivergenceLaws.ZeroOnIdentical(d));
        Add("positive on distinct", "p ≠ q ⇒ d(p, q) > 0", () => Arbs.DistinctPairs(), DivergenceLaws.PositiveOnDistinct(d));
        Add(
            "defined at zeros",
            "zeros in p or q never give NaN (0·log 0 = 0; +∞ is allowed where q misses mass of p)",
            () => Arbs.Pairs(Shape.Sparse, Shape.NearDegenerate, Shape.OneHot),
            DivergenceLaws.NotNaN(d));
        if (inBase is not null)
        {
            Add<Dists, LogBase>(
                "scales with base",
                "d_b(p, q) = d_e(p, q) / ln b",
                () => Arbs.Pairs(),
                () => Arbs.Bases(),
                InvarianceLaws.ScalesWithBase((c, b) => inBase(c.P, c.Q, b), 4e-16 + traits.Tolerance));
        }

        if (traits.Symmetric)
        {
            Add("symmetric", "d(p, q) = d(q, p)", () => Arbs.Pairs(), DivergenceLaws.Symmetric(d, traits.Tolerance));
        }

        if (traits.UpperBound is { } upper)
        {
            Add("bounded", $"0 ≤ d(p, q) ≤ {Approx.Show(upper)}", () => Arbs.Pairs(), DivergenceLaws.Bounded(d, 0.0, upper));
        }

        if (traits.JointlyConvex)
        {
            Add<Dists, double>(
                "jointly convex",
                "d(λp₁ + (1−λ)p₂, λq₁ + (1−λ)q₂) ≤ λ d(p₁, q₁) + (1−λ) d(p₂, q₂)",
                () => Arbs.Quads(),
                () => Arbs.Lambda(),
                DivergenceLaws.JointlyConvex(d, traits.Tolerance));
        }

        if (traits.DataProcessing)
        {
            Add(
                "data processing",
                "d(pW, qW) ≤ d(p, q) for every stochastic matrix W (coarse-graining never increases it)",
                Channelled.Arbitrary,
                DivergenceLaws.DataProcessing(d, traits.Tolerance));
        }
    }

    /// <summary>The optional laws this suite checks.</summary>
    public DivergenceTraits Traits { get; }

    private static Func<double[], double[], double> Nats(Func<double[], double[], LogBase, double> divergence)
    {
        ArgumentNullException.ThrowIfNull(divergence);
        return (p, q) => divergence(p, q, LogBase.E);
    }
}
