using System.Globalization;

namespace Functional.Shell.Plots;

/// <summary>One tick: where it is (data units) and what it says.</summary>
/// <param name="Value">The position in data units.</param>
/// <param name="Label">The text under (or beside) it; invariant culture, U+2212 for minus.</param>
public readonly record struct Tick(double Value, string Label);

/// <summary>An axis' resolved extent and ticks.</summary>
/// <param name="Min">The lower end of the axis (data units).</param>
/// <param name="Max">The upper end of the axis (data units), greater than <paramref name="Min"/>.</param>
/// <param name="Ticks">The labelled ticks inside [Min, Max], ascending.</param>
public sealed record AxisTicks(double Min, double Max, IReadOnlyList<Tick> Ticks);

/// <summary>
/// "Nice" ticks: steps of 1, 2 or 5 × 10^k on linear axes (Heckbert, Graphics Gems 1990), whole decades on log axes
/// (every few decades when there are many, with 2 and 5 in between when there are few).
/// </summary>
public static class Ticks
{
    private const char Minus = '\u2212';

    /// <summary>
    /// Linear ticks for data in [<paramref name="min"/>, <paramref name="max"/>] with about <paramref name="target"/> intervals.
    /// A bound that is not <paramref name="fixedMin"/>/<paramref name="fixedMax"/> is widened to the next tick.
    /// </summary>
    /// <param name="min">The smallest value to show; finite.</param>
    /// <param name="max">The largest value to show; finite, ≥ min (equal values get a unit-wide axis around them).</param>
    /// <param name="target">The wanted number of intervals (≥ 1).</param>
    /// <param name="fixedMin">Keep <paramref name="min"/> as the axis' end instead of widening it.</param>
    /// <param name="fixedMax">Keep <paramref name="max"/> as the axis' end instead of widening it.</param>
    /// <returns>The axis' ends and its ticks.</returns>
    /// <exception cref="ArgumentException">A bound is not finite, or max &lt; min.</exception>
    public static AxisTicks Linear(double min, double max, int target = 6, bool fixedMin = false, bool fixedMax = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max < min)
        {
            throw new ArgumentException($"The axis range [{min.ToString("R", CultureInfo.InvariantCulture)}, {max.ToString("R", CultureInfo.InvariantCulture)}] is not a finite interval.", nameof(min));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        if (max == min)
        {
            var half = min == 0 ? 1.0 : Math.Abs(min) * 0.1;
            (min, max) = (min - half, max + half);
            (fixedMin, fixedMax) = (false, false);
        }

        var (mantissa, exponent) = NiceStep((max - min) / target);
        // k·step computed as k·mantissa / 10^-e: a division by an exact power of ten rounds to the nearest double of the
        // decimal value, so 0.1·3 shows as 0.3, not 0.30000000000000004.
        double At(long k) => exponent >= 0 ? k * mantissa * Math.Pow(10, exponent) : k * mantissa / Math.Pow(10, -exponent);
        var step = At(1);
        var first = (long)Math.Floor(min / step);
        var last = (long)Math.Ceiling(max / step);
        // floating division can land a hair beyond an exact tick: pull back when the neighbour still covers the bound
        if (At(first + 1) <= min)
        {
            first++;
        }

        if (At(last - 1) >= max)
        {
            last--;
        }

        var lo = fixedMin ? min : At(first);
        var hi = fixedMax ? max : At(last);
        var decimals = Math.Max(0, -exponent);
        var scientific = Math.Max(Math.Abs(At(first)), Math.Abs(At(last))) >= 1e6 || (exponent < -5);
        var ticks = new List<Tick>();
        var tolerance = step * 1e-9;
        for (var k = first; k <= last; k++)
        {
            var value = At(k);
            if (value < lo - tolerance || value > hi + tolerance)
            {
                continue;
            }

            ticks.Add(new Tick(value, scientific ? Scientific(value) : Decimal(value, decimals)));
        }

        return new AxisTicks(lo, hi, ticks);
    }

