using Functional.Numerics;

namespace Functional.Models;

/// <summary>The result of a Newton (IRLS) fit: the parameters, the risk there, and how the iteration ended.</summary>
/// <param name="Parameters">θ̂ in the model's layout.</param>
/// <param name="Risk">R(θ̂).</param>
/// <param name="GradientNorm">max_j |∂R/∂θ_j| at θ̂.</param>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="Converged">Whether the gradient fell below the tolerance.</param>
public sealed record NewtonResult(ReadOnlyMemory<double> Parameters, double Risk, double GradientNorm, int Iterations, bool Converged);

/// <summary>Damped Newton's method with an Armijo backtracking line search, for the smooth convex model risks.</summary>
internal static class Newton
{
    internal delegate double ValueAndGradient(ReadOnlySpan<double> parameters, Span<double> gradient);

    internal delegate void Hessian(ReadOnlySpan<double> parameters, double[] hessian);

    internal static NewtonResult Minimize(int p, ValueAndGradient risk, Hessian hessian, double tolerance, int maxIterations)
    {
        var theta = new double[p];
        var trial = new double[p];
        var gradient = new double[p];
        var step = new double[p];
        var h = new double[p * p];
        var value = risk(theta, gradient);
        var iterations = 0;
        for (; iterations < maxIterations && MaxAbs(gradient) > tolerance; iterations++)
        {
            hessian(theta, h);
            // A shift of 1e-12 × the largest curvature keeps the factorisation positive definite along the directions a
            // model leaves free (the common shift of softmax intercepts); the gradient is 0 along them, so they do not move.
            var largest = 0.0;
            for (var j = 0; j < p; j++)
            {
                largest = Math.Max(largest, h[(j * p) + j]);
            }

            for (var j = 0; j < p; j++)
            {
                h[(j * p) + j] += (1e-12 * largest) + 1e-300;
            }

            if (!LinearAlgebra.SolveCholesky(h, p, gradient, step))
            {
                break;
            }

            var slope = Dense.Dot(gradient, step);
            var t = 1.0;
            var accepted = false;
            while (t > 1e-12)
            {
                for (var j = 0; j < p; j++)
                {
                    trial[j] = theta[j] - (t * step[j]);
                }

                var trialValue = risk(trial, Span<double>.Empty);
                if (trialValue <= value - (1e-4 * t * slope) || (t == 1.0 && trialValue <= value))
                {
                    accepted = true;
                    break;
                }

                t *= 0.5;
            }

            if (!accepted)
            {
                // no decrease within rounding: θ is as good as this precision allows
                break;
            }

            (theta, trial) = (trial, theta);
            value = risk(theta, gradient);
        }

        var norm = MaxAbs(gradient);
        return new NewtonResult(theta, value, norm, iterations, norm <= tolerance);
    }

    internal static void CheckSettings(double tolerance, int maxIterations)
    {
        if (!(tolerance > 0.0) || double.IsPositiveInfinity(tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance = {Format.Number(tolerance)}; it must be finite and greater than 0.");
        }

        Regularizer.AtLeastOne(maxIterations, nameof(maxIterations));
    }

    internal static void CheckSmooth(Regularizer regularizer)
    {
        if (regularizer.L1 != 0.0)
        {
            throw new ArgumentException(
                $"regularizer has L1 = {Format.Number(regularizer.L1)}; Newton's method needs a smooth risk (L2 only). Use a proximal optimizer for L1.",
                nameof(regularizer));
        }
    }

    private static double MaxAbs(ReadOnlySpan<double> x)
    {
        var m = 0.0;
        foreach (var v in x)
        {
            m = Math.Max(m, Math.Abs(v));
        }

        return double.IsNaN(m) ? double.PositiveInfinity : m;
    }
}
