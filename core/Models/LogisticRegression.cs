using Functional.Losses;
using Functional.Models.Data;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>
/// Binary logistic regression: a <see cref="LinearModel"/> whose score z = wᵀx + b is a logit, p(y = 1 | x) = σ(z),
/// trained by default with binary cross-entropy on logits (the Bernoulli negative log-likelihood; targets in {0, 1}).
/// </summary>
public static class LogisticRegression
{
    /// <summary>BCE with logits, <see cref="Loss.BinaryCrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Reduction)"/>: the default loss.</summary>
    // built on the kernel object, so the training fold recognises it (KernelLoss); the same method runs behind it
    public static PointwiseLoss CrossEntropy { get; } = KernelLoss.BinaryCrossEntropyWithLogits.Reduced;

    /// <summary>p(y = 1 | x_r) = σ(wᵀx_r + b) per row, accurate in both tails.</summary>
    /// <param name="model">The linear score.</param>
    /// <param name="parameters">θ.</param>
    /// <param name="features">R rows of d features.</param>
    /// <param name="probabilities">Receives R probabilities.</param>
    /// <exception cref="ArgumentException">A length does not fit.</exception>
    public static void Probabilities(LinearModel model, ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Predict(parameters, features, probabilities);
        var rows = model.Features == 0 ? probabilities.Length : features.Length / model.Features;
        for (var r = 0; r < rows; r++)
        {
            probabilities[r] = Logistic.Sigmoid(probabilities[r]);
        }
    }

    /// <summary>
    /// R(θ) = (1/n) Σ BCE(wᵀx_i + b, y_i) + Ω(w) with its gradient: <see cref="LinearModel.Risk"/> with <see cref="CrossEntropy"/>.
    /// </summary>
    /// <param name="model">The linear score.</param>
    /// <param name="parameters">θ.</param>
    /// <param name="features">R rows of d features.</param>
    /// <param name="targets">R targets in [0, 1].</param>
    /// <param name="regularizer">Ω.</param>
    /// <param name="gradient">Receives ∇R; empty to skip.</param>
    /// <param name="workspace">Scratch for R rows.</param>
    /// <returns>R(θ).</returns>
    /// <exception cref="ArgumentException">As <see cref="LinearModel.Risk"/>; a target outside [0, 1] is named.</exception>
    public static double Risk(
        LinearModel model, ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<double> targets,
        Regularizer regularizer, Span<double> gradient, ModelWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Risk(parameters, features, targets, CrossEntropy, regularizer, gradient, workspace);
    }

    /// <summary>
    /// The Hessian of the BCE risk: ∇²R = (1/n) Σ_i σ(z_i)σ(−z_i) x̃_i x̃_iᵀ + λ₂ D, x̃ = (x, 1), D the diagonal of the
    /// penalised parameters — the weighted least-squares matrix of IRLS.
    /// </summary>
    /// <param name="model">The linear score.</param>
    /// <param name="parameters">θ.</param>
    /// <param name="features">n rows of d features.</param>
    /// <param name="regularizer">Ω (its L1 part, not differentiable, is ignored).</param>
    /// <param name="hessian">Receives the p × p matrix, row-major (p = model.ParameterCount).</param>
    /// <exception cref="ArgumentException">A length does not fit.</exception>
    public static void Hessian(LinearModel model, ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, Regularizer regularizer, Span<double> hessian)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(regularizer);
        LinearModel.CheckParameters(parameters.Length, model.ParameterCount);
        var d = model.Features;
        var p = model.ParameterCount;
        Guard.Destination(p * p, hessian.Length, nameof(hessian));
        var rows = LinearModel.RowsOf(features.Length, d, 0);
        Guard.NotEmpty(rows, nameof(features), "a Hessian needs at least one row");
        hessian[..(p * p)].Clear();
        var bias = model.Intercept ? parameters[d] : 0.0;
        for (var r = 0; r < rows; r++)
        {
            var x = features.Slice(r * d, d);
            var z = Dense.Dot(x, parameters[..d]) + bias;
            var s = Logistic.Sigmoid(z) * Logistic.Sigmoid(-z) / rows;
            for (var a = 0; a < p; a++)
            {
                var xa = a < d ? x[a] : 1.0;
                if (xa == 0.0)
                {
                    continue;
                }

                var row = hessian.Slice(a * p, p);
                Dense.AddScaled(row[..d], s * xa, x);
                if (model.Intercept)
                {
                    row[d] += s * xa;
                }
            }
        }

        var penalised = regularizer.IncludeBias ? p : d;
        for (var j = 0; j < penalised; j++)
        {
            hessian[(j * p) + j] += regularizer.L2;
        }
    }

    /// <summary>
    /// Fits L2-regularised logistic regression by Newton's method (IRLS) with a backtracking line search, from θ = 0, to
    /// max_j |∂R/∂θ_j| ≤ <paramref name="tolerance"/> — quadratic convergence, so the optimum is reached to the last digits.
    /// Full batch; p × p Hessian (p = d + 1), so meant for up to a few hundred features.
    /// </summary>
    /// <param name="data">Features and targets in {0, 1} (or [0, 1]).</param>
    /// <param name="regularizer">Ω with L1 = 0 (scikit-learn's C corresponds to λ₂ = 1/(C·n)).</param>
    /// <param name="intercept">Whether to fit an intercept (unpenalised unless the regulariser says otherwise).</param>
    /// <param name="tolerance">The gradient tolerance, &gt; 0 (default 1e-12).</param>
    /// <param name="maxIterations">At most this many Newton steps, ≥ 1 (default 100).</param>
    /// <returns>The fit. On separable data without a penalty there is no optimum (R → 0 only as ‖w‖ → ∞): the iteration stops
    /// when the gradient falls below the tolerance, with large weights — add an L2 penalty.</returns>
    /// <exception cref="ArgumentException">The regulariser has an L1 part; a target outside [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException">tolerance not finite and positive, or maxIterations &lt; 1.</exception>
    public static NewtonResult FitNewton(Dataset data, Regularizer regularizer, bool intercept = true, double tolerance = 1e-12, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(regularizer);
        Newton.CheckSmooth(regularizer);
        Newton.CheckSettings(tolerance, maxIterations);
        var model = new LinearModel(data.Columns, intercept);
        var workspace = new ModelWorkspace(data.Rows);
        return Newton.Minimize(
            model.ParameterCount,
            (w, g) => model.RiskCore(w, data.Features, data.Targets, CrossEntropy, regularizer, g, workspace, lenient: true),
            (w, h) => Hessian(model, w, data.Features, regularizer, h),
            tolerance,
            maxIterations);
    }
}
