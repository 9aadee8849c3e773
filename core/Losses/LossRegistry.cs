using System.Collections.Frozen;
using Functional.Numerics;

namespace Functional.Losses;

/// <summary>What values a loss parameter may take.</summary>
public enum ParameterDomain
{
    /// <summary>Finite and greater than 0 (δ, β, c, σ, a positive-class weight).</summary>
    Positive,

    /// <summary>Any real number or ±∞, not NaN (Barron's α).</summary>
    Extended,

    /// <summary>A probability-like fraction in [0, 1] (label smoothing).</summary>
    Fraction,

    /// <summary>A switch: 0 (off) or 1 (on).</summary>
    Flag,

    /// <summary>A whole number ≥ 1 (the columns of a row-wise loss).</summary>
    Count,
}

/// <summary>What the targets of a loss are.</summary>
public enum LossTargets
{
    /// <summary>Any finite value (regression).</summary>
    Real,

    /// <summary>Values in [0, 1] (binary cross-entropy, soft labels allowed).</summary>
    UnitInterval,

    /// <summary>Labels −1 or +1 (margin losses).</summary>
    Sign,

    /// <summary>Counts ≥ 0 (Poisson).</summary>
    Counts,

    /// <summary>Rows of probabilities (softmax cross-entropy, KL), each normalised.</summary>
    ProbabilityRows,
}

/// <summary>One named parameter of a loss with its default and domain.</summary>
/// <param name="Name">The name used to set it (case-insensitive), e.g. "delta".</param>
/// <param name="Default">Its value when not given.</param>
/// <param name="Domain">What values it may take.</param>
/// <param name="Meaning">One line: what it does.</param>
public sealed record LossParameter(string Name, double Default, ParameterDomain Domain, string Meaning);

/// <summary>
/// A loss the training loop or the shell can select by name: what it is (name, parameters, target kind, convexity, whether a
/// scaled copy bounds the 0-1 error) and how to evaluate it (value and derivative with respect to the predictions, reduced or
/// per element, with optional per-sample weights). Every evaluation runs the same kernel as the named method of <see cref="Loss"/>.
/// </summary>
public sealed class LossDescriptor
{
    private readonly LossRunner _runner;
    private readonly Func<double[], bool> _convex;

    internal LossDescriptor(
        string name, string summary, LossTargets targets, LossParameter[] parameters, Func<double[], bool> convex, double? zeroOneScale,
        LossRunner runner, bool probabilityPredictions = false)
    {
        Name = name;
        Summary = summary;
        Targets = targets;
        Parameters = parameters;
        _convex = convex;
        ZeroOneScale = zeroOneScale;
        _runner = runner;
        PredictionsAreProbabilities = probabilityPredictions;
    }

    /// <summary>The registry name (lower case, snake_case), e.g. "huber".</summary>
    public string Name { get; }

    /// <summary>The formula in one line.</summary>
    public string Summary { get; }

    /// <summary>What the targets are.</summary>
    public LossTargets Targets { get; }

    /// <summary>Whether the predictions are probabilities in [0, 1] (binary cross-entropy) rather than any finite score.</summary>
    public bool PredictionsAreProbabilities { get; }

    /// <summary>The parameters, in order, with their defaults.</summary>
    public IReadOnlyList<LossParameter> Parameters { get; }

    /// <summary>Whether ℓ(·, y) is convex in the prediction at the default parameters (see <see cref="IsConvexWith"/>).</summary>
    public bool IsConvex => _convex(Resolve(null));

    /// <summary>
    /// For a margin loss ℓ(m), m = y·f: the factor s with s·ℓ(0) = 1, so that s·ℓ passes through (0, 1) and bounds the 0-1 error
    /// [m ≤ 0] from above on every margin (1 for hinge, 1/ln 2 for logistic, 2 for the sigmoid); null for losses that are not
    /// margin surrogates.
    /// </summary>
    public double? ZeroOneScale { get; }

    /// <summary>Whether the loss upper-bounds the 0-1 error once scaled by <see cref="ZeroOneScale"/>.</summary>
    public bool BoundsZeroOneError => ZeroOneScale is not null;

