using FsCheck;
using FsCheck.Fluent;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Laws.Generators;

/// <summary>The shapes a generated probability vector can take.</summary>
public enum Shape
{
    /// <summary>Positive weights of moderate spread.</summary>
    Dense,

    /// <summary>Some entries exactly 0 (at least one positive).</summary>
    Sparse,

    /// <summary>One entry ≈ 1, the others tiny (1e-300 … 1e-12), some of them 0.</summary>
    NearDegenerate,

    /// <summary>Weights spread over many orders of magnitude (1e-20 … 1).</summary>
    Spiky,

    /// <summary>Few distinct values (ties).</summary>
    FewValues,

    /// <summary>All 1/n.</summary>
    Uniform,

    /// <summary>A single 1.</summary>
    OneHot,
}

/// <summary>
/// Generators (with shrinking) for probability vectors and the other inputs of the information measures.
/// Never FsCheck's default double generator: it yields NaN and infinities.
/// </summary>
public static class Arbs
{
    private static readonly Shape[] AllShapes = Enum.GetValues<Shape>();

    private static readonly Shape[] PositiveShapes = [Shape.Dense, Shape.Spiky, Shape.FewValues, Shape.Uniform];

    /// <summary>Lengths 1 … 1000, mostly short.</summary>
    public static Gen<int> Length { get; } = Gen.Frequency(
        (50, Gen.Choose(1, 4)),
        (30, Gen.Choose(5, 16)),
        (15, Gen.Choose(17, 128)),
        (5, Gen.Choose(129, 1000)));

    private static Gen<int> Seed { get; } = Gen.Choose(int.MinValue, int.MaxValue);

    /// <summary>One probability vector of any shape.</summary>
    public static Arbitrary<Dists> Vector(params Shape[] shapes)
        => Arb.From(Sets(1, Relation.Independent, shapes.Length == 0 ? AllShapes : shapes), Shrink);

    /// <summary>Two vectors of the same length: independent, one a small perturbation of the other, or equal.</summary>
    public static Arbitrary<Dists> Pairs(params Shape[] shapes) => Arb.From(Tuples(2, shapes), Shrink);

    /// <summary>Three vectors of the same length.</summary>
    public static Arbitrary<Dists> Triples(params Shape[] shapes) => Arb.From(Tuples(3, shapes), Shrink);

    /// <summary>Four vectors of the same length (p1, p2, q1, q2 for joint convexity).</summary>
    public static Arbitrary<Dists> Quads(params Shape[] shapes) => Arb.From(Tuples(4, shapes), Shrink);

    /// <summary>Pairs whose second vector is strictly positive, so KL and cross-entropy are finite.</summary>
    public static Arbitrary<Dists> FinitePairs()
        => Arb.From(
            Gen.Frequency(
                (3, Sets(2, Relation.Independent, AllShapes, PositiveShapes)),
                (1, Sets(2, Relation.Near, PositiveShapes))),
            d => Shrink(d).Where(c => c.Raw[1].All(x => x > 0.0)));

    /// <summary>Pairs (p, q) with equal length and q ≠ p in at least one entry.</summary>
    public static Arbitrary<Dists> DistinctPairs()
        => Arb.From(Tuples(2, []).Where(Distinct), d => Shrink(d).Where(Distinct));

    /// <summary>A set of <paramref name="count"/> vectors plus a permutation of their indices (from a seed).</summary>
    public static Arbitrary<Permuted> Permuted(int count)
    {
        var gen = Tuples(count, []).SelectMany(d => Seed.Select(s => new Permuted(d, s)));
        return Arb.From(gen, c => Shrink(c.Dists).Select(d => new Permuted(d, c.Seed)));
    }

    /// <summary>Mixing weights λ in [0, 1], often the end points; shrinks towards 0, 1, ½ and one decimal.</summary>
    public static Arbitrary<double> Lambda()
    {
        var gen = Gen.Frequency(
            (1, Gen.Constant(0.0)),
            (1, Gen.Constant(1.0)),
            (1, Gen.Constant(0.5)),
            (7, Unit));
        return Arb.From(gen, ShrinkLambda);
    }

    /// <summary>Logarithm bases: e, 2, 10, and b in (1, 100] (including ones close to 1).</summary>
    public static Arbitrary<LogBase> Bases()
    {
        var gen = Gen.Frequency(
            (1, Gen.Constant(LogBase.E)),
            (1, Gen.Constant(LogBase.Two)),
            (1, Gen.Constant(LogBase.Ten)),
            (1, Unit.Select(u => LogBase.Of(1.0 + Math.Max(1e-3, u) * 99.0))),
            (1, Unit.Select(u => LogBase.Of(1.0 + Math.Max(1e-6, u * 1e-2)))));
        return Arb.From(gen, b => b == LogBase.E ? [] : b == LogBase.Two ? [LogBase.E] : [LogBase.E, LogBase.Two]);
    }

