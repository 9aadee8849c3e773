using Functional.Losses;
using Functional.Models.Data;

namespace Functional.Models;

/// <summary>
/// Linear regression: a <see cref="LinearModel"/> with a regression loss (half squared error by default), and the closed
/// forms of least squares and ridge solved by Householder QR (never the normal equations, so κ(X) and not κ(X)² governs
/// the error).
/// </summary>
/// <remarks>
/// <para>The MAP reading: with y = wᵀx + b + ε, ε ~ N(0, σ²) and the prior w ~ N(0, σ_w² I) (b flat), the negative log
/// posterior times σ²/n is (1/2n) Σ (y_i − wᵀx_i − b)² + (λ/2)‖w‖² + const with λ = σ²/(n σ_w²) — the risk
/// <see cref="Ridge"/> minimises. In the summed form ½Σr² + (λ'/2)‖w‖² (scikit-learn's Ridge alpha = λ' = nλ),
/// λ' = σ²/σ_w²; with unit noise variance the weight-decay coefficient is τ = 1/σ_w².
/// <see cref="Regularizer.GaussianPrior"/> makes the regulariser from (σ², σ_w², n).</para>
/// </remarks>
public static class LinearRegression
{
    /// <summary>½(ŷ − y)², <see cref="Loss.HalfSquaredError{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Numerics.Reduction)"/>: the default loss (the Gaussian NLL with unit variance up to a constant).</summary>
    // built on the kernel object, so the training fold recognises it (KernelLoss); the same method runs behind it
    public static PointwiseLoss SquaredError { get; } = KernelLoss.HalfSquaredError.Reduced;

    /// <summary>R(θ) = (1/2n) Σ (wᵀx_i + b − y_i)² + Ω(w) and its gradient: <see cref="LinearModel.Risk"/> with <see cref="SquaredError"/>.</summary>
    /// <param name="model">The linear model.</param>
    /// <param name="parameters">θ.</param>
    /// <param name="features">R rows of d features.</param>
    /// <param name="targets">R finite targets.</param>
    /// <param name="regularizer">Ω.</param>
    /// <param name="gradient">Receives ∇R; empty to skip.</param>
    /// <param name="workspace">Scratch for R rows.</param>
    /// <returns>R(θ).</returns>
    /// <exception cref="ArgumentException">As <see cref="LinearModel.Risk"/>.</exception>
    public static double Risk(
        LinearModel model, ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<double> targets,
        Regularizer regularizer, Span<double> gradient, ModelWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Risk(parameters, features, targets, SquaredError, regularizer, gradient, workspace);
    }

    /// <summary>Ordinary least squares: argmin (1/2n) Σ (wᵀx_i + b − y_i)². Same as <see cref="Ridge"/> with λ = 0.</summary>
    /// <param name="data">The training data.</param>
    /// <param name="intercept">Whether to fit b (default true).</param>
    /// <returns>θ = (w, b) in the <see cref="LinearModel"/> layout.</returns>
    /// <exception cref="ArgumentException">The (centred) design matrix is rank deficient: no unique solution — use λ &gt; 0.</exception>
    public static double[] LeastSquares(Dataset data, bool intercept = true) => Ridge(data, 0.0, intercept);

    /// <summary>
    /// Ridge regression in closed form: argmin (1/2n) Σ (wᵀx_i + b − y_i)² + (λ/2)‖w‖², the intercept unpenalised.
    /// With an intercept the features and targets are centred (b = ȳ − x̄ᵀw); then w solves the least-squares problem
    /// ‖[X_c; √(nλ) I] w − [y_c; 0]‖ → min by Householder QR. Equals scikit-learn's Ridge(alpha = nλ).
    /// </summary>
    /// <param name="data">The training data.</param>
    /// <param name="lambda">λ ≥ 0, finite: the weight of (1/2)‖w‖² against the mean loss.</param>
    /// <param name="intercept">Whether to fit b (default true).</param>
    /// <returns>θ = (w, b) in the <see cref="LinearModel"/> layout.</returns>
    /// <exception cref="ArgumentOutOfRangeException">lambda is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">λ = 0 and the (centred) design matrix is rank deficient.</exception>
    public static double[] Ridge(Dataset data, double lambda, bool intercept = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        _ = Regularizer.Ridge(lambda);
        var n = data.Rows;
        var d = data.Columns;
        var theta = new double[d + (intercept ? 1 : 0)];
        var means = new double[d];
        var yMean = 0.0;
        if (intercept)
        {
            for (var r = 0; r < n; r++)
            {
                Dense.AddScaled(means, 1.0 / n, data.Row(r));
                yMean += data.Targets[r] / n;
            }
        }

        var rows = n + (lambda > 0.0 ? d : 0);
        if (rows < d)
        {
            throw new ArgumentException($"data has {n} rows for {d} features; least squares needs at least as many rows as features (or λ > 0).", nameof(data));
        }

        var a = new double[rows * d];
        var b = new double[rows];
        for (var r = 0; r < n; r++)
        {
            var x = data.Row(r);
            for (var j = 0; j < d; j++)
            {
                a[(r * d) + j] = x[j] - means[j];
            }

            b[r] = data.Targets[r] - yMean;
        }

        if (lambda > 0.0)
        {
            var root = Math.Sqrt(n * lambda);
            for (var j = 0; j < d; j++)
            {
                a[((n + j) * d) + j] = root;
            }
        }

        if (d > 0 && !LinearAlgebra.SolveLeastSquares(a, rows, d, b, theta.AsSpan(0, d)))
        {
            throw new ArgumentException(
                $"the {(intercept ? "centred " : string.Empty)}design matrix of data ({n} × {d}) is rank deficient; least squares has no unique solution — use λ > 0.",
                nameof(data));
        }

        if (intercept)
        {
            theta[d] = yMean - Dense.Dot(means, theta.AsSpan(0, d));
        }

        return theta;
    }

    /// <summary>λ of the mean risk from the MAP reading: σ²/(n σ_w²) (see the remarks of <see cref="LinearRegression"/>).</summary>
    /// <param name="noiseVariance">σ² &gt; 0, the variance of the target noise.</param>
    /// <param name="priorVariance">σ_w² &gt; 0, the variance of the Gaussian prior on each weight.</param>
    /// <param name="samples">n ≥ 1.</param>
    /// <returns>λ = σ²/(n σ_w²).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A variance is not finite and positive, or samples &lt; 1.</exception>
    public static double RidgePenaltyFromPrior(double noiseVariance, double priorVariance, int samples)
        => Regularizer.GaussianPrior(noiseVariance, priorVariance, samples).L2;
}
