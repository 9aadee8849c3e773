using System.Runtime.CompilerServices;
using System.Text.Json;
using Functional.Numerics;
using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>
/// L-BFGS on L2-regularised logistic regression against scikit-learn 1.2's lbfgs (reference/sklearn_logistic.py, 300 × 6
/// synthetic points): the same objective C·Σ log(1 + e^{−y(x·w + b)}) + ½‖w‖², the same optimum.
/// </summary>
public class LbfgsLogisticTests
{
    private static JsonElement Reference([CallerFilePath] string path = "")
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, "reference", "sklearn_logistic.json"))).RootElement;

    private static IDifferentiableObjective Objective(double[][] x, double[] y, double c)
    {
        var d = x[0].Length;
        return Functional.Optimization.Objective.From((theta, g) =>
        {
            g.Clear();
            var f = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                var z = theta[d];
                for (var j = 0; j < d; j++)
                {
                    z += x[i][j] * theta[j];
                }

                var margin = y[i] * z;
                f += c * Logistic.Softplus(-margin);
                var weight = -c * y[i] * Logistic.Sigmoid(-margin);
                for (var j = 0; j < d; j++)
                {
                    g[j] += weight * x[i][j];
                }

                g[d] += weight;
            }

            for (var j = 0; j < d; j++)
            {
                f += 0.5 * theta[j] * theta[j];
                g[j] += theta[j];
            }

            return f;
        });
    }

    [Fact]
    public void Reaches_the_optimum_scikit_learn_approaches_within_twice_its_iterations()
    {
        var reference = Reference();
        var x = reference.GetProperty("X").EnumerateArray().Select(TorchReference.Doubles).ToArray();
        var y = TorchReference.Doubles(reference.GetProperty("y"));
        var objective = Objective(x, y, reference.GetProperty("C").GetDouble());
        var d = x[0].Length;
        var result = Lbfgs.Minimize(objective, new double[d + 1], new LbfgsOptions(GradientTolerance: 1e-9, RelativeTolerance: 0.0));
        Assert.True(result.Converged, result.ToString());
        // scikit-learn stopped early (its max|gradient| ≈ 2e-4); ours is at least as low and agrees to 1e-9 relative
        var sklearn = reference.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(result.Value - sklearn) <= 1e-9 * sklearn, $"objective {result.Value:R} vs scikit-learn {sklearn:R}");
        Assert.True(result.Value <= sklearn, $"objective {result.Value:R} above scikit-learn's {sklearn:R}");
        // the optimum itself (scikit-learn's answer polished by Newton's method): to 1e-9 in every coefficient
        var optimum = TorchReference.Doubles(reference.GetProperty("optimum"));
        for (var j = 0; j <= d; j++)
        {
            Assert.Equal(optimum[j], result.Weights[j], 9);
        }

        Assert.Equal(reference.GetProperty("optimumObjective").GetDouble(), result.Value, 12);
        // scikit-learn's lbfgs needed 20 iterations (tol 1e-12, stopped by its relative-reduction test at 64ε)
        Assert.InRange(result.Iterations, 1, 2 * reference.GetProperty("iterations").GetInt32());
    }
}