    /// <summary>Finite constants, including 0 and large magnitudes.</summary>
    public static Arbitrary<double> Constants()
    {
        var gen = Gen.Frequency(
            (1, Gen.Constant(0.0)),
            (4, Unit.Select(u => (2.0 * u - 1.0) * 10.0)),
            (2, Gen.Zip(Unit, Gen.Choose(-300, 300)).Select(t => (t.Item1 - 0.5) * Math.Pow(10.0, t.Item2))));
        return Arb.From(gen, c => c == 0.0 ? [] : c == 1.0 ? [0.0] : [0.0, 1.0]);
    }

    /// <summary>Uniform in [0, 1].</summary>
    public static Gen<double> Unit { get; } = Gen.Choose(0, int.MaxValue).Select(i => i / (double)int.MaxValue);

    private enum Relation
    {
        Independent,
        Near,
        Equal,
    }

    /// <summary>Generates (without shrinking) <paramref name="count"/> vectors of one length.</summary>
    public static Gen<Dists> Tuple(int count) => Tuples(count, []);

    private static Gen<Dists> Tuples(int count, Shape[] shapes)
    {
        shapes = shapes.Length == 0 ? AllShapes : shapes;
        return Gen.Frequency(
            (6, Sets(count, Relation.Independent, shapes)),
            (3, Sets(count, Relation.Near, shapes)),
            (1, Sets(count, Relation.Equal, shapes)));
    }

    private static Gen<Dists> Sets(int count, Relation relation, Shape[] shapes, Shape[]? otherShapes = null)
        => from n in Length
           from seed in Seed
           from first in Gen.Elements(shapes)
           from others in Gen.CollectToArray(Enumerable.Repeat(Gen.Elements(otherShapes ?? shapes), count - 1))
           select Build(n, seed, relation, first, others);

    private static Dists Build(int n, int seed, Relation relation, Shape first, Shape[] others)
    {
        var random = new Random(seed);
        var p = Draw(random, n, first);
        var items = new List<double[]> { p };
        var label = first.ToString();
        for (var k = 0; k < others.Length; k++)
        {
            switch (relation)
            {
                case Relation.Independent:
                    items.Add(Draw(random, n, others[k]));
                    label += "/" + others[k];
                    break;
                case Relation.Near:
                    // Relative perturbations from 1e-9 to 0.3 keep the support and exercise the series branches.
                    var scale = Math.Pow(10.0, -9.0 + 8.5 * random.NextDouble());
                    items.Add(Normalize(p.Select(x => x * (1.0 + scale * (2.0 * random.NextDouble() - 1.0))).ToArray()));
                    label += "/near";
                    break;
                default:
                    items.Add((double[])p.Clone());
                    label += "/equal";
                    break;
            }
        }

        return new Dists(items, label);
    }

    /// <summary>One vector of the given shape, normalised.</summary>
    public static double[] Draw(Random random, int n, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        var w = new double[n];
        switch (shape)
        {
            case Shape.Dense:
                for (var i = 0; i < n; i++)
                {
                    w[i] = 1e-3 + random.NextDouble();
                }

                break;
            case Shape.Sparse:
                for (var i = 0; i < n; i++)
                {
                    w[i] = random.NextDouble() < 0.4 ? 0.0 : random.NextDouble();
                }

                w[random.Next(n)] = 0.5 + random.NextDouble();
                break;
            case Shape.NearDegenerate:
                for (var i = 0; i < n; i++)
                {
                    w[i] = random.NextDouble() < 0.2 ? 0.0 : Math.Pow(10.0, -300.0 + 288.0 * random.NextDouble());
                }

                w[random.Next(n)] = 1.0;
                break;
            case Shape.Spiky:
                for (var i = 0; i < n; i++)
                {
                    w[i] = Math.Pow(10.0, -20.0 * random.NextDouble());
                }

                break;
            case Shape.FewValues:
                double[] values = [0.1, 0.25, 1.0, 3.0];
                for (var i = 0; i < n; i++)
                {
                    w[i] = values[random.Next(values.Length)];
                }

                break;
            case Shape.Uniform:
                return ProbabilityVector.Uniform(n).ToArray();
            default:
                return ProbabilityVector.OneHot(n, random.Next(n)).ToArray();
        }

        return Normalize(w);
    }

    /// <summary>w / Σw through the core's own normaliser (the result is accepted by every kernel).</summary>
    public static double[] Normalize(double[] weights) => ProbabilityVector.Normalize(weights).ToArray();

    private static bool Distinct(Dists d) => !d.Raw[0].AsSpan().SequenceEqual(d.Raw[1]);

