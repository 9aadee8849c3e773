using Functional.Laws.Generators;
using static Functional.Laws.Approx;

namespace Functional.Laws;

/// <summary>An estimator as the laws see it: sample → θ̂, with the family's log-likelihood ℓ(θ; x).</summary>
/// <param name="Name">A name for reports.</param>
/// <param name="Estimate">x → θ̂ (the maximiser of ℓ( · ; x), for an MLE).</param>
/// <param name="LogLikelihood">(θ, x) → ℓ(θ; x) = Σ ln p(x_i; θ) in nats; −∞ (or an <see cref="ArgumentException"/>) outside the parameter space.</param>
public sealed record EstimatorUnderTest(string Name, Func<double[], double[]> Estimate, Func<double[], double[], double> LogLikelihood)
{
    /// <summary>ℓ(θ; x), with an <see cref="ArgumentException"/> (θ outside the parameter space, x outside the support) read as −∞.</summary>
    public double SafeLogLikelihood(double[] theta, double[] x)
    {
        try
        {
            return LogLikelihood(theta, x);
        }
        catch (ArgumentException)
        {
            return double.NegativeInfinity;
        }
    }

    /// <summary>The estimator's name.</summary>
    public override string ToString() => Name;
}

/// <summary>How a parameter moves when the data are shifted (x + c) or scaled (a·x, a &gt; 0).</summary>
public enum ParameterRole
{
    /// <summary>Unchanged by a shift or a scaling (a shape, a probability).</summary>
    Shape,

    /// <summary>Shifts with the data and scales with them (a mean, a median, a bound of a uniform).</summary>
    Location,

    /// <summary>Unchanged by a shift, scales with the data (a standard deviation, a Laplace scale).</summary>
    Scale,

    /// <summary>Unchanged by a shift, scales inversely (a rate: exponential, gamma).</summary>
    Rate,
}

/// <summary>The laws of estimators: each returns a property body over generated samples.</summary>
public static class EstimatorLaws
{
    /// <summary>The relative perturbations each parameter is moved by (in units of max(|θ_j|, 1e-3)).</summary>
    public static IReadOnlyList<double> Perturbations { get; } = [-0.3, -1e-2, -1e-4, 1e-4, 1e-2, 0.3];

    /// <summary>
    /// The estimate is a local maximum of ℓ: ℓ(θ̂) is finite, and moving any one parameter by ±1e-4, ±1e-2 or ±0.3 of
    /// max(|θ̂_j|, 1e-3) never raises ℓ by more than <paramref name="tolerance"/>·(1 + |ℓ(θ̂)|).
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="estimator"/> is null.</exception>
    public static Action<SampleCase> LocalMaximum(EstimatorUnderTest estimator, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return c =>
        {
            var x = c.Values;
            var theta = estimator.Estimate((double[])x.Clone());
            var at = estimator.SafeLogLikelihood(theta, x);
            That(double.IsFinite(at), () => $"ℓ(θ̂) = {Show(at)} at θ̂ = {Dists.Show(theta)}");
            for (var j = 0; j < theta.Length; j++)
            {
                foreach (var delta in Perturbations)
                {
                    var perturbed = (double[])theta.Clone();
                    perturbed[j] += delta * Math.Max(Math.Abs(theta[j]), 1e-3);
                    var there = estimator.SafeLogLikelihood(perturbed, x);
                    var (k, d) = (j, delta);
                    That(
                        !(there > at + (tolerance * (1.0 + Math.Abs(at)))),
                        () => $"ℓ(θ̂) = {Show(at)} < ℓ = {Show(there)} with θ[{k}] moved by {Show(d)}·max(|θ[{k}]|, 1e-3); θ̂ = {Dists.Show(theta)}");
                }
            }
        };
    }

    /// <summary>
    /// Location equivariance: θ̂(x + c) moves every <see cref="ParameterRole.Location"/> parameter by c and leaves the others,
    /// to 1e-9 relative to |c| + max|x| + |θ̂_j| (the rounding of x + c).
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static Action<SampleCase, double> ShiftEquivariant(EstimatorUnderTest estimator, IReadOnlyList<ParameterRole> roles)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(roles);
        return (c, shift) =>
        {
            var x = c.Values;
            var theta = estimator.Estimate((double[])x.Clone());
            var moved = estimator.Estimate(x.Select(v => v + shift).ToArray());
            var size = Math.Abs(shift) + x.Max(Math.Abs);
            That(moved.Length == theta.Length, () => $"θ̂ has {theta.Length} parameters, θ̂(x + c) {moved.Length}");
            for (var j = 0; j < theta.Length; j++)
            {
                var expected = roles[j] == ParameterRole.Location ? theta[j] + shift : theta[j];
                var allowed = roles[j] == ParameterRole.Location ? size + Math.Abs(theta[j]) : Math.Abs(theta[j]) + (1e-6 * size);
                Equal(moved[j], expected, 0.0, 1e-9 * allowed, $"θ̂(x + {Show(shift)})[{j}] ({roles[j]})");
            }
        };
    }

    /// <summary>
    /// Scale equivariance: θ̂(a·x) for a &gt; 0 multiplies every <see cref="ParameterRole.Location"/> and
    /// <see cref="ParameterRole.Scale"/> parameter by a, divides every <see cref="ParameterRole.Rate"/> by a and leaves
    /// shapes alone, to 1e-9 relative (locations: relative to a·max|x|).
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static Action<SampleCase, double> ScaleEquivariant(EstimatorUnderTest estimator, IReadOnlyList<ParameterRole> roles)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(roles);
        return (c, a) =>
        {
            var x = c.Values;
            var theta = estimator.Estimate((double[])x.Clone());
            var scaled = estimator.Estimate(x.Select(v => a * v).ToArray());
            That(scaled.Length == theta.Length, () => $"θ̂ has {theta.Length} parameters, θ̂(a·x) {scaled.Length}");
            for (var j = 0; j < theta.Length; j++)
            {
                var expected = roles[j] switch
                {
                    ParameterRole.Location or ParameterRole.Scale => a * theta[j],
                    ParameterRole.Rate => theta[j] / a,
                    _ => theta[j],
                };
                var absolute = roles[j] == ParameterRole.Location ? 1e-9 * a * x.Max(Math.Abs) : 0.0;
                Equal(scaled[j], expected, 1e-9, absolute, $"θ̂({Show(a)}·x)[{j}] ({roles[j]})");
            }
        };
    }

    /// <summary>
    /// Consistency: on a large sample, every |θ̂_j − θ_j| ≤ 5·se_j(θ, n), with the standard errors
    /// <paramref name="standardErrors"/>(θ, n) (for an MLE: from the inverse Fisher information).
    /// </summary>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public static Action<SampleCase> Consistent(EstimatorUnderTest estimator, Func<double[], int, double[]> standardErrors)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(standardErrors);
        return c =>
        {
            var theta = estimator.Estimate(c.Values);
            var se = standardErrors(c.Truth, c.N);
            for (var j = 0; j < theta.Length; j++)
            {
                var k = j;
                That(
                    Math.Abs(theta[k] - c.Truth[k]) <= 5 * se[k],
                    () => $"θ̂[{k}] = {Show(theta[k])} is more than 5 standard errors ({Show(se[k])}) from θ[{k}] = {Show(c.Truth[k])} at n = {c.N}");
            }
        };
    }
}
