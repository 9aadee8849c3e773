using FsCheck;
using FsCheck.Fluent;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Training;

namespace Functional.Properties.Training;

/// <summary>A mini-batch run: batch size, optimizer (0 plain SGD, 1 Nesterov momentum, 2 SAM), order, epochs, an
/// optional step budget, and how soon the training thread copies a batch the helper holds (0 = at once).</summary>
public sealed record BatchRingCase(
    ModelProblem Problem, int BatchSize, int OptimizerKind, SampleOrder Order, int Epochs, long? MaxSteps, int RescueSpins, ulong Seed)
{
    public override string ToString()
        => $"batch {BatchSize}, optimizer {OptimizerKind}, {Order}, {Epochs} epochs, max steps {MaxSteps?.ToString() ?? "none"}, rescue after {RescueSpins}, seed {Seed}; {Problem}";
}

/// <summary>Gathering mini-batches ahead on two cores changes no bit of any epoch state, and the ring hands out exactly
/// the rows a plain gather gives, whoever copied them.</summary>
public class BatchRingProperties
{
    private static Arbitrary<BatchRingCase> Cases()
        => Arb.From(
            from p in ModelGenerators.Problems(minimumRows: 1).Generator
            from batch in Gen.Choose(1, p.Rows)
            from optimizer in Gen.Choose(0, 2)
            from order in Gen.Elements(SampleOrder.Shuffle, SampleOrder.LargeError, SampleOrder.Uncertainty)
            from epochs in Gen.Choose(1, 4)
            from budget in Gen.Frequency((1, Gen.Constant<long?>(null)), (1, Gen.Choose(1, (epochs * ((p.Rows + batch - 1) / batch)) + 1).Select(b => (long?)b)))
            from spins in Gen.Elements(0, 1, 2000)
            from seed in Gen.Choose(0, int.MaxValue).Select(s => (ulong)s * 2654435761UL)
            select new BatchRingCase(p, batch, optimizer, order, epochs, budget, spins, seed));

    private static TrainingSetup Setup(BatchRingCase c, bool gatherAhead)
    {
        var p = c.Problem;
        var optimizer = c.OptimizerKind switch
        {
            0 => Optimizers.Sgd(weightDecay: 0.01),
            1 => Optimizers.Sgd(momentum: 0.9, nesterov: true),
            _ => Optimizers.SharpnessAware(Optimizers.Sgd(), 0.05),
        };
        var options = new TrainingOptions(c.Epochs, TrainingMode.MiniBatch, c.BatchSize, order: c.Order, maxSteps: c.MaxSteps) { GatherAhead = gatherAhead };
        return new TrainingSetup(
            TrainingModel.Logistic(new LinearModel(p.Columns)), new Dataset(p.Features, p.Columns, p.BinaryTargets), optimizer,
            Schedules.Constant(0.1), options, Regularizer.Ridge(p.Lambda), initialization: Initialization.Uniform, seed: c.Seed);
    }

    [Fact]
    public void Gathering_ahead_yields_every_bit_of_gathering_in_turn()
        => Holds.ForAll(Cases(), c =>
        {
            var ahead = Trainer.Epochs(Setup(c, gatherAhead: true)).ToList();
            var inTurn = Trainer.Epochs(Setup(c, gatherAhead: false)).ToList();
            Assert.Equal(inTurn, ahead);
        });

    [Fact]
    public void Every_batch_of_the_ring_holds_the_rows_of_its_stretch_of_the_order()
        => Holds.ForAll(Cases(), c =>
        {
            var p = c.Problem;
            var data = new Dataset(p.Features, p.Columns, p.Targets);
            var ring = new BatchPipeline(data, c.BatchSize, c.RescueSpins);
            var order = Enumerable.Range(0, p.Rows).ToArray();
            var random = new Random((int)(c.Seed % int.MaxValue));
            var expectedX = new double[c.BatchSize * p.Columns];
            var expectedY = new double[c.BatchSize];
            var batches = (p.Rows + c.BatchSize - 1) / c.BatchSize;
            for (var epoch = 0; epoch < c.Epochs; epoch++)
            {
                random.Shuffle(order);
                ring.Begin(order);
                try
                {
                    // a budget ends some epochs early
                    var taken = c.MaxSteps is long m ? (int)Math.Min(batches, m) : batches;
                    for (var b = 0; b < taken; b++)
                    {
                        if (b > 0)
                        {
                            ring.Release(b - 1);
                        }

                        var (features, targets) = ring.Acquire(b);
                        var count = Math.Min(c.BatchSize, p.Rows - (b * c.BatchSize));
                        data.Gather(order.AsSpan(b * c.BatchSize, count), expectedX, expectedY);
                        Assert.Equal(expectedY.AsSpan(0, count).ToArray(), targets.ToArray());
                        Assert.Equal(expectedX.AsSpan(0, count * p.Columns).ToArray(), features.ToArray());
                    }
                }
                finally
                {
                    ring.End();
                }
            }
        });
}
