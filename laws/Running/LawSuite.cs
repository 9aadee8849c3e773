using FsCheck;

namespace Functional.Laws;

/// <summary>
/// One law about one subject: a named, parameterised FsCheck property with its generators and shrinking.
/// <see cref="Check"/> runs it and reports; <see cref="Verify"/> throws with the report when it fails (for xunit,
/// NUnit or any test framework: a thrown exception is a failed test).
/// </summary>
public sealed class Law
{
    private readonly Func<Property> _property;

    /// <summary>A law called <paramref name="name"/> about <paramref name="subject"/>.</summary>
    /// <param name="subject">What the law is about, e.g. <c>divergence 'KL'</c>.</param>
    /// <param name="name">The law's short name, e.g. <c>non-negative</c>.</param>
    /// <param name="meaning">The statement, e.g. <c>d(p, q) ≥ 0 and never NaN</c>.</param>
    /// <param name="property">Builds the FsCheck property (generator, shrinker and body).</param>
    /// <exception cref="ArgumentNullException">Thrown when an argument is null.</exception>
    public Law(string subject, string name, string meaning, Func<Property> property)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(meaning);
        ArgumentNullException.ThrowIfNull(property);
        (Subject, Name, Meaning, _property) = (subject, name, meaning, property);
    }

    /// <summary>What the law is about.</summary>
    public string Subject { get; }

    /// <summary>The law's short name.</summary>
    public string Name { get; }

    /// <summary>The statement the law checks.</summary>
    public string Meaning { get; }

    /// <summary>The seed name: <c>subject: name</c>; with no configured seed, the run's seed is derived from it.</summary>
    public string FullName => $"{Subject}: {Name}";

    /// <summary>Runs the law (<see cref="LawConfig.Default"/> when <paramref name="config"/> is null).</summary>
    public LawOutcome Check(LawConfig? config = null)
    {
        config ??= LawConfig.Default;
        return new LawOutcome(Name, Meaning, config.Cases, LawRunner.Run(config, FullName, _property()));
    }

    /// <summary>Runs the law and throws <see cref="LawsViolatedException"/> with the report when it fails.</summary>
    /// <exception cref="LawsViolatedException">Thrown when the law is falsified.</exception>
    public LawOutcome Verify(LawConfig? config = null)
    {
        var outcome = Check(config);
        _ = new LawReport(Subject, [outcome]).ThrowIfFailed();
        return outcome;
    }

    /// <summary>The subject and the law, e.g. <c>divergence 'KL': non-negative</c>.</summary>
    public override string ToString() => FullName;
}

/// <summary>
/// The laws of one family (divergence, metric, entropy, loss, …) applied to one subject.
/// <see cref="Check"/> runs every law and returns a <see cref="LawReport"/>; <see cref="Verify"/> throws it when any failed.
/// </summary>
public abstract class LawSuite
{
    private readonly List<Law> _laws = [];

    /// <summary>A suite about <paramref name="subject"/>.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="subject"/> is null.</exception>
    protected LawSuite(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Subject = subject;
    }

    /// <summary>What the suite checks, e.g. <c>divergence 'KL'</c>.</summary>
    public string Subject { get; }

    /// <summary>The laws, in the order they run.</summary>
    public IReadOnlyList<Law> All => _laws;

    /// <summary>The law called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">Thrown when the suite has no law of that name.</exception>
    public Law this[string name]
        => _laws.FirstOrDefault(l => l.Name == name)
           ?? throw new KeyNotFoundException($"{Subject} has no law '{name}'; it has: {string.Join(", ", _laws.Select(l => l.Name))}.");

    /// <summary>Runs every law (<see cref="LawConfig.Default"/> when <paramref name="config"/> is null) and reports.</summary>
    public LawReport Check(LawConfig? config = null)
        => new(Subject, _laws.Select(l => l.Check(config)).ToArray());

    /// <summary>Runs every law and throws <see cref="LawsViolatedException"/> (message: the full report) when any failed.</summary>
    /// <exception cref="LawsViolatedException">Thrown when a law is falsified.</exception>
    public LawReport Verify(LawConfig? config = null) => Check(config).ThrowIfFailed();

    /// <summary>Adds a law built from a generator and a body that throws (<see cref="LawViolatedException"/>) when the law fails.</summary>
    protected Law Add<T>(string name, string meaning, Func<Arbitrary<T>> arbitrary, Action<T> body)
    {
        ArgumentNullException.ThrowIfNull(arbitrary);
        var law = new Law(Subject, name, meaning, () => FsCheck.Fluent.Prop.ForAll(arbitrary(), body));
        _laws.Add(law);
        return law;
    }

    /// <summary>Adds a law over two independently generated inputs.</summary>
    protected Law Add<T1, T2>(string name, string meaning, Func<Arbitrary<T1>> first, Func<Arbitrary<T2>> second, Action<T1, T2> body)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var law = new Law(Subject, name, meaning, () => FsCheck.Fluent.Prop.ForAll(first(), second(), body));
        _laws.Add(law);
        return law;
    }

    /// <summary>The suite's subject and its law names.</summary>
    public override string ToString() => $"{Subject}: {string.Join(", ", _laws.Select(l => l.Name))}";
}
