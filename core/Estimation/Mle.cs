using Functional.Distributions;
using Functional.Numerics;

namespace Functional.Estimation;

/// <summary>
/// Maximum-likelihood estimators θ̂ = argmax_θ Σ ln p(x_i; θ) for every family of <see cref="Functional.Distributions"/>:
/// closed forms where the score equations solve in closed form, Newton's method (with a stated stopping rule) for
/// Gamma, Beta and Dirichlet.
/// </summary>
/// <remarks>
/// Each returns a <see cref="Fit{TDistribution}"/>: the fitted distribution, the maximised log-likelihood in nats, n, the
/// number of free parameters, and for Newton fits the iterations and final score. NOTES.md ("Estimators: MLE, MAP, Bayes")
/// derives each score equation and says which estimators are biased (the Gaussian variance, the Laplace scale, the
/// Uniform range, the Exponential rate, the Gamma and Beta shapes). Samples are validated first: empty → ArgumentException,
/// NaN/∞ or a value outside the support → ArgumentException naming the index and value; a degenerate sample whose
/// likelihood is unbounded (all values equal for a family with a scale) → ArgumentException saying so.
/// </remarks>
public static class Mle
{
    /// <summary>Default stopping tolerance of the Newton fits: stop once a step changes no parameter by more than this fraction.</summary>
    public const double DefaultTolerance = 1e-12;

    /// <summary>Default cap on Newton steps.</summary>
    public const int DefaultMaxIterations = 100;

    /// <summary>The coin: κ̂ = H / (H + T), the root of the score H/κ − T/(1 − κ) = 0.</summary>
    /// <param name="heads">H ≥ 0.</param>
    /// <param name="tails">T ≥ 0, with H + T ≥ 1.</param>
    /// <returns>Bernoulli(κ̂) with ℓ = H ln κ̂ + T ln(1 − κ̂) (0 · ln 0 = 0, so 0 heads give κ̂ = 0 and ℓ = 0); k = 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">heads or tails is negative.</exception>
    /// <exception cref="ArgumentException">heads + tails = 0.</exception>
    public static Fit<Bernoulli> Bernoulli(long heads, long tails)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(heads);
        ArgumentOutOfRangeException.ThrowIfNegative(tails);
        var n = checked(heads + tails);
        if (n == 0)
        {
            throw new ArgumentException("heads + tails = 0; a Bernoulli fit needs at least one trial.", nameof(tails));
        }

