using Functional.Laws.Generators;
using static Functional.Laws.Approx;

namespace Functional.Laws;

/// <summary>
/// Laws of a divergence d(p, q) between probability vectors of equal length (KL, JS, Hellinger, your own):
/// each returns a property body over generated cases (<see cref="Dists"/>: P, Q, R, S).
/// </summary>
public static class DivergenceLaws
{
    /// <summary>d(p, q) ≥ 0 (Gibbs' inequality for KL), and never NaN.</summary>
    public static Action<Dists> NonNegative(Func<double[], double[], double> d)
        => c =>
        {
            var value = d(c.P, c.Q);
            That(value >= 0.0, () => $"d(p, q) = {Show(value)} is not ≥ 0");
        };

    /// <summary>d(p, q) is never NaN (it may be +∞ where q misses mass of p): the 0·log 0 = 0 convention at zeros.</summary>
    public static Action<Dists> NotNaN(Func<double[], double[], double> d)
        => c =>
        {
            var value = d(c.P, c.Q);
            That(!double.IsNaN(value), () => "d(p, q) is NaN");
        };

    /// <summary>
    /// The data-processing inequality: passing both distributions through the same channel (a stochastic matrix,
    /// e.g. merging outcomes) never increases the divergence, d(pW, qW) ≤ d(p, q), up to <paramref name="relative"/>
    /// of the right side and <paramref name="absolute"/>.
    /// </summary>
    public static Action<Channelled> DataProcessing(Func<double[], double[], double> d, double relative = 1e-12, double absolute = 1e-15)
        => c =>
        {
            var (p, q) = (c.Dists.P, c.Dists.Q);
            var before = d(p, q);
            var after = d(c.Apply(p), c.Apply(q));
            That(
                after <= before + absolute + (relative * Math.Abs(before)),
                () => $"d(pW, qW) = {Show(after)} > d(p, q) = {Show(before)}: the channel increased the divergence");
        };

    /// <summary>d(p, p) = 0 exactly, not merely approximately.</summary>
    public static Action<Dists> ZeroOnIdentical(Func<double[], double[], double> d)
        => c =>
        {
            var value = d(c.P, c.P);
            That(value == 0.0, () => $"d(p, p) = {Show(value)}, not 0");
        };

    /// <summary>p ≠ q ⇒ d(p, q) &gt; 0 (with <see cref="ZeroOnIdentical"/>: d = 0 iff p = q).</summary>
    public static Action<Dists> PositiveOnDistinct(Func<double[], double[], double> d)
        => c =>
        {
            var (p, q) = (c.P, c.Q);
            if (p.AsSpan().SequenceEqual(q))
            {
                return;
            }

            var value = d(p, q);
            That(value > 0.0, () => $"p ≠ q but d(p, q) = {Show(value)}");
        };

    /// <summary>d(p, q) = d(q, p) within a relative tolerance (0: bit for bit).</summary>
    public static Action<Dists> Symmetric(Func<double[], double[], double> d, double relative = 0.0)
        => c =>
        {
            var (p, q) = (c.P, c.Q);
            Equal(d(p, q), d(q, p), relative, 0.0, "d(p, q) vs d(q, p)");
        };

    /// <summary>lower ≤ d(p, q) ≤ upper.</summary>
    public static Action<Dists> Bounded(Func<double[], double[], double> d, double lower, double upper)
        => c =>
        {
            var value = d(c.P, c.Q);
            That(value >= lower && value <= upper, () => $"d(p, q) = {Show(value)} is outside [{Show(lower)}, {Show(upper)}]");
        };

    /// <summary>
    /// Joint convexity (the log-sum inequality for KL): with p = λp1 + (1−λ)p2 and q = λq1 + (1−λ)q2,
    /// d(p, q) ≤ λ d(p1, q1) + (1−λ) d(p2, q2), up to <paramref name="relative"/> of the right side and
    /// <paramref name="absolute"/>. The case's vectors are p1 = P, p2 = Q, q1 = R, q2 = S.
    /// </summary>
    public static Action<Dists, double> JointlyConvex(
        Func<double[], double[], double> d, double relative = 1e-12, double absolute = 1e-15)
        => (c, lambda) =>
        {
            var (p1, p2, q1, q2) = (c.P, c.Q, c.R, c.S);
            var left = d(Mix.Of(lambda, p1, p2), Mix.Of(lambda, q1, q2));
            var right = Mix.Weighted(lambda, () => d(p1, q1), () => d(p2, q2));
            That(
                left <= right + absolute + (relative * Math.Abs(right)),
                () => $"d(mixture) = {Show(left)} > λ d(p1, q1) + (1−λ) d(p2, q2) = {Show(right)} for λ = {Show(lambda)}");
        };
}

/// <summary>Mixtures λa + (1−λ)b and weighted sums that treat 0·∞ as 0.</summary>
public static class Mix
{
    /// <summary>λa + (1−λ)b, entry by entry.</summary>
    /// <exception cref="ArgumentNullException">Thrown when a vector is null.</exception>
    public static double[] Of(double lambda, double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = (lambda * a[i]) + ((1.0 - lambda) * b[i]);
        }

        return result;
    }

    /// <summary>λ·x + (1−λ)·y, where a zero weight drops its term (so an infinite term with weight 0 is 0, not NaN).</summary>
    public static double Weighted(double lambda, Func<double> x, Func<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return (lambda == 0.0 ? 0.0 : lambda * x()) + (lambda == 1.0 ? 0.0 : (1.0 - lambda) * y());
    }
}
