using System.Text.RegularExpressions;
using Functional.Distributions;
using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;

namespace Functional.Properties.Meta;

/// <summary>
/// The laws earn their keep: each deliberately wrong implementation below is caught, and the report names the law
/// and shows the shrunk counterexample. (Fixed seeds come from the law names, so these runs are reproducible.)
/// </summary>
public partial class LawsCatchBugsTests
{
    /// <summary>KL written as Σ p log(p/q) with no 0·log 0 = 0 convention: 0·log(0/q) = 0·(−∞) = NaN.</summary>
    private static double NaiveKl(double[] p, double[] q)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            sum += p[i] * Math.Log(p[i] / q[i]);
        }

        return sum;
    }

    /// <summary>Jensen–Shannon as H(m) − (H(p) + H(q))/2 with no clamp: cancellation leaves tiny negative values.</summary>
    private static double UnclampedJs(double[] p, double[] q)
    {
        var m = p.Zip(q, (a, b) => 0.5 * (a + b)).ToArray();
        return Entropy.Of(m) - (0.5 * (Entropy.Of(p) + Entropy.Of(q)));
    }

    [GeneratedRegex(@"; p = \[(?:[^\]]*, )?0(?:, |\])")]
    private static partial Regex PHasAZero();

    [Fact]
    public void A_kl_without_the_zero_convention_is_caught_at_a_zero_of_p()
    {
        var report = LawsOf.Divergence(NaiveKl, "naive KL").Check();

        Assert.False(report.Passed);
        var failure = report["defined at zeros"].Failure;
        Assert.NotNull(failure);
        Assert.Contains("d(p, q) is NaN", failure.Reason, StringComparison.Ordinal);
        Assert.Matches(PHasAZero(), failure.Shrunk);
        Assert.Contains("✗ defined at zeros", report.ToString(), StringComparison.Ordinal);
        Assert.Contains($"Seed:     {failure.Seed}", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_js_without_the_clamp_is_caught_going_negative()
    {
        var report = LawsOf.Divergence(UnclampedJs, "unclamped JS", new DivergenceTraits { Symmetric = true, UpperBound = Math.Log(2.0) }).Check();

        var failure = report["non-negative"].Failure;
        Assert.NotNull(failure);
        Assert.Matches(@"d\(p, q\) = -[0-9.E-]+ is not ≥ 0", failure.Reason);
        Assert.Contains("/near", failure.Shrunk, StringComparison.Ordinal);
    }

    [Fact]
    public void Kl_is_not_a_metric_and_the_report_shows_why()
    {
        var report = LawsOf.Metric((p, q) => Kl.Divergence(p, q), "KL").Check();

        Assert.True(report["non-negative"].Held);
        Assert.True(report["zero on identical"].Held);
        Assert.False(report["symmetric"].Held);
        var triangle = report["triangle inequality"].Failure;
        Assert.NotNull(triangle);
        Assert.Contains("d(p, r) = ", triangle.Reason, StringComparison.Ordinal);
        Assert.Contains("> d(p, q) + d(q, r)", triangle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_replays_exactly_from_its_seed()
    {
        var first = LawsOf.Divergence(NaiveKl, "naive KL").Check(new LawConfig(RandomSeed: true))["defined at zeros"].Failure;
        Assert.NotNull(first);

        var again = LawsOf.Divergence(NaiveKl, "naive KL").Check(first.Replay)["defined at zeros"].Failure;
        Assert.NotNull(again);
        Assert.Equal(first.Original, again.Original);
        Assert.Equal(first.Shrunk, again.Shrunk);
    }

    [Fact]
    public void Verify_throws_the_full_report()
    {
        var e = Assert.Throws<LawsViolatedException>(() => LawsOf.Divergence(NaiveKl, "naive KL").Verify());
        Assert.NotNull(e.Report);
        Assert.Contains("divergence 'naive KL'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Shrunk:", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The Gaussian "MLE" with the unbiased variance: σ̂² = Σ(x − x̄)²/(n − 1) is not where ℓ peaks (that is /n).</summary>
    private static double[] BesselGaussian(double[] x)
    {
        var mean = x.Average();
        var squares = x.Sum(v => (v - mean) * (v - mean));
        return [mean, Math.Sqrt(squares / (x.Length - 1))];
    }

    private static readonly EstimatorUnderTest BesselMle = new(
        "Gaussian with n − 1", BesselGaussian, (theta, x) => new Gaussian(theta[0], theta[1]).LogLikelihood(x));

    [Fact]
    public void A_gaussian_mle_that_divides_by_n_minus_1_is_caught_not_being_a_maximum()
    {
        var report = LawsOf.Estimator(BesselMle, SampleModels.Gaussian).Check();

        var failure = report["local maximum"].Failure;
        Assert.NotNull(failure);
        // shrunk to the smallest sample, where σ̂ is √2 times the maximiser; moving σ (θ[1]) down raises ℓ
        Assert.Contains("n = 2,", failure.Shrunk, StringComparison.Ordinal);
        Assert.Matches(@"with θ\[1\] moved by -[0-9.E-]+·max", failure.Reason);
        var x = SampleModels.Gaussian.Draw(ParseTruth(failure.Shrunk), ParseSeed(failure.Shrunk), 2);
        var theta = BesselGaussian(x);
        Assert.Equal(Math.Abs(x[0] - x[1]) / Math.Sqrt(2.0), theta[1], 12);
        Assert.True(new Gaussian(theta[0], theta[1] / Math.Sqrt(2.0)).LogLikelihood(x) > new Gaussian(theta[0], theta[1]).LogLikelihood(x));
    }

    [Fact]
    public void The_true_gaussian_mle_passes_where_the_n_minus_1_one_fails()
        => LawsOf.Estimator(
            new EstimatorUnderTest("Mle.Gaussian", x => [Functional.Estimation.Mle.Gaussian(x).Distribution.Mean, Functional.Estimation.Mle.Gaussian(x).Distribution.StandardDeviation], BesselMle.LogLikelihood),
            SampleModels.Gaussian).Verify();

    [GeneratedRegex(@"^Gaussian\(([^,]+), ([^)]+)\)")]
    private static partial Regex TruthPattern();

    [GeneratedRegex(@"seed = ([0-9]+);")]
    private static partial Regex SeedPattern();

    private static double[] ParseTruth(string shrunk)
    {
        var m = TruthPattern().Match(shrunk);
        Assert.True(m.Success, shrunk);
        return [double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
    }

    private static ulong ParseSeed(string shrunk)
    {
        var m = SeedPattern().Match(shrunk);
        Assert.True(m.Success, shrunk);
        return ulong.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Cosine annealing settings drawn from a seed: η₀ ∈ [1e-4, 10], η_min ∈ [0, η₀), T ∈ [1, 400).</summary>
    private static (double Initial, double Minimum, int Total) CosineSettings(int seed)
    {
        var r = new Random(seed);
        var initial = Math.Pow(10.0, -4.0 + (5.0 * r.NextDouble()));
        return (initial, initial * r.NextDouble() * 0.9, r.Next(1, 400));
    }

    [Fact]
    public void A_cosine_schedule_that_forgets_the_half_is_caught_overshooting_eta_0()
    {
        // η(t) = η_min + (η₀ − η_min)(1 + cos(πt/T)) — the ½ is missing, so η(0) = 2η₀ − η_min > η₀
        var report = LawsOf.Schedule(seed =>
        {
            var (initial, minimum, total) = CosineSettings(seed);
            return new ScheduleUnderTest(
                $"cosine without ½ (η₀ = {Approx.Show(initial)}, η_min = {Approx.Show(minimum)}, T = {total})",
                t => minimum + ((initial - minimum) * (1 + Math.Cos(Math.PI * Math.Min(t, total) / total))),
                minimum,
                initial,
                2 * total)
            { DecreasingFrom = 0 };
        }, "cosine without ½").Check();

        Assert.True(report["monotone where declared"].Held);
        var failure = report["within bounds"].Failure;
        Assert.NotNull(failure);
        Assert.Contains("cosine without ½ (η₀ = ", failure.Shrunk, StringComparison.Ordinal);
        var (initial, minimum, _) = Settings(failure.Shrunk);
        Assert.Contains($"η(0) = {Approx.Show(minimum + ((initial - minimum) * 2))} outside [{Approx.Show(minimum)}, {Approx.Show(initial)}]", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quarter_wave_cosine_that_is_not_clamped_is_caught_going_below_eta_min()
    {
        // η(t) = η_min + (η₀ − η_min)·cos(πt/(2T)), not clamped at T: past T the cosine turns negative, η < η_min
        var report = LawsOf.Schedule(seed =>
        {
            var (initial, minimum, total) = CosineSettings(seed);
            return new ScheduleUnderTest(
                $"unclamped quarter cosine (η₀ = {Approx.Show(initial)}, η_min = {Approx.Show(minimum)}, T = {total})",
                t => minimum + ((initial - minimum) * Math.Cos(Math.PI * t / (2.0 * total))),
                minimum,
                initial,
                2 * total);
        }, "unclamped quarter cosine").Check();

        var failure = report["within bounds"].Failure;
        Assert.NotNull(failure);
        var (initial, minimum, total) = Settings(failure.Shrunk);
        // the first step out of bounds is the first one past T
        var t = total + 1;
        var value = minimum + ((initial - minimum) * Math.Cos(Math.PI * t / (2.0 * total)));
        Assert.True(value < minimum);
        Assert.Contains($"η({t}) = {Approx.Show(value)} outside [{Approx.Show(minimum)}, {Approx.Show(initial)}]", failure.Reason, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"η₀ = ([^,]+), η_min = ([^,]+), T = ([0-9]+)\)")]
    private static partial Regex SettingsPattern();

    private static (double Initial, double Minimum, int Total) Settings(string shrunk)
    {
        var m = SettingsPattern().Match(shrunk);
        Assert.True(m.Success, shrunk);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return (double.Parse(m.Groups[1].Value, culture), double.Parse(m.Groups[2].Value, culture), int.Parse(m.Groups[3].Value, culture));
    }

    /// <summary>Huber's loss with its derivative written −δ·sign(d) outside δ instead of +δ·sign(d) (d = ŷ − y).</summary>
    private static LossUnderTest HuberWithGradientSign(double outsideSign) => LossUnderTest.Pointwise(
        outsideSign > 0 ? "Huber" : "Huber, wrong sign outside δ",
        (p, t, delta) => Math.Abs(p - t) <= delta ? 0.5 * (p - t) * (p - t) : delta * (Math.Abs(p - t) - (0.5 * delta)),
        (p, t, delta) => Math.Abs(p - t) <= delta ? p - t : outsideSign * delta * Math.Sign(p - t)) with
    {
        Kinks = null,
        MathematicsFinite = (p, t, delta) => delta * (Math.Abs(p) + Math.Abs(t)) < 1.7e308,
    };

    [GeneratedRegex(@"^n = 1, parameter = 1; predictions = \[([^\]]+)\]; targets = \[([^\]]+)\]$")]
    private static partial Regex OneElementLossCase();

    [GeneratedRegex(@": derivative ([^ ]+) but central difference ([^ ]+) over")]
    private static partial Regex DerivativeAndDifference();

    [Fact]
    public void A_huber_gradient_with_the_wrong_sign_outside_delta_is_caught_by_the_finite_difference()
    {
        var report = LawsOf.Loss(HuberWithGradientSign(-1.0)).Check();

        Assert.True(report["non-negative"].Held);
        Assert.True(report["finite at extremes"].Held);
        var failure = report[LossLawSuite.DerivativeLaw].Failure;
        Assert.NotNull(failure);
        // shrunk to one element with δ = 1 and one-digit numbers, outside δ
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var m = OneElementLossCase().Match(failure.Shrunk);
        Assert.True(m.Success, failure.Shrunk);
        var (p, t) = (double.Parse(m.Groups[1].Value, culture), double.Parse(m.Groups[2].Value, culture));
        Assert.True(Math.Abs(p - t) > 1.0, failure.Shrunk);
        // the reported derivative is −sign(d), the central difference +sign(d)
        var r = DerivativeAndDifference().Match(failure.Reason);
        Assert.True(r.Success, failure.Reason);
        Assert.Equal(-Math.Sign(p - t), double.Parse(r.Groups[1].Value, culture));
        Assert.Equal(Math.Sign(p - t), double.Parse(r.Groups[2].Value, culture), 6);
    }

    [Fact]
    public void The_same_huber_with_the_right_sign_passes()
        => LawsOf.Loss(HuberWithGradientSign(+1.0)).Verify();
}
