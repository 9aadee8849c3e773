using System.Globalization;
using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>
/// The bad-input matrix for the element-wise losses, one test case per row: a NaN or infinite prediction, a target outside
/// the loss's domain (NaN, ±∞; for BCE below 0 or above 1; for the logistic loss anything but ±1) — at index 1 (inside the
/// SIMD body of a 10-element input) and at index 9 (the scalar tail) — named with the parameter, index and value;
/// length mismatch, short destinations, reductions other than Sum/Mean, and δ/β that are not finite and positive.
/// </summary>
public class LossBadInputTests
{
    private const int Length = 10;

    private static readonly (string Case, double Value)[] NonFinite =
        [("NaN", double.NaN), ("+inf", double.PositiveInfinity), ("-inf", double.NegativeInfinity)];

    private static (string Case, double Value)[] BadTargets(TargetKind kind) => kind switch
    {
        TargetKind.UnitInterval => [.. NonFinite, ("-0.1", -0.1), ("1.5", 1.5)],
        TargetKind.Sign => [.. NonFinite, ("0", 0.0), ("0.5", 0.5), ("2", 2.0)],
        _ => NonFinite,
    };

    private static double[] ValidPredictions() => Enumerable.Range(0, Length).Select(i => (i * 0.75) - 3.0).ToArray();

    private static double[] ValidPredictions(LossCase loss)
        => loss.Probabilities ? Enumerable.Range(0, Length).Select(i => (i + 0.5) / Length).ToArray() : ValidPredictions();

    private static (string Case, double Value)[] BadPredictions(LossCase loss)
        => loss.Probabilities ? [.. NonFinite, ("-0.1", -0.1), ("1.5", 1.5)] : NonFinite;

    private static double[] ValidTargets(TargetKind kind) => Enumerable.Range(0, Length)
        .Select(i => LossCases.Target(kind, (i + 0.5) / Length, 0.25 * i)).ToArray();

    /// <summary>Invokes the loss's Reduce (Sum) or Elementwise form in double.</summary>
    private static void Invoke(LossCase loss, bool elementwise, double[] predictions, double[] targets)
    {
        if (elementwise)
        {
            loss.ElementwiseDouble(predictions, targets, new double[predictions.Length], new double[predictions.Length]);
        }
        else
        {
            _ = loss.ReduceDouble(predictions, targets, new double[predictions.Length], Reduction.Sum);
        }
    }

