using System.Text;

namespace Functional.Laws;

/// <summary>What one law did: held for every case, or failed (with the failure).</summary>
/// <param name="Law">The law's short name, e.g. <c>non-negative</c>.</param>
/// <param name="Meaning">The statement the law checks, in words and symbols.</param>
/// <param name="Cases">Cases asked for.</param>
/// <param name="Failure">Null when the law held for every case.</param>
public sealed record LawOutcome(string Law, string Meaning, int Cases, LawFailure? Failure)
{
    /// <summary>True when the law held for every generated case.</summary>
    public bool Held => Failure is null;
}

/// <summary>
/// The result of checking a suite of laws against one subject: one <see cref="LawOutcome"/> per law, in order.
/// <see cref="ToString"/> is the full report (every law; for each failure the shrunk counterexample and the seed).
/// </summary>
/// <param name="Subject">What was checked, e.g. <c>divergence 'my KL'</c>.</param>
/// <param name="Outcomes">One outcome per law.</param>
public sealed record LawReport(string Subject, IReadOnlyList<LawOutcome> Outcomes)
{
    /// <summary>True when every law held.</summary>
    public bool Passed => Outcomes.All(o => o.Held);

    /// <summary>The laws that failed.</summary>
    public IEnumerable<LawOutcome> Failures => Outcomes.Where(o => !o.Held);

    /// <summary>The outcome of the law called <paramref name="law"/>.</summary>
    /// <exception cref="KeyNotFoundException">Thrown when the report has no law of that name.</exception>
    public LawOutcome this[string law]
        => Outcomes.FirstOrDefault(o => o.Law == law)
           ?? throw new KeyNotFoundException($"The report on {Subject} has no law '{law}'; it has: {string.Join(", ", Outcomes.Select(o => o.Law))}.");

    /// <summary>Throws <see cref="LawsViolatedException"/> with this report unless every law held.</summary>
    /// <exception cref="LawsViolatedException">Thrown when a law failed.</exception>
    public LawReport ThrowIfFailed() => Passed ? this : throw new LawsViolatedException(this);

    /// <summary>The whole report: a line per law (✓ or ✗), then each failure in full.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var failed = Outcomes.Count(o => !o.Held);
        text.AppendLine(failed == 0
            ? $"{Subject}: all {Outcomes.Count} laws held."
            : $"{Subject}: {failed} of {Outcomes.Count} laws failed.");
        foreach (var outcome in Outcomes)
        {
            text.AppendLine($"  {(outcome.Held ? "✓" : "✗")} {outcome.Law}: {outcome.Meaning}");
        }

        foreach (var outcome in Outcomes.Where(o => !o.Held))
        {
            text.AppendLine();
            text.AppendLine(outcome.Failure!.ToString());
        }

        return text.ToString().TrimEnd();
    }
}

/// <summary>Thrown by the xunit-friendly forms (<see cref="LawSuite.Verify"/>, <see cref="LawReport.ThrowIfFailed"/>): the message is the full report.</summary>
public sealed class LawsViolatedException : Exception
{
    /// <summary>An exception without a report.</summary>
    public LawsViolatedException()
    {
    }

    /// <summary>An exception with a message and no report.</summary>
    public LawsViolatedException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message, an inner exception and no report.</summary>
    public LawsViolatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception carrying <paramref name="report"/>; its message is the full report.</summary>
    public LawsViolatedException(LawReport report)
        : base(report?.ToString())
        => Report = report;

    /// <summary>The report, when there is one.</summary>
    public LawReport? Report { get; }
}
