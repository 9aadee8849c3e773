using Functional.Laws;
using Functional.Losses;
using Functional.Numerics;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Properties.Laws;

namespace Functional.Properties.Losses;

/// <summary>The generic loss laws, instantiated for every element-wise loss of the core.</summary>
public class LossLawProperties
{
    public static TheoryData<string> Losses => CoreLosses.Names;

    [Theory]
    [MemberData(nameof(Losses))]
    public void Derivative_equals_a_central_difference_away_from_kinks(string name)
    {
        var loss = CoreLosses.Named(name);
        Holds.ForAll(LossGenerators.Cases(loss.Domain), LossLaws.DerivativeMatchesFiniteDifference(loss.Elementwise, termSize: loss.TermSize));
    }

    /// <summary>The losses that are non-negative: every one but the negative log-likelihoods of densities and rates.</summary>
    public static TheoryData<string> NonNegativeLosses => new(CoreLosses.All.Where(l => l.NonNegative).Select(l => l.Name));

    [Theory]
    [MemberData(nameof(NonNegativeLosses))]
    public void Loss_is_non_negative(string name)
    {
        var loss = CoreLosses.Named(name);
        Holds.ForAll(LossGenerators.Cases(loss.Domain), LossLaws.NonNegative(loss.Elementwise));
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Loss_is_finite_where_the_mathematics_is_and_never_NaN(string name)
    {
        var loss = CoreLosses.Named(name);
        Holds.ForAll(LossGenerators.Cases(loss.Domain), LossLaws.FiniteWhereTheMathematicsIs(loss.Elementwise, loss.MathematicsFinite));
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Mean_is_sum_over_n_with_the_gradient_divided_by_n(string name)
    {
        var loss = CoreLosses.Named(name);
        Holds.ForAll(LossGenerators.Cases(loss.Domain), LossLaws.MeanIsSumOverN(loss.Reduce, loss.Name));
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Elementwise_values_add_up_to_the_sum_and_its_derivatives_are_the_sum_gradient(string name)
    {
        var loss = CoreLosses.Named(name);
        Holds.ForAll(LossGenerators.Cases(loss.Domain), LossLaws.ElementwiseAddsUpToSum(loss.Reduce, loss.Elementwise));
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Float_kernel_agrees_with_double(string name)
    {
        var loss = CoreLosses.Named(name);
        Holds.ForAll(LossGenerators.Cases(loss.Domain, PredictionRange.FloatSafe), LossLaws.FloatAgreesWithDouble(loss.ReduceSingle, loss.Reduce, loss.Name));
    }

    [Fact]
    public void Absolute_error_takes_the_lowest_norm_subgradient_zero_at_its_kink()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Real), LossLaws.LowestNormSubgradientAtKinks(CoreLosses.AbsoluteError.Elementwise));

    [Fact]
    public void Logistic_loss_over_ln_2_upper_bounds_the_zero_one_error()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), LossLaws.UpperBoundsZeroOneError(CoreLosses.Logistic.Elementwise, 1.0 / Math.Log(2.0), y => y));

    public static TheoryData<string, double> Surrogates => new()
    {
        { "Hinge", 1.0 },
        { "SquaredHinge", 1.0 },
        { "ModifiedHuber", 1.0 },
        { "Exponential", 1.0 },
        { "SigmoidSurrogate", 2.0 },
    };

    [Theory]
    [MemberData(nameof(Surrogates))]
    public void Margin_surrogates_scaled_through_0_1_upper_bound_the_zero_one_error(string name, double scale)
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), LossLaws.UpperBoundsZeroOneError(CoreLosses.Named(name).Elementwise, scale, y => y));

    [Fact]
    public void Zero_one_error_counts_the_misclassified_and_has_no_gradient()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), c =>
        {
            var gradient = new double[c.Length];
            var errors = Loss.ZeroOneError<double>(c.Predictions, c.Targets, gradient, Reduction.Sum);
            var expected = c.Predictions.Zip(c.Targets, (f, y) => f * y <= 0 ? 1.0 : 0.0).Sum();
            Approx.That(errors == expected, () => $"0-1 error {errors} but {expected} misclassified");
            Approx.That(gradient.All(g => g == 0.0), () => "the 0-1 error's gradient must be 0");
        });
}
