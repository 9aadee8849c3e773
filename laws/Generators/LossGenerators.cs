using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
namespace Functional.Laws.Generators;

/// <summary>What the targets of a loss may be.</summary>
public enum TargetDomain
{
    /// <summary>Any finite number (regression): mostly in [−100, 100], sometimes 0, ±1 or up to 1e±10.</summary>
    Real,

    /// <summary>t in [0, 1] (binary cross-entropy, soft labels allowed), often exactly 0, ½ or 1.</summary>
    UnitInterval,

    /// <summary>Labels −1 and +1 (margin losses).</summary>
    Sign,

    /// <summary>Counts k ≥ 0 (Poisson): mostly small integers, sometimes 0 or a large or fractional value.</summary>
    Counts,
}

/// <summary>How large the generated predictions (logits, scores) may be.</summary>
public enum PredictionRange
{
    /// <summary>Every finite double: moderate, tiny, 1e±300, and the extremes ±1e308 and ±double.MaxValue.</summary>
    Any,

    /// <summary>|ŷ| ≤ 1e15, so that losses and their sums stay inside the float range for the float/double comparison.</summary>
    FloatSafe,

    /// <summary>|ŷ| ≤ 30: the range where the textbook formulas (σ, log of probabilities) are still accurate.</summary>
    Moderate,
}

/// <summary>
/// One generated loss case: predictions and targets of the same length (1 … 300) and a hyper-parameter (δ for Huber,
/// β for smooth-L1; ignored by the other losses) in (1e-3, 1e3).
/// </summary>
/// <param name="Predictions">ŷ: predictions, logits or scores.</param>
/// <param name="Targets">y: targets in the loss's <see cref="TargetDomain"/>.</param>
/// <param name="Parameter">The loss's hyper-parameter for this case.</param>
public sealed record LossCase(double[] Predictions, double[] Targets, double Parameter)
{
    /// <summary>The number of elements.</summary>
    public int Length => Predictions.Length;

    /// <summary>A copy of the predictions, so that a law cannot corrupt the case.</summary>
    public double[] P => (double[])Predictions.Clone();

    /// <summary>A copy of the targets.</summary>
    public double[] T => (double[])Targets.Clone();

    /// <summary>n, the parameter, predictions and targets (round-trippable), for reports.</summary>
    public override string ToString()
        => $"n = {Length}, parameter = {Parameter.ToString("R", CultureInfo.InvariantCulture)}; "
           + $"predictions = {Dists.Show(Predictions)}; targets = {Dists.Show(Targets)}";
}

/// <summary>
/// Generators (with shrinking) for loss inputs. Never FsCheck's default double generator: predictions are finite by
/// construction and targets lie in the loss's domain.
/// </summary>
public static class LossGenerators
{
    private static readonly double[] Extremes =
    [
        0.0, -0.0, 1.0, -1.0, 20.0, -20.0, 36.7, -36.7, 40.0, -40.0, 709.8, -709.8, 745.2, -745.2, 1e-300, -1e-300,
        double.Epsilon, 1e300, -1e300, 1e308, -1e308, double.MaxValue, -double.MaxValue,
    ];

    /// <summary>Lengths 1 … 300: a third within one SIMD step, a third a few steps, a third up to 300.</summary>
    public static Gen<int> Length { get; } = Gen.Frequency(
        (35, Gen.Choose(1, 8)),
        (35, Gen.Choose(9, 40)),
        (30, Gen.Choose(41, 300)));

    private static Gen<int> Seed { get; } = Gen.Choose(int.MinValue, int.MaxValue);

    /// <summary>
    /// Loss cases with targets in <paramref name="domain"/> and predictions in <paramref name="range"/>, shrinking by
    /// <see cref="Shrink"/>. Now and then (real targets) a prediction lies exactly on its target or on target ± parameter.
    /// </summary>
    public static Arbitrary<LossCase> Cases(TargetDomain domain, PredictionRange range = PredictionRange.Any)
    {
        var gen = from n in Length
                  from seed in Seed
                  select Build(n, seed, domain, range);
        return Arb.From(gen, c => Shrink(c, domain));
    }

    /// <summary>A hyper-parameter log-uniform in (1e-3, 1e3), or exactly 1 (the default) one time in eight.</summary>
    public static double Parameter(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.Next(8) == 0)
        {
            return 1.0;
        }

