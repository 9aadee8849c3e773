using System.Globalization;

namespace Functional.Numerics;

/// <summary>Invariant, round-trippable number formatting for messages.</summary>
internal static class Format
{
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Number<T>(T value) where T : IFloatingPointIeee754<T>
        => double.CreateTruncating(value).ToString("R", CultureInfo.InvariantCulture);
}
