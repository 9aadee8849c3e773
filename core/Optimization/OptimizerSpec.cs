namespace Functional.Optimization;

/// <summary>
/// An optimizer by name and parameters, as a configuration file states it, e.g.
/// <c>{ "Kind": "sgd", "Parameters": { "momentum": "0.9", "nesterov": "true" } }</c> or
/// <c>{ "Kind": "chain", "Inner": [ { "Kind": "clip", "Parameters": { "maxNorm": "1" } }, { "Kind": "adam" } ] }</c>.
/// Parameter values are strings (what configuration binding delivers), parsed invariantly; names are case-insensitive.
/// </summary>
/// <param name="Kind">One of <see cref="Kinds"/>.</param>
/// <param name="Parameters">The hyper-parameters by name (see <see cref="Kinds"/>); missing ones take the factory's default.</param>
/// <param name="Inner">The members of a <c>chain</c>, or the one optimizer <c>sam</c> wraps.</param>
public sealed record OptimizerSpec(string Kind, IReadOnlyDictionary<string, string>? Parameters = null, IReadOnlyList<OptimizerSpec>? Inner = null)
{
    /// <summary>
    /// The kinds and their parameters: <c>gd</c>; <c>sgd</c> (momentum, dampening, nesterov, weightDecay); <c>adam</c> and
    /// <c>adamw</c> (beta1, beta2, epsilon, weightDecay, amsgrad); <c>clip</c> (maxNorm); <c>weight-decay</c> (decay);
    /// <c>l1</c> (lambda); <c>elastic-net</c> (l1, l2); <c>chain</c> (Inner: one or more); <c>sam</c> (radius; Inner: one);
    /// <c>steepest-descent</c>.
    /// </summary>
    public static IReadOnlyList<string> Kinds { get; } = ["gd", "sgd", "adam", "adamw", "clip", "weight-decay", "l1", "elastic-net", "chain", "sam", "steepest-descent"];

    /// <summary>Builds the optimizer, validating everything through the factories of <see cref="Optimizers"/>.</summary>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentException">Unknown kind, unknown/duplicate/unparsable/missing parameter, wrong number of inner
    /// specs, or a value the factory rejects (the message names it).</exception>
    public Optimizer Create()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Kind);
        var p = new SpecParameters(Kind, Parameters);
        var kind = Kind.ToLowerInvariant();
        var optimizer = kind switch
        {
            "gd" => Optimizers.GradientDescent(),
            "sgd" => Optimizers.Sgd(p.Double("momentum", 0.0), p.Double("dampening", 0.0), p.Bool("nesterov", false), p.Double("weightDecay", 0.0)),
            "adam" => Optimizers.Adam(p.Double("beta1", 0.9), p.Double("beta2", 0.999), p.Double("epsilon", 1e-8), p.Double("weightDecay", 0.0), p.Bool("amsgrad", false)),
            "adamw" => Optimizers.AdamW(p.Double("beta1", 0.9), p.Double("beta2", 0.999), p.Double("epsilon", 1e-8), p.Double("weightDecay", 0.01), p.Bool("amsgrad", false)),
            "clip" => Optimizers.ClipByGlobalNorm(p.Double("maxNorm")),
            "weight-decay" => Optimizers.WeightDecay(p.Double("decay")),
            "l1" => Optimizers.L1(p.Double("lambda")),
            "elastic-net" => Optimizers.ElasticNet(p.Double("l1"), p.Double("l2")),
            "chain" => Optimizers.Chain([.. Members(1, int.MaxValue).Select(m => m.Create())]),
            "sam" => Optimizers.SharpnessAware(Members(1, 1)[0].Create(), p.Double("radius", 0.05)),
            "steepest-descent" => Optimizers.SteepestDescent(),
            _ => throw SpecParameters.Invalid($"Kind = '{Kind}' is not an optimizer; the kinds are {string.Join(", ", Kinds)}.", nameof(Kind)),
        };
        p.Done();
        if (kind is not ("chain" or "sam") && Inner is { Count: > 0 })
        {
            throw SpecParameters.Invalid($"Inner has {Inner.Count} entries, but '{Kind}' wraps no optimizer.", nameof(Inner));
        }

        return optimizer;
    }

    private IReadOnlyList<OptimizerSpec> Members(int minimum, int maximum)
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
