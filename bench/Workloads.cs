namespace Functional.Bench;

/// <summary>
/// Deterministic inputs for the kernels: generated in double with a seeded <see cref="Random"/>, normalised in double,
/// then converted to T (and renormalised in double if the conversion moved the sum).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Workload<T> where T : IFloatingPointIeee754<T>
{
    private Workload(int n, int columns)
    {
        N = n;
        Columns = columns;
        P = new T[n];
        Q = new T[n];
        LogP = new T[n];
        LogQ = new T[n];
        BatchP = new T[n];
        BatchQ = new T[n];
        Unit = new T[n];
        X = new T[n];
        Signs = new T[n];
        Destination = new T[n];
    }

    public int N { get; }

    /// <summary>Row length of the batch inputs (min(n, 1000)).</summary>
    public int Columns { get; }

    /// <summary>Uniform(0,1) weights normalised to a distribution (as peers.py: rng.random(n); p /= p.sum()).</summary>
    public T[] P { get; }

    public T[] Q { get; }

    public T[] LogP { get; }

    public T[] LogQ { get; }

    /// <summary>P and Q with every row of <see cref="Columns"/> entries normalised on its own.</summary>
    public T[] BatchP { get; }

    public T[] BatchQ { get; }

    /// <summary>Uniform(0,1) values, not normalised (binary entropy input).</summary>
    public T[] Unit { get; }

    /// <summary>Standard normal values (log-sum-exp, softmax, f of an expectation, sample average).</summary>
    public T[] X { get; }

    /// <summary>Labels −1 or +1 (the sign of <see cref="Unit"/> − ½), for margin losses.</summary>
    public T[] Signs { get; }

    public T[] Destination { get; }

    public static Workload<T> Create(int n, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var w = new Workload<T>(n, Math.Min(n, 1000));
        var rng = new Random(seed);
        var p = Uniform(rng, n);
        var q = Uniform(rng, n);
        var x = StandardNormal(rng, n);
        var unit = Uniform(rng, n);

        ToDistributions(NormalisedCopy(p, n), w.P, n);
        ToDistributions(NormalisedCopy(q, n), w.Q, n);
        ToDistributions(NormalisedCopy(p, w.Columns), w.BatchP, w.Columns);
        ToDistributions(NormalisedCopy(q, w.Columns), w.BatchQ, w.Columns);
        for (var i = 0; i < n; i++)
        {
            w.LogP[i] = T.Log(w.P[i]);
            w.LogQ[i] = T.Log(w.Q[i]);
        }

        ToT(x, w.X);
        ToT(unit, w.Unit);
        for (var i = 0; i < n; i++)
        {
            w.Signs[i] = unit[i] < 0.5 ? -T.One : T.One;
        }

        return w;
    }

    /// <summary>n values in [0, 1) from <paramref name="rng"/>.</summary>
    public static double[] Uniform(Random rng, int n)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var a = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = rng.NextDouble();
        }

        return a;
    }

    /// <summary>n standard normal values (Marsaglia's polar method).</summary>
    public static double[] StandardNormal(Random rng, int n)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var a = new double[n];
        for (var i = 0; i < n; i += 2)
        {
            double u, v, s;
            do
            {
                u = (2.0 * rng.NextDouble()) - 1.0;
                v = (2.0 * rng.NextDouble()) - 1.0;
                s = (u * u) + (v * v);
            }
            while (s is >= 1.0 or 0.0);

            var scale = Math.Sqrt(-2.0 * Math.Log(s) / s);
            a[i] = u * scale;
            if (i + 1 < n)
            {
                a[i + 1] = v * scale;
            }
        }

        return a;
    }

    /// <summary>A copy of <paramref name="weights"/> with every consecutive row of <paramref name="columns"/> entries divided by its sum.</summary>
    public static double[] NormalisedCopy(ReadOnlySpan<double> weights, int columns)
    {
        var a = weights.ToArray();
        for (var start = 0; start < a.Length; start += columns)
        {
            var row = a.AsSpan(start, Math.Min(columns, a.Length - start));
            var sum = 0.0;
            foreach (var v in row)
            {
                sum += v;
            }

            for (var i = 0; i < row.Length; i++)
            {
                row[i] /= sum;
            }
        }

        return a;
    }

    /// <summary>Converts rows normalised in double to T; a row whose converted sum drifted (float) is renormalised in double and converted again.</summary>
    private static void ToDistributions(ReadOnlySpan<double> source, Span<T> destination, int columns)
    {
        ToT(source, destination);
        for (var start = 0; start < destination.Length; start += columns)
        {
            Renormalise(destination.Slice(start, Math.Min(columns, destination.Length - start)));
        }
    }

    private static void ToT(ReadOnlySpan<double> source, Span<T> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = T.CreateTruncating(source[i]);
        }
    }

    private static void Renormalise(Span<T> row)
    {
        var sum = 0.0;
        foreach (var v in row)
        {
            sum += double.CreateTruncating(v);
        }

        if (Math.Abs(sum - 1.0) <= 1e-7)
        {
            return;
        }

        for (var i = 0; i < row.Length; i++)
        {
            row[i] = T.CreateTruncating(double.CreateTruncating(row[i]) / sum);
        }
    }
}
