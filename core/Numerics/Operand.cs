namespace Functional.Numerics;

/// <summary>How a kernel names one of its operands in an error message: <c>p[17]</c>, or <c>p[3, 2]</c> for row 3 of a batch.</summary>
internal readonly record struct Operand(string Name, int Row = -1)
{
    internal string Element(int index) => Row < 0 ? $"{Name}[{index}]" : $"{Name}[{Row}, {index}]";

    internal string Whole => Row < 0 ? Name : $"{Name}[{Row}, ..]";
}

/// <summary>The checks every public function makes at its boundary, in the fixed order lengths, destination, empties, values.</summary>
internal static class Guard
{
    internal static void SameLength(int lengthX, int lengthY, string nameX, string nameY)
    {
        if (lengthX != lengthY)
        {
            throw new ArgumentException($"{nameX} has {lengthX} entries but {nameY} has {lengthY}; they must be the same length.", nameY);
        }
    }

    internal static void Destination(int needed, int available, string name = "destination")
    {
        if (available < needed)
        {
            throw new ArgumentException($"{name} has {available} entries but needs {needed}.", name);
        }
    }

    internal static void NotEmpty(int length, string name, string what = "a probability vector needs at least one entry")
    {
        if (length == 0)
        {
            throw new ArgumentException($"{name} is empty; {what}.", name);
        }
    }

    internal static void Rows(int length, int columns, string name)
    {
        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns = {columns}; each row needs at least one column.");
        }

        if (length % columns != 0)
        {
            throw new ArgumentException($"{name} has {length} entries, which is not a whole number of rows of {columns} columns.", name);
        }
    }

    internal static ArgumentException InvalidElement(Operand operand, int index, double value, string problem)
        => new($"{operand.Element(index)} = {Format.Number(value)} {problem}.", operand.Name);

    internal static void Normalised(Operand operand, double mass, double tolerance, bool logarithms)
    {
        if (!(Math.Abs(mass - 1.0) <= tolerance))
        {
            var sum = logarithms ? "Σ exp" : "Σ";
            throw new ArgumentException(
                $"{operand.Whole} is not normalised: {sum} {operand.Name} = {Format.Number(mass)}, off from 1 by more than the tolerance {Format.Number(tolerance)}; normalise it first (ProbabilityVector.Normalize).",
                operand.Name);
        }
    }
}
