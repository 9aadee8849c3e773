using Functional.Losses;
using Functional.Numerics;
using Functional.Shell.Plots;
using Functional.Shell.Reports;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// SEEDS.md §4–5 and issue 4 "Shell and plots": the regression losses and their derivatives, the margin surrogates against the
/// 0-1 error, and the MSE-versus-BCE gradients of a saturated sigmoid unit — every value from the core's loss kernels.
/// </summary>
internal sealed class LossesSection : IReproduceSection
{
    /// <summary>A core loss per element: values[i] = ℓ(ŷ_i, y_i), gradient[i] = ∂ℓ/∂ŷ_i.</summary>
    private delegate void Elementwise(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> values, Span<double> gradient);

    private const string Black = "#111111";

    public string Name => "losses";

    public string Title => "Loss functions, surrogates of the 0-1 error, and MSE versus BCE";

    public int Order => 41;

    public ReportSection Build()
    {
        var items = new List<ReportItem>();
        items.AddRange(RegressionFamily());
        items.AddRange(BarronFamily());
        items.AddRange(Surrogates());
        items.AddRange(MseVersusBce());
        return new ReportSection(
            Name,
            Title,
            "Each loss is a negative log-likelihood or a stand-in for one: ½d² is Gaussian noise, |d| Laplace noise, and the robust "
            + "losses flatten out so that outliers stop pulling. For classification, the 0-1 error has no useful gradient, so "
            + "training minimises a surrogate of the margin m = y·f that lies above it. Every curve comes from the core's loss "
            + "kernels (Functional.Losses.Loss) at target 0 (regression) or label +1 (margins).",
            items);
    }

    /// <summary>The regression family: ρ(d) and ψ(d) = ∂ρ/∂ŷ at target 0, prediction d, scale 1.</summary>
    private static IEnumerable<ReportItem> RegressionFamily()
    {
        var d = Grid.Linspace(-4, 4, 801);
        var zeros = new double[d.Length];
        var family = new (string Name, Elementwise Loss, bool Dashed)[]
        {
            ("L2: ½d²", (p, t, v, g) => Loss.HalfSquaredErrorElementwise(p, t, v, g), false),
            ("L1: |d|", (p, t, v, g) => Loss.AbsoluteErrorElementwise(p, t, v, g), false),
            ("Huber, δ = 1", (p, t, v, g) => Loss.HuberElementwise(p, t, v, g, delta: 1.0), false),
            ("smooth-L1, β = 2", (p, t, v, g) => Loss.SmoothL1Elementwise(p, t, v, g, beta: 2.0), false),
            ("log-cosh", (p, t, v, g) => Loss.LogCoshElementwise(p, t, v, g), false),
            ("Charbonnier, c = 1", (p, t, v, g) => Loss.CharbonnierElementwise(p, t, v, g, scale: 1.0), true),
            ("Cauchy, c = 1", (p, t, v, g) => Loss.CauchyElementwise(p, t, v, g, scale: 1.0), true),
            ("Geman–McClure, c = 1", (p, t, v, g) => Loss.GemanMcClureElementwise(p, t, v, g, scale: 1.0), true),
            ("Welsch, c = 1", (p, t, v, g) => Loss.WelschElementwise(p, t, v, g, scale: 1.0), true),
        };

        var values = new List<Series>();
        var derivatives = new List<Series>();
        foreach (var (name, loss, dashed) in family)
        {
            var (value, gradient) = Evaluate(loss, d, zeros);
            values.Add(new Series(name, d, value, Dashed: dashed));
            derivatives.Add(new Series(name, d, gradient, Dashed: dashed));
        }

        yield return new Figure(
            "losses-regression",
            "The regression losses ρ(d) of the residual d = ŷ − y. Convex ones (solid) grow without bound; the robust ones "
            + "(dashed; Barron's normalisation: Charbonnier α = 1, Cauchy α = 0, Geman–McClure α = −2, Welsch α → −∞) grow "
            + "ever slower or level off. Smooth-L1 with β = 2 is Huber with δ = 2 divided by 2.",
            new Chart("Regression losses ρ(d)", new Axis("residual d = ŷ − y"), new Axis("loss ρ(d)", Min: 0, Max: 4), values));
        yield return new Figure(
            "losses-regression-derivatives",
            "Their derivatives ψ(d) = ∂ρ/∂ŷ: the pull of a residual on the fit. L2 pulls in proportion to the residual, L1 and "
            + "Huber with a bounded force, and the redescending losses (Cauchy, Geman–McClure, Welsch) let far outliers go.",
            new Chart("Derivatives ψ(d) = ∂ρ/∂ŷ", new Axis("residual d = ŷ − y"), new Axis("derivative ψ(d)", Min: -2, Max: 2), derivatives));
    }

