using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>
/// A penalty Ω(w) = (λ₂/2)‖w‖² + λ₁‖w‖₁ added to a model's mean loss: ridge (L2, the Gaussian prior), lasso (L1, the
/// Laplace prior) or both (elastic net). By default the intercepts are not penalised (<see cref="IncludeBias"/> false),
/// as in scikit-learn; the models apply Ω to their weights only and pass the intercepts through.
/// </summary>
/// <remarks>
/// Scale: the models minimise R(w) = (1/n) Σ ℓ_i + Ω(w), the mean over the batch plus Ω — so λ₂ here is scikit-learn's
/// Ridge <c>alpha</c> divided by n (for half squared error), and 1/(C·n) for its LogisticRegression's C (NOTES.md,
/// "Models and the MAP reading of regularisation"). The L1 subgradient at w_j = 0 is 0 (the lowest-norm one).
/// </remarks>
public sealed record Regularizer
{
    /// <summary>Creates Ω(w) = (l2/2)‖w‖² + l1‖w‖₁.</summary>
    /// <param name="l2">λ₂ ≥ 0, finite.</param>
    /// <param name="l1">λ₁ ≥ 0, finite.</param>
    /// <param name="includeBias">Whether the intercepts are penalised too (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">l2 or l1 is negative, NaN or infinite.</exception>
    public Regularizer(double l2 = 0.0, double l1 = 0.0, bool includeBias = false)
    {
        L2 = NonNegative(l2, nameof(l2));
        L1 = NonNegative(l1, nameof(l1));
        IncludeBias = includeBias;
    }

    /// <summary>λ₂, the weight of (1/2)‖w‖².</summary>
    public double L2 { get; }

    /// <summary>λ₁, the weight of ‖w‖₁.</summary>
    public double L1 { get; }

    /// <summary>Whether the intercepts are penalised (false: only the weights are, as in scikit-learn).</summary>
    public bool IncludeBias { get; }

    /// <summary>No penalty: plain empirical risk minimisation (maximum likelihood).</summary>
    public static Regularizer None { get; } = new();

    /// <summary>Ridge: (λ/2)‖w‖².</summary>
    /// <param name="lambda">λ ≥ 0, finite.</param>
    /// <returns>The regulariser.</returns>
    /// <exception cref="ArgumentOutOfRangeException">lambda is negative, NaN or infinite.</exception>
    public static Regularizer Ridge(double lambda) => new(l2: NonNegative(lambda, nameof(lambda)));

    /// <summary>Lasso: λ‖w‖₁.</summary>
    /// <param name="lambda">λ ≥ 0, finite.</param>
    /// <returns>The regulariser.</returns>
    /// <exception cref="ArgumentOutOfRangeException">lambda is negative, NaN or infinite.</exception>
    public static Regularizer Lasso(double lambda) => new(l1: NonNegative(lambda, nameof(lambda)));

    /// <summary>Elastic net in scikit-learn's parametrisation: λ(ρ‖w‖₁ + ((1 − ρ)/2)‖w‖²).</summary>
    /// <param name="lambda">λ ≥ 0, finite.</param>
    /// <param name="l1Ratio">ρ in [0, 1]: 0 is ridge, 1 is lasso.</param>
    /// <returns>The regulariser with λ₁ = λρ and λ₂ = λ(1 − ρ).</returns>
    /// <exception cref="ArgumentOutOfRangeException">lambda is negative or not finite; l1Ratio outside [0, 1] or NaN.</exception>
    public static Regularizer ElasticNet(double lambda, double l1Ratio)
    {
        NonNegative(lambda, nameof(lambda));
        if (!(l1Ratio is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, $"l1Ratio = {Format.Number(l1Ratio)}; it must be in [0, 1].");
        }

        return new(l2: lambda * (1.0 - l1Ratio), l1: lambda * l1Ratio);
    }

    /// <summary>
    /// The MAP reading of ridge: Gaussian noise of variance σ² on the targets and a Gaussian prior N(0, σ_w² I) on the
    /// weights make −(σ²/n)·log posterior = (1/2n) Σ r_i² + (λ/2)‖w‖² + const with λ = σ²/(n σ_w²) for the mean risk
    /// (λ = σ²/σ_w² for the summed form ½Σr² + (λ/2)‖w‖², scikit-learn's Ridge alpha; with unit noise, τ = 1/σ_w²).
    /// </summary>
    /// <param name="noiseVariance">σ² &gt; 0, finite.</param>
    /// <param name="priorVariance">σ_w² &gt; 0, finite.</param>
    /// <param name="samples">n ≥ 1, the number of samples the risk averages over.</param>
    /// <returns>Ridge with λ₂ = σ²/(n σ_w²), intercept unpenalised (a flat prior on it).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A variance is not finite and positive, or samples &lt; 1.</exception>
    public static Regularizer GaussianPrior(double noiseVariance, double priorVariance, int samples)
    {
        Positive(noiseVariance, nameof(noiseVariance));
        Positive(priorVariance, nameof(priorVariance));
        AtLeastOne(samples, nameof(samples));
        return Ridge(noiseVariance / (samples * priorVariance));
    }

