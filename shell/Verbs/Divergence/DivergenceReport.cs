using System.Text.Json.Serialization;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Shell.Verbs.Divergence;

/// <summary>Everything <c>functional divergence</c> reports, in one base; serialised as the <c>--json</c> object.</summary>
internal sealed record DivergenceReport(
    string Source,
    string Base,
    string Unit,
    double[] P,
    double[] Q,
    double EntropyP,
    double EntropyQ,
    double CrossEntropyPQ,
    double CrossEntropyQP,
    double KlPQ,
    double KlQP,
    double JsDivergence,
    double JsDistance,
    GibbsReport Gibbs)
{
    /// <summary>Computes every quantity with the core; the core's <see cref="ArgumentException"/> becomes bad input.</summary>
    public static DivergenceReport Compute(DivergenceInput input, LogBase logBase)
    {
        ArgumentNullException.ThrowIfNull(input);
        var p = input.P;
        var q = input.Q;
        try
        {
            // Two-argument functions first: they check lengths, then p, then q, naming each operand correctly.
            var gibbs = Information.Gibbs.Check(p, q, logBase);
            var crossEntropyQP = CrossEntropy.Of(q, p, logBase);
            return new DivergenceReport(
                input.Source,
                logBase.ToString(),
                logBase.Unit,
                p,
                q,
                gibbs.Entropy,
                Entropy.Of(q, logBase),
                gibbs.CrossEntropy,
                crossEntropyQP,
                gibbs.Kl,
                Kl.Divergence(q, p, logBase),
                JensenShannon.Divergence(p, q, logBase),
                JensenShannon.Distance(p, q, logBase),
                new GibbsReport(gibbs.Entropy, gibbs.CrossEntropy, gibbs.Kl, gibbs.Gap, gibbs.Tolerance, gibbs.Holds, gibbs.Violation));
        }
        catch (ArgumentException exception)
        {
            throw ShellInputException.From(exception);
        }
    }
}

/// <summary>The Gibbs-inequality witness H(p) ≤ H(p,q) for the reported pair.</summary>
internal sealed record GibbsReport(
    double Entropy,
    double CrossEntropy,
    double Kl,
    double Gap,
    double Tolerance,
    bool Holds,
    double Violation);

/// <summary>Source-generated (reflection-free, AOT-friendly) JSON for the divergence report.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(DivergenceReport))]
internal sealed partial class DivergenceJsonContext : JsonSerializerContext;
