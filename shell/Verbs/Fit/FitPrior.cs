using System.Globalization;
using Functional.Distributions;
using Functional.Estimation;

namespace Functional.Shell.Verbs.Fit;

/// <summary>A conjugate prior given as <c>kind:v1,v2,…</c>, validated by the core's constructors.</summary>
internal sealed record FitPrior(string Text, string Kind, double[] Values)
{
    private static readonly Dictionary<string, (string Family, int Count, string Form)> Kinds = new()
    {
        ["beta"] = ("bernoulli", 2, "beta:a,b"),
        ["dirichlet"] = ("categorical", 1, "dirichlet:a"),
        ["normal"] = ("gaussian", 3, "normal:m0,t2,s2"),
        ["nig"] = ("gaussian", 4, "nig:m0,k,a,b"),
    };

    /// <summary>Parses and checks the prior against the family it must go with.</summary>
    public static FitPrior Parse(string text, string family)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        if (!Kinds.TryGetValue(kind, out var spec))
        {
            throw new ShellInputException($"prior = '{text}' is not one of {string.Join(", ", Kinds.Values.Select(k => k.Form))}.");
        }

        if (family != spec.Family)
        {
            throw new ShellInputException($"prior {spec.Form} is conjugate to --family {spec.Family}, not {family}.");
        }

        var parts = colon < 0 ? [] : text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != spec.Count)
        {
            throw new ShellInputException($"prior = '{text}' needs {spec.Count} number{(spec.Count == 1 ? "" : "s")}: {spec.Form}.");
        }

        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new ShellInputException($"prior = '{text}': '{parts[i]}' is not a number.");
            }
        }

        var prior = new FitPrior(text.Trim(), kind, values);
        try
        {
            // Builds the core's prior once so its constructor rejects bad parameters before any data is read.
            _ = prior.Apply([], validateOnly: true);
        }
        catch (ArgumentException exception)
        {
            throw new ShellInputException($"prior = '{text}': {ShellInputException.OneLine(exception)}", exception);
        }

        return prior;
    }

    /// <summary>The MAP report for the sample, or (with validateOnly) just the prior's construction.</summary>
    public MapReport? Apply(double[] values, bool validateOnly = false)
    {
        switch (Kind)
        {
            case "beta":
                {
                    var prior = new Beta(Values[0], Values[1]);
                    if (validateOnly)
                    {
                        return null;
                    }

                    var map = Map.BetaBernoulli(values, prior);
                    return new MapReport(Text,
                        [new("alpha", map.Posterior.Alpha), new("beta", map.Posterior.BetaParameter)],
                        map.Mode is { } mode ? [new("p", mode)] : null,
                        map.PosteriorMean is { } mean ? [new("p", mean)] : null);
                }

            case "dirichlet":
                {
                    if (!(Values[0] > 0.0 && double.IsFinite(Values[0])))
                    {
                        throw new ArgumentException($"a = {Values[0].ToString("R", CultureInfo.InvariantCulture)} must be positive and finite.");
                    }

                    if (validateOnly)
                    {
                        return null;
                    }

                    var classes = FitFamilies.Classes(values);
                    var prior = new Dirichlet([.. Enumerable.Repeat(Values[0], classes)]);
                    var labels = new int[values.Length];
                    for (var i = 0; i < values.Length; i++)
                    {
                        // Labels the cast would change are left out of range, so the core names them.
                        labels[i] = values[i] == Math.Floor(values[i]) && values[i] is >= 0 and < 1e6 ? (int)values[i] : -1;
                    }

                    var map = Map.DirichletCategorical(labels, prior);
                    return new MapReport(Text,
                        [.. map.Posterior.Concentration().ToArray().Select((a, j) => new Parameter($"alpha{j}", a))],
                        map.Mode?.Select((p, j) => new Parameter($"p{j}", p)).ToArray(),
                        map.PosteriorMean?.Select((p, j) => new Parameter($"p{j}", p)).ToArray());
                }

            case "normal":
                {
                    var prior = Gaussian.FromVariance(Values[0], Values[1]);
                    if (!(Values[2] > 0.0 && double.IsFinite(Values[2])))
                    {
                        throw new ArgumentException($"s2 = {Values[2].ToString("R", CultureInfo.InvariantCulture)} (the known variance) must be positive and finite.");
                    }

                    if (validateOnly)
                    {
                        return null;
                    }

                    var map = Map.NormalNormal(values, Values[2], prior);
                    return new MapReport(Text,
                        [new("mean", map.Posterior.Mean), new("variance", map.Posterior.Variance)],
                        [new("mean", map.Mode)],
                        [new("mean", map.PosteriorMean)]);
                }

            default:
                {
                    var prior = new NormalInverseGamma(Values[0], Values[1], Values[2], Values[3]);
                    if (validateOnly)
                    {
                        return null;
                    }

                    var map = Map.NormalInverseGamma(values, prior);
                    var p = map.Posterior;
                    return new MapReport(Text,
                        [new("mean", p.Mean), new("kappa", p.Kappa), new("alpha", p.Alpha), new("beta", p.Beta)],
                        map.Mode is { } mode ? [new("mean", mode.Mean), new("variance", mode.Variance)] : null,
                        map.PosteriorMean is { } mean ? [new("mean", mean.Mean), new("variance", mean.Variance)] : null);
                }
        }
    }
}

/// <summary>The MAP estimate with a conjugate prior: the posterior's parameters, its mode and its mean (null where undefined).</summary>
internal sealed record MapReport(string Prior, Parameter[] Posterior, Parameter[]? Mode, Parameter[]? PosteriorMean);
