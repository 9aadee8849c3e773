using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Functional.Laws.Generators;

namespace Functional.Properties.Generators;

/// <summary>Logits o, a probability target q of the same length (1 … 300), a shift c and a seed for a random direction.</summary>
public sealed record SoftmaxCase(double[] Logits, double[] Target, double Shift, int Seed)
{
    public int Length => Logits.Length;

    /// <summary>A direction v with entries in [−1, 1] (from <see cref="Seed"/>), for directional derivatives.</summary>
    public double[] Direction()
    {
        var random = new Random(Seed);
        return Enumerable.Range(0, Length).Select(_ => (2.0 * random.NextDouble()) - 1.0).ToArray();
    }

    public override string ToString()
        => $"n = {Length}, c = {Shift.ToString("R", CultureInfo.InvariantCulture)}, seed = {Seed}; "
           + $"o = {Dists.Show(Logits)}; q = {Dists.Show(Target)}";
}

/// <summary>Softmax cross-entropy cases (the element-wise loss generators are in <see cref="LossGenerators"/>, in the laws package).</summary>
public static class SoftmaxGenerators
{
    /// <summary>Softmax cases: logits with |o| ≤ 1e300 (so that differences of logits stay finite), q of any shape, |c| ≤ 1e300.</summary>
    public static Arbitrary<SoftmaxCase> Softmax()
    {
        var gen = from n in LossGenerators.Length
                  from seed in Gen.Choose(int.MinValue, int.MaxValue)
                  from shape in Gen.Elements(Enum.GetValues<Shape>())
                  select BuildSoftmax(n, seed, shape);
        return Arb.From(gen, ShrinkSoftmax);
    }

    private static SoftmaxCase BuildSoftmax(int n, int seed, Shape shape)
    {
        var random = new Random(seed);
        var q = Arbs.Draw(random, n, shape);
        var wide = random.Next(4) == 0;
        var logits = Enumerable.Range(0, n)
            .Select(_ => wide
                ? (random.Next(2) == 0 ? -1.0 : 1.0) * Math.Pow(10.0, -300.0 + (600.0 * random.NextDouble()))
                : (random.NextDouble() - 0.5) * 40.0)
            .ToArray();
        var shift = random.Next(3) switch
        {
            0 => 0.0,
            1 => (random.NextDouble() - 0.5) * 100.0,
            _ => (random.Next(2) == 0 ? -1.0 : 1.0) * Math.Pow(10.0, -300.0 + (600.0 * random.NextDouble())),
        };
        return new SoftmaxCase(logits, q, shift, random.Next());
    }

    private static IEnumerable<SoftmaxCase> ShrinkSoftmax(SoftmaxCase c)
    {
        var n = c.Length;
        if (n <= 1)
        {
            yield break;
        }

        foreach (var (start, length) in new[] { (0, n / 2), (n / 2, n - (n / 2)) })
        {
            var q = c.Target.AsSpan(start, length).ToArray();
            if (q.Sum() > 0.0)
            {
                yield return c with { Logits = c.Logits.AsSpan(start, length).ToArray(), Target = Arbs.Normalize(q) };
            }
        }
    }
}
