using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>
/// A linear score f(x) = wᵀx + b over <see cref="Features"/> inputs: linear regression with a regression loss, binary
/// logistic regression with a loss on logits. Parameters are one flat vector
/// θ = (w_0 … w_{d−1}, b) — the weights first, the intercept last (absent when <see cref="Intercept"/> is false).
/// </summary>
/// <param name="Features">d ≥ 0, the number of input columns (0 leaves the intercept alone: a constant model).</param>
/// <param name="Intercept">Whether the model has an intercept b (default true).</param>
public sealed record LinearModel(int Features, bool Intercept = true)
{
    /// <summary>d ≥ 0, the number of input columns.</summary>
    public int Features { get; } = Features >= 0
        ? Features
        : throw new ArgumentOutOfRangeException(nameof(Features), Features, $"Features = {Features}; a model needs at least 0 input columns.");

    /// <summary>d, plus 1 for the intercept.</summary>
    public int ParameterCount => Features + (Intercept ? 1 : 0);

    /// <summary>Scores ŷ_r = wᵀx_r + b for each row of a row-major batch.</summary>
    /// <param name="parameters">θ, <see cref="ParameterCount"/> entries.</param>
    /// <param name="features">R rows of d features, row-major.</param>
    /// <param name="scores">Receives R scores (predictions, or logits for a classifier).</param>
    /// <exception cref="ArgumentException">A length does not fit (parameters, features not whole rows, scores too short).</exception>
    public void Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, Span<double> scores)
    {
        CheckParameters(parameters.Length, ParameterCount);
        var rows = RowsOf(features.Length, Features, scores.Length);
        Guard.Destination(rows, scores.Length, nameof(scores));
        Dense.Scores(features, rows, Features, parameters[..Features], Intercept ? parameters[Features] : 0.0, scores);
    }

    /// <summary>
    /// The regularised empirical risk R(θ) = (1/R) Σ_r ℓ(wᵀx_r + b, y_r) + Ω(w) over a (mini-)batch of R rows, and its
    /// gradient ∇R = (Xᵀg + ∇Ω, Σ g) with g_r = ∂ℓ/∂ŷ_r / R. Allocation-free: the scores live in <paramref name="workspace"/>.
    /// </summary>
    /// <param name="parameters">θ, <see cref="ParameterCount"/> entries, finite.</param>
    /// <param name="features">R ≥ 1 rows of d features, row-major, finite.</param>
    /// <param name="targets">R targets in the loss's domain.</param>
    /// <param name="loss">Any reduced loss of the shape of <see cref="Losses.Loss"/>'s (see <see cref="PointwiseLoss"/>).</param>
    /// <param name="regularizer">Ω; the intercept is penalised only if <see cref="Regularizer.IncludeBias"/>.</param>
    /// <param name="gradient">Receives ∇R; empty to skip; else at least <see cref="ParameterCount"/> entries.</param>
    /// <param name="workspace">Scratch for at least R rows of 1 score.</param>
    /// <returns>R(θ). Finite for finite inputs unless a score overflows.</returns>
    /// <exception cref="ArgumentException">parameters has the wrong length; features is not R whole rows; gradient too short;
    /// workspace too small; no rows; a score is not finite (the feature or parameter at fault is named:
    /// <c>features[3, 2] = NaN is not finite.</c>); a target outside the loss's domain (named by the loss).</exception>
    public double Risk(
        ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<double> targets,
        PointwiseLoss loss, Regularizer regularizer, Span<double> gradient, ModelWorkspace workspace)
        => RiskCore(parameters, features, targets, loss, regularizer, gradient, workspace, lenient: false);

    internal double RiskCore(
        ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<double> targets,
        PointwiseLoss loss, Regularizer regularizer, Span<double> gradient, ModelWorkspace workspace, bool lenient)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(regularizer);
        ArgumentNullException.ThrowIfNull(workspace);
        CheckParameters(parameters.Length, ParameterCount);
        var rows = targets.Length;
        CheckRows(features.Length, Features, rows);
        if (!gradient.IsEmpty)
        {
            Guard.Destination(ParameterCount, gradient.Length, nameof(gradient));
        }

        workspace.Check(rows, 1);
        Guard.NotEmpty(rows, nameof(targets), "a risk needs at least one row");
        var weights = parameters[..Features];
        var scores = workspace.Scores.AsSpan(0, rows);
        Dense.ScoresParallel(features, rows, Features, weights, Intercept ? parameters[Features] : 0.0, scores);
        if (!AllFinite(scores))
        {
            if (lenient)
            {
                return Infinite(gradient.IsEmpty ? gradient : gradient[..ParameterCount]);
            }

            CheckScores(scores, features, Features, parameters);
        }

        var derivatives = gradient.IsEmpty ? Span<double>.Empty : workspace.Derivatives.AsSpan(0, rows);
        var risk = loss(scores, targets, derivatives, Reduction.Mean);
        var penalised = regularizer.IncludeBias ? parameters : weights;
        risk += regularizer.Value(penalised);
        if (!gradient.IsEmpty)
        {
            var g = gradient[..ParameterCount];
            g.Clear();
            var gw = g[..Features];
            // one core: two would each stream the whole matrix for half of the columns (the same bits, twice the traffic)
            Dense.AddScaledRows(gw, derivatives, features, rows, Features);
            var bias = 0.0;
            for (var r = 0; r < rows; r++)
            {
                bias += derivatives[r];
            }

            if (Intercept)
            {
                g[Features] = bias;
            }

            regularizer.AddGradient(penalised, g);
        }

        return risk;
    }

    /// <summary>
    /// <see cref="RiskCore"/> (lenient) of one row, R = ℓ(wᵀx + b, y) + Ω(w), for a loss the core built (<see cref="KernelLoss"/>),
    /// with the gradient handed entry by entry to <paramref name="sink"/>: the same bits in the value and in every gradient
    /// entry, in fewer passes — the score x·w plus b (what <see cref="Dense.Scores"/> computes for a lone row) and ‖w‖² for Ω
    /// in one pass (<see cref="Dense.Dot2"/>, each the bits of <see cref="Dense.Dot"/>), the loss's one-element form, Ω's
    /// value, and the gradient and its finiteness in one pass
    /// (<see cref="Regularizer.RowGradient{TSink}"/>). No argument checks: the caller (the training fold's per-sample step)
    /// checked the shapes once for the whole run.
    /// </summary>
    /// <typeparam name="TSink">What consumes the gradient (the fold's SGD update).</typeparam>
    /// <param name="parameters">θ, <see cref="ParameterCount"/> entries.</param>
    /// <param name="row">One row of <see cref="Features"/> features.</param>
    /// <param name="target">Its target.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="regularizer">Ω.</param>
    /// <param name="sink">Receives the gradient's entries; not called where the score overflows.</param>
    /// <param name="gradientFinite">Whether every gradient entry is finite (false where the score overflowed: RiskCore's
    /// gradient is NaN there).</param>
    /// <param name="sinkFinite">Whether the sink answered 0 for every entry (its results finite); false where it was not called.</param>
    /// <returns>R; +∞ where the score overflows, as RiskCore answers.</returns>
    /// <exception cref="ArgumentException">The target is outside the loss's domain (the loss's own error, as RiskCore raises it).</exception>
    internal double OneRowRisk<TSink>(
        ReadOnlySpan<double> parameters, ReadOnlySpan<double> row, double target, KernelLoss loss, Regularizer regularizer,
        TSink sink, out bool gradientFinite, out bool sinkFinite)
        where TSink : struct, IRowGradientSink
    {
        var weights = parameters[..Features];
        var penalised = regularizer.IncludeBias ? parameters : weights;
        double dot, squaredNorm;
        if (regularizer.IncludeBias)
        {
            (dot, squaredNorm) = (Dense.Dot(row, weights), Dense.Dot(penalised, penalised));
        }
        else
        {
            // x·w and ‖w‖² in one pass over w, each with the bits of its own Dense.Dot
            Dense.Dot2(row, weights, weights, out dot, out squaredNorm);
        }

        var score = dot + (Intercept ? parameters[Features] : 0.0);
        if (!double.IsFinite(score))
        {
            gradientFinite = false;
            sinkFinite = false;
            return double.PositiveInfinity;
        }

        var risk = loss.MeanOfOne(score, target, out var derivative, out var valid);
        if (!valid)
        {
            throw loss.ThrowInvalid(score, target);
        }

        risk += regularizer.Value(penalised, squaredNorm);
        sinkFinite = regularizer.RowGradient(derivative, row, parameters, sink);
        // the sink answers NaN wherever a gradient entry is not finite, so only a NaN answer needs the gradient checked
        gradientFinite = sinkFinite || regularizer.RowGradientFinite(derivative, row, parameters);
        return risk;
    }

    /// <summary>This model's risk over a data set as an objective θ ↦ (R(θ), ∇R(θ)) for a full-batch optimizer.</summary>
    /// <param name="data">The data; its column count must be <see cref="Features"/>.</param>
    /// <param name="loss">The loss (see <see cref="Risk"/>).</param>
    /// <param name="regularizer">Ω.</param>
    /// <returns>An objective owning its own workspace (not thread-safe).</returns>
    /// <exception cref="ArgumentException">The data's columns differ from <see cref="Features"/>.</exception>
    public ModelObjective Objective(Data.Dataset data, PointwiseLoss loss, Regularizer regularizer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(regularizer);
        CheckColumns(data.Columns, Features);
        var workspace = new ModelWorkspace(data.Rows);
        return new ModelObjective(ParameterCount, (w, g) => RiskCore(w, data.Features, data.Targets, loss, regularizer, g, workspace, lenient: true));
    }

    internal static void CheckParameters(int length, int count, string name = "parameters")
    {
        if (length != count)
        {
            throw new ArgumentException($"{name} has {length} entries but the model has {count}.", name);
        }
    }

    internal static void CheckColumns(int columns, int features, string name = "data")
    {
        if (columns != features)
        {
            throw new ArgumentException($"{name} has {columns} columns but the model takes {features} features.", name);
        }
    }

    internal static void CheckRows(int length, int columns, int rows, string name = "features")
    {
        if ((long)rows * columns != length)
        {
            throw new ArgumentException(
                $"{name} has {length} entries but {rows} rows of {columns} columns need {(long)rows * columns}; features and targets must describe the same rows.",
                name);
        }
    }

    internal static int RowsOf(int length, int columns, int fallback, string name = "features")
    {
        if (columns == 0)
        {
            return fallback;
        }

        if (length % columns != 0)
        {
            throw new ArgumentException($"{name} has {length} entries, which is not a whole number of rows of {columns} columns.", name);
        }

        return length / columns;
    }

    internal static bool AllFinite(ReadOnlySpan<double> values)
    {
        // v·0 is 0 for finite v and NaN for ±∞ or NaN, so one NaN test covers the whole span; four independent vector
        // sums, because one scalar chain costs an add latency per element (0.1 µs for 50 weights, on every training step)
        var n = values.Length;
        var i = 0;
        var sum = 0.0;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            ref var p = ref MemoryMarshal.GetReference(values);
            var a0 = Vector256<double>.Zero;
            var a1 = Vector256<double>.Zero;
            var a2 = Vector256<double>.Zero;
            var a3 = Vector256<double>.Zero;
            var zero = Vector256<double>.Zero;
            for (; i <= n - 16; i += 16)
            {
                a0 += Vector256.LoadUnsafe(ref p, (nuint)i) * zero;
                a1 += Vector256.LoadUnsafe(ref p, (nuint)(i + 4)) * zero;
                a2 += Vector256.LoadUnsafe(ref p, (nuint)(i + 8)) * zero;
                a3 += Vector256.LoadUnsafe(ref p, (nuint)(i + 12)) * zero;
            }

            sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        }

        for (; i < n; i++)
        {
            sum += values[i] * 0.0;
        }

        return !double.IsNaN(sum);
    }

    /// <summary>An objective's answer where the risk is undefined or overflows: +∞, with a NaN gradient.</summary>
    internal static double Infinite(Span<double> gradient)
    {
        gradient.Fill(double.NaN);
        return double.PositiveInfinity;
    }

    /// <summary>Scores are finite unless an input is not (named here, so the loss's "predictions[i]" never blames the score) or a dot product overflowed.</summary>
    internal static void CheckScores(ReadOnlySpan<double> scores, ReadOnlySpan<double> features, int columns, ReadOnlySpan<double> parameters)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                ThrowScore(i, scores.Length, scores[i], features, columns, parameters);
            }
        }
    }

    internal static void ThrowScore(int index, int rowsTimesOutputs, double score, ReadOnlySpan<double> features, int columns, ReadOnlySpan<double> parameters)
    {
        for (var j = 0; j < parameters.Length; j++)
        {
            if (!double.IsFinite(parameters[j]))
            {
                throw Guard.InvalidElement(new Operand("parameters"), j, parameters[j], "is not finite");
            }
        }

        var rows = columns == 0 ? rowsTimesOutputs : features.Length / columns;
        var row = index * rows / rowsTimesOutputs;
        for (var j = 0; j < columns; j++)
        {
            var v = features[(row * columns) + j];
            if (!double.IsFinite(v))
            {
                throw Guard.InvalidElement(new Operand("features", row), j, v, "is not finite");
            }
        }

        throw new ArgumentException($"the score of row {row} overflowed to {Format.Number(score)}; scale the features or the parameters.", nameof(features));
    }
}

