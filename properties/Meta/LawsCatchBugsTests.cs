using System.Text.RegularExpressions;
using Functional.Information;
using Functional.Laws;

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
        var report = LawsOf.Divergence(NaiveKl, "naive KL").Check(); File.WriteAllText("/tmp/report.txt", report.ToString() + "\n----\n" + LawsOf.Metric((p, q) => Kl.Divergence(p, q), "KL").Check());

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
}