    /// <summary>
    /// The MAP reading of lasso: Gaussian noise of variance σ² and a Laplace prior p(w_j) ∝ e^(−|w_j|/b) give
    /// (1/2n) Σ r_i² + λ‖w‖₁ with λ = σ²/(n b).
    /// </summary>
    /// <param name="noiseVariance">σ² &gt; 0, finite.</param>
    /// <param name="priorScale">b &gt; 0, finite, the Laplace scale.</param>
    /// <param name="samples">n ≥ 1.</param>
    /// <returns>Lasso with λ₁ = σ²/(n b).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A scale is not finite and positive, or samples &lt; 1.</exception>
    public static Regularizer LaplacePrior(double noiseVariance, double priorScale, int samples)
    {
        Positive(noiseVariance, nameof(noiseVariance));
        Positive(priorScale, nameof(priorScale));
        AtLeastOne(samples, nameof(samples));
        return Lasso(noiseVariance / (samples * priorScale));
    }

    /// <summary>Ω(w) = (λ₂/2)Σ w_j² + λ₁Σ|w_j| over the given (penalised) entries.</summary>
    /// <param name="weights">The penalised parameters.</param>
    /// <returns>Ω ≥ 0; +∞ if a weight is infinite; NaN if one is NaN.</returns>
    public double Value(ReadOnlySpan<double> weights) => Value(weights, L2 != 0.0 ? Dense.Dot(weights, weights) : 0.0);

    /// <summary><see cref="Value(ReadOnlySpan{double})"/> with Σ w_j² given as <see cref="Dense.Dot"/> computes it (or a kernel
    /// with its bits), for a caller that had it from a pass it made anyway; read only when λ₂ ≠ 0.</summary>
    internal double Value(ReadOnlySpan<double> weights, double squaredNorm)
    {
        var value = 0.0;
        if (L2 != 0.0)
        {
            value += 0.5 * L2 * squaredNorm;
        }

        if (L1 != 0.0)
        {
            var sum = 0.0;
            foreach (var w in weights)
            {
                sum += Math.Abs(w);
            }

            value += L1 * sum;
        }

        return value;
    }

    /// <summary>gradient_j += λ₂ w_j + λ₁ sign(w_j), with sign(0) = 0 (the lowest-norm subgradient of |w|).</summary>
    /// <param name="weights">The penalised parameters.</param>
    /// <param name="gradient">Receives the added (sub)gradient; at least weights.Length.</param>
    /// <exception cref="ArgumentException">gradient is shorter than weights.</exception>
    public void AddGradient(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        Guard.Destination(weights.Length, gradient.Length, nameof(gradient));
        if (L2 != 0.0)
        {
            Dense.AddScaled(gradient, L2, weights);
        }

        if (L1 != 0.0)
        {
            for (var j = 0; j < weights.Length; j++)
            {
                gradient[j] += L1 * Math.Sign(weights[j] is var w && double.IsNaN(w) ? 0.0 : w);
            }
        }
    }

    /// <summary>
    /// The gradient of one row's risk ℓ(wᵀx + b, y) + Ω in one pass, each entry handed to <paramref name="sink"/> as it is
    /// computed: gradient_j = α·x_j (+ α for the intercept) + ∇Ω_j with the bits of the batch path for one row — the
    /// gradient cleared, <see cref="Dense.AddScaled"/> of the row (one fused α·x_j + 0), the intercept entry 0 + α, then
    /// <see cref="AddGradient"/> over the penalised entries (λ₂w_j fused in, then + λ₁ sign(w_j)), each element taking those
    /// roundings in that order.
    /// </summary>
    /// <typeparam name="TSink">What consumes the entries (the training fold's SGD update); a struct, so it is inlined.</typeparam>
    /// <param name="alpha">α = ∂ℓ/∂ŷ of the row.</param>
    /// <param name="row">x, d features.</param>
    /// <param name="parameters">θ = (w, b) or w: d or d + 1 entries.</param>
    /// <param name="sink">Receives every entry with its parameter, in index order (four at a time, then one at a time).</param>
    /// <returns>Whether the sink answered 0 for every entry (its results finite, and so the gradient; see <see cref="IRowGradientSink"/>).</returns>
    internal bool RowGradient<TSink>(double alpha, ReadOnlySpan<double> row, ReadOnlySpan<double> parameters, TSink sink)
        where TSink : struct, IRowGradientSink
        // one loop per penalty pattern, so no test of λ₂ or λ₁ runs per element
        => (L2 != 0.0, L1 != 0.0) switch
        {
            (true, false) => RowGradient<TSink, SwitchOn, SwitchOff>(alpha, row, parameters, sink),
            (false, false) => RowGradient<TSink, SwitchOff, SwitchOff>(alpha, row, parameters, sink),
            (true, true) => RowGradient<TSink, SwitchOn, SwitchOn>(alpha, row, parameters, sink),
            _ => RowGradient<TSink, SwitchOff, SwitchOn>(alpha, row, parameters, sink),
        };

