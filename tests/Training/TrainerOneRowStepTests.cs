using Functional.Losses;
using Functional.Models;
using Functional.Models.Data;
using Functional.Numerics;
using Functional.Optimization;
using Functional.Training;

namespace Functional.Tests.Training;

/// <summary>
/// The fused one-row step of per-sample plain SGD (LinearModel.OneRowRisk with the update in the gradient's pass) gives
/// every bit of the general path (TrainingModel.Risk, then the SGD step), diverges where it does, and allocates nothing per step.
/// </summary>
public class TrainerOneRowStepTests
{
    // rows × columns features in [−scale, scale], binary labels from a noisy logistic model and real targets; deterministic
    private static Dataset Data(int rows, int columns, bool binary, double scale = 1.0, ulong seed = 5)
    {
        var generator = new SeededGenerator(seed);
        var x = new double[rows * columns];
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var z = 0.3;
            for (var j = 0; j < columns; j++)
            {
                var v = scale * ((2.0 * generator.NextDouble()) - 1.0);
                x[(r * columns) + j] = v;
                z += (j - 3) * v;
            }

            y[r] = binary ? (generator.NextDouble() < 1.0 / (1.0 + Math.Exp(-z)) ? 1.0 : 0.0) : z + generator.NextDouble() - 0.5;
        }