        var u = random.NextDouble();
        return Math.Pow(10.0, -3.0 + (6.0 * Math.Clamp(u, 1e-9, 1.0 - 1e-9)));
    }

    /// <summary>One prediction in <paramref name="range"/>.</summary>
    public static double Prediction(Random random, PredictionRange range)
    {
        ArgumentNullException.ThrowIfNull(random);
        var sign = random.Next(2) == 0 ? -1.0 : 1.0;
        var kind = random.Next(10);
        return range switch
        {
            PredictionRange.Moderate => kind < 8 ? (random.NextDouble() - 0.5) * 60.0 : sign * Math.Pow(10.0, -12.0 + (13.0 * random.NextDouble())),
            PredictionRange.FloatSafe => kind switch
            {
                < 6 => (random.NextDouble() - 0.5) * 20.0,
                < 9 => sign * Math.Pow(10.0, -30.0 + (45.0 * random.NextDouble())),
                _ => Extremes[random.Next(16)],
            },
            _ => kind switch
            {
                < 4 => (random.NextDouble() - 0.5) * 20.0,
                < 7 => sign * (1.0 + random.NextDouble()) * Math.Pow(10.0, random.Next(-300, 308)),
                < 9 => Extremes[random.Next(Extremes.Length)],
                _ => (random.NextDouble() - 0.5) * 2e-3,
            },
        };
    }

    /// <summary>One target in <paramref name="domain"/>.</summary>
    public static double Target(Random random, TargetDomain domain)
    {
        ArgumentNullException.ThrowIfNull(random);
        var kind = random.Next(10);
        return domain switch
        {
            TargetDomain.Sign => random.Next(2) == 0 ? -1.0 : 1.0,
            TargetDomain.UnitInterval => kind < 4 ? new[] { 0.0, 0.5, 1.0 }[random.Next(3)] : random.NextDouble(),
            TargetDomain.Counts => kind < 7 ? random.Next(0, 21) : kind < 9 ? random.NextDouble() * 1e3 : 0.0,
            _ => kind switch
            {
                < 7 => (random.NextDouble() - 0.5) * 200.0,
                < 8 => new[] { 0.0, 1.0, -1.0 }[random.Next(3)],
                _ => (random.Next(2) == 0 ? -1.0 : 1.0) * Math.Pow(10.0, -10.0 + (20.0 * random.NextDouble())),
            },
        };
    }

    private static LossCase Build(int n, int seed, TargetDomain domain, PredictionRange range)
    {
        var random = new Random(seed);
        var parameter = Parameter(random);
        var targets = Enumerable.Range(0, n).Select(_ => Target(random, domain)).ToArray();
        var predictions = new double[n];
        for (var i = 0; i < n; i++)
        {
            // now and then a prediction exactly on the target or on a Huber/smooth-L1 switch point
            predictions[i] = (domain, random.Next(12)) switch
            {
                (TargetDomain.Real, 0) => targets[i],
                (TargetDomain.Real, 1) => targets[i] + ((random.Next(2) == 0 ? -1.0 : 1.0) * parameter),
                _ => Prediction(random, range),
            };
        }

        return new LossCase(predictions, targets, parameter);
    }

    /// <summary>
    /// Shrinks jointly: halves, one element fewer, the parameter to 1, predictions and targets to one significant digit, then
    /// towards small numbers: every entry above 1 in size divided by 10, and single entries set to 0 (targets only where 0
    /// is in the domain). Each candidate is strictly smaller in (length, entries not yet rounded, parameter ≠ 1, Σ decimal
    /// digits before the point, non-zero entries), compared in that order, so shrinking ends.
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="c"/> is null.</exception>
    public static IEnumerable<LossCase> Shrink(LossCase c, TargetDomain domain)
    {
        ArgumentNullException.ThrowIfNull(c);
        var size = Measure(c);
        return Candidates(c, domain).Where(x => Measure(x).CompareTo(size) < 0);
    }

    private static IEnumerable<LossCase> Candidates(LossCase c, TargetDomain domain)
    {
        var n = c.Length;
        if (n > 1)
        {
            yield return new LossCase(c.Predictions[..(n / 2)], c.Targets[..(n / 2)], c.Parameter);
            yield return new LossCase(c.Predictions[(n / 2)..], c.Targets[(n / 2)..], c.Parameter);
            foreach (var i in n <= 16 ? Enumerable.Range(0, n) : [0, n / 4, n / 2, n - 1])
            {
                yield return new LossCase(Without(c.Predictions, i), Without(c.Targets, i), c.Parameter);
            }
        }

        if (c.Parameter != 1.0)
        {
            yield return c with { Parameter = 1.0 };
        }

        yield return c with { Predictions = c.Predictions.Select(Round).ToArray() };
        if (domain != TargetDomain.Sign)
        {
            yield return c with { Targets = c.Targets.Select(Round).ToArray() };
        }

        yield return c with { Predictions = c.Predictions.Select(Smaller).ToArray() };
        if (domain is TargetDomain.Real or TargetDomain.Counts)
        {
            yield return c with { Targets = c.Targets.Select(Smaller).ToArray() };
        }

        for (var i = 0; i < Math.Min(n, 16); i++)
        {
            yield return c with { Predictions = Zeroed(c.Predictions, i) };
            if (domain != TargetDomain.Sign)
            {
                yield return c with { Targets = Zeroed(c.Targets, i) };
            }
        }
    }

    private static (int, int, int, int, int) Measure(LossCase c)
    {
        var entries = c.Predictions.Concat(c.Targets).ToArray();
        return (
            c.Length,
            entries.Count(x => Round(x) != x),
            c.Parameter == 1.0 ? 0 : 1,
            entries.Sum(Digits),
            entries.Count(x => x != 0.0));
    }

    /// <summary>Decimal digits before the point: 0 for |x| ≤ 1, ⌈log₁₀|x|⌉ above.</summary>
    private static int Digits(double x)
        => double.IsFinite(x) && Math.Abs(x) > 1.0 ? (int)Math.Ceiling(Math.Log10(Math.Abs(x))) : 0;

    private static double Smaller(double x) => double.IsFinite(x) && Math.Abs(x) > 1.0 ? Round(x / 10.0) : x;

    private static double[] Zeroed(double[] v, int i)
    {
        var copy = (double[])v.Clone();
        copy[i] = 0.0;
        return copy;
    }

    private static double[] Without(double[] v, int i) => v.Where((_, j) => j != i).ToArray();

    private static double Round(double x)
        => x == 0.0 || !double.IsFinite(x)
            ? x
            : double.Parse(x.ToString("E0", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) is var r && double.IsFinite(r) ? r : x;
}

