using Functional.Laws.Generators;
using static Functional.Laws.Approx;

namespace Functional.Laws;

/// <summary>Laws of an entropy H(p) of a probability vector, in a unit whose maximum for n outcomes is <c>upper(n)</c>.</summary>
public static class EntropyLaws
{
    /// <summary>0 ≤ H(p) ≤ upper(n), the upper bound allowed <paramref name="relative"/> for rounding.</summary>
    public static Action<Dists> Bounded(Func<double[], double> h, Func<int, double> upper, double relative = 1e-12)
        => c =>
        {
            var (value, max) = (h(c.P), upper(c.Length));
            That(value >= 0.0 && value <= max * (1.0 + relative), () => $"H(p) = {Show(value)} is outside [0, {Show(max)}]");
        };

    /// <summary>H(uniform over n) = upper(n), the maximum.</summary>
    public static Action<Dists> MaximalAtUniform(Func<double[], double> h, Func<int, double> upper, double relative = 1e-13)
        => c =>
        {
            var n = c.Length;
            var uniform = Enumerable.Repeat(1.0 / n, n).ToArray();
            Equal(h(uniform), upper(n), relative, 0.0, $"H(uniform({n}))");
        };

    /// <summary>H(p) = 0 exactly when p is one-hot (use with one-hot cases).</summary>
    public static Action<Dists> ZeroWhenCertain(Func<double[], double> h)
        => c =>
        {
            var p = c.P;
            if (p.Count(x => x != 0.0) != 1)
            {
                return;
            }

            var value = h(p);
            That(value == 0.0, () => $"H(one-hot) = {Show(value)}, not 0");
        };

    /// <summary>Concavity: H(λp + (1−λ)q) ≥ λH(p) + (1−λ)H(q) − slack, slack relative to the right side.</summary>
    public static Action<Dists, double> Concave(Func<double[], double> h, double relative = 1e-12, double absolute = 1e-15)
        => (c, lambda) =>
        {
            var (p, q) = (c.P, c.Q);
            var left = h(Mix.Of(lambda, p, q));
            var right = Mix.Weighted(lambda, () => h(p), () => h(q));
            That(
                left >= right - absolute - (relative * Math.Abs(right)),
                () => $"H(mixture) = {Show(left)} < λH(p) + (1−λ)H(q) = {Show(right)} for λ = {Show(lambda)}");
        };
}
