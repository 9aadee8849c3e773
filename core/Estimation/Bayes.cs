using Functional.Numerics;

namespace Functional.Estimation;

/// <summary>
/// The posterior over a finite set of hypotheses h_1…h_k after the data X:
/// p(h_i | X) = p(X | h_i)·p(h_i) / Σ_j p(X | h_j)·p(h_j), computed in log space.
/// </summary>
/// <param name="LogPosterior">ln p(h_i | X) for each hypothesis; −∞ where the prior or the likelihood is 0. Σ exp = 1.</param>
/// <param name="LogEvidence">ln p(X) = ln Σ_j p(X | h_j)·p(h_j) (with the prior as given; see <see cref="Bayes.Posterior(ReadOnlySpan{double}, ReadOnlySpan{double})"/>).</param>
/// <param name="MapIndex">The maximum-a-posteriori hypothesis argmax_i ln p(h_i | X); the first one on ties.</param>
public sealed record DiscretePosterior(double[] LogPosterior, double LogEvidence, int MapIndex)
{
    /// <summary>p(h_i | X) = exp(ln p(h_i | X)); sums to 1 up to rounding.</summary>
    /// <returns>A new array of posterior probabilities.</returns>
    public double[] Probabilities() => [.. LogPosterior.Select(Math.Exp)];

    /// <summary>The number of hypotheses.</summary>
    public int Count => LogPosterior.Length;
}

/// <summary>Bayes' rule over a finite hypothesis space, in log space so that tiny priors and likelihoods neither underflow nor lose digits.</summary>
/// <remarks>
/// log p(h_i | X) = s_i − LSE(s), s_i = log p(h_i) + log p(X | h_i), with the max-shifted log-sum-exp (<see cref="LogSumExp"/>).
/// Likelihoods of 10^-400 (ln = −921) are fine; products of probabilities would underflow to 0 and give 0/0. The MAP
/// hypothesis is argmax s_i, so it does not depend on the evidence; NOTES.md ("Estimators: MLE, MAP, Bayes") has the
/// lecture's "no homework" example.
/// </remarks>
public static class Bayes
{
    /// <summary>The posterior from log-prior and log-likelihood vectors.</summary>
    /// <param name="logPrior">ln p(h_i); each finite or −∞ (a hypothesis ruled out a priori). Need not be normalised: the posterior is normalised whatever the prior's mass, but <see cref="DiscretePosterior.LogEvidence"/> is then off by ln Σ p(h_i).</param>
    /// <param name="logLikelihood">ln p(X | h_i); each finite or −∞ (natural log; densities may give positive values).</param>
    /// <returns>The posterior, its log-evidence and the MAP index.</returns>
    /// <exception cref="ArgumentException">The lengths differ; the vectors are empty; an entry is NaN or +∞ (named with index and value); every hypothesis has prior × likelihood = 0.</exception>
    public static DiscretePosterior Posterior(ReadOnlySpan<double> logPrior, ReadOnlySpan<double> logLikelihood)
    {
        var logPosterior = new double[logPrior.Length];
        var logEvidence = LogPosterior(logPrior, logLikelihood, logPosterior);
        var map = 0;
        for (var i = 1; i < logPosterior.Length; i++)
        {
            if (logPosterior[i] > logPosterior[map])
            {
                map = i;
            }
        }

        return new DiscretePosterior(logPosterior, logEvidence, map);
    }

