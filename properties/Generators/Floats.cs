namespace Functional.Properties.Generators;

/// <summary>Float versions of generated vectors.</summary>
public static class Floats
{
    /// <summary>
    /// p rounded to float, then corrected (largest entries first) so that the float values, added in double,
    /// sum to 1 within 1e-9: the float and the double kernels then accept the very same numbers.
    /// </summary>
    public static float[] Narrow(double[] p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var f = p.Select(x => (float)x).ToArray();
        var largest = Array.IndexOf(f, f.Max());
        for (var attempt = 0; attempt < 3 && !(Math.Abs(Residual(f)) <= Accepted); attempt++)
        {
            if (attempt > 0)
            {
                // the largest entry rounded the wrong way for the others to absorb it: move it one float down or up
                f[largest] = Residual(f) > 0.0 ? MathF.BitDecrement(f[largest]) : MathF.BitIncrement(f[largest]);
            }

            foreach (var i in Enumerable.Range(0, f.Length).OrderByDescending(i => f[i]))
            {
                if (Math.Abs(Residual(f)) <= 1e-12)
                {
                    break;
                }

                if (attempt > 0 && i == largest)
                {
                    continue;
                }

                var corrected = (float)(f[i] - Residual(f));
                if (corrected is >= 0f and <= 1f && (f[i] > 0f || p[i] > 0.0))
                {
                    f[i] = corrected;
                }
            }
        }

        var error = Residual(f);
        if (!(Math.Abs(error) <= Accepted))
        {
            throw new InvalidOperationException($"could not narrow {Dists.Show(p)} to a normalised float vector (Σ − 1 = {error})");
        }

        return f;
    }

    /// <summary>Well inside the double kernels' tolerance √ε ≈ 1.5e-8.</summary>
    private const double Accepted = 5e-9;

    private static double Residual(float[] f) => f.Sum(x => (double)x) - 1.0;

    /// <summary>The float values, widened exactly.</summary>
    public static double[] Widen(float[] f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Select(x => (double)x).ToArray();
    }
}
