using Functional.Estimation;

namespace Functional.Shell.Verbs.Fit;

/// <summary>One named parameter of a fitted distribution.</summary>
internal sealed record Parameter(string Name, double Value);

/// <summary>One family's maximum-likelihood fit, as reported.</summary>
internal sealed record FamilyFit(
    string Family,
    string Kind,
    Parameter[] Parameters,
    double LogLikelihood,
    double Aic,
    double Bic,
    int FreeParameters,
    int? Iterations,
    double? Gradient,
    int? Rank);

/// <summary>A family <c>auto</c> could not fit, and the core's reason.</summary>
internal sealed record SkippedFamily(string Family, string Reason);

/// <summary>The families <c>functional fit</c> knows: each calls its <see cref="Mle"/> estimator and names its parameters.</summary>
internal static class FitFamilies
{
    public const string Auto = "auto";

    public const string Continuous = "continuous";

    public const string Discrete = "discrete";

    private static readonly (string Name, string Kind, Func<double[], FamilyFit> Fit)[] All =
    [
        ("gaussian", Continuous, x =>
        {
            var f = Mle.Gaussian(x);
            return From("gaussian", Continuous, f, null, new("mean", f.Distribution.Mean), new("variance", f.Distribution.Variance), new("sd", f.Distribution.StandardDeviation));
        }),
        ("laplace", Continuous, x =>
        {
            var f = Mle.Laplace(x);
            return From("laplace", Continuous, f, null, new("location", f.Distribution.Location), new("scale", f.Distribution.Scale));
        }),
        ("exponential", Continuous, x =>
        {
            var f = Mle.Exponential(x);
            return From("exponential", Continuous, f, null, new Parameter("rate", f.Distribution.Rate));
        }),
        ("gamma", Continuous, x =>
        {
            var f = Mle.Gamma(x);
            return From("gamma", Continuous, f, f.Newton, new Parameter("shape", f.Distribution.Shape), new Parameter("rate", f.Distribution.Rate));
        }),
        ("beta", Continuous, x =>
        {
            var f = Mle.Beta(x);
            return From("beta", Continuous, f, f.Newton, new("alpha", f.Distribution.Alpha), new("beta", f.Distribution.BetaParameter));
        }),
        ("uniform", Continuous, x =>
        {
            var f = Mle.Uniform(x);
            return From("uniform", Continuous, f, null, new("lower", f.Distribution.Lower), new("upper", f.Distribution.Upper));
        }),
        ("poisson", Discrete, x =>
        {
            var f = Mle.Poisson(x);
            return From("poisson", Discrete, f, null, new Parameter("rate", f.Distribution.Rate));
        }),
        ("bernoulli", Discrete, x =>
        {
            var f = Mle.Bernoulli(x);
            return From("bernoulli", Discrete, f, null, new Parameter("p", f.Distribution.P));
        }),
        ("categorical", Discrete, x =>
        {
            var f = Mle.Categorical(x, Classes(x));
            var p = f.Distribution.Probabilities.AsSpan();
            var parameters = new Parameter[p.Length];
            for (var j = 0; j < p.Length; j++)
            {
                parameters[j] = new($"p{j}", p[j]);
            }

            return From("categorical", Discrete, f, null, parameters);
        }),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    public static string KindOf(string family) => All.Single(f => f.Name == family).Kind;

    public static FamilyFit Fit(string family, double[] values) => All.Single(f => f.Name == family).Fit(values);

    /// <summary>Categorical classes 0..max: the largest label plus one (the core then checks every label).</summary>
    public static int Classes(double[] values)
    {
        var max = values.Length == 0 ? 0.0 : values.Max();
        return max is >= 0.0 and < 1e6 ? (int)max + 1 : 1;
    }

    private static FamilyFit From<T>(string name, string kind, Fit<T> fit, NewtonSummary? newton, params Parameter[] parameters)
        => new(name, kind, parameters, fit.LogLikelihood, fit.Aic, fit.Bic, fit.Parameters, newton?.Iterations, newton?.Gradient, null);
}
