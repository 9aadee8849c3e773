using System.Text.Json;
using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>Worked examples of the transforms (clip, weight decay, prox, chain), SAM, and the state's JSON round trip and resume.</summary>
public class OptimizerBehaviourTests
{
    private static double[] Apply(Optimizer o, double[] w, double[] g, double rate)
    {
        var updates = new double[w.Length];
        _ = o.Update(g, o.Init(w), w, rate, updates);
        return updates;
    }

    [Fact]
    public void Clip_scales_a_long_gradient_to_the_maximum_norm_and_leaves_short_and_zero_ones_alone()
    {
        var clip = Optimizers.ClipByGlobalNorm(1.0);
        var clipped = Apply(clip, [0, 0], [3.0, 4.0], 0.1);
        Assert.Equal(0.6, clipped[0], 15);
        Assert.Equal(0.8, clipped[1], 15);
        Assert.Equal([0.3, 0.4], Apply(clip, [0, 0], [0.3, 0.4], 0.1));
        Assert.Equal([0.0, 0.0], Apply(clip, [0, 0], [0.0, 0.0], 0.1));
        // the norm does not overflow for huge gradients
        var huge = Apply(clip, [0, 0], [3e300, 4e300], 0.1);
        Assert.Equal(0.6, huge[0], 15);
        Assert.Equal(0.8, huge[1], 15);
    }

    [Fact]
    public void Chained_weight_decay_and_gradient_descent_is_the_textbook_decay_step()
    {
        // w ← (1 − ητ)w − η∇R with η = 0.1, τ = 0.5
        var o = Optimizers.Chain(Optimizers.WeightDecay(0.5), Optimizers.GradientDescent());
        double[] w = [2.0, -4.0];
        double[] g = [1.0, 1.0];
        var next = o.Step(w, g, o.Init(w), 0.1).Parameters;
        Assert.Equal((0.95 * 2.0) - 0.1, next[0], 15);
        Assert.Equal((0.95 * -4.0) - 0.1, next[1], 15);
    }

    [Fact]
    public void L1_prox_soft_thresholds_to_exact_zeros_and_elastic_net_also_shrinks()
    {
        // v = w − ηg = (1.0, 0.05, −0.3, −0.02); threshold ηλ = 0.1·1 = 0.1
        double[] w = [1.0, 0.05, -0.3, -0.02];
        double[] g = [0, 0, 0, 0];
        var ista = Optimizers.Chain(Optimizers.GradientDescent(), Optimizers.L1(1.0));
        var next = ista.Step(w, g, ista.Init(w), 0.1).Parameters.ToArray();
        Assert.Equal([0.9, 0.0, -0.2, 0.0], next.Select(x => Math.Round(x, 15)).ToArray());
        Assert.True(double.IsPositive(next[3]) || next[3] == 0.0);
        var net = Optimizers.Chain(Optimizers.GradientDescent(), Optimizers.ElasticNet(1.0, 2.0));
        var shrunk = net.Step(w, g, net.Init(w), 0.1).Parameters;
        Assert.Equal(0.9 / 1.2, shrunk[0], 15);
        Assert.Equal(0.0, shrunk[1]);
        Assert.Equal(-0.2 / 1.2, shrunk[2], 15);
    }

