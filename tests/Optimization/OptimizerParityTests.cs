using System.Text.Json;
using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>
/// torch.optim.SGD / Adam / AdamW against ours on the same float64 parameters and the same fixed sequence of 25 gradients
/// (reference/torch_reference.py): every parameter after every step to 1e-12 relative (max(1, |w|)).
/// </summary>
public class OptimizerParityTests
{
    public static TheoryData<string> Cases => new(TorchReference.OptimizerNames);

    private static double D(JsonElement p, string name, double fallback) => p.TryGetProperty(name, out var e) ? e.GetDouble() : fallback;

    private static bool B(JsonElement p, string name) => p.TryGetProperty(name, out var e) && e.GetBoolean();

    internal static Optimizer Build(string name, JsonElement p) => name switch
    {
        _ when name.StartsWith("sgd", StringComparison.Ordinal) => Optimizers.Sgd(D(p, "momentum", 0), D(p, "dampening", 0), B(p, "nesterov"), D(p, "weightDecay", 0)),
        _ when name.StartsWith("adamw", StringComparison.Ordinal) => Optimizers.AdamW(D(p, "beta1", 0.9), D(p, "beta2", 0.999), D(p, "eps", 1e-8), D(p, "weightDecay", 0.01), B(p, "amsgrad")),
        _ => Optimizers.Adam(D(p, "beta1", 0.9), D(p, "beta2", 0.999), D(p, "eps", 1e-8), D(p, "weightDecay", 0), B(p, "amsgrad")),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Trajectory_equals_pytorch(string name)
    {
        var reference = TorchReference.Optimizer(name);
        var p = reference.GetProperty("params");
        var varying = reference.GetProperty("varying").GetBoolean();
        var optimizer = Build(name, p);
        var gradients = TorchReference.Gradients;
        var rates = TorchReference.Rates;
        var w = TorchReference.Initial;
        var state = optimizer.Init(w);
        var trajectory = reference.GetProperty("trajectory").EnumerateArray().Select(TorchReference.Doubles).ToArray();
        for (var t = 0; t < gradients.Length; t++)
        {
            var step = optimizer.Step(w, gradients[t], state, varying ? rates[t] : p.GetProperty("lr").GetDouble());
            (w, state) = (step.Parameters.ToArray(), step.State);
            TorchReference.Close(trajectory[t], w, 1e-12, $"{name} step {t + 1}");
        }

        Assert.Equal(gradients.Length, state.Count);
    }

    [Fact]
    public void Sgd_momentum_buffer_starts_at_the_first_gradient_without_dampening()
    {
        var sgd = Optimizers.Sgd(momentum: 0.9, dampening: 0.5);
        double[] w = [1.0, -2.0];
        var s1 = sgd.Step(w, [0.5, 1.0], sgd.Init(w), 0.1);
        Assert.Equal([0.5, 1.0], s1.State.Buffers[0].ToArray());
        var s2 = sgd.Step(s1.Parameters.AsSpan(), [1.0, 1.0], s1.State, 0.1);
        // b = 0.9·b + (1 − 0.5)·g
        Assert.Equal([(0.9 * 0.5) + 0.5, (0.9 * 1.0) + 0.5], s2.State.Buffers[0].ToArray());
    }

    [Fact]
    public void Adam_first_step_moves_each_coordinate_by_about_the_learning_rate()
    {
        // with m̂ = g and v̂ = g², the first step is −η·g/(|g| + ε): η in magnitude whatever the gradient's scale
        var adam = Optimizers.Adam();
        double[] w = [0.0, 0.0, 0.0];
        var step = adam.Step(w, [1e-3, -5.0, 1e3], adam.Init(w), 0.01);
        Assert.Equal(-0.01 * 1e-3 / (1e-3 + 1e-8), step.Parameters[0], 15);
        Assert.Equal(0.01, step.Parameters[1], 10);
        Assert.Equal(-0.01, step.Parameters[2], 12);
    }
}
