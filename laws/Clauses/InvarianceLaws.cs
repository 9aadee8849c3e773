using Functional.Laws.Generators;
using Functional.Numerics;
using static Functional.Laws.Approx;

namespace Functional.Laws;

/// <summary>Laws about how a measure behaves under relabelling, change of unit, and against another implementation.</summary>
public static class InvarianceLaws
{
    /// <summary>f(πp) = f(p) for a permutation π (summation order may change: relative tolerance).</summary>
    public static Action<Permuted> PermutationInvariant(Func<double[], double> f, double relative = 1e-13)
        => c => Equal(f(c.Apply(c.Dists.P)), f(c.Dists.P), relative, 0.0, "f(πp) vs f(p)");

    /// <summary>f(πp, πq) = f(p, q) for a permutation π applied to both.</summary>
    public static Action<Permuted> PermutationInvariant(Func<double[], double[], double> f, double relative = 1e-13)
        => c =>
        {
            var (p, q) = (c.Dists.P, c.Dists.Q);
            Equal(f(c.Apply(p), c.Apply(q)), f(p, q), relative, 0.0, "f(πp, πq) vs f(p, q)");
        };

    /// <summary>
    /// An outcome nobody gives mass to changes nothing: f(p ⧺ 0) = f(p) (the summation order may change with
    /// the shift, so up to a relative tolerance).
    /// </summary>
    public static Action<Dists> ZeroPaddingInvariant(Func<double[], double> f, double relative = 1e-13)
        => c =>
        {
            var p = c.P;
            Equal(f([.. p, 0.0]), f(p), relative, 0.0, "f(p ⧺ [0]) vs f(p)");
            Equal(f([0.0, .. p]), f(p), relative, 0.0, "f([0] ⧺ p) vs f(p)");
        };

    /// <summary>An outcome neither p nor q gives mass to changes nothing: f(p ⧺ 0, q ⧺ 0) = f(p, q).</summary>
    public static Action<Dists> ZeroPaddingInvariant(Func<double[], double[], double> f, double relative = 1e-13)
        => c =>
        {
            var (p, q) = (c.P, c.Q);
            Equal(f([.. p, 0.0], [.. q, 0.0]), f(p, q), relative, 0.0, "f(p ⧺ [0], q ⧺ [0]) vs f(p, q)");
            Equal(f([0.0, .. p], [0.0, .. q]), f(p, q), relative, 0.0, "f([0] ⧺ p, [0] ⧺ q) vs f(p, q)");
        };

    /// <summary>
    /// Change of base: a measure in base b is the measure in nats divided by ln b. <paramref name="measure"/>
    /// computes the measure of a case in a given base.
    /// </summary>
    public static Action<Dists, LogBase> ScalesWithBase(Func<Dists, LogBase, double> measure, double relative = 4e-16)
        => (c, b) =>
        {
            var nats = measure(c, LogBase.E);
            Equal(measure(c, b), nats / b.NaturalLogarithm, relative, 0.0, $"measure in base {b} vs measure in nats / ln b");
        };

    /// <summary>Two implementations of the same quantity agree within the tolerances (equal infinities agree).</summary>
    public static Action<Dists> Agree(Func<Dists, double> f, Func<Dists, double> reference, double relative, double absolute, string what = "f vs reference")
        => c => Equal(f(c), reference(c), relative, absolute, what);
}