    /// <summary>
    /// Barron's general loss ρ(x, α, c = 1) over α ∈ {2, 1, ½, 0, −2, −∞},
    /// value and ∂ρ/∂x, from the core's Barron kernel (α = 2 is L2, 1 Charbonnier, 0 Cauchy, −2 Geman–McClure, −∞ Welsch).
    /// </summary>
    private static IEnumerable<ReportItem> BarronFamily()
    {
        var x = Grid.Linspace(-6, 6, 1201);
        var zeros = new double[x.Length];
        var alphas = new (double Alpha, string Name)[]
        {
            (2.0, "α = 2 (L2)"),
            (1.0, "α = 1 (Charbonnier)"),
            (0.5, "α = ½"),
            (0.0, "α = 0 (Cauchy)"),
            (-2.0, "α = −2 (Geman–McClure)"),
            (double.NegativeInfinity, "α = −∞ (Welsch)"),
        };
        var values = new List<Series>();
        var derivatives = new List<Series>();
        foreach (var (alpha, name) in alphas)
        {
            var (value, gradient) = Evaluate((p, t, v, g) => Loss.BarronElementwise(p, t, v, g, alpha: alpha, scale: 1.0), x, zeros);
            values.Add(new Series(name, x, value));
            derivatives.Add(new Series(name, x, gradient));
        }

        yield return new Figure(
            "losses-barron",
            "Barron's general adaptive loss ρ(x, α, c = 1): one shape parameter α moves continuously from L2 (α = 2) through "
            + "Charbonnier (1), Cauchy (0) and Geman–McClure (−2) to Welsch (α → −∞). Smaller α discounts outliers more.",
            new Chart("Barron's ρ(x, α, c = 1)", new Axis("residual x"), new Axis("loss ρ(x, α, 1)", Min: 0, Max: 6), values));
        yield return new Figure(
            "losses-barron-derivatives",
            "∂ρ/∂x for the same α: for α < 1 the influence of a residual redescends towards 0 far out, which is what makes the "
            + "fit robust.",
            new Chart("Barron's ∂ρ/∂x", new Axis("residual x"), new Axis("derivative ∂ρ/∂x", Min: -3, Max: 3), derivatives));
    }

    /// <summary>The margin surrogates at label +1 (margin m = f), each scaled to pass through (0, 1), against the 0-1 error.</summary>
    private static IEnumerable<ReportItem> Surrogates()
    {
        var m = Grid.Linspace(-2, 3, 1001);
        var labels = Enumerable.Repeat(1.0, m.Length).ToArray();
        var (zeroOne, _) = Evaluate((p, t, v, g) => Loss.ZeroOneErrorElementwise(p, t, v, g), m, labels);
        var surrogates = new (string Name, Elementwise Loss, double Scale)[]
        {
            ("logistic, log₂(1 + exp(−m))", (p, t, v, g) => Loss.LogisticElementwise(p, t, v, g), 1 / Math.Log(2)),
            ("hinge, max(0, 1 − m)", (p, t, v, g) => Loss.HingeElementwise(p, t, v, g), 1),
            ("squared hinge", (p, t, v, g) => Loss.SquaredHingeElementwise(p, t, v, g), 1),
            ("modified Huber", (p, t, v, g) => Loss.ModifiedHuberElementwise(p, t, v, g), 1),
            ("exponential, exp(−m)", (p, t, v, g) => Loss.ExponentialElementwise(p, t, v, g), 1),
            ("sigmoid, 2σ(−m)", (p, t, v, g) => Loss.SigmoidSurrogateElementwise(p, t, v, g), 2),
        };

        var series = new List<Series> { new("0-1 error [m ≤ 0]", m, zeroOne, Color: Black) };
        // modified Huber is the squared hinge for m ≥ −1: dashed, so the curve underneath stays visible
        var rows = new List<IReadOnlyList<Cell>>();
        var atZero = Array.IndexOf(m, 0.0);
        foreach (var (name, loss, scale) in surrogates)
        {
            var (value, _) = Evaluate(loss, m, labels);
            for (var i = 0; i < value.Length; i++)
            {
                value[i] *= scale;
            }

            series.Add(new Series(name, m, value, Dashed: name == "modified Huber"));
            var gap = value.Zip(zeroOne, (s, e) => s - e).Min();
            rows.Add([Cell.Of(name), Cell.Of(value[atZero]), Cell.Of(gap), Cell.Of(gap >= 0 ? "yes" : "no")]);
        }

        yield return new Figure(
            "losses-surrogates",
            "Surrogates of the 0-1 error over the margin m = y·f, each scaled to pass through (0, 1): the logistic loss in base 2 "
            + "(the log-loss in bits), the sigmoid loss doubled. All lie on or above the 0-1 error, so minimising them bounds the "
            + "training error; all but the sigmoid are convex. Modified Huber (dashed) equals the squared hinge for m ≥ −1 and "
            + "continues linearly (−4m) below, off this chart.",
            new Chart("Margin surrogates and the 0-1 error", new Axis("margin m = y·f"), new Axis("loss", Min: 0, Max: 4), series));
        yield return new Table(
            "losses-surrogate-bounds",
            "Each scaled surrogate at m = 0 and its smallest excess over the 0-1 error on the plotted grid (m from −2 to 3, step 0.005).",
            ["surrogate", "value at m = 0", "min (surrogate − 0-1 error)", "upper bound"],
            rows);
    }