        return new Dataset(x, columns, y);
    }

    // the same setup with the fused step (the default) and with the general path
    private static (List<EpochState> Fused, List<EpochState> General) BothPaths(Func<TrainingOptions, TrainingSetup> setup, TrainingOptions options)
    {
        Assert.True(options.FusedOneRowStep);
        var general = options with { FusedOneRowStep = false };
        return (Trainer.Epochs(setup(options)).ToList(), Trainer.Epochs(setup(general)).ToList());
    }

    public static TheoryData<bool, bool, int, double, double, bool, SampleOrder> Configurations() => new()
    {
        // logistic, intercept, columns, λ₂, λ₁, penalise the intercept, order
        { true, true, 7, 1e-3, 0.0, false, SampleOrder.Shuffle },
        { true, true, 50, 1e-6, 0.0, false, SampleOrder.Shuffle },
        { true, false, 9, 0.0, 0.0, false, SampleOrder.LargeError },
        { true, true, 13, 0.01, 0.002, true, SampleOrder.Uncertainty },
        { true, true, 3, 0.0, 0.01, false, SampleOrder.Shuffle },
        { false, true, 7, 0.1, 0.0, false, SampleOrder.Shuffle },
        { false, false, 5, 0.0, 0.0, false, SampleOrder.LargeError },
        { false, true, 0, 0.5, 0.1, true, SampleOrder.Shuffle },
        { false, true, 11, 0.0, 0.05, false, SampleOrder.Uncertainty },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_fused_step_gives_every_bit_of_the_general_path(bool logistic, bool intercept, int columns, double l2, double l1, bool includeBias, SampleOrder order)
    {
        var data = Data(120, columns, logistic);
        var model = new LinearModel(columns, intercept);
        foreach (var (schedule, decay) in new (Schedule, double)[] { (logistic ? Schedules.ScikitLearnOptimal(1e-3) : Schedules.Constant(0.005), 0.0), (Schedules.InverseTime(0.05, 0.1), 0.01), (Schedules.Constant(0.02), 0.0) })
        {
            var (fused, general) = BothPaths(
                options => new TrainingSetup(
                    logistic ? TrainingModel.Logistic(model) : TrainingModel.Linear(model), data, Optimizers.Sgd(weightDecay: decay), schedule,
                    options, new Regularizer(l2, l1, includeBias), validation: data, initialization: Initialization.Uniform, seed: 11),
                new TrainingOptions(epochs: 3, mode: TrainingMode.PerSample, order: order));
            Assert.Equal(4, fused.Count);
            Assert.Equal(general, fused);
            // a run that diverged would compare only its first steps
            Assert.Equal(360, fused[^1].Step);
            Assert.NotEqual(fused[0].Weights.ToArray(), fused[^1].Weights.ToArray());
        }
    }

    [Fact]
    public void A_step_budget_that_ends_mid_epoch_and_a_resume_agree_with_the_general_path()
    {
        TrainingSetup Setup(TrainingOptions options) => new(
            TrainingModel.Logistic(new LinearModel(8)), Data(50, 8, binary: true), Optimizers.Sgd(), Schedules.ScikitLearnOptimal(1e-4),
            options, new Regularizer(l2: 1e-4), seed: 3);
        var options = new TrainingOptions(epochs: 10, mode: TrainingMode.PerSample, maxSteps: 137, metricsEvery: 2);
        var (fused, general) = BothPaths(Setup, options);
        var setup = Setup(options);
        Assert.Equal(general, fused);
        Assert.Equal(StopReason.StepBudget, fused[^1].Stop);
        Assert.Equal(137, fused[^1].Step);
        Assert.Equal(fused.Skip(2), Trainer.Epochs(setup, fused[1]));
    }

    [Fact]
    public void New_weights_that_overflow_stop_the_run_with_the_last_finite_weights_as_the_general_path_does()
    {
        // η = 1e308 and features up to 10: the first update overflows
        var (fused, general) = BothPaths(
            options => new TrainingSetup(
                TrainingModel.Logistic(new LinearModel(6)), Data(40, 6, binary: true, scale: 10.0), Optimizers.Sgd(), Schedules.Constant(1e308), options, seed: 2),
            new TrainingOptions(epochs: 3, mode: TrainingMode.PerSample));
        Assert.Equal(general, fused);
        var last = fused[^1];
        Assert.Equal(StopReason.Diverged, last.Stop);
        Assert.Equal(0, last.StopStep);
        Assert.Equal(fused[0].Weights.ToArray(), last.Weights.ToArray());
        Assert.Equal(1e308, last.LearningRate);
        Assert.Equal(double.PositiveInfinity, last.TrainRisk);
    }

    [Theory]
    [InlineData(true, 1e3)]
    [InlineData(false, 1e3)]
    [InlineData(false, 30.0)]
    [InlineData(true, 1e150)]
    public void A_risk_or_score_that_overflows_stops_the_run_as_the_general_path_does(bool logistic, double rate)
    {
        // large constant steps: the weights grow geometrically until a score, a loss or a new weight is not finite
        var (fused, general) = BothPaths(
            options => new TrainingSetup(
                logistic ? TrainingModel.Logistic(new LinearModel(5)) : TrainingModel.Linear(new LinearModel(5)), Data(30, 5, logistic, scale: 3.0),
                Optimizers.Sgd(), Schedules.Constant(rate), options, new Regularizer(l2: 0.5), seed: 8),
            new TrainingOptions(epochs: 400, mode: TrainingMode.PerSample));
        Assert.Equal(general, fused);
        var last = fused[^1];
        Assert.Equal(StopReason.Diverged, last.Stop);
        Assert.True(last.StopStep > 0, $"diverged at step {last.StopStep}");
        Assert.All(last.Weights, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(last.Step, last.StopStep);
    }

    [Fact]
    public void The_core_losses_are_recognised_and_other_delegates_take_the_general_path()
    {
        var model = new LinearModel(3);
        Assert.NotNull(TrainingModel.Logistic(model).OneRow);
        Assert.NotNull(TrainingModel.Linear(model).OneRow);
        Assert.NotNull(TrainingModel.Linear(model, LinearRegression.SquaredError).OneRow);
        Assert.Null(TrainingModel.Linear(model, Loss.BinaryCrossEntropyWithLogits<double>, classifier: true).OneRow);
        Assert.Null(TrainingModel.Linear(model, (p, t, g, r) => Loss.Huber(p, t, g, r, delta: 1.35)).OneRow);
        Assert.Null(TrainingModel.Softmax(new SoftmaxModel(3, 2)).OneRow);

        // a loss the fused step does not know still trains, through the general path, to the same bits as the core's own
        // delegate through the general path
        var data = Data(40, 3, binary: true);
        TrainingSetup Setup(PointwiseLoss loss, bool fused) => new(
            TrainingModel.Linear(model, loss, classifier: true), data, Optimizers.Sgd(), Schedules.Constant(0.1),
            new TrainingOptions(epochs: 2, mode: TrainingMode.PerSample) { FusedOneRowStep = fused }, seed: 4);
        Assert.Equal(Trainer.Epochs(Setup(LogisticRegression.CrossEntropy, fused: false)), Trainer.Epochs(Setup(Loss.BinaryCrossEntropyWithLogits<double>, fused: true)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_element_losses_equal_the_reduction_of_one_element_bit_for_bit(bool logistic)
    {
        var kernel = logistic ? KernelLoss.BinaryCrossEntropyWithLogits : KernelLoss.HalfSquaredError;
        double[] predictions = [0.0, -0.0, 1e-300, -1e-300, 0.3, -0.3, 1.0, -2.5, 17.0, -17.0, 36.9, 40.0, -40.0, 745.0, -745.0, 1e154, -1e154, 1e300, -1e308, double.Epsilon];
        double[] targets = logistic ? [0.0, 1.0, 0.25, 0.5, 1e-17] : [0.0, -0.0, 1.0, -3.5, 1e154, -1e-300];
        foreach (var p in predictions)
        {
            foreach (var t in targets)
            {
                var reducedGradient = new double[1];
                var reduced = kernel.Reduced([p], [t], reducedGradient, Reduction.Mean);
                var one = kernel.MeanOfOne(p, t, out var derivative, out var valid);
                Assert.True(valid);
                Assert.Equal(BitConverter.DoubleToInt64Bits(reduced), BitConverter.DoubleToInt64Bits(one));
                Assert.Equal(BitConverter.DoubleToInt64Bits(reducedGradient[0]), BitConverter.DoubleToInt64Bits(derivative));
            }
        }
    }

    [Fact]
    public void The_one_row_risk_raises_the_general_path_error_for_a_target_outside_the_domain()
    {
        var model = new LinearModel(2);
        double[] theta = [0.5, -0.25, 0.125];
        double[] row = [1.0, 2.0];
        var general = Assert.Throws<ArgumentException>(() => model.RiskCore(theta, row, [2.0], LogisticRegression.CrossEntropy, Regularizer.None, new double[3], new ModelWorkspace(1), lenient: true));
        var sink = new Collect(new double[3], new double[3]);
        var fused = Assert.Throws<ArgumentException>(() => model.OneRowRisk(theta, row, 2.0, KernelLoss.BinaryCrossEntropyWithLogits, Regularizer.None, sink, out _, out _));
        Assert.Equal(general.Message, fused.Message);
        Assert.Equal(general.ParamName, fused.ParamName);
    }

    [Theory]
    [InlineData(true, 0.0, 0.0, false)]
    [InlineData(true, 0.3, 0.0, false)]
    [InlineData(false, 0.3, 0.02, true)]
    [InlineData(true, 0.0, 0.02, true)]
    public void The_one_row_gradient_equals_the_batch_gradient_of_that_row_bit_for_bit(bool intercept, double l2, double l1, bool includeBias)
    {
        var generator = new SeededGenerator(21);
        foreach (var columns in new[] { 0, 1, 3, 4, 7, 8, 50 })
        {
            var model = new LinearModel(columns, intercept);
            var theta = Enumerable.Range(0, model.ParameterCount).Select(j => j % 5 == 2 ? 0.0 : (2.0 * generator.NextDouble()) - 1.0).ToArray();
            var row = Enumerable.Range(0, columns).Select(_ => (4.0 * generator.NextDouble()) - 2.0).ToArray();
            var regularizer = new Regularizer(l2, l1, includeBias);
            foreach (var (loss, kernel, target) in new[] { (LogisticRegression.CrossEntropy, KernelLoss.BinaryCrossEntropyWithLogits, 1.0), (LinearRegression.SquaredError, KernelLoss.HalfSquaredError, -0.7) })
            {
                var expected = new double[model.ParameterCount];
                var risk = model.RiskCore(theta, row, [target], loss, regularizer, expected, new ModelWorkspace(1), lenient: true);
                var sink = new Collect(new double[model.ParameterCount], new double[model.ParameterCount]);
                var fused = model.OneRowRisk(theta, row, target, kernel, regularizer, sink, out var finite, out var sinkFinite);
                Assert.True(finite);
                Assert.True(sinkFinite);
                Assert.Equal(BitConverter.DoubleToInt64Bits(risk), BitConverter.DoubleToInt64Bits(fused));
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), sink.Gradient.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(theta.Select(BitConverter.DoubleToInt64Bits), sink.Parameters.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    [Fact]
    public void Two_dot_products_in_one_pass_have_the_bits_of_two_dot_products()
    {
        var generator = new SeededGenerator(33);
        for (var n = 0; n <= 70; n++)
        {
            var a = Enumerable.Range(0, n).Select(_ => (2.0 * generator.NextDouble()) - 1.0).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => 1e3 * ((2.0 * generator.NextDouble()) - 1.0)).ToArray();
            Dense.Dot2(a, b, b, out var ab, out var bb);
            Assert.Equal(BitConverter.DoubleToInt64Bits(Dense.Dot(a, b)), BitConverter.DoubleToInt64Bits(ab));
            Assert.Equal(BitConverter.DoubleToInt64Bits(Dense.Dot(b, b)), BitConverter.DoubleToInt64Bits(bb));
        }
    }

    [Fact]
    public void Four_dot_products_in_one_pass_have_the_bits_of_four_dot_products()
    {
        // Dot2 and Dot4 are one kernel (a compile-time switch for the second pair): both must stay Dot's bits
        var generator = new SeededGenerator(44);
        for (var n = 0; n <= 70; n++)
        {
            var a = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, n).Select(_ => (2.0 * generator.NextDouble()) - 1.0).ToArray()).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => 1e3 * ((2.0 * generator.NextDouble()) - 1.0)).ToArray();
            Dense.Dot4(a[0], a[1], a[2], a[3], b, out var d0, out var d1, out var d2, out var d3);
            double[] dots = [d0, d1, d2, d3];
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(Dense.Dot(a[j], b)), BitConverter.DoubleToInt64Bits(dots[j]));
            }
        }
    }

    [Fact]
    public void A_per_sample_epoch_allocates_nothing_per_step()
    {
        // 4 000 steps an epoch: one byte a step would show; the epoch's own record (state, weights, optimizer state) is < 1 KB
        var setup = new TrainingSetup(
            TrainingModel.Logistic(new LinearModel(20)), Data(4000, 20, binary: true), Optimizers.Sgd(), Schedules.ScikitLearnOptimal(1e-4),
            new TrainingOptions(epochs: 6, mode: TrainingMode.PerSample, metricsEvery: 6), new Regularizer(l2: 1e-4), seed: 1);
        var deltas = new List<long>();
        var last = GC.GetAllocatedBytesForCurrentThread();
        foreach (var state in Trainer.Epochs(setup))
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            if (state.Epoch >= 2 && state.Stop is null)
            {
                deltas.Add(now - last);
            }

            last = GC.GetAllocatedBytesForCurrentThread();
        }

        Assert.NotEmpty(deltas);
        Assert.All(deltas, d => Assert.True(d < 1024, $"{d} bytes in an epoch of 4 000 steps"));
    }

    /// <summary>Collects what the one-row gradient hands over: the gradient and the parameters it came with.</summary>
    private readonly record struct Collect(double[] Gradient, double[] Parameters) : IRowGradientSink
    {
        public System.Runtime.Intrinsics.Vector256<double> Take(int index, System.Runtime.Intrinsics.Vector256<double> gradient, System.Runtime.Intrinsics.Vector256<double> parameters)
        {
            for (var k = 0; k < 4; k++)
            {
                _ = Take(index + k, gradient[k], parameters[k]);
            }

            return gradient * System.Runtime.Intrinsics.Vector256<double>.Zero;
        }

        public double Take(int index, double gradient, double parameter)
        {
            Gradient[index] = gradient;
            Parameters[index] = parameter;
            return gradient * 0.0;
        }
    }
}