/// <summary>
/// A model's risk over fixed data as the function θ ↦ (R(θ), ∇R(θ)) an optimizer minimises: a flat parameter vector in,
/// the value returned and the gradient written to a span — the shape of Functional.Optimization's IDifferentiableObjective.
/// Owns a workspace, so it is not safe to call from two threads at once.
/// </summary>
/// <remarks>Unlike the models' Risk methods, which reject such input, an objective answers +∞ (gradient NaN) where a parameter
/// is not finite or a score overflows, so a line search can reject the point and step back.</remarks>
public sealed class ModelObjective
{
    private readonly RiskFunction _risk;

    internal ModelObjective(int dimension, RiskFunction risk)
    {
        Dimension = dimension;
        _risk = risk;
    }

    internal delegate double RiskFunction(ReadOnlySpan<double> parameters, Span<double> gradient);

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>R(θ), with ∇R(θ) written to <paramref name="gradient"/> (empty to skip it).</summary>
    /// <param name="parameters">θ, <see cref="Dimension"/> entries.</param>
    /// <param name="gradient">Receives ∇R(θ); empty, or at least <see cref="Dimension"/> entries.</param>
    /// <returns>R(θ).</returns>
    /// <exception cref="ArgumentException">A length does not fit.</exception>
    public double ValueAndGradient(ReadOnlySpan<double> parameters, Span<double> gradient) => _risk(parameters, gradient);

    /// <summary>R(θ) alone.</summary>
    /// <param name="parameters">θ.</param>
    /// <returns>R(θ).</returns>
    /// <exception cref="ArgumentException">A length does not fit.</exception>
    public double Value(ReadOnlySpan<double> parameters) => _risk(parameters, Span<double>.Empty);
}
