using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>L-BFGS on Rosenbrock (minimum (1, …, 1), SciPy's iteration counts as the yardstick) and on convex quadratics with a known minimiser.</summary>
public class LbfgsTests
{
    private static readonly LbfgsOptions Tight = new(GradientTolerance: 1e-10, RelativeTolerance: 0.0, MaxIterations: 1000);

    [Fact]
    public void Rosenbrock_2d_from_the_classic_start_reaches_1_1_about_as_fast_as_scipy()
    {
        // SciPy 1.10 L-BFGS-B, gtol 1e-10, ftol 0: 39 iterations, 47 evaluations
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, [-1.2, 1.0], Tight);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(LbfgsStop.GradientTolerance, result.Reason);
        Assert.Equal(1.0, result.Weights[0], 8);
        Assert.Equal(1.0, result.Weights[1], 8);
        Assert.True(result.Value < 1e-18, $"value {result.Value}");
        Assert.True(result.GradientMaxNorm <= 1e-10);
        Assert.InRange(result.Iterations, 1, 60);
        Assert.InRange(result.Evaluations, result.Iterations + 1, 80);
    }

    [Fact]
    public void Rosenbrock_10d_from_zero_reaches_all_ones()
    {
        // SciPy: 72 iterations, 91 evaluations
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, new double[10], Tight);
        Assert.True(result.Converged, result.ToString());
        foreach (var w in result.Weights)
        {
            Assert.Equal(1.0, w, 7);
        }

        Assert.InRange(result.Iterations, 1, 110);
    }

    [Fact]
    public void Convex_quadratic_reaches_the_closed_form_minimiser()
    {
        const int n = 30;
        var a = TestObjectives.SpdMatrix(n, seed: 7);
        var expected = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray();
        var b = TestObjectives.Multiply(a, expected);
        var result = Lbfgs.Minimize(TestObjectives.Quadratic(a, b), new double[n], Tight);
        Assert.True(result.Converged, $"{result.Reason} {result.GradientMaxNorm} {result.Iterations}");
        Assert.Equal(LbfgsStop.GradientTolerance, result.Reason);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], result.Weights[i], 7);
        }

        // minimum value −½ bᵀA⁻¹b = −½ bᵀx*
        var minimum = -0.5 * b.Zip(expected, (x, y) => x * y).Sum();
        Assert.Equal(minimum, result.Value, 10);
    }

    [Fact]
    public void Iterations_are_lazy_decreasing_and_end_with_the_stop_reason()
    {
        var iterates = Lbfgs.Iterations(TestObjectives.Rosenbrock, [-1.2, 1.0], Tight).ToList();
        Assert.True(iterates.Count > 5);
        Assert.All(iterates.SkipLast(1), r => Assert.Equal(LbfgsStop.Running, r.Reason));
        Assert.Equal(LbfgsStop.GradientTolerance, iterates[^1].Reason);
        for (var k = 1; k < iterates.Count; k++)
        {
            Assert.True(iterates[k].Value <= iterates[k - 1].Value, $"iteration {k}");
            Assert.Equal(k + 1, iterates[k].Iterations);
        }
    }

    [Fact]
    public void Enumerating_the_iterations_twice_gives_the_same_sequence()
    {
        var iterations = Lbfgs.Iterations(TestObjectives.Rosenbrock, [-1.2, 1.0], Tight);
        var first = iterations.Select(r => (r.Value, r.Weights[0], r.Weights[1])).ToList();
        var second = iterations.Select(r => (r.Value, r.Weights[0], r.Weights[1])).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Relative_tolerance_and_iteration_budget_stop_with_their_reasons()
    {
        var loose = Lbfgs.Minimize(TestObjectives.Rosenbrock, [-1.2, 1.0], new LbfgsOptions(GradientTolerance: 0.0, RelativeTolerance: 1e-3));
        Assert.Equal(LbfgsStop.RelativeReduction, loose.Reason);
        Assert.True(loose.Converged);
        var budget = Lbfgs.Minimize(TestObjectives.Rosenbrock, [-1.2, 1.0], new LbfgsOptions(MaxIterations: 3, GradientTolerance: 0.0, RelativeTolerance: 0.0));
        Assert.Equal(LbfgsStop.MaxIterations, budget.Reason);
        Assert.False(budget.Converged);
        Assert.Equal(3, budget.Iterations);
    }

    [Fact]
    public void Scikit_learn_preset_stops_at_its_gradient_tolerance_or_budget()
    {
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, [-1.2, 1.0], LbfgsOptions.ScikitLearn);
        Assert.True(result.Converged, result.ToString());
        Assert.True(result.GradientMaxNorm <= 1e-4 || result.Reason == LbfgsStop.RelativeReduction);
        Assert.InRange(result.Iterations, 1, 100);
        Assert.Equal(1.0, result.Weights[0], 3);
    }

    [Fact]
    public void Starting_at_the_optimum_returns_it_without_iterating()
    {
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, [1.0, 1.0]);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(1, result.Evaluations);
        Assert.True(result.Converged);
        Assert.Equal(0.0, result.Value);
    }

    [Fact]
    public void A_wrong_gradient_ends_in_a_line_search_failure_not_a_loop()
    {
        // R = ½‖w‖² with the gradient's sign flipped: every "descent" direction goes uphill
        var wrong = Objective.From((w, g) =>
        {
            var f = 0.0;
            for (var i = 0; i < w.Length; i++)
            {
                f += 0.5 * w[i] * w[i];
                g[i] = -w[i];
            }

            return f;
        });
        var result = Lbfgs.Minimize(wrong, [1.0, 2.0]);
        Assert.Equal(LbfgsStop.LineSearchFailed, result.Reason);
        Assert.False(result.Converged);
        Assert.Equal([1.0, 2.0], result.Weights.ToArray());
    }
}
