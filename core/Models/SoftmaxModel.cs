using Functional.Losses;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>
/// Multinomial (softmax) regression: logits o_k(x) = W_kᵀx + b_k for k = 0 … C−1 and p(y = k | x) = softmax(o)_k, trained
/// with softmax cross-entropy. Parameters are one flat vector θ = (W_0, …, W_{C−1}, b_0 … b_{C−1}): the C×d weight matrix
/// row-major (class by class, as scikit-learn's <c>coef_</c>), then the C intercepts (absent when <see cref="Intercept"/>
/// is false).
/// </summary>
/// <remarks>
/// The model is over-parametrised: adding one vector to every W_k and one constant to every b_k leaves the probabilities
/// unchanged. An L2 penalty on W fixes W (Σ_k W_k = 0 at the optimum); unpenalised intercepts stay defined only up to a
/// common constant, and <see cref="SoftmaxRegression.FitNewton"/> reports them centred (Σ_k b_k = 0), as scikit-learn's
/// lbfgs does from its zero start.
/// </remarks>
/// <param name="Features">d ≥ 0 input columns.</param>
/// <param name="Classes">C ≥ 2 classes.</param>
/// <param name="Intercept">Whether each class has an intercept (default true).</param>
public sealed record SoftmaxModel(int Features, int Classes, bool Intercept = true)
{
    /// <summary>d ≥ 0.</summary>
    public int Features { get; } = Features >= 0
        ? Features
        : throw new ArgumentOutOfRangeException(nameof(Features), Features, $"Features = {Features}; a model needs at least 0 input columns.");

    /// <summary>C ≥ 2.</summary>
    public int Classes { get; } = Classes >= 2
        ? Classes
        : throw new ArgumentOutOfRangeException(nameof(Classes), Classes, $"Classes = {Classes}; softmax regression needs at least 2 classes.");

    /// <summary>C·d weights, plus C intercepts.</summary>
    public int ParameterCount => (Classes * Features) + (Intercept ? Classes : 0);

    /// <summary>Logits o_{r,k} = W_kᵀx_r + b_k, R rows of C, row-major.</summary>
    /// <param name="parameters">θ, <see cref="ParameterCount"/> entries.</param>
    /// <param name="features">R rows of d features, row-major.</param>
    /// <param name="logits">Receives R × C logits.</param>
    /// <exception cref="ArgumentException">A length does not fit.</exception>
    public void Logits(ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, Span<double> logits)
    {
        LinearModel.CheckParameters(parameters.Length, ParameterCount);
        var rows = LinearModel.RowsOf(features.Length, Features, logits.Length / Classes);
        Guard.Destination(rows * Classes, logits.Length, nameof(logits));
        ComputeLogits(parameters, features, rows, logits);
    }

    /// <summary>Class probabilities softmax(o_r) per row (max-shifted: no overflow).</summary>
    /// <param name="parameters">θ.</param>
    /// <param name="features">R rows of d features.</param>
    /// <param name="probabilities">Receives R × C probabilities, each row summing to 1.</param>
    /// <exception cref="ArgumentException">A length does not fit.</exception>
    public void Probabilities(ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, Span<double> probabilities)
    {
        Logits(parameters, features, probabilities);
        var rows = Features == 0 ? probabilities.Length / Classes : features.Length / Features;
        for (var r = 0; r < rows; r++)
        {
            var row = probabilities.Slice(r * Classes, Classes);
            LogSumExp.Softmax<double>(row, row);
        }
    }

    /// <summary>The decision argmax_k o_k per row (the lowest index on ties).</summary>
    /// <param name="parameters">θ.</param>
    /// <param name="features">R rows of d features.</param>
    /// <param name="labels">Receives R class indices.</param>
    /// <param name="workspace">Scratch for at least R rows of C logits.</param>
    /// <exception cref="ArgumentException">A length does not fit, or the workspace is too small.</exception>
    public void Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, Span<int> labels, ModelWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        LinearModel.CheckParameters(parameters.Length, ParameterCount);
        var rows = LinearModel.RowsOf(features.Length, Features, labels.Length);
        Guard.Destination(rows, labels.Length, nameof(labels));
        workspace.Check(rows, Classes);
        var logits = workspace.Scores.AsSpan(0, rows * Classes);
        ComputeLogits(parameters, features, rows, logits);
        for (var r = 0; r < rows; r++)
        {
            var row = logits.Slice(r * Classes, Classes);
            var best = 0;
            for (var k = 1; k < Classes; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            labels[r] = best;
        }
    }

