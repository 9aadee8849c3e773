using Functional.Distributions;
using Functional.Shell.Plots;
using Functional.Shell.Reports;

namespace Functional.Shell.Verbs.Reproduce;

/// <summary>
/// Issue 6 "reproduce": forward versus reverse KL fits of a single Gaussian to a bimodal mixture (<see cref="KlProjection.GaussianFits"/>).
/// </summary>
internal sealed class DivergencesSection : IReproduceSection
{
    private const string Black = "#111111";

    public string Name => "divergences";

    public string Title => "Forward versus reverse KL: fitting one Gaussian to a bimodal mixture";

    public int Order => 33;

    public ReportSection Build()
    {
        var p = GaussianMixture.Of(0.6, new Gaussian(-3.0, 1.0), new Gaussian(3.0, 1.0));
        var fits = KlProjection.GaussianFits(p);
        var x = Grid.Linspace(-8, 8, 801);
        var chart = new Chart(
            "One Gaussian fitted to p = 0.6·N(−3, 1) + 0.4·N(3, 1)",
            new Axis("x"),
            new Axis("density", Min: 0, Max: 0.45),
            [
                Series.Of("mixture p", x, p.Density, color: Black),
                Series.Of("forward: argmin KL(p‖q)", x, fits.Forward.Density),
                Series.Of("reverse: argmin KL(q‖p)", x, fits.Reverse.Density, dashed: true),
            ],
            Width: 820);

        var table = new Table(
            "divergences-fits",
            "Both fits (mean, standard deviation) and the four divergences between them and p, in nats (by quadrature). The forward fit "
            + "matches p's moments: mean −0.6, variance 9.64.",
            ["fit", "mean", "standard deviation", "KL(p‖q) (nats)", "KL(q‖p) (nats)"],
            [
                [Cell.Of("forward, argmin KL(p‖q)"), Cell.Of(fits.Forward.Mean), Cell.Of(fits.Forward.StandardDeviation), Cell.Of(fits.ForwardKl), Cell.Of(fits.ReverseKlOfForward)],
                [Cell.Of("reverse, argmin KL(q‖p)"), Cell.Of(fits.Reverse.Mean), Cell.Of(fits.Reverse.StandardDeviation), Cell.Of(fits.ForwardKlOfReverse), Cell.Of(fits.ReverseKl)],
            ]);

        return new ReportSection(
            Name,
            Title,
            "KL is not symmetric, and which way round it is minimised decides what a fit does. Minimising KL(p‖q) over Gaussians q "
            + "(forward, as maximum likelihood does) matches p's mean and variance: q covers both modes and puts mass in the valley "
            + "between them, where p has almost none. Minimising KL(q‖p) (reverse, as variational inference does) heavily penalises q "
            + "wherever p is small, so q settles on one mode, the heavier one. Computed by Functional.Distributions.KlProjection: the "
            + "forward fit in closed form, the reverse by Nelder–Mead over (μ, ln σ) with the objective by quadrature.",
            [
                new Figure("divergences-fits", "Forward KL is mass-covering (one wide Gaussian over both modes); reverse KL is mode-seeking (a narrow Gaussian on the heavier mode).", chart),
                table,
            ]);
    }
}

internal static partial class ReproduceSections
{
    internal static readonly IReproduceSection Divergences = Add(new DivergencesSection());
}