    /// <summary>Whether every entry of the one-row gradient of <see cref="RowGradient{TSink}"/> is finite.</summary>
    /// <param name="alpha">α = ∂ℓ/∂ŷ of the row.</param>
    /// <param name="row">x, d features.</param>
    /// <param name="parameters">θ = (w, b) or w.</param>
    /// <returns>True when every entry is finite.</returns>
    internal bool RowGradientFinite(double alpha, ReadOnlySpan<double> row, ReadOnlySpan<double> parameters)
        => RowGradient(alpha, row, parameters, default(FinitenessCheck));

    private bool RowGradient<TSink, TL2, TL1>(double alpha, ReadOnlySpan<double> row, ReadOnlySpan<double> parameters, TSink sink)
        where TSink : struct, IRowGradientSink
        where TL2 : struct, ISwitch
        where TL1 : struct, ISwitch
    {
        var d = row.Length;
        var p = parameters.Length;
        var penalised = IncludeBias ? p : d;
        var l2 = L2;
        var l1 = L1;
        ref var x = ref MemoryMarshal.GetReference(row);
        ref var w = ref MemoryMarshal.GetReference(parameters);
        var j = 0;
        var poison = 0.0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            var lambda2 = Vector256.Create(l2);
            var lambda1 = Vector256.Create(l1);
            var one = Vector256.Create(1.0);
            var acc = Vector256<double>.Zero;
            for (; j <= d - 4; j += 4)
            {
                var wj = Vector256.LoadUnsafe(ref w, (nuint)j);
                var gj = Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref x, (nuint)j), Vector256<double>.Zero);
                if (TL2.On)
                {
                    gj = Vector256.FusedMultiplyAdd(lambda2, wj, gj);
                }

                if (TL1.On)
                {
                    // sign(w) as Math.Sign gives it: +1, −1, or 0 for 0 and NaN (both comparisons false)
                    var sign = (Vector256.GreaterThan(wj, Vector256<double>.Zero) & one) - (Vector256.LessThan(wj, Vector256<double>.Zero) & one);
                    gj += lambda1 * sign;
                }

                acc += sink.Take(j, gj, wj);
            }

            poison = Vector256.Sum(acc);
        }

        for (; j < p; j++)
        {
            var gj = j < d ? Math.FusedMultiplyAdd(alpha, Unsafe.Add(ref x, j), 0.0) : 0.0 + alpha;
            var wj = Unsafe.Add(ref w, j);
            if (j < penalised)
            {
                if (TL2.On)
                {
                    gj = Math.FusedMultiplyAdd(l2, wj, gj);
                }

                if (TL1.On)
                {
                    gj += l1 * Math.Sign(double.IsNaN(wj) ? 0.0 : wj);
                }
            }

            poison += sink.Take(j, gj, wj);
        }

        // the sink's answers are summed here, in registers, not kept in the sink
        return !double.IsNaN(poison);
    }

    /// <summary>A readable form: "Ω = (λ₂/2)‖w‖² + λ₁‖w‖₁ with λ₂ = …, λ₁ = …".</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => $"Regularizer(L2 = {Format.Number(L2)}, L1 = {Format.Number(L1)}, bias {(IncludeBias ? "penalised" : "not penalised")})";

    private static double NonNegative(double value, string name)
    {
        if (!(value >= 0.0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)}; a penalty weight must be finite and at least 0.");
        }

        return value;
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0.0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)}; it must be finite and greater than 0.");
        }
    }

    internal static void AtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value}; it must be at least 1.");
        }
    }
}

/// <summary>
/// Consumes the entries of a one-row gradient as <see cref="Regularizer.RowGradient{TSink}"/> computes them, and answers
/// 0 where what it made of them is finite and NaN otherwise (r·0 of its result r), which the caller sums. The answer must
/// be NaN wherever the gradient entry itself is not finite, so that finite answers everywhere also certify the gradient
/// (the caller then checks the gradient only when an answer was NaN: see <see cref="Regularizer.RowGradientFinite"/>).
/// </summary>
internal interface IRowGradientSink
{
    /// <summary>Entries index … index + 3 of the gradient, with the parameters they belong to.</summary>
    /// <returns>0 per lane where the sink's result is finite, NaN where not.</returns>
    Vector256<double> Take(int index, Vector256<double> gradient, Vector256<double> parameters);

    /// <summary>Entry index of the gradient, with its parameter.</summary>
    /// <returns>0 where the sink's result is finite, NaN where not.</returns>
    double Take(int index, double gradient, double parameter);
}

/// <summary>The sink that only answers whether each gradient entry is finite (g·0).</summary>
internal readonly struct FinitenessCheck : IRowGradientSink
{
    /// <inheritdoc/>
    public Vector256<double> Take(int index, Vector256<double> gradient, Vector256<double> parameters) => gradient * Vector256<double>.Zero;

    /// <inheritdoc/>
    public double Take(int index, double gradient, double parameter) => gradient * 0.0;
}
