using System.Reflection;
using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>The loss catalogue: complete, names round-trip, parameters checked, and every descriptor runs the named method's kernel.</summary>
public class LossRegistryTests
{
    /// <summary>Each public loss method of <see cref="Loss"/> and the registry name that must select it.</summary>
    private static readonly Dictionary<string, string> MethodToName = new()
    {
        ["HalfSquaredError"] = "half_squared_error",
        ["SquaredError"] = "squared_error",
        ["AbsoluteError"] = "absolute_error",
        ["Huber"] = "huber",
        ["SmoothL1"] = "smooth_l1",
        ["LogCosh"] = "log_cosh",
        ["Cauchy"] = "cauchy",
        ["Welsch"] = "welsch",
        ["GemanMcClure"] = "geman_mcclure",
        ["Charbonnier"] = "charbonnier",
        ["Barron"] = "barron",
        ["GaussianNll"] = "gaussian_nll",
        ["PoissonNll"] = "poisson_nll",
        ["BinaryCrossEntropy"] = "binary_cross_entropy",
        ["BinaryCrossEntropyWithLogits"] = "binary_cross_entropy_with_logits",
        ["Logistic"] = "logistic",
        ["Hinge"] = "hinge",
        ["SquaredHinge"] = "squared_hinge",
        ["ModifiedHuber"] = "modified_huber",
        ["Exponential"] = "exponential",
        ["SigmoidSurrogate"] = "sigmoid",
        ["ZeroOneError"] = "zero_one",
        ["SoftmaxCrossEntropy"] = "softmax_cross_entropy",
        ["KlDivergence"] = "kl_divergence",
    };