    /// <summary>
    /// Log-10 ticks for positive data in [<paramref name="min"/>, <paramref name="max"/>]: the axis runs between whole
    /// decades (unless fixed); ticks every decade, every few decades when there are more than ten, and at 2 and 5 within each
    /// decade when the axis spans at most two. Labels are plain decimals when every tick lies in [0.001, 10⁴], else all are
    /// powers of ten (10⁻⁵), so one axis never mixes the two.
    /// </summary>
    /// <param name="min">The smallest value to show; finite and positive.</param>
    /// <param name="max">The largest value to show; finite and ≥ min.</param>
    /// <param name="fixedMin">Keep <paramref name="min"/> as the axis' end.</param>
    /// <param name="fixedMax">Keep <paramref name="max"/> as the axis' end.</param>
    /// <returns>The axis' ends and its ticks.</returns>
    /// <exception cref="ArgumentException">A bound is not finite and positive, or max &lt; min.</exception>
    public static AxisTicks Log(double min, double max, bool fixedMin = false, bool fixedMax = false)
    {
        if (!(min > 0) || !double.IsFinite(max) || max < min)
        {
            throw new ArgumentException($"The log axis range [{min.ToString("R", CultureInfo.InvariantCulture)}, {max.ToString("R", CultureInfo.InvariantCulture)}] is not a positive finite interval.", nameof(min));
        }

        var low = (int)Math.Floor(Math.Log10(min) + 1e-12);
        var high = (int)Math.Ceiling(Math.Log10(max) - 1e-12);
        if (high <= low)
        {
            high = low + 1;
        }

        var stride = Math.Max(1, (int)Math.Ceiling((high - low) / 10.0));
        high = low + (int)Math.Ceiling((double)(high - low) / stride) * stride;
        var lo = fixedMin ? min : Decade(low);
        var hi = fixedMax ? max : Decade(high);
        var ticks = new List<Tick>();
        var plain = low >= -3 && high <= 4;
        for (var e = low; e <= high; e += stride)
        {
            foreach (var m in high - low <= 2 ? [1, 2, 5] : new[] { 1 })
            {
                var value = m * Decade(e);
                if (value >= lo * (1 - 1e-12) && value <= hi * (1 + 1e-12))
                {
                    ticks.Add(new Tick(value, PowerOfTen(m, e, plain)));
                }
            }
        }

        return new AxisTicks(lo, hi, ticks);
    }

    /// <summary>10^e, exact for every e a double can hold (Math.Pow(10, -5) is not the double nearest 1e-5 on every platform).</summary>
    private static double Decade(int e) => double.Parse($"1e{e}", CultureInfo.InvariantCulture);

    /// <summary>"0.01", "100" when plain, else "10⁻²", "2·10⁻⁵".</summary>
    private static string PowerOfTen(int mantissa, int exponent, bool plain)
    {
        if (plain)
        {
            return Decimal(mantissa * Decade(exponent), Math.Max(0, -exponent));
        }

        var power = "10" + Superscript(exponent);
        return mantissa == 1 ? power : $"{mantissa}·{power}";
    }

    private static string Superscript(int value)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = Math.Abs(value).ToString(CultureInfo.InvariantCulture);
        var chars = text.Select(c => digits[c - '0']);
        return (value < 0 ? "⁻" : "") + string.Concat(chars);
    }

    private static (long Mantissa, int Exponent) NiceStep(double raw)
    {
        var exponent = (int)Math.Floor(Math.Log10(raw));
        var fraction = raw / Math.Pow(10, exponent);
        return fraction switch
        {
            < 1.5 => (1, exponent),
            < 3 => (2, exponent),
            < 7 => (5, exponent),
            _ => (1, exponent + 1),
        };
    }

    /// <summary>The value with a fixed number of decimals, invariant, U+2212 for minus, no "−0".</summary>
    internal static string Decimal(double value, int decimals)
    {
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return WithMinus(text);
    }

    private static string Scientific(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)) + 1e-9);
        var mantissa = value / Math.Pow(10, exponent);
        var m = WithMinus(Math.Round(mantissa, 3).ToString("0.###", CultureInfo.InvariantCulture));
        return (m == "1" ? "" : m == "\u22121" ? "\u2212" : m + "·") + "10" + Superscript(exponent);
    }

    private static string WithMinus(string text)
    {
        // "-0.0" after rounding is zero: print it without a sign
        if (text.StartsWith('-') && text.Skip(1).All(c => c is '0' or '.'))
        {
            return text[1..];
        }

        return text.Replace('-', Minus);
    }
}
