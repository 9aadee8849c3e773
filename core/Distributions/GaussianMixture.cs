using System.Text;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Distributions;

/// <summary>A finite mixture of normals p(x) = Σ w_k N(x; μ_k, σ_k²): the bimodal target of the forward/reverse KL demonstration.</summary>
/// <remarks>ln p(x) is a log-sum-exp over ln w_k + ln N_k(x), exact in the tails where every component underflows. The
/// entropy has no closed form and is computed by quadrature (<see cref="DistributionEntropy.ByQuadrature"/>).
/// Equality compares weights and components.</remarks>
public sealed record GaussianMixture : IUnivariateDistribution, ILogDensityKernel
{
    private readonly Gaussian[] _components;
    private readonly double[] _logWeights;

    /// <summary>A mixture with the given weights and components.</summary>
    /// <param name="weights">w, a probability vector, one weight per component.</param>
    /// <param name="components">The normals, at least one.</param>
    /// <exception cref="ArgumentNullException">An argument or a component is null.</exception>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public GaussianMixture(ProbabilityVector weights, IReadOnlyList<Gaussian> components)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(components);
        Guard.SameLength(weights.Count, components.Count, nameof(weights), nameof(components));
        _components = [.. components];
        for (var k = 0; k < _components.Length; k++)
        {
            if (_components[k] is null)
            {
                throw new ArgumentNullException(nameof(components), $"components[{k}] is null.");
            }
        }

        Weights = weights;
        _logWeights = [.. weights.Select(w => Math.Log(w))];
    }

    /// <summary>The two-component mixture w·N(μ₁, σ₁²) + (1 − w)·N(μ₂, σ₂²).</summary>
    /// <param name="weight">w in [0, 1].</param>
    /// <param name="first">The first component.</param>
    /// <param name="second">The second component.</param>
    /// <returns>The mixture.</returns>
    /// <exception cref="ArgumentOutOfRangeException">weight is NaN or outside [0, 1].</exception>
    /// <exception cref="ArgumentNullException">A component is null.</exception>
    public static GaussianMixture Of(double weight, Gaussian first, Gaussian second)
    {
        Check.Probability(weight, nameof(weight));
        return new GaussianMixture(ProbabilityVector.Create(weight, 1.0 - weight), [first, second]);
    }

    /// <summary>The component weights.</summary>
    public ProbabilityVector Weights { get; }

    /// <summary>The components.</summary>
    public IReadOnlyList<Gaussian> Components => _components;

    /// <summary>Σ w_k μ_k.</summary>
    public double Mean
    {
        get
        {
            var sum = default(ScalarNeumaier);
            for (var k = 0; k < _components.Length; k++)
            {
                sum.Add(Weights[k] * _components[k].Mean);
            }

            return sum.Result;
        }
    }

    /// <summary>Σ w_k (σ_k² + (μ_k − μ)²), the law of total variance.</summary>
    public double Variance
    {
        get
        {
            var mean = Mean;
            var sum = default(ScalarNeumaier);
            for (var k = 0; k < _components.Length; k++)
            {
                var d = _components[k].Mean - mean;
                sum.Add(Weights[k] * (_components[k].Variance + (d * d)));
            }

            return sum.Result;
        }
    }

    /// <summary>−∫ p ln p by quadrature (no closed form exists), to about 1e-12 relative.</summary>
    public double Entropy => DistributionEntropy.ByQuadrature(this).Value;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <inheritdoc/>
    public double SupportMinimum => double.NegativeInfinity;

    /// <inheritdoc/>
    public double SupportMaximum => double.PositiveInfinity;

    string ILogDensityKernel.SupportText => "(−∞, ∞)";

    /// <inheritdoc/>
    public bool InSupport(double x) => !double.IsNaN(x);

    /// <summary>ln p(x) = LSE_k(ln w_k + ln N(x; μ_k, σ_k²)).</summary>
    /// <param name="x">Any value but NaN.</param>
    /// <returns>ln p(x).</returns>
    /// <exception cref="ArgumentException">x is NaN.</exception>
    public double LogDensity(double x) => Univariate.LogDensity(this, x);

    double ILogDensityKernel.LogDensityOrNaN(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var max = double.NegativeInfinity;
        Span<double> terms = _components.Length <= 32 ? stackalloc double[_components.Length] : new double[_components.Length];
        for (var k = 0; k < terms.Length; k++)
        {
            terms[k] = _logWeights[k] + _components[k].LogDensity(x);
            max = Math.Max(max, terms[k]);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var t in terms)
        {
            sum += Math.Exp(t - max);
        }

        return max + Math.Log(sum);
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination) => Univariate.LogDensity(this, x, destination);

    /// <inheritdoc/>
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc/>
    public double LogLikelihood(ReadOnlySpan<double> sample) => Univariate.LogLikelihood(this, sample);

    /// <inheritdoc/>
    public double NegativeLogLikelihood(ReadOnlySpan<double> sample) => -LogLikelihood(sample);

    /// <summary>A component k ~ Categorical(w), then a draw from N(μ_k, σ_k²).</summary>
    /// <param name="rng">The generator.</param>
    /// <returns>The draw and the advanced generator.</returns>
    public (double Value, Rng Next) Sample(Rng rng)
    {
        var (k, next) = rng.NextCategorical(Weights.AsSpan());
        return _components[k].Sample(next);
    }

    /// <inheritdoc/>
    public Rng Sample(Rng rng, Span<double> destination) => Univariate.Fill(this, rng, destination);

    /// <summary>Equal when weights and components are equal.</summary>
    /// <param name="other">The other mixture.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(GaussianMixture? other)
        => other is not null && Weights.Equals(other.Weights) && _components.AsSpan().SequenceEqual(other._components);

    /// <inheritdoc/>
    public override int GetHashCode() => Weights.GetHashCode();

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Weights = ").Append(Weights).Append(", Components = [").AppendJoin(", ", _components.Select(c => c.ToString())).Append(']');
        return true;
    }
}
