using Functional.Models.Data;
using Functional.Numerics;

namespace Functional.Models;

/// <summary>Second-order fitting of <see cref="SoftmaxModel"/>: its Hessian and a Newton solve.</summary>
public static class SoftmaxRegression
{
    /// <summary>
    /// The Hessian of the softmax cross-entropy risk: block (k, l) = (1/n) Σ_i (p_ik[k = l] − p_ik p_il) x̃_i x̃_iᵀ + λ₂ on the
    /// penalised diagonal, x̃ = (x, 1), in the parameter layout of <see cref="SoftmaxModel"/>. Positive semi-definite; singular
    /// along the common shift of the unpenalised intercepts.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="parameters">θ.</param>
    /// <param name="features">n ≥ 1 rows of d features.</param>
    /// <param name="regularizer">Ω (its L1 part is ignored).</param>
    /// <param name="hessian">Receives the p × p matrix, row-major.</param>
    /// <exception cref="ArgumentException">A length does not fit, or there are no rows.</exception>
    public static void Hessian(SoftmaxModel model, ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, Regularizer regularizer, Span<double> hessian)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(regularizer);
        var p = model.ParameterCount;
        var d = model.Features;
        var c = model.Classes;
        LinearModel.CheckParameters(parameters.Length, p);
        Guard.Destination(p * p, hessian.Length, nameof(hessian));
        var rows = LinearModel.RowsOf(features.Length, d, 0);
        Guard.NotEmpty(rows, nameof(features), "a Hessian needs at least one row");
        hessian[..(p * p)].Clear();
        var probabilities = new double[rows * c];
        model.Probabilities(parameters, features, probabilities);
        var width = d + (model.Intercept ? 1 : 0);
        var xt = new double[width];
        for (var r = 0; r < rows; r++)
        {
            features.Slice(r * d, d).CopyTo(xt);
            if (model.Intercept)
            {
                xt[d] = 1.0;
            }

            var pr = probabilities.AsSpan(r * c, c);
            for (var k = 0; k < c; k++)
            {
                for (var l = 0; l < c; l++)
                {
                    var weight = ((k == l ? pr[k] : 0.0) - (pr[k] * pr[l])) / rows;
                    if (weight == 0.0)
                    {
                        continue;
                    }

                    for (var a = 0; a < width; a++)
                    {
                        var ia = Index(k, a, d, c);
                        var wa = weight * xt[a];
                        for (var b = 0; b < width; b++)
                        {
                            hessian[(ia * p) + Index(l, b, d, c)] += wa * xt[b];
                        }
                    }
                }
            }
        }

        var penalised = regularizer.IncludeBias ? p : c * d;
        for (var j = 0; j < penalised; j++)
        {
            hessian[(j * p) + j] += regularizer.L2;
        }
    }

    /// <summary>
    /// Fits L2-regularised softmax regression by Newton's method with a backtracking line search, from θ = 0, to
    /// max_j |∂R/∂θ_j| ≤ <paramref name="tolerance"/>. Unpenalised intercepts are reported centred (Σ_k b_k = 0).
    /// The Hessian has p = C(d + 1) rows, so this is for small models (iris, wine), not for images.
    /// </summary>
    /// <param name="data">Features and class-index targets in [0, classes).</param>
    /// <param name="classes">C ≥ 2.</param>
    /// <param name="regularizer">Ω with L1 = 0 (scikit-learn's C corresponds to λ₂ = 1/(C·n)).</param>
    /// <param name="intercept">Whether to fit intercepts.</param>
    /// <param name="tolerance">The gradient tolerance, &gt; 0.</param>
    /// <param name="maxIterations">At most this many Newton steps, ≥ 1.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">The regulariser has an L1 part; a target is not a class index.</exception>
    /// <exception cref="ArgumentOutOfRangeException">classes &lt; 2; tolerance not finite and positive; maxIterations &lt; 1.</exception>
    public static NewtonResult FitNewton(Dataset data, int classes, Regularizer regularizer, bool intercept = true, double tolerance = 1e-12, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(regularizer);
        Newton.CheckSmooth(regularizer);
        Newton.CheckSettings(tolerance, maxIterations);
        var model = new SoftmaxModel(data.Columns, classes, intercept);
        var labels = data.Labels(classes);
        var workspace = new ModelWorkspace(data.Rows, classes);
        var fit = Newton.Minimize(
            model.ParameterCount,
            (w, g) => model.RiskCore(w, data.Features, labels, regularizer, g, workspace, lenient: true),
            (w, h) => Hessian(model, w, data.Features, regularizer, h),
            tolerance,
            maxIterations);
        if (!intercept || regularizer.IncludeBias)
        {
            return fit;
        }

        var theta = fit.Parameters.ToArray();
        var biases = theta.AsSpan(classes * data.Columns, classes);
        var mean = 0.0;
        foreach (var b in biases)
        {
            mean += b;
        }

        mean /= classes;
        for (var k = 0; k < classes; k++)
        {
            biases[k] -= mean;
        }

        var gradient = new double[theta.Length];
        var risk = model.Risk(theta, data.Features, labels, regularizer, gradient, workspace);
        var norm = gradient.Max(Math.Abs);
        return fit with { Parameters = theta, Risk = risk, GradientNorm = norm };
    }

    private static int Index(int k, int a, int d, int c) => a < d ? (k * d) + a : (c * d) + k;
}
