using System.Text.Json;
using Functional.Optimization;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Properties.Laws;

namespace Functional.Properties.Optimization;

/// <summary>The optimizer laws applied to the core's optimizers.</summary>
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
        ["adam"] = OptimizerUnderTest.From(Optimizers.Adam()),
        ["adam-amsgrad-decay"] = OptimizerUnderTest.From(Optimizers.Adam(0.8, 0.99, 1e-6, 0.1, true)),
        ["adamw"] = OptimizerUnderTest.From(Optimizers.AdamW()),
        ["clip"] = OptimizerUnderTest.From(Optimizers.ClipByGlobalNorm(1.0)),
        ["weight-decay"] = OptimizerUnderTest.From(Optimizers.WeightDecay(0.1)),
        ["ista"] = OptimizerUnderTest.From(Optimizers.Chain(Optimizers.GradientDescent(), Optimizers.L1(0.5))),
        ["elastic-net"] = OptimizerUnderTest.From(Optimizers.Chain(Optimizers.Sgd(0.5), Optimizers.ElasticNet(0.5, 0.2))),
        ["clipped-adam"] = OptimizerUnderTest.From(Optimizers.Chain(Optimizers.ClipByGlobalNorm(0.5), Optimizers.WeightDecay(0.01), Optimizers.Adam())),
        ["sam"] = OptimizerUnderTest.From(Optimizers.SharpnessAware(Optimizers.Sgd(0.9), 0.05), Bowl),
        ["steepest-descent"] = OptimizerUnderTest.From(Optimizers.SteepestDescent(), Bowl),
    };

    public static TheoryData<string> Names => new(All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Update_never_mutates_its_inputs_and_is_deterministic(string name)
        => Holds.ForAll(OptimizationGenerators.OptimizerCases(), OptimizerLaws.UpdateIsPure(All[name]));

    [Theory]
    [MemberData(nameof(Names))]
    public void Resuming_from_a_json_round_tripped_state_equals_the_uninterrupted_run(string name)
        => Holds.ForAll(
            OptimizationGenerators.OptimizerCases(),
            OptimizerLaws.ResumeEqualsUninterrupted(All[name], s => JsonSerializer.Deserialize<OptimizerState>(JsonSerializer.Serialize((OptimizerState)s))!));

    public static TheoryData<string> DescentMethods => new("gd", "sgd");

    [Theory]
    [MemberData(nameof(DescentMethods))]
    public void Gradient_descent_below_2_over_L_decreases_a_convex_quadratic_monotonically_to_its_minimiser(string name)
        => Holds.ForAll(OptimizationGenerators.Quadratics(), OptimizerLaws.DescendsMonotonicallyToTheMinimiser(All[name]));

    [Fact]
    public void Coupled_weight_decay_in_sgd_is_the_textbook_step()
        => Holds.ForAll(OptimizationGenerators.OptimizerCases(), OptimizerLaws.WeightDecayStep(OptimizerUnderTest.From(Optimizers.Sgd(weightDecay: 0.3)), 0.3));

    [Fact]
    public void Weight_decay_chained_before_gradient_descent_is_the_textbook_step()
        => Holds.ForAll(
            OptimizationGenerators.OptimizerCases(),
            OptimizerLaws.WeightDecayStep(OptimizerUnderTest.From(Optimizers.Chain(Optimizers.WeightDecay(2.5), Optimizers.GradientDescent())), 2.5));

    [Fact]
    public void Sgd_with_robbins_monro_steps_converges_on_a_strongly_convex_problem()
        => Holds.ForAll(
            OptimizationGenerators.Stochastic(),
            OptimizerLaws.StochasticStepsConverge(OptimizerUnderTest.From(Optimizers.Sgd()), c => t => Schedules.RobbinsMonro(c.Initial).At(t)));

    [Fact]
    public void Sam_with_a_zero_gradient_takes_the_inner_optimizers_step()
        => Holds.ForAll(
            OptimizationGenerators.OptimizerCases(),
            OptimizerLaws.ZeroGradientStepIsSafe(All["sam"], OptimizerUnderTest.From(Optimizers.Sgd(0.9))));

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
        var failure = Holds.NotForAll(OptimizationGenerators.OptimizerCases(), OptimizerLaws.UpdateIsPure(leaky));
        Assert.Contains("wrote into the gradient", failure.Reason, StringComparison.Ordinal);
    }
}