    [Fact]
    public void Ista_reaches_the_lasso_solution_of_a_separable_problem()
    {
        // R = ½‖w − c‖² + λ‖w‖₁ has the minimiser S(c, λ)
        double[] c = [3.0, 0.4, -2.0, -0.1];
        const double lambda = 0.5;
        var objective = Objective.From((w, g) =>
        {
            var f = 0.0;
            for (var i = 0; i < w.Length; i++)
            {
                g[i] = w[i] - c[i];
                f += 0.5 * g[i] * g[i];
            }

            return f;
        });
        var ista = Optimizers.Chain(Optimizers.GradientDescent(), Optimizers.L1(lambda));
        var w = new double[4];
        var state = ista.Init(w);
        var grad = new double[4];
        for (var k = 0; k < 200; k++)
        {
            _ = objective.ValueAndGradient(w, grad);
            var step = ista.Step(w, grad, state, 0.5);
            (w, state) = (step.Parameters.ToArray(), step.State);
        }

        double[] expected = [2.5, 0.0, -1.5, 0.0];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], w[i], 12);
        }
    }

    [Fact]
    public void Sam_steps_with_the_gradient_at_the_perturbed_point()
    {
        // R(w) = Σ w⁴/4, ∇R = w³; w = (1, 0): ε = ρ(1, 0), ∇R(w + ε) = ((1 + ρ)³, 0)
        var objective = Objective.From((w, g) =>
        {
            var f = 0.0;
            for (var i = 0; i < w.Length; i++)
            {
                g[i] = w[i] * w[i] * w[i];
                f += w[i] * w[i] * w[i] * w[i] / 4;
            }

            return f;
        });
        var sam = Optimizers.SharpnessAware(Optimizers.GradientDescent(), 0.1);
        double[] w = [1.0, 0.0];
        var next = sam.Step(w, [1.0, 0.0], sam.Init(w), 0.5, objective);
        Assert.Equal(1.0 - (0.5 * 1.1 * 1.1 * 1.1), next.Parameters[0], 14);
        Assert.Equal(0.0, next.Parameters[1]);
        Assert.Equal("gd", next.State.Inner[0].Kind);
        Assert.Equal(1, next.State.Inner[0].Count);
    }

    [Fact]
    public void Sam_with_a_zero_gradient_does_not_evaluate_and_does_not_produce_NaN()
    {
        var calls = 0;
        var objective = Objective.From((w, g) =>
        {
            calls++;
            g.Clear();
            return 0.0;
        });
        var sam = Optimizers.SharpnessAware(Optimizers.Sgd(momentum: 0.9), 0.05);
        double[] w = [0.5, -0.5];
        var next = sam.Step(w, [0.0, 0.0], sam.Init(w), 0.1, objective);
        Assert.Equal(w, next.Parameters.ToArray());
        Assert.Equal(0, calls);
        Assert.All(next.State.Inner[0].Buffers[0], b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void State_round_trips_through_json_and_resuming_equals_the_uninterrupted_run()
    {
        var o = Optimizers.Chain(Optimizers.ClipByGlobalNorm(2.0), Optimizers.Adam(amsgrad: true));
        var gradients = TorchReference.Gradients;
        double[] w0 = [.. TorchReference.Initial];

        (double[] W, OptimizerState S) Run(double[] w, OptimizerState s, int from, int to)
        {
            for (var t = from; t < to; t++)
            {
                var step = o.Step(w, gradients[t], s, 0.01);
                (w, s) = (step.Parameters.ToArray(), step.State);
            }

            return (w, s);
        }

        var (wAll, sAll) = Run(w0, o.Init(w0), 0, 20);
        var (wHalf, sHalf) = Run(w0, o.Init(w0), 0, 10);
        var json = JsonSerializer.Serialize(sHalf);
        var restored = JsonSerializer.Deserialize<OptimizerState>(json)!;
        Assert.Equal(sHalf, restored);
        var (wResumed, sResumed) = Run(wHalf, restored, 10, 20);
        Assert.Equal(wAll, wResumed);
        Assert.Equal(sAll, sResumed);
        Assert.Contains("\"Kind\":\"chain\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Plateau_state_round_trips_through_json_before_and_after_the_first_metric()
    {
        var plateau = ReduceOnPlateau.Create(patience: 0, factor: 0.5);
        var s0 = plateau.Init(0.1);
        Assert.Equal(s0, JsonSerializer.Deserialize<PlateauState>(JsonSerializer.Serialize(s0)));
        var s2 = plateau.Update(plateau.Update(s0, 1.0), 2.0);
        Assert.Equal(0.05, s2.LearningRate);
        Assert.Equal(s2, JsonSerializer.Deserialize<PlateauState>(JsonSerializer.Serialize(s2)));
    }

    [Fact]
    public void States_differ_when_a_single_buffer_bit_differs()
    {
        var a = new OptimizerState("sgd", 2, 3, [[1.0, 2.0]], []);
        var b = new OptimizerState("sgd", 2, 3, [[1.0, Math.BitIncrement(2.0)]], []);
        Assert.NotEqual(a, b);
        Assert.Equal(a, new OptimizerState("sgd", 2, 3, [[1.0, 2.0]], []));
    }
}
