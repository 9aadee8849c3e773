using Functional.Laws.Generators;

namespace Functional.Properties.Generators;

/// <summary>Float versions of generated vectors.</summary>
public static class Floats
{
    /// <summary>
    /// p rounded to float, then corrected so that the float values, added in double, sum to 1 within 1e-8 (the
    /// double kernels accept 1.5e-8): the float and the double kernels then see the very same numbers. Null in the
    /// rare case no such float vector is near p (all entries large, so the float sums lie on a coarse grid).
    /// </summary>
    public static float[]? TryNarrow(double[] p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var f = p.Select(x => (float)x).ToArray();
        var largest = Array.IndexOf(f, f.Max());
        for (var pass = 0; pass < 8 && !(Math.Abs(Residual(f)) <= 1e-12); pass++)
        {
            // make the residual ≤ 0 by lowering the largest entry, then give the missing mass to the smallest
            // positive entry, whose float spacing is finest
            while (Residual(f) > 0.0 && f[largest] > 0f)
            {
                f[largest] = MathF.BitDecrement(f[largest]);
            }

            var smallest = -1;
            for (var i = 0; i < f.Length; i++)
            {
                if (p[i] > 0.0 && (smallest < 0 || f[i] < f[smallest]))
                {
                    smallest = i;
                }
            }

            f[smallest] = (float)(f[smallest] - Residual(f));
        }

        return Math.Abs(Residual(f)) <= 1e-8 && f.All(x => x is >= 0f and <= 1f) ? f : null;
    }

    /// <summary><see cref="TryNarrow"/>, or an exception.</summary>
    public static float[] Narrow(double[] p)
        => TryNarrow(p) ?? throw new InvalidOperationException($"no normalised float vector is near {Dists.Show(p)}");

    /// <summary>Whether every vector of the case has a float version (see <see cref="TryNarrow"/>).</summary>
    public static bool Narrowable(Dists c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Enumerable.Range(0, c.Count).All(k => TryNarrow(c[k]) is not null);
    }

    private static double Residual(float[] f) => f.Sum(x => (double)x) - 1.0;

    /// <summary>The float values, widened exactly.</summary>
    public static double[] Widen(float[] f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Select(x => (double)x).ToArray();
    }
}
