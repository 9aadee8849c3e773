using Functional.Numerics;

namespace Functional.Estimation;

/// <summary>The sample checks of the estimators: not empty, then every value in the family's support, naming the first bad one.</summary>
internal static class Samples
{
    internal static void NotEmpty(int length, string name, string family)
        => Guard.NotEmpty(length, name, $"a {family} fit needs at least one value");

    internal static void Finite(ReadOnlySpan<double> sample, string name, string family)
    {
        NotEmpty(sample.Length, name, family);
        for (var i = 0; i < sample.Length; i++)
        {
            if (!double.IsFinite(sample[i]))
            {
                throw Invalid(name, i, sample[i], FiniteDomain.Problem(sample[i]));
            }
        }
    }

    /// <summary>Finite and ≥ 0 (Exponential); with <paramref name="whole"/>, whole numbers too (Poisson counts).</summary>
    internal static void NonNegative(ReadOnlySpan<double> sample, string name, string family, bool whole)
    {
        NotEmpty(sample.Length, name, family);
        for (var i = 0; i < sample.Length; i++)
        {
            var x = sample[i];
            if (!double.IsFinite(x))
            {
                throw Invalid(name, i, x, FiniteDomain.Problem(x));
            }

            if (x < 0.0)
            {
                throw Invalid(name, i, x, $"is negative; a {family} sample is ≥ 0");
            }

            if (whole && x != Math.Floor(x))
            {
                throw Invalid(name, i, x, $"is not a whole number; a {family} sample holds counts 0, 1, 2, …");
            }
        }
    }

    /// <summary>Finite and &gt; 0 (Gamma: ln x enters the likelihood).</summary>
    internal static void Positive(ReadOnlySpan<double> sample, string name, string family)
    {
        NotEmpty(sample.Length, name, family);
        for (var i = 0; i < sample.Length; i++)
        {
            var x = sample[i];
            if (!double.IsFinite(x))
            {
                throw Invalid(name, i, x, FiniteDomain.Problem(x));
            }

            if (!(x > 0.0))
            {
                throw Invalid(name, i, x, x < 0.0
                    ? $"is negative; a {family} sample is > 0"
                    : $"is 0; the {family} log-likelihood has ln x, so its maximum-likelihood fit needs values > 0");
            }
        }
    }

    /// <summary>Strictly inside (0, 1) (Beta: ln x and ln(1 − x) enter the likelihood).</summary>
    internal static void OpenUnitInterval(ReadOnlySpan<double> sample, string name, string family)
    {
        NotEmpty(sample.Length, name, family);
        for (var i = 0; i < sample.Length; i++)
        {
            var x = sample[i];
            if (double.IsNaN(x))
            {
                throw Invalid(name, i, x, "is NaN");
            }

            if (x is < 0.0 or > 1.0)
            {
                throw Invalid(name, i, x, $"is outside [0, 1], the support of the {family}");
            }

            if (x is 0.0 or 1.0)
            {
                throw Invalid(name, i, x, $"is at the edge of [0, 1]; the {family} log-likelihood has ln x and ln(1 − x), so its maximum-likelihood fit needs values strictly inside");
            }
        }
    }

    /// <summary>Each value 0 or 1 (Bernoulli outcomes); returns the number of ones.</summary>
    internal static long Binary(ReadOnlySpan<double> sample, string name)
    {
        NotEmpty(sample.Length, name, "Bernoulli");
        long ones = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            var x = sample[i];
            if (x == 1.0)
            {
                ones++;
            }
            else if (x != 0.0)
            {
                throw Invalid(name, i, x, "is not an outcome 0 or 1 of a Bernoulli trial");
            }
        }

        return ones;
    }

    /// <summary>Counts labels in 0..classes−1 held as whole doubles.</summary>
    internal static long[] Labels(ReadOnlySpan<double> labels, int classes, string name)
    {
        CheckClasses(classes);
        NotEmpty(labels.Length, name, "Categorical");
        var counts = new long[classes];
        for (var i = 0; i < labels.Length; i++)
        {
            var x = labels[i];
            if (!(x >= 0.0 && x < classes && x == Math.Floor(x)))
            {
                throw Invalid(name, i, x, $"is not a class label 0..{classes - 1}");
            }

            counts[(int)x]++;
        }

        return counts;
    }

    /// <summary>Counts labels in 0..classes−1.</summary>
    internal static long[] Labels(ReadOnlySpan<int> labels, int classes, string name)
    {
        CheckClasses(classes);
        NotEmpty(labels.Length, name, "Categorical");
        var counts = new long[classes];
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentException($"{name}[{i}] = {label} is not a class label 0..{classes - 1}.", name);
            }

            counts[label]++;
        }

        return counts;
    }

    /// <summary>Non-negative counts with a positive total; returns the total.</summary>
    internal static long Counts(ReadOnlySpan<long> counts, string name)
    {
        Guard.NotEmpty(counts.Length, name, "a Categorical fit needs at least one class");
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentException($"{name}[{i}] = {counts[i]} is negative; counts are ≥ 0.", name);
            }

            total = checked(total + counts[i]);
        }

        return total > 0 ? total : throw new ArgumentException($"{name} are all 0; a fit needs at least one observation.", name);
    }

    /// <summary>Row-major rows of <paramref name="dimension"/> finite values; returns the number of rows.</summary>
    internal static int Rows(ReadOnlySpan<double> rows, int dimension, string name, string family)
    {
        Guard.Rows(rows.Length, dimension, name);
        Guard.NotEmpty(rows.Length, name, $"a {family} fit needs at least one row");
        for (var i = 0; i < rows.Length; i++)
        {
            if (!double.IsFinite(rows[i]))
            {
                throw new ArgumentException(
                    $"{name}[{i / dimension}, {i % dimension}] = {Format.Number(rows[i])} {FiniteDomain.Problem(rows[i])}.", name);
            }
        }

        return rows.Length / dimension;
    }

    internal static ArgumentException Invalid(string name, int index, double value, string problem)
        => Guard.InvalidElement(new Operand(name), index, value, problem);

    /// <summary>The "all values are equal" error of a family whose likelihood is then unbounded.</summary>
    internal static ArgumentException Degenerate(string name, string family, double value, string why)
        => new($"{name}: every value equals {Format.Number(value)}; {why}, so no {family} maximises the likelihood.", name);

    private static void CheckClasses(int classes)
    {
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes = {classes}; a Categorical needs at least one class.");
        }
    }
}
