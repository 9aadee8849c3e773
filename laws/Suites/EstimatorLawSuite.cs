using FsCheck.Fluent;
using Functional.Laws.Generators;

namespace Functional.Laws;

/// <summary>What an estimator claims beyond being a local maximum of its likelihood, which switches on the optional laws.</summary>
public sealed record EstimatorTraits
{
    /// <summary>How each parameter moves under a shift or a scaling of the data (needed by the equivariance laws).</summary>
    public IReadOnlyList<ParameterRole> Roles { get; init; } = [];

    /// <summary>θ̂(x + c) shifts the location parameters by c and leaves the rest (Gaussian, Laplace, Uniform).</summary>
    public bool ShiftEquivariant { get; init; }

    /// <summary>θ̂(a·x) scales locations and scales by a and rates by 1/a (Gaussian, Laplace, Uniform, Exponential, Gamma).</summary>
    public bool ScaleEquivariant { get; init; }

    /// <summary>se(θ, n), the standard errors at the truth for n observations; when given, the consistency law runs.</summary>
    public Func<double[], int, double[]>? StandardErrors { get; init; }

    /// <summary>n for the consistency law (default 20 000).</summary>
    public int LargeSample { get; init; } = 20_000;

    /// <summary>The smallest sample the local-maximum and equivariance laws draw (default 2).</summary>
    public int MinimumSample { get; init; } = 2;

    /// <summary>The largest sample the local-maximum and equivariance laws draw (default 200).</summary>
    public int MaximumSample { get; init; } = 200;

    /// <summary>Relative slack in ℓ for the local-maximum law (default 1e-10).</summary>
    public double Tolerance { get; init; } = 1e-10;
}

/// <summary>
/// The laws of an estimator with a log-likelihood, on samples drawn from a <see cref="SampleModel"/>. Always: the estimate
/// is a local maximum of ℓ (no perturbation of any parameter raises it). Optional (<see cref="EstimatorTraits"/>): shift and
/// scale equivariance, consistency on large samples. A Gaussian MLE that divides by n − 1 fails the first.
/// </summary>
public sealed class EstimatorLawSuite : LawSuite
{
    /// <summary>The laws of <paramref name="estimator"/> on samples from <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="estimator"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">Thrown when an equivariance law is claimed without a role for every parameter.</exception>
    public EstimatorLawSuite(EstimatorUnderTest estimator, SampleModel model, EstimatorTraits? traits = null)
        : base($"estimator '{estimator?.Name}' on {model?.Name} samples")
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(model);
        traits ??= new EstimatorTraits();
        Traits = traits;
        var (min, max) = (traits.MinimumSample, traits.MaximumSample);
        Add("local maximum", "ℓ(θ̂) ≥ ℓ(θ̂ with any θ_j moved by ±1e-4, ±1e-2, ±0.3 of itself)", () => Samples.From(model, min, max), EstimatorLaws.LocalMaximum(estimator, traits.Tolerance));
        if ((traits.ShiftEquivariant || traits.ScaleEquivariant) && traits.Roles.Count == 0)
        {
            throw new ArgumentException("Equivariance is claimed, but Roles does not say how each parameter moves.", nameof(traits));
        }

        if (traits.ShiftEquivariant)
        {
            Add<SampleCase, double>(
                "shift equivariant",
                "θ̂(x + c) = θ̂(x) with its locations moved by c",
                () => Samples.From(model, min, max),
                () => Arb.From(Gen.Choose(-4000, 4000).Select(k => Math.Sign(k) * Math.Pow(10.0, (Math.Abs(k) / 1000.0) - 2.0))),
                EstimatorLaws.ShiftEquivariant(estimator, traits.Roles));
        }

        if (traits.ScaleEquivariant)
        {
            Add<SampleCase, double>(
                "scale equivariant",
                "θ̂(a·x) = θ̂(x) with locations and scales times a, rates over a",
                () => Samples.From(model, min, max),
                () => Arb.From(Gen.Choose(-2000, 2000).Select(k => Math.Pow(10.0, k / 1000.0))),
                EstimatorLaws.ScaleEquivariant(estimator, traits.Roles));
        }

        if (traits.StandardErrors is { } se)
        {
            var n = traits.LargeSample;
            Add("consistent", $"at n = {n}: |θ̂_j − θ_j| ≤ 5 standard errors", () => Samples.From(model, n, n), EstimatorLaws.Consistent(estimator, se));
        }
    }

    /// <summary>The optional laws this suite checks.</summary>
    public EstimatorTraits Traits { get; }
}