    public static TheoryData<string, bool, string, string, int> ElementRows()
    {
        var rows = new TheoryData<string, bool, string, string, int>();
        foreach (var loss in LossCases.All)
        {
            foreach (var elementwise in (bool[])[false, true])
            {
                foreach (var index in (int[])[1, Length - 1])
                {
                    foreach (var (name, _) in BadPredictions(loss))
                    {
                        rows.Add(loss.Name, elementwise, "predictions", name, index);
                    }

                    foreach (var (name, _) in BadTargets(loss.Targets))
                    {
                        rows.Add(loss.Name, elementwise, "targets", name, index);
                    }
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(ElementRows))]
    public void A_bad_element_is_named_with_its_index_and_value(string lossName, bool elementwise, string operand, string badCase, int index)
    {
        var loss = LossCases.Named(lossName);
        var predictions = ValidPredictions(loss);
        var targets = ValidTargets(loss.Targets);
        var bad = (operand == "predictions" ? BadPredictions(loss) : BadTargets(loss.Targets)).Single(b => b.Case == badCase).Value;
        (operand == "predictions" ? predictions : targets)[index] = bad;

        var error = Assert.ThrowsAny<ArgumentException>(() => Invoke(loss, elementwise, predictions, targets));
        Assert.Equal(operand, error.ParamName);
        Assert.Contains($"{operand}[{index}] = {bad.ToString("R", CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_messages_read_as_the_issue_promises()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Loss.BinaryCrossEntropyWithLogits<double>([0.0, 1.0, 2.0], [0.0, 1.5, 1.0], Span<double>.Empty));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("targets[1] = 1.5", error.Message, StringComparison.Ordinal);

        var floatError = Assert.Throws<ArgumentException>(() =>
            Loss.LogisticElementwise<float>([0f, 1f, 2f], [1f, 0.5f, -1f], new float[3], Span<float>.Empty));
        Assert.Equal("targets", floatError.ParamName);
        Assert.Contains("targets[1] = 0.5", floatError.Message, StringComparison.Ordinal);

        var predictionError = Assert.Throws<ArgumentException>(() =>
            Loss.Huber<float>([0f, float.NaN], [0f, 0f], Span<float>.Empty));
        Assert.Equal("predictions", predictionError.ParamName);
        Assert.Contains("predictions[1] = NaN", predictionError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_prediction_is_reported_before_a_bad_target()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Loss.BinaryCrossEntropyWithLogits<double>([0.0, 1.0, double.NaN], [2.0, 1.0, 1.0], Span<double>.Empty));
        Assert.Equal("predictions", error.ParamName);
    }

    public static TheoryData<string, bool> Forms()
    {
        var rows = new TheoryData<string, bool>();
        foreach (var loss in LossCases.All)
        {
            rows.Add(loss.Name, false);
            rows.Add(loss.Name, true);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Length_mismatch_is_rejected_naming_targets(string lossName, bool elementwise)
    {
        var loss = LossCases.Named(lossName);
        var predictions = ValidPredictions(loss);
        var targets = ValidTargets(loss.Targets)[..(Length - 1)];
        var error = Assert.ThrowsAny<ArgumentException>(() => Invoke(loss, elementwise, predictions, targets));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains($"{Length}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Length - 1}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_gradient_too_short_is_rejected_naming_gradient(string lossName, bool elementwise)
    {
        var loss = LossCases.Named(lossName);
        var predictions = ValidPredictions(loss);
        var targets = ValidTargets(loss.Targets);
        var shortGradient = new double[Length - 1];
        var error = Assert.ThrowsAny<ArgumentException>(() =>
        {
            if (elementwise)
            {
                loss.ElementwiseDouble(predictions, targets, new double[Length], shortGradient);
            }
            else
            {
                _ = loss.ReduceDouble(predictions, targets, shortGradient, Reduction.Mean);
            }
        });
        Assert.Equal("gradient", error.ParamName);
        Assert.All(shortGradient, g => Assert.Equal(0.0, g));
    }

    public static TheoryData<string> Names()
    {
        var rows = new TheoryData<string>();
        foreach (var loss in LossCases.All)
        {
            rows.Add(loss.Name);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Values_too_short_is_rejected_naming_values(string lossName)
    {
        var loss = LossCases.Named(lossName);
        var shortValues = new double[Length - 1];
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            loss.ElementwiseDouble(ValidPredictions(loss), ValidTargets(loss.Targets), shortValues, new double[Length]));
        Assert.Equal("values", error.ParamName);
        Assert.All(shortValues, v => Assert.Equal(0.0, v));
    }

    public static TheoryData<string, Reduction> BadReductions()
    {
        var rows = new TheoryData<string, Reduction>();
        foreach (var loss in LossCases.All)
        {
            rows.Add(loss.Name, Reduction.None);
            rows.Add(loss.Name, Reduction.BatchMean);
            rows.Add(loss.Name, (Reduction)42);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(BadReductions))]
    public void A_reduction_other_than_sum_or_mean_is_out_of_range(string lossName, Reduction reduction)
    {
        var loss = LossCases.Named(lossName);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            loss.ReduceDouble(ValidPredictions(loss), ValidTargets(loss.Targets), new double[Length], reduction));
        Assert.Equal("reduction", error.ParamName);
        var floatError = Assert.Throws<ArgumentOutOfRangeException>(() =>
            loss.ReduceFloat(new float[Length], new float[Length], Span<float>.Empty, reduction));
        Assert.Equal("reduction", floatError.ParamName);
    }

    public static TheoryData<string, bool, double> BadParameters()
    {
        var rows = new TheoryData<string, bool, double>();
        foreach (var name in (string[])["delta", "beta"])
        {
            foreach (var elementwise in (bool[])[false, true])
            {
                foreach (var value in (double[])[0.0, -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity])
                {
                    rows.Add(name, elementwise, value);
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(BadParameters))]
    public void Delta_and_beta_must_be_finite_and_positive(string parameter, bool elementwise, double value)
    {
        var p = ValidPredictions();
        var t = ValidTargets(TargetKind.Finite);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            switch (parameter, elementwise)
            {
                case ("delta", false):
                    _ = Loss.Huber<double>(p, t, Span<double>.Empty, Reduction.Mean, value);
                    break;
                case ("delta", true):
                    Loss.HuberElementwise<double>(p, t, new double[Length], Span<double>.Empty, value);
                    break;
                case ("beta", false):
                    _ = Loss.SmoothL1<double>(p, t, Span<double>.Empty, Reduction.Mean, value);
                    break;
                default:
                    Loss.SmoothL1Elementwise<double>(p, t, new double[Length], Span<double>.Empty, value);
                    break;
            }
        });
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"{parameter} = {value.ToString("R", CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_run_in_the_documented_order_lengths_destinations_reduction_empties()
    {
        // Length mismatch beats a short gradient, which beats a bad reduction, which beats emptiness.
        var mismatch = Assert.ThrowsAny<ArgumentException>(() =>
            Loss.SquaredError<double>([1.0, 2.0], [1.0], new double[1], Reduction.None));
        Assert.Equal("targets", mismatch.ParamName);

        var shortGradient = Assert.ThrowsAny<ArgumentException>(() =>
            Loss.SquaredError<double>([1.0, 2.0], [1.0, 2.0], new double[1], Reduction.None));
        Assert.Equal("gradient", shortGradient.ParamName);

        var reduction = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Loss.SquaredError<double>([], [], Span<double>.Empty, Reduction.None));
        Assert.Equal("reduction", reduction.ParamName);

        var empty = Assert.Throws<ArgumentException>(() =>
            Loss.SquaredError<double>([], [], Span<double>.Empty, Reduction.Sum));
        Assert.Equal("predictions", empty.ParamName);

        // A zero-length elementwise call is fine: there is nothing to reduce and nothing to write.
        Loss.SquaredErrorElementwise<double>([], [], Span<double>.Empty, Span<double>.Empty);
    }
}
