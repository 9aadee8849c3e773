namespace Functional.Optimization;

/// <summary>A reduce-on-plateau scheduler built from a spec, with its starting state.</summary>
/// <param name="Scheduler">The state machine.</param>
/// <param name="Initial">Its state before any metric.</param>
public sealed record PlateauSetup(ReduceOnPlateau Scheduler, PlateauState Initial);

/// <summary>
/// A learning-rate schedule by name and parameters, as a configuration file states it, e.g.
/// <c>{ "Kind": "cosine", "Parameters": { "initial": "0.1", "totalSteps": "100" } }</c> or
/// <c>{ "Kind": "warmup", "Parameters": { "steps": "5" }, "Inner": [ { "Kind": "exponential", … } ] }</c>.
/// Parameter values are strings, parsed invariantly; names are case-insensitive.
/// </summary>
/// <param name="Kind">One of <see cref="Kinds"/>.</param>
/// <param name="Parameters">The settings by name (see <see cref="Kinds"/>); missing optional ones take the factory's default.</param>
/// <param name="Inner">The schedule after a <c>warmup</c> (one) or the parts of a <c>join</c> (two or more).</param>
public sealed record ScheduleSpec(string Kind, IReadOnlyDictionary<string, string>? Parameters = null, IReadOnlyList<ScheduleSpec>? Inner = null)
{
    /// <summary>
    /// The kinds and their parameters (required ones first): <c>constant</c> (rate); <c>step</c> (initial, stepSize, gamma);
    /// <c>multistep</c> (initial, milestones "5,12,30", gamma); <c>exponential</c> (initial, gamma); <c>inverse-time</c>
    /// (initial, decay, power); <c>robbins-monro</c> (initial); <c>sklearn-optimal</c> (alpha, default 1e-4: scikit-learn's
    /// η_t = 1/(α(t₀ + t))); <c>polynomial</c> (initial, totalSteps, power, final);
    /// <c>cosine</c> (initial, totalSteps, minimum); <c>cosine-restarts</c> (initial, period, periodMultiplier, minimum,
    /// reachMinimum); <c>linear</c> (initial, startFactor, endFactor, totalSteps); <c>warmup</c> (steps, startFactor;
    /// Inner: one); <c>join</c> (boundaries "10,50"; Inner: two or more); <c>cyclic</c> (base, max, stepsUp, stepsDown,
    /// mode triangular|triangular2|exp_range, gamma); <c>one-cycle</c> (max, totalSteps, percentStart, anneal cos|linear,
    /// divFactor, finalDivFactor, threePhase); <c>plateau</c> (initial, mode min|max, factor, patience, threshold,
    /// thresholdMode rel|abs, cooldown, minRate, epsilon) — built with <see cref="CreatePlateau"/>.
    /// </summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "constant", "step", "multistep", "exponential", "inverse-time", "robbins-monro", "sklearn-optimal", "polynomial", "cosine", "cosine-restarts", "linear",
        "warmup", "join", "cyclic", "one-cycle", "plateau",
    ];

    /// <summary>Whether this spec is a reduce-on-plateau scheduler (built with <see cref="CreatePlateau"/>, not <see cref="Create"/>).</summary>
    public bool IsPlateau => string.Equals(Kind, "plateau", StringComparison.OrdinalIgnoreCase);

    /// <summary>Builds the schedule through the validating factories of <see cref="Schedules"/>.</summary>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">Unknown kind (or <c>plateau</c>), unknown/duplicate/unparsable/missing parameter,
    /// wrong number of inner specs, or a value the factory rejects (the message names it).</exception>
    public Schedule Create()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Kind);
        var p = new SpecParameters(Kind, Parameters);
        var kind = Kind.ToLowerInvariant();
        var schedule = kind switch
        {
            "constant" => Schedules.Constant(p.Double("rate")),
            "step" => Schedules.Step(p.Double("initial"), p.Long("stepSize"), p.Double("gamma", 0.1)),
            "multistep" => Schedules.MultiStep(p.Double("initial"), p.Longs("milestones"), p.Double("gamma", 0.1)),
            "exponential" => Schedules.Exponential(p.Double("initial"), p.Double("gamma")),
            "inverse-time" => Schedules.InverseTime(p.Double("initial"), p.Double("decay"), p.Double("power", 1.0)),
            "robbins-monro" => Schedules.RobbinsMonro(p.Double("initial")),
            "sklearn-optimal" => Schedules.ScikitLearnOptimal(p.Double("alpha", 1e-4)),
            "polynomial" => Schedules.Polynomial(p.Double("initial"), p.Long("totalSteps"), p.Double("power", 1.0), p.Double("final", 0.0)),
            "cosine" => Schedules.Cosine(p.Double("initial"), p.Long("totalSteps"), p.Double("minimum", 0.0)),
            "cosine-restarts" => Schedules.CosineWarmRestarts(
                p.Double("initial"), p.Long("period"), p.Long("periodMultiplier", 1), p.Double("minimum", 0.0), p.Bool("reachMinimum", true)),
            "linear" => Schedules.Linear(p.Double("initial"), p.Double("startFactor", 1.0 / 3.0), p.Double("endFactor", 1.0), p.Long("totalSteps")),
            "warmup" => Schedules.Warmup(p.Long("steps"), Members(1, 1)[0].Create(), p.Double("startFactor", 0.0)),
            "join" => Schedules.Join([.. Members(2, int.MaxValue).Select(m => m.Create())], p.Longs("boundaries")),
            "cyclic" => Schedules.Cyclic(
                p.Double("base"), p.Double("max"), p.Long("stepsUp"), p.OptionalLong("stepsDown"),
                p.Choice("mode", CyclicMode.Triangular, ("triangular", CyclicMode.Triangular), ("triangular2", CyclicMode.Triangular2), ("exp_range", CyclicMode.ExpRange)),
                p.Double("gamma", 1.0)),
            "one-cycle" => Schedules.OneCycle(
                p.Double("max"), p.Long("totalSteps"), p.Double("percentStart", 0.3),
                p.Choice("anneal", AnnealStrategy.Cosine, ("cos", AnnealStrategy.Cosine), ("linear", AnnealStrategy.Linear)),
                p.Double("divFactor", 25.0), p.Double("finalDivFactor", 1e4), p.Bool("threePhase", false)),
            "plateau" => throw SpecParameters.Invalid("Kind = 'plateau' is a state machine fed the metric, not a function of the step; build it with CreatePlateau.", nameof(Kind)),
            _ => throw SpecParameters.Invalid($"Kind = '{Kind}' is not a schedule; the kinds are {string.Join(", ", Kinds)}.", nameof(Kind)),
        };
        p.Done();
        if (kind is not ("warmup" or "join") && Inner is { Count: > 0 })
        {
            throw SpecParameters.Invalid($"Inner has {Inner.Count} entries, but '{Kind}' wraps no schedule.", nameof(Inner));
        }

        return schedule;
    }

    /// <summary>Builds a <c>plateau</c> spec: the scheduler (PyTorch's defaults for missing settings) and its initial state.</summary>
    /// <returns>The scheduler and its state before any metric.</returns>
    /// <exception cref="ArgumentException">The kind is not <c>plateau</c>, or a parameter is unknown, unparsable, missing or rejected.</exception>
    public PlateauSetup CreatePlateau()
    {
        if (!IsPlateau)
        {
            throw SpecParameters.Invalid($"Kind = '{Kind}' is not 'plateau'; build it with Create.", nameof(Kind));
        }

        var p = new SpecParameters(Kind, Parameters);
        var initial = p.Double("initial");
        var scheduler = ReduceOnPlateau.Create(
            p.Choice("mode", PlateauMode.Min, ("min", PlateauMode.Min), ("max", PlateauMode.Max)),
            p.Double("factor", 0.1),
            p.Int("patience", 10),
            p.Double("threshold", 1e-4),
            p.Choice("thresholdMode", ThresholdMode.Relative, ("rel", ThresholdMode.Relative), ("abs", ThresholdMode.Absolute)),
            p.Int("cooldown", 0),
            p.Double("minRate", 0.0),
            p.Double("epsilon", 1e-8));
        p.Done();
        if (Inner is { Count: > 0 })
        {
            throw SpecParameters.Invalid($"Inner has {Inner.Count} entries, but 'plateau' wraps no schedule.", nameof(Inner));
        }

        return new PlateauSetup(scheduler, scheduler.Init(initial));
    }

    private IReadOnlyList<ScheduleSpec> Members(int minimum, int maximum)
    {
        var count = Inner?.Count ?? 0;
        if (count < minimum || count > maximum)
        {
            var wanted = minimum == maximum ? $"exactly {minimum}" : $"at least {minimum}";
            throw SpecParameters.Invalid($"Inner has {count} entries; '{Kind}' needs {wanted}.", nameof(Inner));
        }

        for (var i = 0; i < count; i++)
        {
            if (Inner![i] is null)
            {
                throw SpecParameters.Invalid($"Inner[{i}] is null.", nameof(Inner));
            }
        }

        return Inner!;
    }
}