        var kappa = (double)heads / n;
        var complement = (double)tails / n;
        var logLikelihood = StableMath.XLogY(heads, kappa) + StableMath.XLogY(tails, complement);
        return new Fit<Bernoulli>(new Distributions.Bernoulli(kappa), logLikelihood, n, 1);
    }

    /// <summary>The coin from outcomes: κ̂ = (number of ones) / n.</summary>
    /// <param name="sample">Outcomes, each 0 or 1; at least one.</param>
    /// <returns>As <see cref="Bernoulli(long, long)"/>.</returns>
    /// <exception cref="ArgumentException">sample is empty, or sample[i] is not 0 or 1 (named with index and value).</exception>
    public static Fit<Bernoulli> Bernoulli(ReadOnlySpan<double> sample)
    {
        var ones = Samples.Binary(sample, nameof(sample));
        return Bernoulli(ones, sample.Length - ones);
    }

    /// <summary>Categorical frequencies p̂_j = c_j / n, the maximiser of Σ c_j ln p_j on the simplex (Lagrange: c_j/p_j = λ = n).</summary>
    /// <param name="counts">c_j ≥ 0 for each class, with Σ c_j ≥ 1.</param>
    /// <returns>Categorical(c/n) with ℓ = Σ c_j ln(c_j/n) (classes never seen get p̂_j = 0 and contribute 0); k = classes − 1.</returns>
    /// <exception cref="ArgumentException">counts is empty, a count is negative, or all are 0.</exception>
    public static Fit<Categorical> Categorical(ReadOnlySpan<long> counts)
    {
        var n = Samples.Counts(counts, nameof(counts));
        var p = new double[counts.Length];
        var logLikelihood = new ScalarNeumaier();
        for (var j = 0; j < p.Length; j++)
        {
            p[j] = (double)counts[j] / n;
            logLikelihood.Add(StableMath.XLogY(counts[j], p[j]));
        }

        return new Fit<Categorical>(Distributions.Categorical.FromProbabilities(p), logLikelihood.Result, n, counts.Length - 1);
    }

    /// <summary>Categorical frequencies from labels.</summary>
    /// <param name="labels">Class labels, each in 0..classes − 1; at least one.</param>
    /// <param name="classes">k ≥ 1, the number of classes (classes never seen get probability 0).</param>
    /// <returns>As <see cref="Categorical(ReadOnlySpan{long})"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">classes &lt; 1.</exception>
    /// <exception cref="ArgumentException">labels is empty, or labels[i] is not in 0..k − 1 (named with index and value).</exception>
    public static Fit<Categorical> Categorical(ReadOnlySpan<int> labels, int classes)
        => Categorical(Samples.Labels(labels, classes, nameof(labels)));

    /// <summary>Categorical frequencies from labels held as whole doubles (a column of a data file).</summary>
    /// <param name="labels">Each a whole number in 0..classes − 1; at least one.</param>
    /// <param name="classes">k ≥ 1.</param>
    /// <returns>As <see cref="Categorical(ReadOnlySpan{long})"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">classes &lt; 1.</exception>
    /// <exception cref="ArgumentException">labels is empty, or labels[i] is NaN, not whole, or not in 0..k − 1.</exception>
    public static Fit<Categorical> Categorical(ReadOnlySpan<double> labels, int classes)
        => Categorical(Samples.Labels(labels, classes, nameof(labels)));

    /// <summary>
    /// The Gaussian: μ̂ = x̄ and the biased σ̂² = (1/n) Σ (x_i − x̄)², the roots of ∂ℓ/∂μ = Σ(x_i − μ)/σ² = 0 and
    /// ∂ℓ/∂σ² = −n/(2σ²) + Σ(x_i − μ)²/(2σ⁴) = 0. E[σ̂²] = (n − 1)/n · σ²: biased low; <see cref="SampleMoments.UnbiasedVariance"/> is the unbiased one.
    /// </summary>
    /// <param name="sample">At least two distinct finite values.</param>
    /// <returns>Gaussian(x̄, σ̂²) with ℓ = −(n/2)(ln(2πσ̂²) + 1); k = 2. Computed by <see cref="Moments.Of{T}(ReadOnlySpan{T})"/> (two compensated SIMD passes).</returns>
    /// <exception cref="ArgumentException">
    /// sample is empty, or sample[i] is NaN/∞; or every value is equal (one value included): then σ̂² = 0, the likelihood
    /// grows without bound as σ → 0 and no Gaussian attains it. <see cref="Moments.Of{T}(ReadOnlySpan{T})"/> still returns
    /// the mean and the variance 0 for such a sample.
    /// </exception>
    public static Fit<Gaussian> Gaussian(ReadOnlySpan<double> sample)
    {
        Samples.NotEmpty(sample.Length, nameof(sample), "Gaussian");
        var moments = Moments.Of(sample, nameof(sample));
        if (!(moments.Variance > 0.0))
        {
            throw Samples.Degenerate(nameof(sample), "Gaussian", sample[0], "the maximum-likelihood variance is 0 and the likelihood grows without bound as σ → 0");
        }

        var n = (double)sample.Length;
        var logLikelihood = -0.5 * n * (Math.Log(2.0 * Math.PI * moments.Variance) + 1.0);
        return new Fit<Gaussian>(Distributions.Gaussian.FromVariance(moments.Mean, moments.Variance), logLikelihood, sample.Length, 2);
    }

    /// <summary>
    /// The Laplace: μ̂ = the median (the score Σ sign(x_i − μ)/b = 0) and b̂ = (1/n) Σ |x_i − μ̂| (from ∂ℓ/∂b = −n/b + Σ|x_i − μ|/b² = 0).
    /// </summary>
    /// <param name="sample">At least two distinct finite values.</param>
    /// <returns>Laplace(μ̂, b̂) with ℓ = −n(ln(2b̂) + 1); k = 2. For even n the median is the midpoint of the middle pair (every μ between them is a maximiser).</returns>
    /// <exception cref="ArgumentException">sample is empty; sample[i] is NaN/∞; every value is equal (b̂ = 0).</exception>
    public static Fit<Laplace> Laplace(ReadOnlySpan<double> sample)
    {
        Samples.Finite(sample, nameof(sample), "Laplace");
        var sorted = sample.ToArray();
        Array.Sort(sorted);
        var location = Location.Median(sorted);
        var deviation = new ScalarNeumaier();
        foreach (var x in sorted)
        {
            deviation.Add(Math.Abs(x - location));
        }

        var scale = deviation.Result / sorted.Length;
        if (!(scale > 0.0))
        {
            throw Samples.Degenerate(nameof(sample), "Laplace", sample[0], "the maximum-likelihood scale is 0 and the likelihood grows without bound as b → 0");
        }

        var logLikelihood = -sorted.Length * (Math.Log(2.0 * scale) + 1.0);
        return new Fit<Laplace>(new Distributions.Laplace(location, scale), logLikelihood, sorted.Length, 2);
    }

    /// <summary>The Exponential: λ̂ = 1/x̄, the root of n/λ − Σ x_i = 0. Biased: E[λ̂] = n/(n − 1) · λ.</summary>
    /// <param name="sample">Finite values ≥ 0, not all 0.</param>
    /// <returns>Exponential(λ̂) with ℓ = n(ln λ̂ − 1); k = 1.</returns>
    /// <exception cref="ArgumentException">sample is empty; sample[i] is NaN/∞ or negative; every value is 0 (λ̂ = ∞).</exception>
    public static Fit<Exponential> Exponential(ReadOnlySpan<double> sample)
    {
        Samples.NonNegative(sample, nameof(sample), "Exponential", whole: false);
        var mean = Location.Mean(sample);
        if (!(mean > 0.0))
        {
            throw Samples.Degenerate(nameof(sample), "Exponential", 0.0, "the maximum-likelihood rate 1/x̄ is infinite");
        }

        var rate = 1.0 / mean;
        if (!double.IsFinite(rate))
        {
            throw new ArgumentException($"sample: the mean {Format.Number(mean)} is so small that the rate 1/x̄ overflows.", nameof(sample));
        }

        var logLikelihood = sample.Length * (Math.Log(rate) - 1.0);
        return new Fit<Exponential>(new Distributions.Exponential(rate), logLikelihood, sample.Length, 1);
    }

    /// <summary>The Poisson: λ̂ = x̄, the root of Σ x_i/λ − n = 0 (unbiased). An all-zero sample gives λ̂ = 0, a valid Poisson.</summary>
    /// <param name="sample">Counts: whole numbers ≥ 0.</param>
    /// <returns>Poisson(λ̂) with ℓ = Σ x_i ln λ̂ − nλ̂ − Σ ln x_i!; k = 1.</returns>
    /// <exception cref="ArgumentException">sample is empty; sample[i] is NaN/∞, negative or not a whole number.</exception>
    public static Fit<Poisson> Poisson(ReadOnlySpan<double> sample)
    {
        Samples.NonNegative(sample, nameof(sample), "Poisson", whole: true);
        var fitted = new Distributions.Poisson(Location.Mean(sample));
        return new Fit<Poisson>(fitted, fitted.LogLikelihood(sample), sample.Length, 1);
    }

    /// <summary>
    /// The Uniform: [min x, max x]. The likelihood (b − a)^−n on a ≤ min, b ≥ max is largest for the tightest interval (no
    /// score equation: the maximum sits on the constraint). Biased: the range is always too narrow.
    /// </summary>
    /// <param name="sample">At least two distinct finite values.</param>
    /// <returns>Uniform(min, max) with ℓ = −n ln(max − min); k = 2.</returns>
    /// <exception cref="ArgumentException">sample is empty; sample[i] is NaN/∞; every value is equal (zero width).</exception>
    public static Fit<Uniform> Uniform(ReadOnlySpan<double> sample)
    {
        Samples.Finite(sample, nameof(sample), "Uniform");
        var lower = sample[0];
        var upper = sample[0];
        foreach (var x in sample)
        {
            lower = Math.Min(lower, x);
            upper = Math.Max(upper, x);
        }

        if (!(upper > lower))
        {
            throw Samples.Degenerate(nameof(sample), "Uniform", lower, "the interval [min, max] has width 0 and the likelihood (b − a)^−n is unbounded");
        }

        var fitted = new Distributions.Uniform(lower, upper);
        return new Fit<Uniform>(fitted, -sample.Length * Math.Log(upper - lower), sample.Length, 2);
    }

    /// <summary>
    /// The Gamma (shape α, rate β) by Newton's method on the profile score. With β̂ = α/x̄ (the root of ∂ℓ/∂β = nα/β − Σx = 0)
    /// the α-score per observation is f(α) = ln α − ψ(α) − s, s = ln x̄ − mean ln x ≥ 0; Newton α ← α − f/f′,
    /// f′ = 1/α − ψ′(α), from Minka's start α₀ = (3 − s + √((s − 3)² + 24s)) / (12s).
    /// </summary>
    /// <param name="sample">At least two distinct finite values &gt; 0.</param>
    /// <param name="tolerance">Stop once a step changes α by at most tolerance·α; in (0, 1e-3].</param>
    /// <param name="maxIterations">At most this many Newton steps (≥ 1).</param>
    /// <returns>Gamma(α̂, β̂) with ℓ = n(α̂ ln β̂ − ln Γ(α̂) + (α̂ − 1)·mean ln x − α̂); k = 2; <see cref="Fit{TDistribution}.Newton"/> set.</returns>
    /// <exception cref="ArgumentException">sample is empty; sample[i] is NaN/∞, negative or 0; every value is equal (s = 0, α̂ = ∞).</exception>
    /// <exception cref="ArgumentOutOfRangeException">tolerance or maxIterations is out of range.</exception>
    /// <remarks>
    /// s is computed as mean(r_i − ln(1 + r_i)), r_i = x_i/x̄ − 1, whose terms are each ≥ 0 (by series for small r), so a
    /// sample with little spread keeps its digits where ln x̄ − mean ln x would cancel. f is convex and decreasing, so Newton
    /// converges monotonically from the left; a step that would leave α ≤ 0 is replaced by halving α.
    /// </remarks>
    public static Fit<Gamma> Gamma(ReadOnlySpan<double> sample, double tolerance = DefaultTolerance, int maxIterations = DefaultMaxIterations)
    {
        CheckNewton(tolerance, maxIterations);
        Samples.Positive(sample, nameof(sample), "Gamma");
        var mean = Location.Mean(sample);
        var n = sample.Length;
        var s = new ScalarNeumaier();
        var meanLog = new ScalarNeumaier();
        foreach (var x in sample)
        {
            s.Add(LogRemainder((x / mean) - 1.0));
            meanLog.Add(Math.Log(x));
        }

        var spread = s.Result / n;
        if (!(spread > 0.0))
        {
            throw Samples.Degenerate(nameof(sample), "Gamma", sample[0], "ln x̄ − mean ln x = 0 and the likelihood grows without bound as the shape α → ∞");
        }

        var alpha = (3.0 - spread + Math.Sqrt(((spread - 3.0) * (spread - 3.0)) + (24.0 * spread))) / (12.0 * spread);
        var iterations = 0;
        var step = double.PositiveInfinity;
        while (iterations < maxIterations && step > tolerance)
        {
            var f = LogMinusDigamma(alpha) - spread;
            var slope = -TrigammaMinusReciprocal(alpha);
            var next = alpha - (f / slope);
            if (!(next > 0.0) || !double.IsFinite(next))
            {
                next = alpha / 2.0;
            }

            step = Math.Abs(next - alpha) / alpha;
            alpha = next;
            iterations++;
        }

        var gradient = Math.Abs(LogMinusDigamma(alpha) - spread);
        var rate = alpha / mean;
        var logLikelihood = n * ((alpha * Math.Log(rate)) - SpecialFunctions.LogGamma(alpha) + ((alpha - 1.0) * (meanLog.Result / n)) - alpha);
        return new Fit<Gamma>(
            Distributions.Gamma.FromShapeRate(alpha, rate),
            logLikelihood,
            n,
            2,
            new NewtonSummary(iterations, gradient, step, tolerance, step <= tolerance));
    }

    /// <summary>
    /// The Beta(α, β) by Newton's method on the score per observation ψ(α + β) − ψ(α) + mean ln x = 0,
    /// ψ(α + β) − ψ(β) + mean ln(1 − x) = 0 — the two-class case of <see cref="Dirichlet(ReadOnlySpan{double}, int, double, int)"/>,
    /// run by the same code, from the method-of-moments start.
    /// </summary>
    /// <param name="sample">At least two distinct values strictly inside (0, 1).</param>
    /// <param name="tolerance">Stop once a step changes no parameter by more than tolerance times its value; in (0, 1e-3].</param>
    /// <param name="maxIterations">At most this many Newton steps (≥ 1).</param>
    /// <returns>Beta(α̂, β̂) with ℓ = Σ[(α̂ − 1) ln x + (β̂ − 1) ln(1 − x)] − n ln B(α̂, β̂); k = 2; Newton summary set.</returns>
    /// <exception cref="ArgumentException">sample is empty; sample[i] is NaN, outside [0, 1], or exactly 0 or 1; every value is equal.</exception>
    /// <exception cref="ArgumentOutOfRangeException">tolerance or maxIterations is out of range.</exception>
    public static Fit<Beta> Beta(ReadOnlySpan<double> sample, double tolerance = DefaultTolerance, int maxIterations = DefaultMaxIterations)
    {
        CheckNewton(tolerance, maxIterations);
        Samples.OpenUnitInterval(sample, nameof(sample), "Beta");
        var meanLog = new ScalarNeumaier();
        var meanLogComplement = new ScalarNeumaier();
        foreach (var x in sample)
        {
            meanLog.Add(Math.Log(x));
            meanLogComplement.Add(StableMath.Log1P(-x));
        }

        var moments = Moments.Of(sample, nameof(sample));
        if (!(moments.Variance > 0.0))
        {
            throw Samples.Degenerate(nameof(sample), "Beta", sample[0], "the likelihood grows without bound as α + β → ∞ with α/(α + β) fixed");
        }

        var n = sample.Length;
        double[] g = [meanLog.Result / n, meanLogComplement.Result / n];
        var mean = moments.Mean;
        var common = (mean * (1.0 - mean) / moments.Variance) - 1.0;
        double[] start = common > 0.0 && double.IsFinite(common) ? [mean * common, (1.0 - mean) * common] : [1.0, 1.0];
        var (alpha, perObservation, summary) = DirichletNewton(g, start, tolerance, maxIterations);
        return new Fit<Beta>(new Distributions.Beta(alpha[0], alpha[1]), n * perObservation, n, 2, summary);
    }

    /// <summary>
    /// The Dirichlet(α) of probability vectors, by Newton's method on the score per observation ψ(A) − ψ(α_j) + mean ln x_j = 0
    /// (A = Σ α_j). The Hessian ψ′(A)·11ᵀ − diag ψ′(α_j) is inverted in O(k) by Sherman–Morrison (Minka 2000); each step is
    /// halved until the parameters stay positive and the log-likelihood does not fall.
    /// </summary>
    /// <param name="rows">n rows of k probabilities, row-major: each entry &gt; 0, each row summing to 1 (within 1e-8).</param>
    /// <param name="dimension">k ≥ 2.</param>
    /// <param name="tolerance">Stop once a step changes no α_j by more than tolerance·α_j; in (0, 1e-3].</param>
    /// <param name="maxIterations">At most this many Newton steps (≥ 1).</param>
    /// <returns>Dirichlet(α̂) with ℓ = n(ln Γ(A) − Σ ln Γ(α_j) + Σ (α_j − 1)·mean ln x_j); k parameters; Newton summary set.
    /// Started from Minka's moment match A = (m₁ − E[x₁²]) / (E[x₁²] − m₁²), α = A·m.</returns>
    /// <exception cref="ArgumentException">rows is empty or not a whole number of rows; an entry is NaN/∞, ≤ 0, or a row does not sum to 1 (named with row and column); every row is the same (A → ∞).</exception>
    /// <exception cref="ArgumentOutOfRangeException">dimension &lt; 2; tolerance or maxIterations out of range.</exception>
    public static Fit<Dirichlet> Dirichlet(ReadOnlySpan<double> rows, int dimension, double tolerance = DefaultTolerance, int maxIterations = DefaultMaxIterations)
    {
        if (dimension < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension = {dimension}; a Dirichlet has at least 2 components.");
        }

        CheckNewton(tolerance, maxIterations);
        var n = Samples.Rows(rows, dimension, nameof(rows), "Dirichlet");
        var meanLog = new double[dimension];
        var mean = new double[dimension];
        var firstSquare = 0.0;
        var identical = true;
        for (var r = 0; r < n; r++)
        {
            var row = rows.Slice(r * dimension, dimension);
            var sum = 0.0;
            for (var j = 0; j < dimension; j++)
            {
                if (!(row[j] > 0.0))
                {
                    throw new ArgumentException(
                        $"rows[{r}, {j}] = {Format.Number(row[j])} is {(row[j] < 0.0 ? "negative" : "0")}; the Dirichlet log-likelihood has ln x, so its fit needs entries > 0.",
                        nameof(rows));
                }

                sum += row[j];
                meanLog[j] += Math.Log(row[j]);
                mean[j] += row[j];
                identical &= row[j] == rows[j];
            }

            if (!(Math.Abs(sum - 1.0) <= 1e-8))
            {
                throw new ArgumentException($"rows[{r}, ..] sums to {Format.Number(sum)}, not 1; each row must be a probability vector.", nameof(rows));
            }

            firstSquare += row[0] * row[0];
        }

        if (identical)
        {
            throw new ArgumentException("rows: every row is the same vector; the likelihood grows without bound as the concentration → ∞, so no Dirichlet maximises it.", nameof(rows));
        }

        for (var j = 0; j < dimension; j++)
        {
            meanLog[j] /= n;
            mean[j] /= n;
        }

        firstSquare /= n;
        var total = (mean[0] - firstSquare) / (firstSquare - (mean[0] * mean[0]));
        if (!(total > 0.0 && double.IsFinite(total)))
        {
            total = dimension;
        }

        var start = mean.Select(m => m * total).ToArray();
        var (alpha, perObservation, summary) = DirichletNewton(meanLog, start, tolerance, maxIterations);
        return new Fit<Dirichlet>(new Distributions.Dirichlet(alpha), n * perObservation, n, dimension, summary);
    }

    /// <summary>
    /// The multivariate Gaussian: μ̂ = the mean row and Σ̂ = (1/n) Σ (x_i − μ̂)(x_i − μ̂)ᵀ (biased, as in one dimension),
    /// from ∂ℓ/∂μ = Σ⁻¹Σ(x_i − μ) = 0 and ∂ℓ/∂Σ⁻¹ = (n/2)Σ − ½Σ(x_i − μ)(x_i − μ)ᵀ = 0.
    /// </summary>
    /// <param name="rows">n rows of d finite values, row-major, with n &gt; d and the rows spanning ℝ^d.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <returns>N(μ̂, Σ̂) with ℓ = −(n/2)(d ln 2π + ln det Σ̂ + d); k = d + d(d + 1)/2.</returns>
    /// <exception cref="ArgumentException">rows is empty or not whole rows; an entry is NaN/∞ (named with row and column); n ≤ d, or the centred rows do not span ℝ^d (Σ̂ is singular, the likelihood unbounded).</exception>
    /// <exception cref="ArgumentOutOfRangeException">dimension &lt; 1.</exception>
    public static Fit<MultivariateGaussian> MultivariateGaussian(ReadOnlySpan<double> rows, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var n = Samples.Rows(rows, dimension, nameof(rows), "multivariate Gaussian");
        if (n <= dimension)
        {
            throw new ArgumentException(
                $"rows has {n} rows of dimension {dimension}; the covariance estimate is singular unless there are more rows than dimensions.", nameof(rows));
        }

        var mean = new double[dimension];
        for (var j = 0; j < dimension; j++)
        {
            var sum = new ScalarNeumaier();
            for (var r = 0; r < n; r++)
            {
                sum.Add(rows[(r * dimension) + j]);
            }

            mean[j] = sum.Result / n;
        }

        var covariance = new double[dimension * dimension];
        for (var a = 0; a < dimension; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var sum = new ScalarNeumaier();
                for (var r = 0; r < n; r++)
                {
                    sum.Add((rows[(r * dimension) + a] - mean[a]) * (rows[(r * dimension) + b] - mean[b]));
                }

                covariance[(a * dimension) + b] = covariance[(b * dimension) + a] = sum.Result / n;
            }
        }

        Distributions.MultivariateGaussian fitted;
        try
        {
            fitted = new Distributions.MultivariateGaussian(mean, covariance);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException(
                "rows: the centred rows do not span every dimension (they lie in a hyperplane), so the maximum-likelihood covariance is singular and the likelihood unbounded.",
                nameof(rows),
                exception);
        }

        var logLikelihood = -0.5 * n * ((dimension * Math.Log(2.0 * Math.PI)) + fitted.LogDeterminant + dimension);
        return new Fit<MultivariateGaussian>(fitted, logLikelihood, n, dimension + (dimension * (dimension + 1) / 2));
    }

    /// <summary>
    /// ln α − ψ(α) &gt; 0. For α ≥ 20 by the asymptotic series 1/(2α) + 1/(12α²) − 1/(120α⁴) + … (through α^−12; the next
    /// term is below 1e-16 relative), because the difference of two numbers near ln α loses every digit as α grows
    /// (at α = 1e12 the value is 5e-13 and the difference is rounding noise).
    /// </summary>
    internal static double LogMinusDigamma(double alpha)
    {
        if (alpha < 20.0)
        {
            return Math.Log(alpha) - SpecialFunctions.Digamma(alpha);
        }

        var r = 1.0 / alpha;
        var r2 = r * r;
        var series = r2 * ((1.0 / 12.0) + (r2 * ((-1.0 / 120.0) + (r2 * ((1.0 / 252.0) + (r2 * ((-1.0 / 240.0) + (r2 * ((1.0 / 132.0) + (r2 * (-691.0 / 32760.0)))))))))));
        return (0.5 * r) + series;
    }

    /// <summary>ψ′(α) − 1/α &gt; 0, by the series 1/(2α²) + 1/(6α³) − 1/(30α⁵) + … for α ≥ 20 (same reason as <see cref="LogMinusDigamma"/>).</summary>
    internal static double TrigammaMinusReciprocal(double alpha)
    {
        if (alpha < 20.0)
        {
            return SpecialFunctions.Trigamma(alpha) - (1.0 / alpha);
        }

        var r = 1.0 / alpha;
        var r2 = r * r;
        var odd = r2 * r * ((1.0 / 6.0) + (r2 * ((-1.0 / 30.0) + (r2 * ((1.0 / 42.0) + (r2 * ((-1.0 / 30.0) + (r2 * (5.0 / 66.0)))))))));
        return (0.5 * r2) + odd;
    }

    /// <summary>r − ln(1 + r) ≥ 0, by its series where the direct form would cancel.</summary>
    internal static double LogRemainder(double r)
    {
        if (Math.Abs(r) < 0.01)
        {
            // Σ_{j≥2} (−1)^j r^j / j, through r^10: the first term left out is below 1e-19 of the sum.
            var sum = 0.0;
            for (var j = 10; j >= 2; j--)
            {
                sum = (sum * r) + ((j % 2 == 0 ? 1.0 : -1.0) / j);
            }

            return sum * r * r;
        }

        return r - StableMath.Log1P(r);
    }

    /// <summary>
    /// Newton's method for the Dirichlet log-likelihood per observation L(α) = ln Γ(A) − Σ ln Γ(α_j) + Σ (α_j − 1) g_j,
    /// g_j = mean ln x_j. Returns α̂, L(α̂) and the summary.
    /// </summary>
    internal static (double[] Alpha, double LogLikelihood, NewtonSummary Summary) DirichletNewton(
        double[] g, double[] start, double tolerance, int maxIterations)
    {
        var k = g.Length;
        var alpha = (double[])start.Clone();
        var gradient = new double[k];
        var next = new double[k];
        var objective = Objective(alpha, g);
        var iterations = 0;
        var step = double.PositiveInfinity;
        while (iterations < maxIterations && step > tolerance)
        {
            var total = alpha.Sum();
            var psiTotal = SpecialFunctions.Digamma(total);
            var z = SpecialFunctions.Trigamma(total);
            double numerator = 0.0, denominator = 1.0 / z;
            for (var j = 0; j < k; j++)
            {
                gradient[j] = psiTotal - SpecialFunctions.Digamma(alpha[j]) + g[j];
                var q = -SpecialFunctions.Trigamma(alpha[j]);
                numerator += gradient[j] / q;
                denominator += 1.0 / q;
            }

            // H = diag(q) + z·11ᵀ; (H⁻¹ grad)_j = (grad_j − b)/q_j, b = Σ(grad_j/q_j) / (1/z + Σ 1/q_j); the step is −H⁻¹ grad.
            var b = numerator / denominator;
            var scale = 1.0;
            var nextObjective = double.NegativeInfinity;
            for (var halving = 0; halving < 60; halving++)
            {
                var positive = true;
                for (var j = 0; j < k; j++)
                {
                    var q = -SpecialFunctions.Trigamma(alpha[j]);
                    next[j] = alpha[j] - (scale * (gradient[j] - b) / q);
                    positive &= next[j] > 0.0 && double.IsFinite(next[j]);
                }

                if (positive)
                {
                    nextObjective = Objective(next, g);
                    if (nextObjective >= objective)
                    {
                        break;
                    }
                }

                scale /= 2.0;
            }

            step = 0.0;
            if (nextObjective >= objective)
            {
                for (var j = 0; j < k; j++)
                {
                    step = Math.Max(step, Math.Abs(next[j] - alpha[j]) / alpha[j]);
                }

                (alpha, next) = (next, alpha);
                objective = nextObjective;
            }

            // No ascent direction left within rounding (step = 0): the maximiser is reached to working precision.
            iterations++;
        }

        var final = SpecialFunctions.Digamma(alpha.Sum());
        var largest = 0.0;
        for (var j = 0; j < k; j++)
        {
            largest = Math.Max(largest, Math.Abs(final - SpecialFunctions.Digamma(alpha[j]) + g[j]));
        }

        return (alpha, objective, new NewtonSummary(iterations, largest, step, tolerance, step <= tolerance));
    }

    private static double Objective(double[] alpha, double[] g)
    {
        var value = new ScalarNeumaier();
        value.Add(SpecialFunctions.LogGamma(alpha.Sum()));
        for (var j = 0; j < alpha.Length; j++)
        {
            value.Add(-SpecialFunctions.LogGamma(alpha[j]));
            value.Add((alpha[j] - 1.0) * g[j]);
        }

        return value.Result;
    }

    private static void CheckNewton(double tolerance, int maxIterations)
    {
        if (!(tolerance > 0.0 && tolerance <= 1e-3))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance = {Format.Number(tolerance)}; it must be in (0, 1e-3].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
    }
}
