using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;
using Functional.Properties.Generators;
using Functional.Properties.Harness;
using Functional.Training;

namespace Functional.Properties.Training;

/// <summary>A training run drawn from a model problem: mode, batch size, order, optimizer, seed and where to resume.</summary>
public sealed record TrainingCase(ModelProblem Problem, bool Logistic, TrainingMode Mode, int BatchSize, SampleOrder Order, int OptimizerIndex, ulong Seed, int ResumeAt)
{
    public override string ToString()
        => $"{(Logistic ? "logistic" : "linear")}, {Mode}, batch {BatchSize}, {Order}, optimizer {OptimizerIndex}, seed {Seed}, resume at {ResumeAt}; {Problem}";
}

/// <summary>The fold's laws: same seed ⇒ same sequence; resume ⇒ the uninterrupted tail; Robbins–Monro SGD converges.</summary>
public class TrainingProperties
{
    private const int Epochs = 5;

    private static readonly Func<Optimizer>[] OptimizerChoices =
    [
        Optimizers.GradientDescent,
        () => Optimizers.Sgd(momentum: 0.9, nesterov: true),
        () => Optimizers.Adam(),
        () => Optimizers.Chain(Optimizers.ClipByGlobalNorm(0.5), Optimizers.Sgd(momentum: 0.5)),
        // plain SGD: the fold applies it in place instead of through Update (the same bits, see below)
        () => Optimizers.Sgd(weightDecay: 0.01),
    ];

    private static Arbitrary<TrainingCase> Cases()
        => Arb.From(
            from p in ModelGenerators.Problems(minimumRows: 1).Generator
            from logistic in Gen.Elements(true, false)
            from mode in Gen.Elements(TrainingMode.FullBatch, TrainingMode.PerSample, TrainingMode.MiniBatch)
            from batch in Gen.Choose(1, p.Rows)
            from order in Gen.Elements(SampleOrder.Shuffle, SampleOrder.LargeError, SampleOrder.Uncertainty)
            from optimizer in Gen.Choose(0, OptimizerChoices.Length - 1)
            from seed in Gen.Choose(0, int.MaxValue).Select(s => (ulong)s * 2654435761UL)
            from resume in Gen.Choose(0, Epochs)
            select new TrainingCase(p, logistic, mode, batch, order, optimizer, seed, resume));

    private static TrainingSetup Setup(TrainingCase c, int metricsEvery = 1, Optimizer? optimizer = null)
    {
        var p = c.Problem;
        var model = new LinearModel(p.Columns);
        var data = new Dataset(p.Features, p.Columns, c.Logistic ? p.BinaryTargets : p.Targets);
        return new TrainingSetup(
            c.Logistic ? TrainingModel.Logistic(model) : TrainingModel.Linear(model), data, optimizer ?? OptimizerChoices[c.OptimizerIndex](),
            Schedules.InverseTime(0.05, 0.1), new TrainingOptions(Epochs, c.Mode, c.BatchSize, c.Order, metricsEvery: metricsEvery), Regularizer.Ridge(p.Lambda),
            validation: data, initialization: Initialization.Uniform, seed: c.Seed);
    }

    [Fact]
    public void Same_seed_gives_the_same_sequence()
        => Holds.ForAll(Cases(), c =>
        {
            var first = Trainer.Epochs(Setup(c)).ToList();
            var second = Trainer.Epochs(Setup(c)).ToList();
            Assert.Equal(first, second);
            Assert.NotNull(first[^1].Stop);
        });

    [Fact]
    public void Resume_from_any_state_after_json_equals_the_uninterrupted_run()
        => Holds.ForAll(Cases(), c =>
        {
            var setup = Setup(c);
            var run = Trainer.Epochs(setup).ToList();
            var k = Math.Min(c.ResumeAt, run.Count - 1);
            var restored = JsonSerializer.Deserialize<EpochState>(JsonSerializer.Serialize(run[k]))!;
            Assert.Equal(run.Skip(k + 1).ToList(), Trainer.Epochs(setup, restored).ToList());
        });

    [Fact]
    public void Metrics_every_k_epochs_change_no_weight_step_or_final_figures()
        => Holds.ForAll(Cases(), c =>
        {
            var every = Trainer.Epochs(Setup(c)).ToList();
            var k = 1 + (c.ResumeAt % (Epochs + 1));
            var sparse = Trainer.Epochs(Setup(c, metricsEvery: k)).ToList();
            Assert.Equal(every.Count, sparse.Count);
            for (var e = 0; e < every.Count; e++)
            {
                Assert.Equal(every[e].Weights.ToArray(), sparse[e].Weights.ToArray());
                Assert.Equal(every[e].Step, sparse[e].Step);
                Assert.Equal(every[e].Optimizer, sparse[e].Optimizer);
            }

            // the figures of the last epoch are computed for every k; the best-epoch record (read only by early stopping,
            // which needs k = 1) has seen only the epochs whose figures were computed
            var last = every[^1];
            Assert.Equal(last, sparse[^1] with
            {
                BestEpoch = last.BestEpoch,
                BestValidationRisk = last.BestValidationRisk,
                BestWeights = last.BestWeights,
                BadEpochs = last.BadEpochs,
            });
        });

    [Fact]
    public void Plain_SGD_applied_in_place_equals_SGD_through_the_general_update()
        => Holds.ForAll(Cases(), c =>
        {
            var inPlace = Trainer.Epochs(Setup(c, optimizer: Optimizers.Sgd(weightDecay: 0.01))).Select(s => s.Weights.ToArray()).ToList();
            var general = Trainer.Epochs(Setup(c, optimizer: Optimizers.Chain(Optimizers.Sgd(weightDecay: 0.01)))).Select(s => s.Weights.ToArray()).ToList();
            Assert.Equal(general, inPlace);
        });

    [Fact]
    public void Per_sample_SGD_with_Robbins_Monro_steps_converges_on_ridge_regression()
        => Holds.ForAll(ModelGenerators.Problems(minimumRows: 2), p =>
        {
            if (p.Columns == 0)
            {
                return;
            }

            // R(w) = (1/2n) Σ (wᵀx_i − y_i)² + (μ/2)‖w‖², no intercept: μ-strongly convex; with x in [−1, 1]^d each sample's
            // curvature is at most L = d + μ. Steps η_t = 1/(μ(t + t₀)), t₀ = L/μ (so η₀ = 1/L): the 1/t rule of
            // Robbins and Monro, whose iterates reach the minimiser at rate O(1/t) in mean square.
            var mu = 0.5 + (p.Lambda / 2.0);
            var x = p.Features.Select(v => v / 2.0).ToArray();
            var data = new Dataset(x, p.Columns, p.Targets);
            var curvature = p.Columns + mu;
            var t0 = curvature / mu;
            var setup = new TrainingSetup(
                TrainingModel.Linear(new LinearModel(p.Columns, Intercept: false)), data, Optimizers.Sgd(),
                Schedules.InverseTime(1.0 / (mu * t0), 1.0 / t0), new TrainingOptions(epochs: 400, mode: TrainingMode.PerSample),
                Regularizer.Ridge(mu), seed: 17);
            var final = Trainer.Train(setup);
            var exact = LinearRegression.Ridge(data, mu, intercept: false);
            var error = Math.Sqrt(exact.Select((e, j) => (e - final.Weights[j]) * (e - final.Weights[j])).Sum());
            var scale = 1.0 + Math.Sqrt(exact.Sum(e => e * e));
            Assert.True(error <= 0.02 * scale, $"‖w − w*‖ = {error} after {final.Step} steps; ‖w*‖ + 1 = {scale}");
        });
}
