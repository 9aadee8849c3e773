namespace Functional.Estimation;

/// <summary>How an iterative (Newton) maximum-likelihood fit ended.</summary>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="Gradient">max_j |∂ℓ/∂θ_j| / n, the per-observation score at the returned estimate (0 at the exact maximiser; what is left is rounding and the last step).</param>
/// <param name="Step">max_j |Δθ_j| / θ_j of the last Newton step.</param>
/// <param name="Tolerance">The stopping rule: the fit stops once a step has Step ≤ Tolerance (Newton converges quadratically, so the step after is ~Tolerance² — the estimate is then exact to rounding).</param>
/// <param name="Converged">Whether the rule was met within the step budget.</param>
public sealed record NewtonSummary(int Iterations, double Gradient, double Step, double Tolerance, bool Converged);

/// <summary>A fitted distribution: the maximiser of the log-likelihood (or of the log-posterior, for MAP), with what was maximised.</summary>
/// <typeparam name="TDistribution">The family's record type.</typeparam>
/// <param name="Distribution">The fitted distribution.</param>
/// <param name="LogLikelihood">ℓ(θ̂) = Σ ln p(x_i; θ̂) in nats, at the fitted parameters (for MAP fits, still the likelihood of the data, not the posterior).</param>
/// <param name="Count">n, the number of observations.</param>
/// <param name="Parameters">k, the number of free parameters of the family (for AIC/BIC).</param>
/// <param name="Newton">For iterative fits, the iterations and final score; null for closed forms.</param>
public sealed record Fit<TDistribution>(TDistribution Distribution, double LogLikelihood, long Count, int Parameters, NewtonSummary? Newton = null)
{
    /// <summary>Akaike's information criterion AIC = 2k − 2ℓ(θ̂) (lower is better).</summary>
    public double Aic => (2.0 * Parameters) - (2.0 * LogLikelihood);

    /// <summary>Schwarz's Bayesian information criterion BIC = k ln n − 2ℓ(θ̂) (lower is better).</summary>
    public double Bic => (Parameters * Math.Log(Count)) - (2.0 * LogLikelihood);

    /// <summary>The mean negative log-likelihood −ℓ(θ̂)/n in nats per observation.</summary>
    public double MeanNegativeLogLikelihood => -LogLikelihood / Count;
}
