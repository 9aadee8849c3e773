using System.Globalization;

namespace Functional.Laws;

/// <summary>Thrown by a law whose statement does not hold for the case at hand; the message says what and by how much.</summary>
public sealed class LawViolatedException : Exception
{
    /// <summary>A violation without a message.</summary>
    public LawViolatedException()
    {
    }

    /// <summary>A violation stating what failed.</summary>
    public LawViolatedException(string message)
        : base(message)
    {
    }

    /// <summary>A violation with its cause.</summary>
    public LawViolatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Comparisons with explicit tolerances, for laws.</summary>
public static class Approx
{
    /// <summary>A double as round-trippable invariant text (<c>R</c> format).</summary>
    public static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Fails with <paramref name="statement"/> unless <paramref name="condition"/>.</summary>
    public static void That(bool condition, Func<string> statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (!condition)
        {
            throw new LawViolatedException(statement());
        }
    }

    /// <summary>
    /// |actual − expected| ≤ absolute + relative·max(|actual|, |expected|); equal infinities agree; NaN never does.
    /// </summary>
    public static bool Close(double actual, double expected, double relative, double absolute)
    {
        if (double.IsNaN(actual) || double.IsNaN(expected))
        {
            return false;
        }

        if (double.IsInfinity(actual) || double.IsInfinity(expected))
        {
            return actual == expected;
        }

        return Math.Abs(actual - expected) <= absolute + (relative * Math.Max(Math.Abs(actual), Math.Abs(expected)));
    }

    /// <summary>Fails unless <see cref="Close"/>; the message shows both values and the difference.</summary>
    public static void Equal(double actual, double expected, double relative, double absolute, string what)
        => That(
            Close(actual, expected, relative, absolute),
            () => $"{what}: {Show(actual)} ≠ {Show(expected)} (difference {Show(actual - expected)}, "
                  + $"allowed {Show(absolute)} + {Show(relative)}·|value|)");
}
