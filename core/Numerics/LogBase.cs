namespace Functional.Numerics;

/// <summary>
/// The base b of the logarithm in which an information measure is reported: nats (b = e, the default),
/// bits (b = 2), hartleys/bans (b = 10), or any finite b &gt; 1.
/// </summary>
/// <remarks>
/// A measure in base b is its value in nats divided by ln b, so changing the base scales every measure
/// by the same factor 1/ln b. <c>default(LogBase)</c> is the natural logarithm.
/// </remarks>
public readonly record struct LogBase
{
    // ln b, stored as (ln b - 1) so that default(LogBase) (all zero bits) means b = e.
    private readonly double _lnBaseMinusOne;

    private LogBase(double lnBase) => _lnBaseMinusOne = lnBase - 1.0;

    /// <summary>The natural logarithm (nats). Same as <c>default(LogBase)</c>.</summary>
    public static LogBase E => default;

    /// <summary>Base 2 (bits, shannons).</summary>
    public static LogBase Two { get; } = new(Math.Log(2.0));

    /// <summary>Base 10 (hartleys, bans, dits).</summary>
    public static LogBase Ten { get; } = new(Math.Log(10.0));

    /// <summary>The base b itself: e, 2, 10 or the value given to <see cref="Of"/>.</summary>
    public double Value => Math.Exp(NaturalLogarithm);

    /// <summary>ln b: the number of nats in one unit of this base (1 for e, ln 2 ≈ 0.6931 for bits).</summary>
    public double NaturalLogarithm => _lnBaseMinusOne + 1.0;

    /// <summary>Creates the base b.</summary>
    /// <param name="logBase">The base; finite and greater than 1. <see cref="Math.E"/> gives exactly <see cref="E"/>.</param>
    /// <returns>The validated base.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="logBase"/> is NaN, infinite, or not greater than 1.</exception>
    public static LogBase Of(double logBase)
    {
        if (!(logBase > 1.0) || double.IsInfinity(logBase))
        {
            throw new ArgumentOutOfRangeException(nameof(logBase), logBase,
                $"logBase = {Format.Number(logBase)} is not a valid logarithm base; it must be finite and greater than 1 (e, 2 and 10 are the usual ones).");
        }

        return logBase == Math.E ? E : logBase == 2.0 ? Two : logBase == 10.0 ? Ten : new LogBase(Math.Log(logBase));
    }

    /// <summary>Parses "e", "2", "10", "nats", "bits", "hartleys" or any number &gt; 1.</summary>
    /// <param name="text">The text to parse (case-insensitive).</param>
    /// <returns>The base.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> names no base, or the number is not &gt; 1.</exception>
    public static LogBase Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToUpperInvariant();
        return t switch
        {
            "E" or "NAT" or "NATS" or "LN" => E,
            "2" or "BIT" or "BITS" or "SHANNON" or "SHANNONS" => Two,
            "10" or "HARTLEY" or "HARTLEYS" or "BAN" or "BANS" or "DIT" or "DITS" => Ten,
            _ when double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b) => Of(b),
            _ => throw new ArgumentException($"base = '{text}' is not a logarithm base; use e, 2, 10 or a number greater than 1.", nameof(text)),
        };
    }

    /// <summary>Converts a value in nats to this base: <c>nats / ln b</c>. Exact (no rounding) for base e.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="nats">A value in nats.</param>
    /// <returns>The value in units of this base.</returns>
    public T FromNats<T>(T nats) where T : IFloatingPointIeee754<T>
        => _lnBaseMinusOne == 0.0 ? nats : T.CreateTruncating(double.CreateTruncating(nats) / NaturalLogarithm);

    /// <summary>Converts a value in nats (double) to this base.</summary>
    internal double FromNats(double nats) => _lnBaseMinusOne == 0.0 ? nats : nats / NaturalLogarithm;

    /// <summary>"e", "2", "10" or the base's value.</summary>
    /// <returns>A short name of the base.</returns>
    public override string ToString()
        => _lnBaseMinusOne == 0.0 ? "e" : this == Two ? "2" : this == Ten ? "10" : Format.Number(Value);

    /// <summary>The unit's name: nats, bits, hartleys, or "log-base-b units".</summary>
    public string Unit => _lnBaseMinusOne == 0.0 ? "nats" : this == Two ? "bits" : this == Ten ? "hartleys" : $"base-{this} units";
}