    [Fact]
    public void Every_public_loss_method_has_a_descriptor_and_every_descriptor_a_method()
    {
        // The reduced forms: public generic methods returning T (not the Elementwise/At/WithParameterGradients variants).
        var methods = typeof(Loss).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.IsGenericMethodDefinition && m.ReturnType.IsGenericParameter && !m.Name.Contains("WithParameterGradients", StringComparison.Ordinal))
            .Select(m => m.Name).ToHashSet();
        Assert.Equal(MethodToName.Keys.Order(), methods.Order());
        Assert.Equal(MethodToName.Values.Order(), LossRegistry.Names.Order());
    }

    [Fact]
    public void Names_round_trip_case_and_dash_insensitively()
    {
        Assert.Equal(LossRegistry.All.Count, LossRegistry.Names.Distinct().Count());
        foreach (var descriptor in LossRegistry.All)
        {
            Assert.Same(descriptor, LossRegistry.Get(descriptor.Name));
            Assert.Same(descriptor, LossRegistry.Get(descriptor.Name.ToUpperInvariant().Replace('_', '-')));
            Assert.Equal(descriptor.Name, descriptor.ToString());
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Summary));
        }

        var error = Assert.Throws<ArgumentException>(() => LossRegistry.Get("hubber"));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("huber", error.Message, StringComparison.Ordinal);
        Assert.False(LossRegistry.TryGet(null, out _));
    }

    [Fact]
    public void Parameters_are_set_by_name_and_checked()
    {
        var huber = LossRegistry.Get("huber");
        double[] p = [0.0, 3.0, -5.0];
        double[] t = [0.5, 0.0, 0.0];
        var expected = Loss.Huber<double>(p, t, Span<double>.Empty, Reduction.Sum, 2.5);
        Assert.Equal(expected, huber.Reduce<double>(p, t, ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Sum, new Dictionary<string, double> { ["DELTA"] = 2.5 }));

        var unknown = Assert.Throws<ArgumentException>(() => huber.Reduce<double>(p, t, ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Sum, new Dictionary<string, double> { ["beta"] = 1 }));
        Assert.Equal("parameters", unknown.ParamName);
        Assert.Contains("delta", unknown.Message, StringComparison.Ordinal);
        foreach (var bad in (double[])[0.0, -1.0, double.NaN, double.PositiveInfinity])
        {
            var error = Assert.Throws<ArgumentException>(() => huber.Reduce<double>(p, t, ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Sum, new Dictionary<string, double> { ["delta"] = bad }));
            Assert.Equal("parameters", error.ParamName);
        }

        Assert.Throws<ArgumentException>(() => LossRegistry.Get("barron").IsConvexWith(new Dictionary<string, double> { ["alpha"] = double.NaN }));
        Assert.Throws<ArgumentException>(() => LossRegistry.Get("gaussian_nll").IsConvexWith(new Dictionary<string, double> { ["full"] = 0.5 }));
    }

    [Fact]
    public void Convexity_and_zero_one_bounds_are_as_the_mathematics_says()
    {
        string[] nonConvex = ["cauchy", "welsch", "geman_mcclure", "sigmoid", "zero_one"];
        foreach (var descriptor in LossRegistry.All)
        {
            Assert.Equal(!nonConvex.Contains(descriptor.Name), descriptor.IsConvex);
            Assert.Equal(descriptor.Targets == LossTargets.Sign, descriptor.BoundsZeroOneError);
        }

        var barron = LossRegistry.Get("barron");
        Assert.True(barron.IsConvexWith(new Dictionary<string, double> { ["alpha"] = 1.0 }));
        Assert.False(barron.IsConvexWith(new Dictionary<string, double> { ["alpha"] = 0.99 }));
        Assert.Equal(1.0 / Math.Log(2.0), LossRegistry.Get("logistic").ZeroOneScale);

        // Scaled by ZeroOneScale, every margin surrogate is exactly 1 at m = 0 and ≥ [m ≤ 0] on a grid of margins.
        var margins = Enumerable.Range(-400, 801).Select(i => i / 40.0).ToArray();
        var labels = margins.Select(_ => 1.0).ToArray();
        foreach (var descriptor in LossRegistry.All.Where(d => d.BoundsZeroOneError))
        {
            var values = new double[margins.Length];
            descriptor.Elementwise<double>(margins, labels, ReadOnlySpan<double>.Empty, values, Span<double>.Empty);
            for (var i = 0; i < margins.Length; i++)
            {
                var bound = descriptor.ZeroOneScale!.Value * values[i];
                Assert.True(bound >= (margins[i] <= 0 ? 1.0 : 0.0) - 1e-15, $"{descriptor.Name} at m = {margins[i]}: {bound}");
            }

            Assert.Equal(1.0, descriptor.ZeroOneScale!.Value * values[400], 14);
        }
    }

    [Fact]
    public void Row_losses_run_through_the_registry()
    {
        double[] logits = [1.0, 2.0, 0.5, -1.0, 0.0, 3.0];
        double[] q = [0.2, 0.5, 0.3, 0.0, 0.0, 1.0];
        var ce = LossRegistry.Get("softmax_cross_entropy");
        var parameters = new Dictionary<string, double> { ["columns"] = 3, ["label_smoothing"] = 0.1 };
        var expected = Loss.SoftmaxCrossEntropy<double>(logits, q, 3, ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Mean, 0.1);
        Assert.Equal(expected, ce.Reduce<double>(logits, q, ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.Mean, parameters));
        var rows = new double[2];
        ce.Elementwise<double>(logits, q, ReadOnlySpan<double>.Empty, rows, Span<double>.Empty, parameters);
        Near.Check(expected, (rows[0] + rows[1]) / 2, 1e-15, 0.0, "rows");
        var weights = Assert.Throws<ArgumentException>(() => ce.Reduce<double>(logits, q, [1.0, 1.0], Span<double>.Empty, Reduction.Mean, parameters));
        Assert.Equal("weights", weights.ParamName);

        var kl = LossRegistry.Get("kl_divergence");
        double[] logQ = [Math.Log(0.25), Math.Log(0.25), Math.Log(0.5)];
        double[] p = [0.5, 0.25, 0.25];
        Assert.Equal(
            Loss.KlDivergence<double>(logQ, p, 3, Span<double>.Empty),
            kl.Reduce<double>(logQ, p, ReadOnlySpan<double>.Empty, Span<double>.Empty, Reduction.BatchMean, new Dictionary<string, double> { ["columns"] = 3 }));
    }
}
