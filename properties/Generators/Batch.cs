using FsCheck;
using FsCheck.Fluent;
using Functional.Laws.Generators;

namespace Functional.Properties.Generators;

/// <summary>A batch of rows: row r of P is Dists[r], row r of Q is Dists[Rows + r]; flattened row-major.</summary>
public sealed record Batch(Dists Dists, int Rows)
{
    public int Columns => Dists.Length;

    public double[] P(int row) => Dists[row];

    public double[] Q(int row) => Dists[Rows + row];

    public double[] FlatP => Enumerable.Range(0, Rows).SelectMany(P).ToArray();

    public double[] FlatQ => Enumerable.Range(0, Rows).SelectMany(Q).ToArray();

    public override string ToString() => $"{Rows} row(s) × {Columns} column(s): {Dists} (first {Rows} are P's rows, then Q's)";

    /// <summary>1 … 6 rows of pairs; shrinks by dropping the last row and by shrinking the vectors.</summary>
    public static Arbitrary<Batch> Arbitrary()
    {
        var gen = Gen.Choose(1, 6).SelectMany(rows => Arbs.Tuple(2 * rows).Select(d => new Batch(d, rows)));
        return Arb.From(gen, Shrink);
    }

    private static IEnumerable<Batch> Shrink(Batch b)
    {
        if (b.Rows > 1)
        {
            var rows = b.Rows - 1;
            var kept = Enumerable.Range(0, rows).Select(b.P).Concat(Enumerable.Range(0, rows).Select(b.Q));
            yield return new Batch(new Dists(kept, b.Dists.Shape), rows);
        }

        foreach (var d in Arbs.Shrink(b.Dists))
        {
            yield return new Batch(d, b.Rows);
        }
    }
}
