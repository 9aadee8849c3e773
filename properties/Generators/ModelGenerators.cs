using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Functional.Properties.Generators;

/// <summary>
/// A small learning problem: Rows × Columns features in [−2, 2] (row-major), real targets in [−3, 3], class labels in
/// [0, Classes), and parameter vectors for a linear model (Columns + 1) and a softmax model (Classes·(Columns + 1)).
/// </summary>
public sealed record ModelProblem(int Rows, int Columns, int Classes, double[] Features, double[] Targets, int[] Labels, double[] Linear, double[] Softmax, double Lambda)
{
    /// <summary>Binary targets in {0, 1}: the labels modulo 2.</summary>
    public double[] BinaryTargets => Labels.Select(l => (double)(l % 2)).ToArray();

    public override string ToString()
        => $"{Rows}×{Columns}, {Classes} classes, λ = {Show(Lambda)}; X = [{string.Join(", ", Features.Select(Show))}]; y = [{string.Join(", ", Targets.Select(Show))}]; "
         + $"labels = [{string.Join(", ", Labels)}]; θ = [{string.Join(", ", Linear.Select(Show))}]; Θ = [{string.Join(", ", Softmax.Select(Show))}]";

    private static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Generators for model problems (never FsCheck's default double: values are drawn on a fine grid of finite numbers).</summary>
public static class ModelGenerators
{
    /// <summary>A value in [−scale, scale] on a grid of 2·10⁶ steps.</summary>
    public static Gen<double> Value(double scale) => Gen.Choose(-1_000_000, 1_000_000).Select(i => scale * i / 1e6);

    /// <summary>1 … 30 rows, 0 … 6 columns, 2 … 4 classes, λ in [0, 1].</summary>
    public static Arbitrary<ModelProblem> Problems(int minimumRows = 1)
    {
        var gen =
            from rows in Gen.Choose(minimumRows, 30)
            from columns in Gen.Choose(0, 6)
            from classes in Gen.Choose(2, 4)
            from features in Array(Value(2.0), rows * columns)
            from targets in Array(Value(3.0), rows)
            from labels in Array(Gen.Choose(0, classes - 1), rows)
            from linear in Array(Value(1.0), columns + 1)
            from softmax in Array(Value(1.0), classes * (columns + 1))
            from lambda in Gen.Frequency((1, Gen.Constant(0.0)), (4, Gen.Choose(1, 1000).Select(i => i / 1000.0)))
            select new ModelProblem(rows, columns, classes, features, targets, labels, linear, softmax, lambda);
        return Arb.From(gen, Shrink);
    }

    /// <summary>n rows' labels over 1 … 5 classes, for the split properties.</summary>
    public static Arbitrary<int[]> Labels()
        => Arb.From(
            from rows in Gen.Choose(1, 200)
            from classes in Gen.Choose(1, 5)
            from labels in Array(Gen.Choose(0, classes - 1), rows)
            select labels);

    private static Gen<T[]> Array<T>(Gen<T> element, int count) => Gen.CollectToArray(Enumerable.Repeat(element, count));

    /// <summary>Drop the last row (keeping at least one).</summary>
    private static IEnumerable<ModelProblem> Shrink(ModelProblem p)
    {
        if (p.Rows > 1)
        {
            var rows = p.Rows - 1;
            yield return p with { Rows = rows, Features = p.Features[..(rows * p.Columns)], Targets = p.Targets[..rows], Labels = p.Labels[..rows] };
        }
    }
}
