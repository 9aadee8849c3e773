using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Functional.Laws.Generators;

/// <summary>
/// A pair of probability vectors and a channel W (an n × m row-stochastic matrix drawn from <see cref="Seed"/>):
/// either a coarse-graining (each outcome merged into one of m cells) or a random noisy channel.
/// </summary>
/// <param name="Dists">The vectors (length n) to push through the channel.</param>
/// <param name="Seed">The seed the channel is drawn from.</param>
/// <param name="Merge">True: a deterministic merge of outcomes; false: every row a random distribution.</param>
public sealed record Channelled(Dists Dists, int Seed, bool Merge)
{
    /// <summary>Generated pairs with channels; shrinking shrinks the pair and prefers merges.</summary>
    public static Arbitrary<Channelled> Arbitrary()
    {
        var gen = from d in Arbs.Tuple(2)
                  from seed in Gen.Choose(int.MinValue, int.MaxValue)
                  from merge in Gen.Elements(true, false)
                  select new Channelled(d, seed, merge);
        return Arb.From(gen, c => Arbs.Shrink(c.Dists).Select(d => c with { Dists = d })
            .Concat(c.Merge ? [] : [c with { Merge = true }]));
    }

    /// <summary>The channel: row i is the distribution of the output given input outcome i.</summary>
    public double[][] Matrix()
    {
        var n = Dists.Length;
        var random = new Random(Seed);
        var m = 1 + random.Next(Math.Max(1, n));
        var w = new double[n][];
        for (var i = 0; i < n; i++)
        {
            w[i] = new double[m];
            if (Merge)
            {
                w[i][random.Next(m)] = 1.0;
            }
            else
            {
                var row = Enumerable.Range(0, m).Select(_ => random.NextDouble() + 1e-3).ToArray();
                var total = row.Sum();
                for (var j = 0; j < m; j++)
                {
                    w[i][j] = row[j] / total;
                }
            }
        }

        return w;
    }

    /// <summary>vW: the output distribution for input distribution <paramref name="v"/>, renormalised against rounding.</summary>
    public double[] Apply(double[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var w = Matrix();
        var output = new double[w[0].Length];
        for (var i = 0; i < v.Length; i++)
        {
            for (var j = 0; j < output.Length; j++)
            {
                output[j] += v[i] * w[i][j];
            }
        }

        return output.Sum() > 0.0 ? Arbs.Normalize(output) : output;
    }

    /// <summary>The pair and the channel (its first rows when large).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Dists}; {(Merge ? "merge" : "noisy channel")} W = [");
        var w = Matrix();
        text.AppendJoin("; ", w.Take(8).Select(row => Dists.Show(row)));
        text.Append(w.Length > 8 ? "; …]" : "]");
        return text.ToString();
    }
}