    /// <summary>The posterior from prior probabilities and likelihoods (not logs); see <see cref="Posterior(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    /// <param name="prior">p(h_i); each finite and ≥ 0 (ln 0 = −∞ is allowed), not necessarily normalised.</param>
    /// <param name="likelihood">p(X | h_i); each finite and ≥ 0.</param>
    /// <returns>The posterior.</returns>
    /// <exception cref="ArgumentException">Lengths differ; empty; an entry is negative, NaN or ∞ (named with index and value); all products are 0.</exception>
    public static DiscretePosterior FromProbabilities(ReadOnlySpan<double> prior, ReadOnlySpan<double> likelihood)
    {
        Guard.SameLength(prior.Length, likelihood.Length, nameof(prior), nameof(likelihood));
        Guard.NotEmpty(prior.Length, nameof(prior), "a posterior needs at least one hypothesis");
        var logPrior = new double[prior.Length];
        var logLikelihood = new double[prior.Length];
        for (var i = 0; i < prior.Length; i++)
        {
            logPrior[i] = LogOfWeight(prior[i], new Operand(nameof(prior)), i);
        }

        for (var i = 0; i < prior.Length; i++)
        {
            logLikelihood[i] = LogOfWeight(likelihood[i], new Operand(nameof(likelihood)), i);
        }

        return Posterior(logPrior, logLikelihood);
    }

    /// <summary>Span form: writes ln p(h_i | X) and returns the log-evidence. Zero allocation.</summary>
    /// <param name="logPrior">ln p(h_i); finite or −∞.</param>
    /// <param name="logLikelihood">ln p(X | h_i); finite or −∞.</param>
    /// <param name="destination">At least logPrior.Length entries; receives the log-posterior. May not overlap the inputs unless it is one of them exactly.</param>
    /// <returns>ln p(X) = LSE(logPrior + logLikelihood).</returns>
    /// <exception cref="ArgumentException">Lengths differ; destination too short; empty; NaN or +∞ entry (named with index and value); every hypothesis has zero posterior weight.</exception>
    public static double LogPosterior(ReadOnlySpan<double> logPrior, ReadOnlySpan<double> logLikelihood, Span<double> destination)
    {
        Guard.SameLength(logPrior.Length, logLikelihood.Length, nameof(logPrior), nameof(logLikelihood));
        Guard.Destination(logPrior.Length, destination.Length);
        Guard.NotEmpty(logPrior.Length, nameof(logPrior), "a posterior needs at least one hypothesis");
        CheckLogs(logPrior, new Operand(nameof(logPrior)));
        CheckLogs(logLikelihood, new Operand(nameof(logLikelihood)));

        var joint = destination[..logPrior.Length];
        for (var i = 0; i < joint.Length; i++)
        {
            // −∞ + finite = −∞; both are ≤ max double so +∞ cannot arise from two valid entries except by overflow of two huge logs.
            joint[i] = logPrior[i] + logLikelihood[i];
            if (double.IsPositiveInfinity(joint[i]))
            {
                throw new ArgumentException(
                    $"logPrior[{i}] + logLikelihood[{i}] = {Format.Number(logPrior[i])} + {Format.Number(logLikelihood[i])} overflows to +∞.",
                    nameof(logLikelihood));
            }
        }

        var logEvidence = LogSumExp.Of<double>(joint);
        if (double.IsNegativeInfinity(logEvidence))
        {
            throw new ArgumentException(
                "Every hypothesis has prior × likelihood = 0 (all log-prior + log-likelihood are −∞): the data are impossible under the prior, so there is no posterior.",
                nameof(logLikelihood));
        }

        // (s − max) − ln Σ e^(s − max) rather than s − LSE(s): s − max is exact for nearby s, so a posterior computed
        // from log-likelihoods near −2000 keeps full relative accuracy instead of inheriting the rounding of 2000.
        LogSumExp.LogSoftmax<double>(joint, joint);
        return logEvidence;
    }

    private static void CheckLogs(ReadOnlySpan<double> values, Operand name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] < double.PositiveInfinity))
            {
                throw Guard.InvalidElement(name, i, values[i], double.IsNaN(values[i]) ? "is NaN" : "is +∞; a log-probability is finite or −∞");
            }
        }
    }

    private static double LogOfWeight(double value, Operand name, int index)
        => NonNegativeDomain.IsValid(value) ? Math.Log(value) : throw Guard.InvalidElement(name, index, value, NonNegativeDomain.Problem(value));
}
