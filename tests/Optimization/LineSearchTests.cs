using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>Exact line search and the steepest-descent optimizer built on it.</summary>
public class LineSearchTests
{
    [Fact]
    public void Exact_step_on_a_quadratic_is_the_closed_form_g_g_over_g_A_g()
    {
        const int n = 12;
        var a = TestObjectives.SpdMatrix(n, seed: 3);
        var b = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
        var objective = TestObjectives.Quadratic(a, b);
        var w = Enumerable.Range(0, n).Select(i => 0.1 * i).ToArray();
        var g = new double[n];
        _ = objective.ValueAndGradient(w, g);
        var direction = g.Select(x => -x).ToArray();
        var gg = g.Sum(x => x * x);
        var gAg = g.Zip(TestObjectives.Multiply(a, g), (x, y) => x * y).Sum();
        var search = LineSearch.Exact(objective, w, direction, initialStep: 0.01);
        Assert.True(search.Succeeded);
        Assert.Equal(gg / gAg, search.Step, 12);
        Assert.Equal(3, search.Evaluations);
    }

    [Fact]
    public void Exact_step_on_a_non_quadratic_is_a_stationary_point_of_the_line()
    {
        var w = new[] { -1.2, 1.0 };
        var g = new double[2];
        _ = TestObjectives.Rosenbrock.ValueAndGradient(w, g);
        var d = g.Select(x => -x).ToArray();
        var search = LineSearch.Exact(TestObjectives.Rosenbrock, w, d, 1.0);
        // φ(α) near its minimum: neighbours 1e-6 relative away are not lower
        double Phi(double alpha) => TestObjectives.Rosenbrock.ValueAndGradient(new[] { w[0] + (alpha * d[0]), w[1] + (alpha * d[1]) }, new double[2]);
        Assert.True(search.Step > 0);
        Assert.True(search.Value <= Phi(search.Step * (1 + 1e-6)) + 1e-12);
        Assert.True(search.Value <= Phi(search.Step * (1 - 1e-6)) + 1e-12);
        Assert.True(search.Value < Phi(0));
    }

    [Fact]
    public void Ascent_direction_gives_step_zero()
    {
        var w = new[] { 0.5, 0.5 };
        var g = new double[2];
        _ = TestObjectives.Rosenbrock.ValueAndGradient(w, g);
        var search = LineSearch.Exact(TestObjectives.Rosenbrock, w, g, 1.0);
        Assert.Equal(0.0, search.Step);
    }

    [Fact]
    public void Steepest_descent_on_a_quadratic_reaches_the_minimiser()
    {
        const int n = 6;
        var a = TestObjectives.SpdMatrix(n, seed: 11, shift: 0.5);
        var expected = Enumerable.Range(0, n).Select(i => (double)i - 2).ToArray();
        var objective = TestObjectives.Quadratic(a, TestObjectives.Multiply(a, expected));
        var optimizer = Optimizers.SteepestDescent();
        var w = new double[n];
        var state = optimizer.Init(w);
        var g = new double[n];
        var previous = double.PositiveInfinity;
        for (var k = 0; k < 500; k++)
        {
            var value = objective.ValueAndGradient(w, g);
            Assert.True(value <= previous + 1e-12, $"step {k}: {value} > {previous}");
            previous = value;
            var step = optimizer.Step(w, g, state, 1.0, objective);
            (w, state) = (step.Parameters.ToArray(), step.State);
        }

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], w[i], 8);
        }
    }
}