    /// <summary>Whether ℓ(·, y) is convex in the prediction with these parameters (Barron's ρ is convex exactly for α ≥ 1).</summary>
    /// <param name="parameters">Parameter values by name; missing ones take their defaults; null for all defaults.</param>
    /// <returns>True when convex.</returns>
    /// <exception cref="ArgumentException">An unknown parameter name, or a value outside its domain.</exception>
    public bool IsConvexWith(IReadOnlyDictionary<string, double>? parameters) => _convex(Resolve(parameters));

    /// <summary>The reduced loss with ∂(reduced)/∂prediction_i written to <paramref name="gradient"/>; see the named method of <see cref="Loss"/>.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Predictions (scores, logits, probabilities or log-probabilities as the loss expects).</param>
    /// <param name="targets">Targets in the loss's domain.</param>
    /// <param name="weights">Per-sample weights ≥ 0 (empty for none; row-wise losses take none).</param>
    /// <param name="gradient">Receives the gradient; empty to skip.</param>
    /// <param name="reduction">Sum, Mean or (row-wise losses) BatchMean.</param>
    /// <param name="parameters">Parameter values by name; missing ones take their defaults; null for all defaults.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">An unknown parameter or a bad value; anything the named method rejects; weights given to a row-wise loss.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As the named method (reduction, parameters).</exception>
    public T Reduce<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction = Reduction.Mean, IReadOnlyDictionary<string, double>? parameters = null)
        where T : IFloatingPointIeee754<T>
        => _runner.Reduce(predictions, targets, weights, gradient, reduction, Resolve(parameters));

    /// <summary>Per element: values[i] = w_i·ℓ_i, gradient[i] = w_i·∂ℓ_i/∂prediction_i (row-wise losses: one value per row).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="predictions">Predictions.</param>
    /// <param name="targets">Targets.</param>
    /// <param name="weights">Per-sample weights ≥ 0 (empty for none).</param>
    /// <param name="values">Receives the losses; empty to skip.</param>
    /// <param name="gradient">Receives the derivatives; empty to skip.</param>
    /// <param name="parameters">Parameter values by name; null for all defaults.</param>
    /// <exception cref="ArgumentException">An unknown parameter or a bad value; anything the named method rejects.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As the named method.</exception>
    public void Elementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, IReadOnlyDictionary<string, double>? parameters = null)
        where T : IFloatingPointIeee754<T>
        => _runner.Elementwise(predictions, targets, weights, values, gradient, Resolve(parameters));

    /// <inheritdoc/>
    public override string ToString() => Name;

    private double[] Resolve(IReadOnlyDictionary<string, double>? parameters)
    {
        var values = new double[Parameters.Count];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = Parameters[k].Default;
        }

        if (parameters is null)
        {
            return values;
        }

        foreach (var (key, value) in parameters)
        {
            var k = FindParameter(key);
            if (k < 0)
            {
                var known = Parameters.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", Parameters.Select(p => p.Name));
                throw new ArgumentException($"The loss '{Name}' has no parameter '{key}'; {known}.", nameof(parameters));
            }

            if (!InDomain(Parameters[k].Domain, value))
            {
                throw new ArgumentException(
                    $"parameters[\"{Parameters[k].Name}\"] = {Format.Number(value)} is outside its domain ({Parameters[k].Domain}) for the loss '{Name}'.", nameof(parameters));
            }

            values[k] = value;
        }

        return values;
    }

    private int FindParameter(string key)
    {
        for (var k = 0; k < Parameters.Count; k++)
        {
            if (string.Equals(Parameters[k].Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }

        return -1;
    }

    private static bool InDomain(ParameterDomain domain, double value) => domain switch
    {
        ParameterDomain.Positive => value > 0.0 && double.IsFinite(value),
        ParameterDomain.Extended => !double.IsNaN(value),
        ParameterDomain.Fraction => value is >= 0.0 and <= 1.0,
        ParameterDomain.Flag => value is 0.0 or 1.0,
        _ => value >= 1.0 && value <= int.MaxValue && Math.Floor(value) == value,
    };
}

/// <summary>The catalogue of losses by name: every loss of <see cref="Loss"/> once, selectable by the training loop and the shell.</summary>
public static class LossRegistry
{
    private static readonly LossParameter Scale = new("scale", 1.0, ParameterDomain.Positive, "c, the residual scale");
    private static readonly Func<double[], bool> Always = _ => true;
    private static readonly Func<double[], bool> Never = _ => false;

    /// <summary>Every registered loss, in a fixed order.</summary>
    public static IReadOnlyList<LossDescriptor> All { get; } =
    [
        Element<HalfSquaredErrorTerm, FiniteDomain>("half_squared_error", "½(ŷ − y)²", LossTargets.Real, [], Always, null, _ => default),
        Element<SquaredErrorTerm, FiniteDomain>("squared_error", "(ŷ − y)² (PyTorch's mse_loss)", LossTargets.Real, [], Always, null, _ => default),
        Element<AbsoluteErrorTerm, FiniteDomain>("absolute_error", "|ŷ − y|", LossTargets.Real, [], Always, null, _ => default),
        Element<HuberTerm, FiniteDomain>("huber", "½d² for |d| ≤ δ, δ(|d| − ½δ) beyond", LossTargets.Real,
            [new("delta", 1.0, ParameterDomain.Positive, "δ, the switch from quadratic to linear")], Always, null, a => new HuberTerm(a[0])),
        Element<SmoothL1Term, FiniteDomain>("smooth_l1", "Huber(β)/β", LossTargets.Real,
            [new("beta", 1.0, ParameterDomain.Positive, "β, the switch point")], Always, null, a => new SmoothL1Term(a[0])),
        Element<LogCoshTerm, FiniteDomain>("log_cosh", "ln cosh(ŷ − y)", LossTargets.Real, [], Always, null, _ => default),
        Element<CauchyTerm, FiniteDomain>("cauchy", "ln(1 + ½(d/c)²)", LossTargets.Real, [Scale], Never, null, a => new CauchyTerm(a[0])),
        Element<WelschTerm, FiniteDomain>("welsch", "1 − e^(−½(d/c)²)", LossTargets.Real, [Scale], Never, null, a => new WelschTerm(a[0])),
        Element<GemanMcClureTerm, FiniteDomain>("geman_mcclure", "2(d/c)²/((d/c)² + 4)", LossTargets.Real, [Scale], Never, null, a => new GemanMcClureTerm(a[0])),
        Element<CharbonnierTerm, FiniteDomain>("charbonnier", "√((d/c)² + 1) − 1", LossTargets.Real, [Scale], Always, null, a => new CharbonnierTerm(a[0])),
        Element<BarronTerm, FiniteDomain>("barron", "Barron's ρ(d, α, c)", LossTargets.Real,
            [new("alpha", 1.0, ParameterDomain.Extended, "α, the shape (2 quadratic, 1 Charbonnier, 0 Cauchy, −2 Geman–McClure, −∞ Welsch)"), Scale],
            a => a[0] >= 1.0, null, a => new BarronTerm(a[0], a[1])),
        Element<GaussianNllTerm, FiniteDomain>("gaussian_nll", "½((ŷ − y)/σ)² + ln σ (+ ½ ln 2π)", LossTargets.Real,
            [new("sigma", 1.0, ParameterDomain.Positive, "σ, the noise standard deviation"), new("full", 0.0, ParameterDomain.Flag, "1 to add ½ ln 2π")],
            Always, null, a => new GaussianNllTerm(a[0], Math.Log(a[0]) + (a[1] == 1.0 ? 0.5 * Math.Log(2.0 * Math.PI) : 0.0))),
        Element<PoissonNllTerm, NonNegativeDomain>("poisson_nll", "eˣ − k·x on log-rates x", LossTargets.Counts, [], Always, null, _ => default),
        Element<BinaryCrossEntropyTerm, UnitIntervalDomain>("binary_cross_entropy", "−[t ln p + (1 − t) ln(1 − p)] on probabilities p", LossTargets.UnitInterval, [], Always, null, _ => default, probabilities: true),
        new LossDescriptor("binary_cross_entropy_with_logits", "w₊·t·softplus(−x) + (1 − t)·softplus(x)", LossTargets.UnitInterval,
            [new("pos_weight", 1.0, ParameterDomain.Positive, "w₊, the weight of the positive class")], Always, null, new LogitsRunner()),
        Element<LogisticTerm, SignDomain>("logistic", "ln(1 + e^(−y·f))", LossTargets.Sign, [], Always, 1.0 / Math.Log(2.0), _ => default),
        Element<HingeTerm, SignDomain>("hinge", "max(0, 1 − y·f)", LossTargets.Sign, [], Always, 1.0, _ => default),
        Element<SquaredHingeTerm, SignDomain>("squared_hinge", "max(0, 1 − y·f)²", LossTargets.Sign, [], Always, 1.0, _ => default),
        Element<ModifiedHuberTerm, SignDomain>("modified_huber", "max(0, 1 − m)² for m ≥ −1, −4m below", LossTargets.Sign, [], Always, 1.0, _ => default),
        Element<ExponentialTerm, SignDomain>("exponential", "e^(−y·f)", LossTargets.Sign, [], Always, 1.0, _ => default),
        Element<SigmoidSurrogateTerm, SignDomain>("sigmoid", "σ(−y·f)", LossTargets.Sign, [], Never, 2.0, _ => default),
        Element<ZeroOneTerm, SignDomain>("zero_one", "[y·f ≤ 0] (a metric: derivative 0)", LossTargets.Sign, [], Never, 1.0, _ => default),
        new LossDescriptor("softmax_cross_entropy", "LSE(o) − Σ q'·o per row of logits, q' = (1 − ε)q + ε/C", LossTargets.ProbabilityRows,
            [new("columns", 1.0, ParameterDomain.Count, "C, the classes per row"), new("label_smoothing", 0.0, ParameterDomain.Fraction, "ε")],
            Always, null, new SoftmaxRunner()),
        new LossDescriptor("kl_divergence", "Σ p (ln p − ln q) per row, inputs ln q", LossTargets.ProbabilityRows,
            [new("columns", 1.0, ParameterDomain.Count, "entries per row"), new("log_target", 0.0, ParameterDomain.Flag, "1 when targets are ln p")],
            Always, null, new KlRunner()),
    ];

    private static readonly FrozenDictionary<string, LossDescriptor> ByName =
        All.ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names of every registered loss, in catalogue order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(d => d.Name)];

    /// <summary>The loss with this name (case-insensitive; '-' may stand for '_').</summary>
    /// <param name="name">A registry name, e.g. "huber" or "smooth-l1".</param>
    /// <returns>Its descriptor.</returns>
    /// <exception cref="ArgumentException">No loss has that name (the message lists the names).</exception>
    public static LossDescriptor Get(string name)
        => TryGet(name, out var descriptor)
            ? descriptor
            : throw new ArgumentException($"No loss is named '{name}'; the losses are: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The loss with this name, if any (case-insensitive; '-' may stand for '_').</summary>
    /// <param name="name">A registry name.</param>
    /// <param name="descriptor">The descriptor, or null.</param>
    /// <returns>Whether a loss has that name.</returns>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LossDescriptor? descriptor)
    {
        descriptor = null;
        return name is not null && ByName.TryGetValue(name.Replace('-', '_'), out descriptor);
    }

    private static LossDescriptor Element<TLoss, TTargets>(
        string name, string summary, LossTargets targets, LossParameter[] parameters, Func<double[], bool> convex, double? zeroOneScale,
        Func<double[], TLoss> make, bool probabilities = false)
        where TLoss : struct, ILossTerm
        where TTargets : IDomain
        => new(name, summary, targets, parameters, convex, zeroOneScale,
            probabilities ? new TermRunner<TLoss, UnitIntervalDomain, TTargets>(make) : new TermRunner<TLoss, FiniteDomain, TTargets>(make), probabilities);
}

/// <summary>How a descriptor evaluates its loss, with parameters already resolved and checked against their domains.</summary>
internal abstract class LossRunner
{
    internal abstract T Reduce<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction, double[] parameters)
        where T : IFloatingPointIeee754<T>;

    internal abstract void Elementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double[] parameters)
        where T : IFloatingPointIeee754<T>;

    protected static void NoWeights<T>(ReadOnlySpan<T> weights, string name)
    {
        if (!weights.IsEmpty)
        {
            throw new ArgumentException($"The row-wise loss '{name}' takes no per-sample weights; call Loss.SoftmaxCrossEntropy with classWeights for class weights.", nameof(weights));
        }
    }
}