    /// <summary>
    /// The lecture's MSE-versus-BCE demonstration on one sigmoid unit ŷ = σ(z): the gradient of ½(σ(z) − y)² carries the factor
    /// σ(z)(1 − σ(z)) and vanishes when the unit saturates, while the BCE gradient σ(z) − y does not.
    /// </summary>
    private static IEnumerable<ReportItem> MseVersusBce()
    {
        var z = Grid.Linspace(-10, 10, 401);
        var series = new List<Series>();
        foreach (var label in new[] { 1.0, 0.0 })
        {
            var (mse, bce) = Gradients(z, label);
            var y = label == 1 ? "y = 1" : "y = 0";
            series.Add(new Series($"BCE, {y}", z, bce.Select(Math.Abs).ToArray(), Dashed: label == 0, Color: SvgChart.Palette[0]));
            series.Add(new Series($"MSE, {y}", z, mse.Select(Math.Abs).ToArray(), Dashed: label == 0, Color: SvgChart.Palette[1]));
        }

        yield return new Figure(
            "losses-mse-vs-bce",
            "|∂loss/∂z| for a sigmoid output ŷ = σ(z) with label y = 1 (solid) and y = 0 (dashed), log scale. Where the unit is "
            + "confidently wrong (z = −10 for y = 1) the BCE gradient is still ≈ 1 while the MSE gradient is ≈ 4.5·10⁻⁵: "
            + "MSE on a sigmoid learns slowest exactly when it is most wrong.",
            new Chart("Gradients of MSE and BCE on a sigmoid unit", new Axis("logit z"), new Axis("|∂loss/∂z|", AxisScale.Log), series));

        var cases = new (double Z, double Label)[] { (-10, 1), (10, 0), (0, 1), (10, 1) };
        var rows = cases.Select(c =>
        {
            var (mse, bce) = Gradients([c.Z], c.Label);
            var s = Logistic.Sigmoid(c.Z);
            return (IReadOnlyList<Cell>)
            [
                Cell.Of(c.Z, 3), Cell.Of(c.Label, 1), Cell.Of(s), Cell.Of(s * Logistic.Sigmoid(-c.Z)), Cell.Of(mse[0]), Cell.Of(bce[0]),
                Cell.Of((c.Label == 1) == (c.Z < 0) ? "wrong" : c.Z == 0 ? "undecided" : "right"),
            ];
        }).ToArray();
        yield return new Table(
            "losses-mse-vs-bce",
            "The gradients with respect to the logit z at a few points. MSE here is ½(σ(z) − y)², so ∂/∂z = (σ(z) − y)·σ(z)(1 − σ(z)); "
            + "BCE (with logits) has ∂/∂z = σ(z) − y.",
            ["z", "y", "σ(z)", "σ(z)(1 − σ(z))", "∂MSE/∂z", "∂BCE/∂z", "prediction"],
            rows);
    }

    /// <summary>∂/∂z of ½(σ(z) − y)² (chain rule through the core's squared-error derivative) and of BCE with logits.</summary>
    private static (double[] Mse, double[] Bce) Gradients(double[] z, double label)
    {
        var targets = Enumerable.Repeat(label, z.Length).ToArray();
        var probabilities = z.Select(Logistic.Sigmoid).ToArray();
        var (_, dMseDp) = Evaluate((p, t, v, g) => Loss.HalfSquaredErrorElementwise(p, t, v, g), probabilities, targets);
        var (_, bce) = Evaluate((p, t, v, g) => Loss.BinaryCrossEntropyWithLogitsElementwise(p, t, v, g), z, targets);
        // σ'(z) = σ(z)·σ(−z): both factors accurate in the tails, unlike σ(z)·(1 − σ(z)) which cancels for large z
        var mse = z.Select((x, i) => dMseDp[i] * Logistic.Sigmoid(x) * Logistic.Sigmoid(-x)).ToArray();
        return (mse, bce);
    }

    private static (double[] Values, double[] Gradient) Evaluate(Elementwise loss, double[] predictions, double[] targets)
    {
        var values = new double[predictions.Length];
        var gradient = new double[predictions.Length];
        loss(predictions, targets, values, gradient);
        return (values, gradient);
    }
}

/// <content>Registers <see cref="LossesSection"/>.</content>
internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Losses = Add(new LossesSection());
}