/// <summary>Residuals x = ŷ − y with one Barron shape α and scale c.</summary>
/// <param name="Residuals">x = ŷ − y.</param>
/// <param name="Alpha">The shape α.</param>
/// <param name="Scale">The scale c &gt; 0.</param>
public sealed record BarronCase(double[] Residuals, double Alpha, double Scale)
{
    /// <summary>α, c and the residuals, for reports.</summary>
    public override string ToString()
        => $"α = {Alpha.ToString("R", CultureInfo.InvariantCulture)}, c = {Scale.ToString("R", CultureInfo.InvariantCulture)}; x = {Dists.Show(Residuals)}";
}

/// <summary>Generators for Barron's general robust loss ρ(x, α, c) and other shape families: α near its special points (0, 2, ±1e-k off them), moderate, huge, or exactly special.</summary>
public static class BarronGenerators
{
    private static readonly double[] Special = [0.0, 1.0, -2.0, 2.0, double.NegativeInfinity, double.PositiveInfinity];

    /// <summary>One α: a third uniform in (−10, 10), a third within 1e-12…1e-3 of 0 or 2, the rest special values or |α| up to 1e8.</summary>
    public static double Alpha(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var sign = random.Next(2) == 0 ? -1.0 : 1.0;
        return random.Next(9) switch
        {
            < 3 => (random.NextDouble() - 0.5) * 20.0,
            < 6 => (random.Next(2) * 2.0) + (sign * Math.Pow(10.0, -12.0 + (9.0 * random.NextDouble()))),
            < 8 => Special[random.Next(Special.Length)],
            _ => sign * Math.Pow(10.0, 8.0 * random.NextDouble()),
        };
    }

    /// <summary>
    /// Cases of 1 … 40 residuals (moderate, tiny, huge, exactly 0) with α from <see cref="Alpha"/> and c log-uniform in (1e-3, 1e3).
    /// <paramref name="finiteAlpha"/> keeps α off ±∞.
    /// </summary>
    public static Arbitrary<BarronCase> Cases(bool finiteAlpha = false)
    {
        var gen = from n in Gen.Choose(1, 40)
                  from seed in Gen.Choose(int.MinValue, int.MaxValue)
                  select Build(n, seed, finiteAlpha);
        return Arb.From(gen);
    }

    private static BarronCase Build(int n, int seed, bool finiteAlpha)
    {
        var random = new Random(seed);
        var alpha = Alpha(random);
        while (finiteAlpha && double.IsInfinity(alpha))
        {
            alpha = Alpha(random);
        }

        var scale = LossGenerators.Parameter(random);
        var residuals = Enumerable.Range(0, n).Select(_ => random.Next(8) switch
        {
            0 => 0.0,
            1 => (random.Next(2) == 0 ? -1.0 : 1.0) * Math.Pow(10.0, random.Next(-300, 300)) * (1.0 + random.NextDouble()),
            _ => (random.NextDouble() - 0.5) * 10.0 * scale,
        }).ToArray();
        return new BarronCase(residuals, alpha, scale);
    }
}
