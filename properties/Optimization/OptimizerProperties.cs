using System.Text.Json;
using Functional.Laws;
using Functional.Optimization;

namespace Functional.Properties.Optimization;

/// <summary>The optimizer laws of the laws package (<see cref="LawsOf.Optimizer"/>) applied to the core's optimizers.</summary>
public class OptimizerProperties
{
    /// <summary>R(w) = ½‖w‖², for the optimizers that re-evaluate an objective.</summary>
    private static readonly IDifferentiableObjective Bowl = Objective.From((w, g) =>
    {
        var f = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            g[i] = w[i];
            f += 0.5 * w[i] * w[i];
        }

        return f;
    });

    private static readonly Dictionary<string, OptimizerUnderTest> All = new()
    {
        ["gd"] = OptimizerUnderTest.From(Optimizers.GradientDescent()),
        ["sgd"] = OptimizerUnderTest.From(Optimizers.Sgd()),
        ["sgd-momentum-dampening"] = OptimizerUnderTest.From(Optimizers.Sgd(0.9, 0.3)),
        ["sgd-nesterov-decay"] = OptimizerUnderTest.From(Optimizers.Sgd(0.8, 0.0, true, 0.01)),
        ["sgd-decay"] = OptimizerUnderTest.From(Optimizers.Sgd(weightDecay: 0.3)),
        ["adam"] = OptimizerUnderTest.From(Optimizers.Adam()),
        ["adam-amsgrad-decay"] = OptimizerUnderTest.From(Optimizers.Adam(0.8, 0.99, 1e-6, 0.1, true)),
        ["adamw"] = OptimizerUnderTest.From(Optimizers.AdamW()),
        ["clip"] = OptimizerUnderTest.From(Optimizers.ClipByGlobalNorm(1.0)),
        ["weight-decay"] = OptimizerUnderTest.From(Optimizers.WeightDecay(0.1)),
        ["decay-then-gd"] = OptimizerUnderTest.From(Optimizers.Chain(Optimizers.WeightDecay(2.5), Optimizers.GradientDescent())),
        ["ista"] = OptimizerUnderTest.From(Optimizers.Chain(Optimizers.GradientDescent(), Optimizers.L1(0.5))),
        ["elastic-net"] = OptimizerUnderTest.From(Optimizers.Chain(Optimizers.Sgd(0.5), Optimizers.ElasticNet(0.5, 0.2))),
        ["clipped-adam"] = OptimizerUnderTest.From(Optimizers.Chain(Optimizers.ClipByGlobalNorm(0.5), Optimizers.WeightDecay(0.01), Optimizers.Adam())),
        ["sam"] = OptimizerUnderTest.From(Optimizers.SharpnessAware(Optimizers.Sgd(0.9), 0.05), Bowl),
        ["steepest-descent"] = OptimizerUnderTest.From(Optimizers.SteepestDescent(), Bowl),
    };

    /// <summary>Our states are records that round-trip through JSON; resuming from one must be exact.</summary>
    private static readonly Func<object, object> JsonRoundTrip
        = s => JsonSerializer.Deserialize<OptimizerState>(JsonSerializer.Serialize((OptimizerState)s))!;

    /// <summary>What each of ours claims beyond the basic laws.</summary>
    private static OptimizerTraits TraitsOf(string name) => name switch
    {
        "gd" => new() { RoundTrip = JsonRoundTrip, DescendsOnQuadratics = true },
        "sgd" => new()
        {
            RoundTrip = JsonRoundTrip,
            DescendsOnQuadratics = true,
            RobbinsMonro = c => t => Schedules.RobbinsMonro(c.Initial).At(t),
        },
        "sgd-decay" => new() { RoundTrip = JsonRoundTrip, CoupledWeightDecay = 0.3 },
        "decay-then-gd" => new() { RoundTrip = JsonRoundTrip, CoupledWeightDecay = 2.5 },
        "sam" => new() { RoundTrip = JsonRoundTrip, ZeroGradientReference = OptimizerUnderTest.From(Optimizers.Sgd(0.9)) },
        _ => new() { RoundTrip = JsonRoundTrip },
    };

    public static TheoryData<string> Names => new(All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_optimizer_obeys_the_optimizer_laws(string name)
        => LawsOf.Optimizer(All[name], TraitsOf(name)).Verify(LawConfig.FromEnvironment());

    [Fact]
    public void The_suites_claim_what_the_issue_asks_of_gradient_descent()
    {
        var laws = LawsOf.Optimizer(All["sgd"], TraitsOf("sgd")).All.Select(l => l.Name).ToArray();
        Assert.Equal(
            ["leaves inputs untouched", "deterministic", "finite", "descends on convex quadratics", "resumes exactly", "Robbins–Monro convergence"],
            laws);
    }

    [Fact]
    public void The_purity_law_catches_an_optimizer_that_writes_into_the_gradient()
    {
        // the law must be able to fail: an "optimizer" that clips the gradient in place
        var leaky = new OptimizerUnderTest(
            "leaky",
            w => 0,
            (g, s, w, rate, u) =>
            {
                for (var i = 0; i < g.Length; i++)
                {
                    g[i] = Math.Clamp(g[i], -1, 1);
                    u[i] = -rate * g[i];
                }

                return s;
            },
            s => s.ToString()!);
        var report = LawsOf.Optimizer(leaky).Check();
        var failure = report["leaves inputs untouched"].Failure;
        Assert.NotNull(failure);
        Assert.Contains("wrote into the gradient", failure.Reason, StringComparison.Ordinal);
        Assert.True(report["deterministic"].Held);
    }
}
