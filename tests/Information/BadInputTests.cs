using System.Globalization;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Information;

/// <summary>
/// The bad-input matrix: for every public function and each of its operands — NaN, ±∞, negative entries, entries above 1,
/// unnormalised vectors, empty input, length mismatch — an ArgumentException naming the parameter and, for an element,
/// its index and value. One test case per row.
/// </summary>
public class BadInputTests
{
    private enum Kind
    {
        Probability,
        LogProbability,
        Finite,
    }

    private sealed record Operand(string Name, Kind Kind);

    private sealed record Function(string Name, Operand[] Operands, Action<double[][]> Invoke, string ElementFormat = "{0}[1]");

    private static readonly Function[] Functions =
    [
        new("Entropy.Of", [new("p", Kind.Probability)], a => Entropy.Of(a[0])),
        new("CrossEntropy.Of", [new("p", Kind.Probability), new("q", Kind.Probability)], a => CrossEntropy.Of(a[0], a[1])),
        new("CrossEntropy.FromLogQ", [new("p", Kind.Probability), new("logQ", Kind.LogProbability)], a => CrossEntropy.FromLogQ<double>(a[0], a[1])),
        new("Kl.Divergence", [new("p", Kind.Probability), new("q", Kind.Probability)], a => Kl.Divergence(a[0], a[1])),
        new("Kl.FromLogQ", [new("p", Kind.Probability), new("logQ", Kind.LogProbability)], a => Kl.FromLogQ<double>(a[0], a[1])),
        new("Kl.FromLogs", [new("logP", Kind.LogProbability), new("logQ", Kind.LogProbability)], a => Kl.FromLogs<double>(a[0], a[1])),
        new("Kl.Divergence(batch)", [new("p", Kind.Probability), new("q", Kind.Probability)], a => Kl.Divergence<double>(a[0], a[1], 3, Reduction.BatchMean), "{0}[0, 1]"),
        new("CrossEntropy.Of(batch)", [new("p", Kind.Probability), new("q", Kind.Probability)], a => CrossEntropy.Of<double>(a[0], a[1], 3, new double[1]), "{0}[0, 1]"),
        new("JensenShannon.Divergence", [new("p", Kind.Probability), new("q", Kind.Probability)], a => JensenShannon.Divergence(a[0], a[1])),
        new("JensenShannon.Distance", [new("p", Kind.Probability), new("q", Kind.Probability)], a => JensenShannon.Distance(a[0], a[1])),
        new("Gibbs.Check", [new("p", Kind.Probability), new("q", Kind.Probability)], a => Gibbs.Check(a[0], a[1])),
        new("Expectation.Of", [new("p", Kind.Probability), new("f", Kind.Finite)], a => Expectation.Of<double>(a[0], a[1])),
        new("Expectation.SampleAverage", [new("values", Kind.Finite)], a => Expectation.SampleAverage<double>(a[0])),
        new("LogSumExp.Of", [new("x", Kind.Finite)], a => LogSumExp.Of(a[0])),
        new("LogSumExp.Softmax", [new("x", Kind.Finite)], a => LogSumExp.Softmax<double>(a[0], new double[a[0].Length])),
        new("LogSumExp.LogSoftmax", [new("x", Kind.Finite)], a => LogSumExp.LogSoftmax<double>(a[0], new double[a[0].Length])),
        new("Kl.FromLogQ(batch)", [new("p", Kind.Probability), new("logQ", Kind.LogProbability)], a => Kl.FromLogQ<double>(a[0], a[1], 3, Reduction.Sum), "{0}[0, 1]"),
        new("Kl.FromLogs(batch)", [new("logP", Kind.LogProbability), new("logQ", Kind.LogProbability)], a => Kl.FromLogs<double>(a[0], a[1], 3, new double[1]), "{0}[0, 1]"),
        new("CrossEntropy.FromLogQ(batch)", [new("p", Kind.Probability), new("logQ", Kind.LogProbability)], a => CrossEntropy.FromLogQ<double>(a[0], a[1], 3, Reduction.Mean), "{0}[0, 1]"),
        new("ProbabilityVector.Create", [new("p", Kind.Probability)], a => ProbabilityVector.Create(a[0])),
    ];