    /// <summary>
    /// R(θ) = (1/R) Σ_r [log Σ_k e^(o_{r,k}) − o_{r,y_r}] + Ω(W) over a (mini-)batch, with its gradient
    /// ∇_{W_k} = Σ_r g_{r,k} x_r + ∇Ω, ∇_{b_k} = Σ_r g_{r,k}, g_{r,k} = (softmax(o_r)_k − [y_r = k])/R — the loss is
    /// <see cref="Loss.SoftmaxCrossEntropy{T}(ReadOnlySpan{T}, int, ReadOnlySpan{int}, Span{T}, Reduction)"/>.
    /// </summary>
    /// <param name="parameters">θ, finite.</param>
    /// <param name="features">R ≥ 1 rows of d features, finite.</param>
    /// <param name="labels">R class indices in [0, C).</param>
    /// <param name="regularizer">Ω on W (and on b if <see cref="Regularizer.IncludeBias"/>).</param>
    /// <param name="gradient">Receives ∇R; empty to skip; else at least <see cref="ParameterCount"/> entries.</param>
    /// <param name="workspace">Scratch for at least R rows of C scores.</param>
    /// <returns>R(θ).</returns>
    /// <exception cref="ArgumentException">A length does not fit; no rows; a feature or parameter not finite (named); a label
    /// outside [0, C) (<c>labels[4] = 3 is not a class index in [0, 3).</c>).</exception>
    public double Risk(
        ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<int> labels,
        Regularizer regularizer, Span<double> gradient, ModelWorkspace workspace)
        => RiskCore(parameters, features, labels, regularizer, gradient, workspace, lenient: false);

    internal double RiskCore(
        ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<int> labels,
        Regularizer regularizer, Span<double> gradient, ModelWorkspace workspace, bool lenient)
    {
        ArgumentNullException.ThrowIfNull(regularizer);
        ArgumentNullException.ThrowIfNull(workspace);
        LinearModel.CheckParameters(parameters.Length, ParameterCount);
        var rows = labels.Length;
        LinearModel.CheckRows(features.Length, Features, rows);
        if (!gradient.IsEmpty)
        {
            Guard.Destination(ParameterCount, gradient.Length, nameof(gradient));
        }

        workspace.Check(rows, Classes);
        Guard.NotEmpty(rows, nameof(labels), "a risk needs at least one row");
        var logits = workspace.Scores.AsSpan(0, rows * Classes);
        ComputeLogits(parameters, features, rows, logits);
        if (!LinearModel.AllFinite(logits))
        {
            if (lenient)
            {
                return LinearModel.Infinite(gradient.IsEmpty ? gradient : gradient[..ParameterCount]);
            }

            LinearModel.CheckScores(logits, features, Features, parameters);
        }

        var derivatives = gradient.IsEmpty ? Span<double>.Empty : workspace.Derivatives.AsSpan(0, rows * Classes);
        var risk = Loss.SoftmaxCrossEntropy<double>(logits, Classes, labels, derivatives);
        var weightCount = Classes * Features;
        var penalised = regularizer.IncludeBias ? parameters : parameters[..weightCount];
        risk += regularizer.Value(penalised);
        if (!gradient.IsEmpty)
        {
            var g = gradient[..ParameterCount];
            g.Clear();
            var c = Classes;
            Dense.AddScaledClassesParallel(g[..weightCount], derivatives, features, rows, Features, c);
            if (Intercept)
            {
                for (var row = 0; row < rows; row++)
                {
                    for (var k = 0; k < c; k++)
                    {
                        g[weightCount + k] += derivatives[(row * c) + k];
                    }
                }
            }

            regularizer.AddGradient(penalised, g);
        }

        return risk;
    }

    /// <summary>The risk over a labelled data set as an objective θ ↦ (R, ∇R) for a full-batch optimizer.</summary>
    /// <param name="data">Data with d columns and targets that are class indices in [0, C).</param>
    /// <param name="regularizer">Ω.</param>
    /// <returns>An objective owning its workspace and labels (not thread-safe).</returns>
    /// <exception cref="ArgumentException">The columns differ from d, or a target is not a class index.</exception>
    public ModelObjective Objective(Data.Dataset data, Regularizer regularizer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(regularizer);
        LinearModel.CheckColumns(data.Columns, Features);
        var labels = data.Labels(Classes);
        var workspace = new ModelWorkspace(data.Rows, Classes);
        return new ModelObjective(ParameterCount, (w, g) => RiskCore(w, data.Features, labels, regularizer, g, workspace, lenient: true));
    }

    private void ComputeLogits(ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, int rows, Span<double> logits)
        => Dense.LogitsParallel(parameters[..(Classes * Features)], Intercept ? parameters[(Classes * Features)..] : ReadOnlySpan<double>.Empty, features, rows, Features, Classes, logits);

    /// <summary>The logits of rows [0, rows): W x_r + b, four classes per pass over x_r (each logit the bits of its
    /// own <see cref="Dense.Dot"/>).</summary>
    internal static void Logits(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> features, int rows, int d, int classes, Span<double> logits)
    {
        for (var r = 0; r < rows; r++)
        {
            var x = features.Slice(r * d, d);
            var row = logits.Slice(r * classes, classes);
            var k = 0;
            for (; k <= classes - 4; k += 4)
            {
                var w = weights.Slice(k * d, 4 * d);
                Dense.Dot4(w[..d], w.Slice(d, d), w.Slice(2 * d, d), w.Slice(3 * d, d), x, out var o0, out var o1, out var o2, out var o3);
                row[k] = o0;
                row[k + 1] = o1;
                row[k + 2] = o2;
                row[k + 3] = o3;
            }

            for (; k < classes; k++)
            {
                row[k] = Dense.Dot(x, weights.Slice(k * d, d));
            }

            for (k = 0; k < classes; k++)
            {
                row[k] += biases.IsEmpty ? 0.0 : biases[k];
            }
        }
    }
}
