using Functional.Laws.Generators;
using Functional.Numerics;
using static Functional.Laws.Approx;

namespace Functional.Laws;

/// <summary>
/// The clauses of the loss laws: each returns a property body over <see cref="LossCase"/>s for an element-wise loss ℓ(ŷ, y)
/// with its derivative (squared, absolute, Huber, cross-entropy, your own) or for its Sum/Mean reductions. A body throws
/// <see cref="LawViolatedException"/> naming the element, the inputs and the numbers when its law fails.
/// <see cref="LossLawSuite"/> assembles them; they are public so that a test can run one clause, or <see cref="Agree"/>, alone.
/// </summary>
public static class LossLaws
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>
    /// ∂ℓ/∂ŷ equals the central difference (ℓ(ŷ + h) − ℓ(ŷ − h)) / (2h), h = <paramref name="step"/>·max(1, |ŷ|, |y|), wherever
    /// [ŷ − h, ŷ + h] holds no declared kink and the three values are finite. Allowed error, scaled to the step: rounding
    /// <paramref name="roundoff"/>·ε·S/(2h), S = max|ℓ| + (|ŷ| + |y| + h)·max|∂ℓ| (the size of the terms ℓ is computed from),
    /// plus truncation |g(ŷ+h) − g(ŷ−h)| + |g(ŷ±h) − g(ŷ)| (the difference quotient is the mean of g over the interval, so for
    /// a convex loss it lies between g(ŷ − h) and g(ŷ + h); for a smooth one the excess is O(h²)).
    /// <paramref name="termSize"/>(ŷ, y, parameter), if given, is added to S: the size of intermediate terms that cancel in the
    /// value (e.g. |ŷ| for max(ŷ, 0) − t·ŷ), whose rounding the difference quotient sees although the derivative is exact.
    /// </summary>
    public static Action<LossCase> DerivativeMatchesFiniteDifference(
        LossUnderTest loss, double step = 1e-5, double roundoff = 64.0, Func<double, double, double, double>? termSize = null)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(loss);
            var (p, t, a) = (c.P, c.T, c.Parameter);
            var n = p.Length;
            var plus = new double[n];
            var minus = new double[n];
            for (var i = 0; i < n; i++)
            {
                var h = step * Math.Max(1.0, Math.Max(Math.Abs(p[i]), Math.Abs(t[i])));
                (plus[i], minus[i]) = (p[i] + h, p[i] - h);
                if (!double.IsFinite(plus[i]) || !double.IsFinite(minus[i]))
                {
                    (plus[i], minus[i]) = (p[i], p[i]); // beyond the largest double: no difference to take, the element is skipped
                }
            }

            var (v, g) = loss.At(p, t, a);
            var (vp, gp) = loss.At(plus, t, a);
            var (vm, gm) = loss.At(minus, t, a);
            for (var i = 0; i < n; i++)
            {
                var width = plus[i] - minus[i];
                if (!(width > 0.0) || !double.IsFinite(width)
                    || !(double.IsFinite(v[i]) && double.IsFinite(vp[i]) && double.IsFinite(vm[i]))
                    || (loss.Kinks?.Invoke(t[i], a) ?? []).Any(k => k >= minus[i] && k <= plus[i]))
                {
                    continue;
                }

                var fd = (vp[i] / width) - (vm[i] / width);
                var slope = Math.Max(Math.Abs(g[i]), Math.Max(Math.Abs(gp[i]), Math.Abs(gm[i])));
                var size = Math.Max(Math.Abs(v[i]), Math.Max(Math.Abs(vp[i]), Math.Abs(vm[i])))
                           + ((Math.Abs(p[i]) + Math.Abs(t[i]) + (width / 2.0)) * slope)
                           + (termSize is null ? 0.0 : termSize(p[i], t[i], a));
                var allowed = (roundoff * Eps * size / width)
                              + Math.Abs(gp[i] - gm[i]) + Math.Abs(gp[i] - g[i]) + Math.Abs(gm[i] - g[i]) + 1e-300;
                var (i0, gi) = (i, g[i]);
                That(
                    Math.Abs(fd - gi) <= allowed,
                    () => $"{loss} at ŷ = {Show(p[i0])}, y = {Show(t[i0])}, parameter = {Show(a)}: derivative {Show(gi)} but central "
                          + $"difference {Show(fd)} over [{Show(minus[i0])}, {Show(plus[i0])}] (allowed error {Show(allowed)})");
            }
        };

    /// <summary>
    /// At a declared kink the derivative is the lowest-norm subgradient: exactly 0 when the one-sided derivatives (taken at
    /// ŷ ∓ <paramref name="step"/>·max(1, |ŷ|)) have opposite signs, else the one-sided value nearer 0. Every element of the case
    /// is moved onto one of its kinks.
    /// </summary>
    public static Action<LossCase> LowestNormSubgradientAtKinks(LossUnderTest loss, double step = 1e-9)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(loss);
            var (t, a) = (c.T, c.Parameter);
            var p = c.P;
            var onKink = new bool[p.Length];
            for (var i = 0; i < p.Length; i++)
            {
                var kinks = loss.Kinks?.Invoke(t[i], a) ?? [];
                if (kinks.Count > 0)
                {
                    p[i] = kinks[i % kinks.Count];
                    onKink[i] = double.IsFinite(p[i]);
                }
            }

            var left = p.Select(x => x - (step * Math.Max(1.0, Math.Abs(x)))).ToArray();
            var right = p.Select(x => x + (step * Math.Max(1.0, Math.Abs(x)))).ToArray();
            var (_, g) = loss.At(p, t, a);
            var (_, gl) = loss.At(left, t, a);
            var (_, gr) = loss.At(right, t, a);
            for (var i = 0; i < p.Length; i++)
            {
                if (!onKink[i])
                {
                    continue;
                }

                var (lo, hi, gi, i0) = (Math.Min(gl[i], gr[i]), Math.Max(gl[i], gr[i]), g[i], i);
                if (lo <= 0.0 && hi >= 0.0)
                {
                    That(gi == 0.0, () => $"{loss} at the kink ŷ = {Show(p[i0])}, y = {Show(t[i0])}: derivative {Show(gi)}, not 0, "
                                          + $"though the one-sided derivatives are {Show(gl[i0])} and {Show(gr[i0])}");
                }
                else
                {
                    var nearest = Math.Abs(lo) < Math.Abs(hi) ? lo : hi;
                    Equal(gi, nearest, 1e-6, 0.0, $"{loss} at the kink ŷ = {Show(p[i0])}, y = {Show(t[i0])}: derivative vs the lowest-norm subgradient");
                }
            }
        };

    /// <summary>ℓ(ŷ, y) ≥ 0 for every element (NaN fails).</summary>
    public static Action<LossCase> NonNegative(LossUnderTest loss)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(loss);
            var (v, _) = loss.At(c.P, c.T, c.Parameter);
            for (var i = 0; i < v.Length; i++)
            {
                var (vi, i0) = (v[i], i);
                That(vi >= 0.0, () => $"{loss}(ŷ = {Show(c.Predictions[i0])}, y = {Show(c.Targets[i0])}) = {Show(vi)} is not ≥ 0");
            }
        };

    /// <summary>
    /// Never NaN, and value and derivative finite wherever <paramref name="mathematicsFinite"/>(ŷ, y, parameter) says the
    /// mathematics is finite (e.g. always for the logistic family, up to ŷ = ±1e308 and ±double.MaxValue).
    /// </summary>
    public static Action<LossCase> FiniteWhereTheMathematicsIs(LossUnderTest loss, Func<double, double, double, bool> mathematicsFinite)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(loss);
            ArgumentNullException.ThrowIfNull(mathematicsFinite);
            var (p, t, a) = (c.P, c.T, c.Parameter);
            var (v, g) = loss.At(p, t, a);
            for (var i = 0; i < p.Length; i++)
            {
                var (vi, gi, i0) = (v[i], g[i], i);
                var finite = mathematicsFinite(p[i], t[i], a);
                That(
                    !double.IsNaN(vi) && !double.IsNaN(gi) && (!finite || (double.IsFinite(vi) && double.IsFinite(gi))),
                    () => $"{loss} at ŷ = {Show(p[i0])}, y = {Show(t[i0])}, parameter = {Show(a)}: value {Show(vi)}, derivative {Show(gi)}"
                          + (finite ? " (both should be finite)" : " (NaN)"));
            }
        };

    /// <summary>
    /// A margin surrogate scaled to pass through (0, 1) upper-bounds the 0-1 error: with the label y = <paramref name="label"/>(target)
    /// ∈ {−1, +1} and the margin m = y·ŷ, scale·ℓ(ŷ, target) ≥ 1[m ≤ 0] on every element, and scale·ℓ(0, target) = 1 (to 4 ulps).
    /// </summary>
    public static Action<LossCase> UpperBoundsZeroOneError(LossUnderTest loss, double scale, Func<double, double> label)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(loss);
            ArgumentNullException.ThrowIfNull(label);
            var (p, t, a) = (c.P, c.T, c.Parameter);
            var (v, _) = loss.At(p, t, a);
            var (atZero, _) = loss.At(new double[p.Length], t, a);
            for (var i = 0; i < p.Length; i++)
            {
                var margin = label(t[i]) * p[i];
                var error = margin <= 0.0 ? 1.0 : 0.0;
                var (bound, i0) = (scale * v[i], i);
                That(
                    bound >= error * (1.0 - (4.0 * Eps)),
                    () => $"{Show(scale)}·{loss}(ŷ = {Show(p[i0])}, y = {Show(t[i0])}) = {Show(bound)} < the 0-1 error {Show(error)} at margin {Show(margin)}");
                Equal(scale * atZero[i], 1.0, 4.0 * Eps, 0.0, $"{Show(scale)}·{loss}(0, y = {Show(t[i0])}) (the surrogate must pass through (0, 1))");
            }
        };

    /// <summary>Mean = Sum / n, and the Mean gradient is the Sum gradient divided by n (to a few ulps).</summary>
    public static Action<LossCase> MeanIsSumOverN(LossReduction reduce, string name, double relative = 8.0 * Eps)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(reduce);
            var n = c.Length;
            var (gs, gm) = (new double[n], new double[n]);
            var sum = reduce(c.P, c.T, c.Parameter, gs, Reduction.Sum);
            var mean = reduce(c.P, c.T, c.Parameter, gm, Reduction.Mean);
            // When Σℓ overflows, Sum is +∞ while the mean may still be finite (the kernel sums ℓ_i/n): compare only finite sums.
            if (double.IsFinite(sum))
            {
                Equal(mean, sum / n, relative, 0.0, $"{name}: Mean vs Sum / {n}");
            }

            for (var i = 0; i < n; i++)
            {
                var i0 = i;
                That(
                    Close(gm[i], gs[i] / n, relative, 1e-320),
                    () => $"{name}: Mean gradient[{i0}] = {Show(gm[i0])} vs Sum gradient[{i0}] / {n} = {Show(gs[i0] / n)}");
            }
        };

    /// <summary>
    /// The element-wise values add up to the Sum reduction (within <paramref name="relative"/>·Σ|ℓ|; the reduction sums
    /// compensated), and the element-wise derivatives are the gradient of the Sum to within 2 ulps. (Not bit for bit: the
    /// same kernel reached by two call paths can run at different JIT tiers, and .NET's vector exp/log use
    /// MultiplyAddEstimate, which one tier fuses and another does not — seen in CI as a 1-ulp difference in the exponential loss.)
    /// </summary>
    public static Action<LossCase> ElementwiseAddsUpToSum(LossReduction reduce, LossUnderTest elementwise, double relative = 1e-13)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(reduce);
            ArgumentNullException.ThrowIfNull(elementwise);
            var n = c.Length;
            var gs = new double[n];
            var sum = reduce(c.P, c.T, c.Parameter, gs, Reduction.Sum);
            var (v, g) = elementwise.At(c.P, c.T, c.Parameter);
            var (total, magnitude) = (CompensatedSum(v), CompensatedSum(v.Select(Math.Abs)));
            That(
                Close(sum, total, 0.0, relative * magnitude) || (double.IsPositiveInfinity(sum) && double.IsPositiveInfinity(magnitude)),
                () => $"{elementwise}: Sum reduction {Show(sum)} vs Σ element-wise values {Show(total)} (Σ|ℓ| = {Show(magnitude)})");
            for (var i = 0; i < n; i++)
            {
                var i0 = i;
                That(
                    gs[i].Equals(g[i]) || Math.Abs(gs[i] - g[i]) <= 2.0 * (Math.BitIncrement(Math.Abs(g[i])) - Math.Abs(g[i])),
                    () => $"{elementwise}: Sum gradient[{i0}] = {Show(gs[i0])} but element-wise derivative {Show(g[i0])}");
            }
        };

    /// <summary>
    /// The float kernel on float inputs agrees with the double kernel on the same numbers (widened): Sum, Mean and both gradients
    /// within <paramref name="relative"/> (absolute 1e-30 for values, 1e-37 for derivatives: below those float is subnormal).
    /// </summary>
    public static Action<LossCase> FloatAgreesWithDouble(LossReductionSingle narrow, LossReduction reference, string name, double relative = 1e-5)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(narrow);
            ArgumentNullException.ThrowIfNull(reference);
            var pf = c.Predictions.Select(x => (float)x).ToArray();
            var tf = c.Targets.Select(x => (float)x).ToArray();
            var (pd, td) = (pf.Select(x => (double)x).ToArray(), tf.Select(x => (double)x).ToArray());
            foreach (var reduction in new[] { Reduction.Sum, Reduction.Mean })
            {
                var (gf, gd) = (new float[pf.Length], new double[pd.Length]);
                var vf = narrow(pf, tf, c.Parameter, gf, reduction);
                var vd = reference(pd, td, c.Parameter, gd, reduction);

                // Past float's range the float result is rightly ±∞ (or a gradient entry overflows): nothing to compare.
                if (Math.Abs(vd) > float.MaxValue || gd.Any(g => Math.Abs(g) > float.MaxValue))
                {
                    continue;
                }

                Equal(vf, vd, relative, 1e-30, $"{name} {reduction}: float vs double");
                for (var i = 0; i < gf.Length; i++)
                {
                    var i0 = i;
                    That(
                        Close(gf[i], gd[i], relative, 1e-37),
                        () => $"{name} {reduction}: float gradient[{i0}] = {Show(gf[i0])} vs double {Show(gd[i0])} at ŷ = {Show(pd[i0])}, y = {Show(td[i0])}");
                }
            }
        };

    /// <summary>
    /// ℓ is continuous with a continuous derivative across each declared switch point s(y, parameter) (e.g. Huber's y ± δ): the
    /// values a few ulps either side differ by at most max|∂ℓ| times the gap (plus rounding), and the derivatives by at most
    /// <paramref name="relative"/>·max|∂ℓ|. Elements whose target is too coarse to resolve the switch point (ulp(y) &gt; 1e-7·|s − y|) are skipped.
    /// </summary>
    public static Action<LossCase> ContinuousAcross(LossUnderTest loss, Func<double, double, IReadOnlyList<double>> switchPoints, double relative = 1e-6)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(loss);
            ArgumentNullException.ThrowIfNull(switchPoints);
            var (t, a) = (c.T, c.Parameter);
            var n = t.Length;
            var (below, above, at) = (new double[n], new double[n], new double[n]);
            for (var i = 0; i < n; i++)
            {
                var points = switchPoints(t[i], a);
                at[i] = points.Count == 0 ? double.NaN : points[i % points.Count];
                var gap = 4.0 * Eps * Math.Max(Math.Abs(at[i]), Math.Abs(t[i]));
                (below[i], above[i]) = (at[i] - gap, at[i] + gap);
            }

            var (vb, gb) = loss.At(below, t, a);
            var (va, ga) = loss.At(above, t, a);
            for (var i = 0; i < n; i++)
            {
                if (!double.IsFinite(at[i]) || Eps * Math.Abs(t[i]) > 1e-7 * Math.Abs(at[i] - t[i]))
                {
                    continue;
                }

                var slope = Math.Max(Math.Abs(gb[i]), Math.Abs(ga[i]));
                var width = above[i] - below[i];
                var i0 = i;
                That(
                    Math.Abs(va[i] - vb[i]) <= (2.0 * slope * width) + (16.0 * Eps * Math.Max(Math.Abs(va[i]), Math.Abs(vb[i]))),
                    () => $"{loss} jumps at the switch point ŷ = {Show(at[i0])} (y = {Show(t[i0])}, parameter = {Show(a)}): "
                          + $"{Show(vb[i0])} just below, {Show(va[i0])} just above");
                That(
                    Math.Abs(ga[i] - gb[i]) <= relative * Math.Max(slope, 1e-300),
                    () => $"{loss}'s derivative jumps at the switch point ŷ = {Show(at[i0])} (y = {Show(t[i0])}, parameter = {Show(a)}): "
                          + $"{Show(gb[i0])} just below, {Show(ga[i0])} just above");
            }
        };

    /// <summary>Two losses agree element by element, values and derivatives (skipping elements where either value is not finite).</summary>
    public static Action<LossCase> Agree(LossUnderTest loss, LossUnderTest reference, double relative, double absolute)
        => c =>
        {
            ArgumentNullException.ThrowIfNull(loss);
            ArgumentNullException.ThrowIfNull(reference);
            var (p, t, a) = (c.P, c.T, c.Parameter);
            var (v, g) = loss.At(p, t, a);
            var (rv, rg) = reference.At(p, t, a);
            for (var i = 0; i < p.Length; i++)
            {
                if (!double.IsFinite(v[i]) || !double.IsFinite(rv[i]))
                {
                    continue;
                }

                var i0 = i;
                string Where() => $"at ŷ = {Show(p[i0])}, y = {Show(t[i0])}, parameter = {Show(a)}";
                That(Close(v[i], rv[i], relative, absolute), () => $"{loss} = {Show(v[i0])} vs {reference} = {Show(rv[i0])} {Where()}");
                That(Close(g[i], rg[i], relative, absolute), () => $"∂{loss} = {Show(g[i0])} vs ∂{reference} = {Show(rg[i0])} {Where()}");
            }
        };

    /// <summary>Σ with Neumaier compensation; ±∞ once a partial sum overflows.</summary>
    public static double CompensatedSum(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double sum = 0.0, compensation = 0.0;
        foreach (var x in values)
        {
            var next = sum + x;
            if (!double.IsFinite(next))
            {
                return next; // overflow (or an infinite term): the sum is that infinity, the compensation would be NaN
            }

            compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - next) + x : (x - next) + sum;
            sum = next;
        }

        return sum + compensation;
    }
}