    private static readonly (string Name, Action<double[]> Invoke)[] ElementwiseUnitInterval =
    [
        ("Entropy.Binary", p => Entropy.Binary<double>(p, new double[p.Length])),
        ("Surprisal.Of", p => Surprisal.Of<double>(p, new double[p.Length])),
    ];

    private static double[] Valid(Kind kind) => kind switch
    {
        Kind.Probability => [0.2, 0.1, 0.7],
        Kind.LogProbability => [Math.Log(0.2), Math.Log(0.1), Math.Log(0.7)],
        _ => [1.0, 2.0, 3.0],
    };

    private static IEnumerable<(string Case, double Value)> BadElements(Kind kind) => kind switch
    {
        Kind.Probability => [("NaN", double.NaN), ("+inf", double.PositiveInfinity), ("-inf", double.NegativeInfinity), ("negative", -0.2), ("above 1", 1.5)],
        Kind.LogProbability => [("NaN", double.NaN), ("+inf", double.PositiveInfinity), ("positive", 0.5)],
        _ => [("NaN", double.NaN), ("+inf", double.PositiveInfinity), ("-inf", double.NegativeInfinity)],
    };

    public static TheoryData<string, int, string> ElementRows()
    {
        var rows = new TheoryData<string, int, string>();
        foreach (var function in Functions)
        {
            for (var k = 0; k < function.Operands.Length; k++)
            {
                foreach (var (name, _) in BadElements(function.Operands[k].Kind))
                {
                    // LogSumExp accepts −∞ (a masked logit).
                    if (function.Name.StartsWith("LogSumExp.", StringComparison.Ordinal) && name == "-inf")
                    {
                        continue;
                    }

                    rows.Add(function.Name, k, name);
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(ElementRows))]
    public void A_bad_element_is_named_with_its_index_and_value(string functionName, int operandIndex, string badCase)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var operand = function.Operands[operandIndex];
        var bad = BadElements(operand.Kind).Single(b => b.Case == badCase).Value;
        var args = function.Operands.Select(o => Valid(o.Kind)).ToArray();
        args[operandIndex][1] = bad;

        var error = Assert.ThrowsAny<ArgumentException>(() => function.Invoke(args));
        Assert.Equal(operand.Name, error.ParamName);
        var element = string.Format(CultureInfo.InvariantCulture, function.ElementFormat, operand.Name);
        Assert.Contains($"{element} = {bad.ToString("R", CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int> NormalisedOperandRows()
    {
        var rows = new TheoryData<string, int>();
        foreach (var function in Functions)
        {
            for (var k = 0; k < function.Operands.Length; k++)
            {
                if (function.Operands[k].Kind != Kind.Finite)
                {
                    rows.Add(function.Name, k);
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(NormalisedOperandRows))]
    public void An_unnormalised_vector_is_rejected_not_renormalised(string functionName, int operandIndex)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var operand = function.Operands[operandIndex];
        var args = function.Operands.Select(o => Valid(o.Kind)).ToArray();
        // SciPy's entropy([.5, .5], [.3, .3]) silently renormalises and answers 0; we refuse.
        args[operandIndex] = operand.Kind == Kind.Probability ? [0.2 * 0.9, 0.1 * 0.9, 0.7 * 0.9] : args[operandIndex].Select(v => v - 0.1).ToArray();

        var error = Assert.ThrowsAny<ArgumentException>(() => function.Invoke(args));
        Assert.Equal(operand.Name, error.ParamName);
        Assert.Contains("not normalised", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalisation_within_the_tolerance_is_accepted_and_beyond_it_rejected()
    {
        var tolerance = ProbabilityVector.Tolerance<double>();
        Assert.Equal(Math.Sqrt(Math.BitIncrement(1.0) - 1.0), tolerance);
        _ = Entropy.Of([0.5, 0.5 + (tolerance / 2)]);
        Assert.Throws<ArgumentException>(() => Entropy.Of([0.5, 0.5 + (tolerance * 2)]));
        Assert.Equal(Math.Sqrt(MathF.BitIncrement(1f) - 1f), ProbabilityVector.Tolerance<float>(), 6);
    }

    public static TheoryData<string> FunctionNames()
    {
        var rows = new TheoryData<string>();
        foreach (var function in Functions)
        {
            rows.Add(function.Name);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Empty_input_is_rejected_naming_the_first_operand(string functionName)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var args = function.Operands.Select(_ => Array.Empty<double>()).ToArray();
        var error = Assert.ThrowsAny<ArgumentException>(() => function.Invoke(args));
        Assert.Equal(function.Operands[0].Name, error.ParamName);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> PairFunctionNames()
    {
        var rows = new TheoryData<string>();
        foreach (var function in Functions.Where(f => f.Operands.Length == 2))
        {
            rows.Add(function.Name);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(PairFunctionNames))]
    public void Length_mismatch_is_rejected_naming_both_lengths(string functionName)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var args = function.Operands.Select(o => Valid(o.Kind)).ToArray();
        args[1] = [.. args[1], .. args[1]];
        var error = Assert.ThrowsAny<ArgumentException>(() => function.Invoke(args));
        Assert.Equal(function.Operands[1].Name, error.ParamName);
        Assert.Contains("3 entries", error.Message, StringComparison.Ordinal);
        Assert.Contains("6", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<double> BadBases => [1.0, 0.5, 0.0, -2.0, double.NaN, double.PositiveInfinity];

    [Theory]
    [MemberData(nameof(BadBases))]
    public void A_logarithm_base_that_is_not_above_1_is_rejected(double logBase)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LogBase.Of(logBase));
        Assert.Equal("logBase", error.ParamName);
        Assert.Contains(logBase.ToString("R", CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("one")]
    [InlineData("1")]
    [InlineData("0.5")]
    public void Parsing_a_bad_base_is_rejected(string text) => Assert.ThrowsAny<ArgumentException>(() => LogBase.Parse(text));

    public static TheoryData<string, double> ElementwiseRows()
    {
        var rows = new TheoryData<string, double>();
        foreach (var (name, _) in ElementwiseUnitInterval)
        {
            foreach (var value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.2, 1.5 })
            {
                rows.Add(name, value);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(ElementwiseRows))]
    public void Elementwise_functions_name_the_bad_entry(string functionName, double bad)
    {
        var invoke = ElementwiseUnitInterval.Single(f => f.Name == functionName).Invoke;
        var p = Enumerable.Repeat(0.3, 19).ToArray();
        p[17] = bad;
        var error = Assert.ThrowsAny<ArgumentException>(() => invoke(p));
        Assert.Equal("p", error.ParamName);
        Assert.Contains($"p[17] = {bad.ToString("R", CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Destination_too_short_is_rejected_before_any_value_is_read()
    {
        var error = Assert.Throws<ArgumentException>(() => Entropy.Binary<double>([0.1, double.NaN], new double[1]));
        Assert.Equal("destination", error.ParamName);
        Assert.Throws<ArgumentException>(() => Kl.Divergence<double>([0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5], 2, Span<double>.Empty));
    }

    [Fact]
    public void Batch_shapes_and_reductions_are_checked()
    {
        double[] p = [0.2, 0.1, 0.7];
        Assert.Throws<ArgumentOutOfRangeException>(() => Kl.Divergence<double>(p, p, 0, Reduction.Sum));
        Assert.Throws<ArgumentException>(() => Kl.Divergence<double>(p, p, 2, Reduction.Sum));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kl.Divergence<double>(p, p, 3, Reduction.None));
    }

    [Fact]
    public void Scalar_probabilities_outside_the_unit_interval_are_rejected()
    {
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.Binary(1.5)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Surprisal.Of(double.NaN)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.Binary(-1e-300)).ParamName);
    }

    [Fact]
    public void Normalize_rejects_negative_nan_and_all_zero_weights()
    {
        Assert.Contains("weights[1] = -1", Assert.Throws<ArgumentException>(() => ProbabilityVector.Normalize([1.0, -1.0])).Message, StringComparison.Ordinal);
        Assert.Contains("weights[0] = NaN", Assert.Throws<ArgumentException>(() => ProbabilityVector.Normalize([double.NaN, 1.0])).Message, StringComparison.Ordinal);
        Assert.Contains("sum to 0", Assert.Throws<ArgumentException>(() => ProbabilityVector.Normalize([0.0, 0.0])).Message, StringComparison.Ordinal);
        Assert.Equal([0.25, 0.75], ProbabilityVector.Normalize([1.0, 3.0]).ToArray());
    }
}