    /// <summary>
    /// Shrinks a set of vectors jointly (the lengths stay equal): fewer entries, more zeros, fewer distinct
    /// values. Every candidate is strictly smaller in (length, non-zeros, distinct values), so shrinking ends.
    /// </summary>
    public static IEnumerable<Dists> Shrink(Dists dists)
    {
        ArgumentNullException.ThrowIfNull(dists);
        var size = Measure(dists.Raw);
        return Candidates(dists).Where(c => Smaller(Measure(c.Raw), size));
    }

    private static IEnumerable<Dists> Candidates(Dists dists)
    {
        var items = dists.Raw;
        var n = dists.Length;
        var label = dists.Shape.EndsWith(", shrunk", StringComparison.Ordinal) ? dists.Shape : dists.Shape + ", shrunk";
        if (n > 1)
        {
            foreach (var (start, length) in new[] { (0, n / 2), (n / 2, n - (n / 2)) })
            {
                if (TryMap(items, v => v.AsSpan(start, length).ToArray()) is { } half)
                {
                    yield return new Dists(half, label);
                }
            }

            foreach (var i in Indices(n))
            {
                if (TryMap(items, v => v.Where((_, j) => j != i).ToArray()) is { } fewer)
                {
                    yield return new Dists(fewer, label);
                }
            }
        }

        for (var k = 0; k < items.Length; k++)
        {
            // a vector equal to an earlier one: fewer distinct values
            if (k > 0 && !items[k].AsSpan().SequenceEqual(items[0]))
            {
                yield return new Dists(items.Select((v, j) => j == k ? (double[])items[0].Clone() : v), label);
            }

            // uniform over its support
            var support = items[k].Count(x => x > 0.0);
            var flat = items[k].Select(x => x > 0.0 ? 1.0 / support : 0.0).ToArray();
            if (!flat.AsSpan().SequenceEqual(items[k]))
            {
                yield return new Dists(items.Select((v, j) => j == k ? Normalize(flat) : v), label);
            }

            // one significant digit
            var rounded = items[k].Select(x => x == 0.0 ? 0.0 : double.Parse(x.ToString("E0", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            yield return new Dists(items.Select((v, j) => j == k ? Normalize(rounded) : v), label);

            // a zero instead of the smallest positive entry
            if (support > 1)
            {
                var smallest = Array.IndexOf(items[k], items[k].Where(x => x > 0.0).Min());
                var zeroed = (double[])items[k].Clone();
                zeroed[smallest] = 0.0;
                yield return new Dists(items.Select((v, j) => j == k ? Normalize(zeroed) : v), label);
            }
        }
    }

    private static IEnumerable<int> Indices(int n)
        => n <= 16 ? Enumerable.Range(0, n) : [0, n / 4, n / 2, n - 1];

    private static double[][]? TryMap(double[][] items, Func<double[], double[]> map)
    {
        var result = new double[items.Length][];
        for (var k = 0; k < items.Length; k++)
        {
            var v = map(items[k]);
            if (v.Length == 0 || !(v.Sum() > 0.0))
            {
                return null;
            }

            result[k] = Normalize(v);
        }

        return result;
    }

    private static (int Length, int NonZeros, int Distinct) Measure(double[][] items)
        => (items[0].Length, items.Sum(v => v.Count(x => x != 0.0)), items.SelectMany(v => v).Distinct().Count());

    private static bool Smaller((int, int, int) a, (int, int, int) b) => a.CompareTo(b) < 0;

    private static IEnumerable<double> ShrinkLambda(double lambda)
    {
        double[] ladder = [0.0, 1.0, 0.5];
        var rank = Array.IndexOf(ladder, lambda);
        if (rank < 0)
        {
            rank = ladder.Length;
            var oneDecimal = Math.Round(lambda, 1);
            if (oneDecimal != lambda && Array.IndexOf(ladder, oneDecimal) < 0)
            {
                return ladder.Append(oneDecimal);
            }
        }

        return ladder.Take(rank);
    }
}

/// <summary>A set of vectors and a permutation of their indices, drawn from <see cref="Seed"/>.</summary>
public sealed record Permuted(Dists Dists, int Seed)
{
    /// <summary>The permutation: entry i of a permuted vector is entry Permutation[i] of the original.</summary>
    public int[] Permutation()
    {
        var order = Enumerable.Range(0, Dists.Length).ToArray();
        new Random(Seed).Shuffle(order);
        return order;
    }

    /// <summary>The vector with its entries permuted.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="v"/> is null.</exception>
    public double[] Apply(double[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return Permutation().Select(i => v[i]).ToArray();
    }

    /// <summary>The vectors and the permutation (its first entries when long).</summary>
    public override string ToString()
    {
        var permutation = Permutation();
        var shown = string.Join(", ", permutation.Take(12)) + (permutation.Length > 12 ? ", …" : "");
        return $"{Dists}; permutation = [{shown}]";
    }
}
