using System.Globalization;
using System.Text;

namespace Functional.Laws.Generators;

/// <summary>
/// One or more probability vectors of the same length, each normalised so that the core accepts it, with the
/// shapes they were drawn from. <c>P</c>, <c>Q</c>, <c>R</c>, <c>S</c> name the first four.
/// </summary>
public sealed class Dists
{
    private readonly double[][] _items;

    /// <summary>A case of <paramref name="items"/> (one or more vectors of one non-zero length) drawn from <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">Thrown when there is no vector, or the lengths differ or are 0.</exception>
    public Dists(IEnumerable<double[]> items, string shape)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
        if (_items.Length == 0 || _items.Any(v => v.Length != _items[0].Length || v.Length == 0))
        {
            throw new ArgumentException("need at least one vector, all of the same non-zero length", nameof(items));
        }

        Shape = shape;
    }

    /// <summary>How the vectors were drawn (shapes and relation), for reports.</summary>
    public string Shape { get; }

    /// <summary>The number of vectors.</summary>
    public int Count => _items.Length;

    /// <summary>The common length n.</summary>
    public int Length => _items[0].Length;

    /// <summary>The k-th vector (a copy, so a law cannot corrupt the case).</summary>
    public double[] this[int k] => (double[])_items[k].Clone();

    /// <summary>The first vector (a copy).</summary>
    public double[] P => this[0];

    /// <summary>The second vector (a copy).</summary>
    public double[] Q => this[1];

    /// <summary>The third vector (a copy).</summary>
    public double[] R => this[2];

    /// <summary>The fourth vector (a copy).</summary>
    public double[] S => this[3];

    internal double[][] Raw => _items;

    /// <summary>The length, the shape and every vector (round-trippable numbers).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"n = {Length} ({Shape})");
        for (var k = 0; k < _items.Length; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {Label(k)} = {Show(_items[k])}");
        }

        return text.ToString();
    }

    private string Label(int k) => _items.Length <= 4 ? "pqrs"[k].ToString() : $"v{k}";

    /// <summary>Round-trippable numbers; long vectors show their first entries and where their mass is.</summary>
    public static string Show(IReadOnlyList<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        const int shown = 12;
        var head = string.Join(", ", v.Take(shown).Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        if (v.Count <= shown)
        {
            return $"[{head}]";
        }

        var zeros = v.Count(x => x == 0.0);
        var max = v.Max();
        return $"[{head}, … ({v.Count} entries, {zeros} zeros, max {max.ToString("R", CultureInfo.InvariantCulture)})]";
    }

    /// <summary>A float vector, as <see cref="Show(IReadOnlyList{double})"/> shows doubles.</summary>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="v"/> is null.</exception>
    public static string Show(IReadOnlyList<float> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return Show(v.Select(x => (double)x).ToArray());
    }
}