/// <summary>An element-wise loss: its term through the one LossKernel.</summary>
internal sealed class TermRunner<TLoss, TPredictions, TTargets>(Func<double[], TLoss> make) : LossRunner
    where TLoss : struct, ILossTerm
    where TPredictions : IDomain
    where TTargets : IDomain
{
    internal override T Reduce<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction, double[] parameters)
        => LossKernel.Reduce<T, TLoss, TPredictions, TTargets>(make(parameters), predictions, targets, weights, gradient, reduction);

    internal override void Elementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double[] parameters)
        => LossKernel.Elementwise<T, TLoss, TPredictions, TTargets>(make(parameters), predictions, targets, weights, values, gradient);
}

/// <summary>BCE with logits: the plain term at w₊ = 1 (exact in both tails), the weighted one otherwise.</summary>
internal sealed class LogitsRunner : LossRunner
{
    internal override T Reduce<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction, double[] parameters)
        => Loss.BinaryCrossEntropyWithLogits(predictions, targets, weights, gradient, reduction, parameters[0]);

    internal override void Elementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double[] parameters)
        => Loss.BinaryCrossEntropyWithLogitsElementwise(predictions, targets, weights, values, gradient, parameters[0]);
}

/// <summary>Softmax cross-entropy with probability targets over rows of the flat spans (parameters: columns, label smoothing).</summary>
internal sealed class SoftmaxRunner : LossRunner
{
    internal override T Reduce<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction, double[] parameters)
    {
        NoWeights(weights, "softmax_cross_entropy");
        return Loss.SoftmaxCrossEntropy(predictions, targets, (int)parameters[0], ReadOnlySpan<T>.Empty, gradient, reduction, parameters[1]);
    }

    internal override void Elementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double[] parameters)
    {
        NoWeights(weights, "softmax_cross_entropy");
        var columns = (int)parameters[0];
        Guard.Rows(predictions.Length, columns, nameof(predictions));
        var rows = predictions.Length / columns;
        if (!values.IsEmpty)
        {
            Guard.Destination(rows, values.Length, nameof(values));
        }

        for (var r = 0; r < rows; r++)
        {
            var value = Loss.SoftmaxCrossEntropy(
                predictions.Slice(r * columns, columns), targets.Slice(r * columns, Math.Min(columns, Math.Max(0, targets.Length - (r * columns)))), columns,
                ReadOnlySpan<T>.Empty, gradient.IsEmpty ? gradient : gradient.Slice(r * columns, columns), Reduction.Sum, parameters[1]);
            if (!values.IsEmpty)
            {
                values[r] = value;
            }
        }
    }
}

/// <summary>The KL-divergence loss on log inputs over rows (parameters: columns, log_target).</summary>
internal sealed class KlRunner : LossRunner
{
    internal override T Reduce<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> gradient, Reduction reduction, double[] parameters)
    {
        NoWeights(weights, "kl_divergence");
        return Loss.KlDivergence(predictions, targets, (int)parameters[0], gradient, reduction, parameters[1] == 1.0);
    }

    internal override void Elementwise<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, ReadOnlySpan<T> weights, Span<T> values, Span<T> gradient, double[] parameters)
    {
        NoWeights(weights, "kl_divergence");
        Loss.KlDivergence(predictions, targets, (int)parameters[0], values, gradient, parameters[1] == 1.0);
    }
}
