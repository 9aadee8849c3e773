using FsCheck;
using FsCheck.Fluent;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Training;

namespace Functional.Properties.Training;

/// <summary>
/// A per-sample plain SGD run on a linear or logistic model: regulariser (0 none, 1 ridge, 2 lasso, 3 elastic net with the
/// intercept penalised), schedule (0 constant, 1 inverse time, 2 scikit-learn's optimal), the rate's (or α's) power of ten,
/// weight decay, feature scale (a power of ten: large ones overflow), order, epochs and an optional step budget.
/// </summary>
public sealed record OneRowCase(
    ModelProblem Problem, bool Logistic, bool Intercept, int RegularizerKind, int ScheduleKind, int RateExponent, double WeightDecay,
    int ScaleExponent, SampleOrder Order, int Epochs, long? MaxSteps, ulong Seed)
{
    public override string ToString()
        => $"{(Logistic ? "logistic" : "linear")}, intercept {Intercept}, regulariser {RegularizerKind}, schedule {ScheduleKind}, rate 1e{RateExponent}, "
         + $"decay {WeightDecay}, features ×1e{ScaleExponent}, {Order}, {Epochs} epochs, max steps {MaxSteps?.ToString() ?? "none"}, seed {Seed}; {Problem}";
}

/// <summary>The fused one-row step of per-sample plain SGD yields every bit of every epoch state the general path yields.</summary>
public class OneRowStepProperties
{
    private static Arbitrary<OneRowCase> Cases()
        => Arb.From(
            from p in ModelGenerators.Problems(minimumRows: 1).Generator
            from logistic in Gen.Elements(true, false)
            from intercept in Gen.Elements(true, false)
            from regularizer in Gen.Choose(0, 3)
            from schedule in Gen.Choose(0, 2)
                // mostly ordinary rates; one case in five large enough to overflow (divergence)
            from rate in Gen.Frequency((4, Gen.Choose(-4, 0)), (1, Gen.Choose(1, 308)))
            from decay in Gen.Elements(0.0, 0.01)
            from scale in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 160)))
            from order in Gen.Elements(SampleOrder.Shuffle, SampleOrder.LargeError, SampleOrder.Uncertainty)
            from epochs in Gen.Choose(1, 4)
                // a budget that usually ends mid-epoch
            from budget in Gen.Frequency((1, Gen.Constant<long?>(null)), (1, Gen.Choose(1, (p.Rows * epochs) + 1).Select(b => (long?)b)))
            from seed in Gen.Choose(0, int.MaxValue).Select(s => (ulong)s * 2654435761UL)
            select new OneRowCase(p, logistic, intercept, regularizer, schedule, rate, decay, scale, order, epochs, budget, seed));

    private static TrainingSetup Setup(OneRowCase c, bool fused)
    {
        var p = c.Problem;
        var model = new LinearModel(p.Columns, c.Intercept);
        var features = p.Features.Select(v => v * Math.Pow(10.0, c.ScaleExponent)).ToArray();
        var data = new Dataset(features, p.Columns, c.Logistic ? p.BinaryTargets : p.Targets);
        var rate = Math.Pow(10.0, c.RateExponent);
        var schedule = c.ScheduleKind switch
        {
            0 => Schedules.Constant(rate),
            1 => Schedules.InverseTime(rate, 0.1),
            // α = 1/rate: large rates are small α, whose first steps are √(1/√α)
            _ => Schedules.ScikitLearnOptimal(Math.Min(1.0, 1.0 / rate)),
        };
        var regularizer = c.RegularizerKind switch
        {
            0 => Regularizer.None,
            1 => Regularizer.Ridge(p.Lambda),
            2 => Regularizer.Lasso(p.Lambda / 10.0),
            _ => new Regularizer(p.Lambda, p.Lambda / 10.0, includeBias: true),
        };
        var options = new TrainingOptions(c.Epochs, TrainingMode.PerSample, order: c.Order, maxSteps: c.MaxSteps) { FusedOneRowStep = fused };
        return new TrainingSetup(
            c.Logistic ? TrainingModel.Logistic(model) : TrainingModel.Linear(model), data, Optimizers.Sgd(weightDecay: c.WeightDecay), schedule,
            options, regularizer, initialization: Initialization.Uniform, seed: c.Seed);
    }

    [Fact]
    public void The_fused_one_row_step_yields_every_bit_of_the_general_path()
        => Holds.ForAll(Cases(), c =>
        {
            var fused = Trainer.Epochs(Setup(c, fused: true)).ToList();
            var general = Trainer.Epochs(Setup(c, fused: false)).ToList();
            // EpochState equality is bitwise on every number: weights, risks, smoothed risk, rate, step, optimizer state,
            // generator, stop reason and stop step
            Assert.Equal(general, fused);
            Assert.NotNull(fused[^1].Stop);
            if (fused[^1].Stop == StopReason.Diverged)
            {
                Assert.All(fused[^1].Weights, w => Assert.True(double.IsFinite(w)));
            }
        });
}
