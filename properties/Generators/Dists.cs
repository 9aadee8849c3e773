using System.Globalization;
using System.Text;

namespace Functional.Properties.Generators;

/// <summary>
/// One or more probability vectors of the same length, each normalised so that the core accepts it, with the
/// shapes they were drawn from. <c>P</c>, <c>Q</c>, <c>R</c>, <c>S</c> name the first four.
/// </summary>
public sealed class Dists
{
    private readonly double[][] _items;

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

    public string Shape { get; }

    public int Count => _items.Length;

    public int Length => _items[0].Length;

    /// <summary>The k-th vector (a copy, so a law cannot corrupt the case).</summary>
    public double[] this[int k] => (double[])_items[k].Clone();

    public double[] P => this[0];

    public double[] Q => this[1];

    public double[] R => this[2];

    public double[] S => this[3];

    internal double[][] Raw => _items;

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

    public static string Show(IReadOnlyList<float> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return Show(v.Select(x => (double)x).ToArray());
    }
}
