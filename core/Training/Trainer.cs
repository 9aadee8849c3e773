using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Functional.Models;
using Functional.Models.Data;
using Functional.Optimization;

namespace Functional.Training;

/// <summary>
/// The training loop as a lazy, pure fold: a <see cref="TrainingSetup"/> unfolds into a sequence of immutable
/// <see cref="EpochState"/>s, the initial state (epoch 0) first and a state with <see cref="EpochState.Stop"/> set last.
/// Nothing about time, files or cancellation: the caller enumerates as far as it likes.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// The epochs of a run. Without <paramref name="resumeFrom"/>: the initial state, then one state per epoch until a
    /// stopping rule fires. With it: the states after <paramref name="resumeFrom"/>, bit-identical to those the
    /// uninterrupted run yields after it (also after a JSON round-trip of the state); nothing if it is already stopped.
    /// </summary>
    /// <param name="setup">The run.</param>
    /// <param name="resumeFrom">A state of a run of the same setup to continue from, or null to start.</param>
    /// <returns>The lazy sequence; each enumeration recomputes it (and owns its own scratch memory).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="resumeFrom"/> does not fit the setup (weights of another length, an
    /// optimizer state of another optimizer or dimension, a plateau state without a plateau scheduler or the reverse).</exception>
    /// <remarks>Stopping rules, checked after every epoch in this priority: divergence (a batch risk, gradient or update NaN
    /// or infinite: the state keeps the last finite weights and names the step); early stopping; plateau of the risk; plateau
    /// of the weights; the step budget (checked before every step, so it may end an epoch early); the epoch budget.</remarks>
    public static IEnumerable<EpochState> Epochs(TrainingSetup setup, EpochState? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (resumeFrom is not null)
        {
            CheckResume(setup, resumeFrom);
        }

        return Run(setup, resumeFrom);
    }

    /// <summary>The final state of a run: <see cref="Epochs"/> enumerated to its end.</summary>
    /// <param name="setup">The run.</param>
    /// <returns>The stopped state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> is null.</exception>
    public static EpochState Train(TrainingSetup setup) => Epochs(setup).Last();

    private static IEnumerable<EpochState> Run(TrainingSetup setup, EpochState? resumeFrom)
    {
        var fold = new Fold(setup);
        var state = resumeFrom;
        if (state is null)
        {
            state = fold.Initial();
            yield return state;
        }

        while (state.Stop is null)
        {
            state = fold.Next(state);
            yield return state;
        }
    }

    private static void CheckResume(TrainingSetup setup, EpochState resumeFrom)
    {
        const string name = nameof(resumeFrom);
        var state = resumeFrom;
        LinearModel.CheckParameters(state.Weights.IsDefault ? 0 : state.Weights.Length, setup.Model.ParameterCount, name);
        if (state.Optimizer is null || state.Optimizer.Kind != setup.Optimizer.Name || state.Optimizer.Dimension != setup.Model.ParameterCount)
        {
            throw new ArgumentException(
                $"resumeFrom.Optimizer is {(state.Optimizer?.ToString() ?? "null")}; the setup's optimizer '{setup.Optimizer.Name}' needs its own state for {setup.Model.ParameterCount} parameters.",
                name);
        }

        if ((state.Plateau is null) != (setup.Plateau is null))
        {
            throw new ArgumentException("resumeFrom has a plateau state exactly when the setup has a plateau scheduler; these differ.", name);
        }

        foreach (var w in state.Weights)
        {
            if (!double.IsFinite(w))
            {
                throw new ArgumentException($"resumeFrom.Weights holds {w}; a state to resume from has finite weights.", name);
            }
        }

        if (state.Epoch < 0 || state.Step < 0)
        {
            throw new ArgumentException($"resumeFrom has epoch {state.Epoch} and step {state.Step}; neither may be negative.", name);
        }
    }

    /// <summary>One enumeration's scratch memory and the step logic. Mutates only its own buffers.</summary>
    private sealed class Fold : IDifferentiableObjective
    {
        private readonly TrainingSetup _setup;
        private readonly TrainingModel _model;
        private readonly TrainingOptions _options;
        private readonly Dataset _train;
        private readonly ModelWorkspace _workspace;
        private readonly int[] _labels;
        private readonly double[] _gradient;
        private readonly double[] _updates;
        private readonly double[] _next;
        private readonly double[] _batchFeatures;
        private readonly double[] _batchTargets;
        private readonly double[] _margins;
        private readonly int[] _order;
        private readonly double[] _w;
        private readonly BatchPipeline? _pipeline;
        private readonly bool _plainSgd;
        private readonly double _weightDecay;
        private readonly LinearModel? _oneRowModel;
        private readonly KernelLoss? _oneRowLoss;
        private int _batchRows;
        private ArraySegment<double> _batchX;
        private ArraySegment<double> _batchY;
        private int _row;

        internal Fold(TrainingSetup setup)
        {
            _setup = setup;
            _model = setup.Model;
            _options = setup.Options;
            _train = setup.Train;
            var rows = Math.Max(_train.Rows, setup.Validation?.Rows ?? 0);
            _workspace = new ModelWorkspace(rows, _model.Outputs);
            _labels = new int[rows];
            var p = _model.ParameterCount;
            _gradient = new double[p];
            _updates = new double[p];
            _next = new double[p];
            // Full batch reads the training rows in place; the stochastic modes gather at most one batch.
            var batchRows = _options.Mode switch
            {
                TrainingMode.FullBatch => 0,
                TrainingMode.PerSample => 1,
                _ => _options.BatchSize,
            };
            _pipeline = _options.Mode == TrainingMode.MiniBatch && (_options.GatherAhead ?? BatchPipeline.Pays(_train, batchRows))
                ? new BatchPipeline(_train, batchRows) : null;
            _batchFeatures = new double[_pipeline is null ? batchRows * _train.Columns : 0];
            _batchTargets = new double[_pipeline is null ? batchRows : 0];
            _margins = new double[rows];
            _order = new int[_train.Rows];
            _w = new double[p];
            _plainSgd = !setup.Optimizer.RequiresObjective && setup.Optimizer.IsPlainSgd(out _weightDecay);
            // per-sample plain SGD on a linear model with one of the core's losses: the fused one-row risk (OneRowRisk)
            if (_options.Mode == TrainingMode.PerSample && _plainSgd && _options.FusedOneRowStep && _model.OneRow is var (oneRowModel, oneRowLoss))
            {
                (_oneRowModel, _oneRowLoss) = (oneRowModel, oneRowLoss);
            }
        }

        /// <summary>The risk of the current batch, for optimizers that re-evaluate it (SAM, steepest descent).</summary>
        public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient)
            => _options.Mode switch
            {
                TrainingMode.FullBatch => _model.Risk(w, _train.Features, _train.Targets, _setup.Regularizer, gradient, _workspace, _labels),
                // one row is read where it lies: a gather would only copy it
                TrainingMode.PerSample => _model.Risk(
                    w, _train.Features.Slice(_row * _train.Columns, _train.Columns), _train.Targets.Slice(_row, 1), _setup.Regularizer, gradient, _workspace, _labels),
                _ => _model.Risk(w, _batchX, _batchY, _setup.Regularizer, gradient, _workspace, _labels),
            };

        internal EpochState Initial()
        {
            var p = _model.ParameterCount;
            var weights = new double[p];
            var generator = new SeededGenerator(_setup.Seed);
            switch (_setup.Initialization.Kind)
            {
                case InitializationKind.Uniform:
                    var half = 1.0 / (2.0 * Math.Max(p, 1));
                    for (var i = 0; i < p; i++)
                    {
                        weights[i] = (2.0 * generator.NextDouble() - 1.0) * half;
                    }

                    break;
                case InitializationKind.Given:
                    _setup.Initialization.Weights.CopyTo(weights);
                    break;
                default:
                    break;
            }

            var plateau = _setup.Plateau?.Init(_setup.Schedule.At(0));
            var rate = plateau?.LearningRate ?? _setup.Schedule.At(0);
            var optimizer = _setup.Optimizer.Init(weights);
            var (risk, gradientNorm, accuracy) = FullRisk(weights);
            var validation = ValidationRisk(weights);
            var hasValidation = validation is not null;
            var state = new EpochState(
                0, 0, [.. weights], risk, accuracy, validation, ValidationAccuracy(weights, validation),
                Norm(weights), gradientNorm, rate, risk, optimizer, generator.NextBits(), plateau,
                0, validation, hasValidation ? [.. weights] : [], 0, 0, 0, null, null);
            return double.IsFinite(risk) ? state : state with { Stop = StopReason.Diverged, StopStep = 0 };
        }

        // optimized at once: the epoch's step loop runs inside one call, which tiering would otherwise enter through OSR code
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal EpochState Next(EpochState state)
        {
            var n = _train.Rows;
            var columns = _train.Columns;
            var w = _w;
            state.Weights.CopyTo(w);
            var optimizer = state.Optimizer;
            // plain SGD keeps no state but its step count, so the state is built once per epoch, not once per step
            var count = optimizer.Count;
            var step = state.Step;
            var smoothed = state.SmoothedRisk;
            var generatorState = state.Generator;
            var rate = state.LearningRate;
            var plateau = state.Plateau;
            StopReason? stop = null;
            long? stopStep = null;
            var lambda = _options.Smoothing;

            var batch = _options.Mode switch
            {
                TrainingMode.FullBatch => n,
                TrainingMode.PerSample => 1,
                _ => _options.BatchSize,
            };
            if (_options.Mode != TrainingMode.FullBatch)
            {
                var generator = new SeededGenerator(generatorState);
                generatorState = generator.NextBits();
                Order(w, ref generator);
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    _order[i] = i;
                }
            }

            var stochastic = _options.Mode != TrainingMode.FullBatch;
            // the fused one-row step writes the new weights here and swaps it with w, instead of copying them back
            var spare = _next;
            _pipeline?.Begin(_order);
            try
            {
                for (var start = 0; start < n; start += batch)
                {
                    if (_options.MaxSteps is long budget && step >= budget)
                    {
                        stop = StopReason.StepBudget;
                        stopStep = step;
                        break;
                    }

                    _batchRows = Math.Min(batch, n - start);
                    if (_options.Mode == TrainingMode.PerSample)
                    {
                        _row = _order[start];
                        // a few rows ahead: one step takes about as long as a load from memory
                        if (start + PrefetchRows < n)
                        {
                            _train.PrefetchRow(_order[start + PrefetchRows]);
                        }
                    }
                    else if (_pipeline is not null)
                    {
                        var index = start / batch;
                        if (index > 0)
                        {
                            _pipeline.Release(index - 1);
                        }

                        (_batchX, _batchY) = _pipeline.Acquire(index);
                    }
                    else if (stochastic)
                    {
                        // the order is a permutation of the rows: no index to check
                        _train.CopyRows(_order.AsSpan(start, _batchRows), _batchFeatures, _batchTargets);
                        _batchX = new ArraySegment<double>(_batchFeatures, 0, _batchRows * columns);
                        _batchY = new ArraySegment<double>(_batchTargets, 0, _batchRows);
                    }

                    double epsilon;
                    if (_oneRowLoss is not null)
                    {
                        if (!OneRowStep(ref w, ref spare, step, plateau, ref rate, out epsilon, out var divergedRisk))
                        {
                            return Diverged(state, w, step, smoothed, Current(optimizer, count), generatorState, rate, plateau, divergedRisk);
                        }

                        count++;
                        step++;
                        smoothed = ((1.0 - lambda) * smoothed) + (lambda * epsilon);
                        continue;
                    }

                    epsilon = ValueAndGradient(w, _gradient);
                    if (!double.IsFinite(epsilon) || !LinearModel.AllFinite(_gradient))
                    {
                        return Diverged(state, w, step, smoothed, Current(optimizer, count), generatorState, rate, plateau, epsilon);
                    }

                    rate = plateau?.LearningRate ?? _setup.Schedule.At(step);
                    if (_plainSgd)
                    {
                        VectorOps.NonNegative(rate, "learningRate");
                        if (!SgdStep(w, _gradient, rate, _weightDecay, _next))
                        {
                            return Diverged(state, w, step, smoothed, Current(optimizer, count), generatorState, rate, plateau, double.PositiveInfinity);
                        }

                        count++;
                    }
                    else
                    {
                        var after = _setup.Optimizer.RequiresObjective
                            ? _setup.Optimizer.Update(this, _gradient, optimizer, w, rate, _updates)
                            : _setup.Optimizer.Update(_gradient, optimizer, w, rate, _updates);
                        for (var i = 0; i < w.Length; i++)
                        {
                            _next[i] = w[i] + _updates[i];
                        }

                        if (!LinearModel.AllFinite(_next))
                        {
                            return Diverged(state, w, step, smoothed, optimizer, generatorState, rate, plateau, double.PositiveInfinity);
                        }

                        _next.CopyTo(w, 0);
                        optimizer = after;
                    }

                    step++;
                    smoothed = ((1.0 - lambda) * smoothed) + (lambda * epsilon);
                }
            }
            finally
            {
                _pipeline?.End();
            }

            optimizer = Current(optimizer, count);

            var epoch = state.Epoch + 1;
            var weightPlateau = _options.WeightTolerance is double wt
                && Distance(w, state.Weights.AsSpan()) <= wt * Math.Max(1.0, state.WeightNorm)
                ? state.WeightPlateauEpochs + 1 : 0;
            var last = stop is not null || (_options.MaxSteps is long max && step >= max) || epoch >= _options.Epochs
                || weightPlateau >= _options.PlateauPatience;
            if (!last && epoch % _options.MetricsEvery != 0)
            {
                // an epoch without the full-data pass repeats the last computed figures (see TrainingOptions.MetricsEvery);
                // the rules that read them are off when MetricsEvery > 1, and none of the budgets fired
                return state with
                {
                    Epoch = epoch,
                    Step = step,
                    Weights = [.. w],
                    WeightNorm = Norm(w),
                    LearningRate = rate,
                    SmoothedRisk = smoothed,
                    Optimizer = optimizer,
                    Generator = generatorState,
                    WeightPlateauEpochs = weightPlateau,
                };
            }

            var (risk, gradientNorm, accuracy) = FullRisk(w);
            if (!double.IsFinite(risk))
            {
                return Diverged(state, w, step, smoothed, optimizer, generatorState, rate, plateau, risk);
            }

            var validation = ValidationRisk(w);
            if (plateau is not null)
            {
                plateau = _setup.Plateau!.Update(plateau, validation ?? risk);
            }

            var bestEpoch = state.BestEpoch;
            var best = state.BestValidationRisk;
            var bestWeights = state.BestWeights;
            var bad = state.BadEpochs;
            if (validation is double v)
            {
                if (best is not double b || v < b)
                {
                    (bestEpoch, best, bestWeights, bad) = (epoch, v, [.. w], 0);
                }
                else
                {
                    bad++;
                }
            }

            var riskPlateau = _options.RiskTolerance is double rt
                && Math.Abs(risk - state.TrainRisk) <= rt * Math.Max(1.0, Math.Abs(state.TrainRisk))
                ? state.RiskPlateauEpochs + 1 : 0;

            var earlyStop = _options.EarlyStoppingPatience > 0 && bad >= _options.EarlyStoppingPatience;
            stop = earlyStop ? StopReason.EarlyStopping
                : riskPlateau >= _options.PlateauPatience ? StopReason.RiskPlateau
                : weightPlateau >= _options.PlateauPatience ? StopReason.WeightPlateau
                : stop is not null || (_options.MaxSteps is long m && step >= m) ? StopReason.StepBudget
                : epoch >= _options.Epochs ? StopReason.EpochBudget
                : null;
            stopStep = stop is null ? null : step;

            var result = new EpochState(
                epoch, step, [.. w], risk, accuracy, validation, ValidationAccuracy(w, validation), Norm(w), gradientNorm,
                rate, smoothed, optimizer, generatorState, plateau, bestEpoch, best, bestWeights, bad, riskPlateau, weightPlateau,
                stop, stopStep);
            if (earlyStop && _options.RestoreBest)
            {
                var restored = bestWeights.ToArray();
                var (bestRisk, bestGradient, bestAccuracy) = FullRisk(restored);
                result = result with
                {
                    Weights = bestWeights,
                    TrainRisk = bestRisk,
                    TrainAccuracy = bestAccuracy,
                    ValidationRisk = best,
                    ValidationAccuracy = ValidationAccuracy(restored, best),
                    WeightNorm = Norm(restored),
                    GradientNorm = bestGradient,
                };
            }

            return result;
        }

        /// <summary>
        /// One per-sample plain SGD step on a linear model with one of the core's losses, fused: the row's risk by
        /// <see cref="LinearModel.OneRowRisk"/> with the update w + (−η(g + τw)) applied in the gradient's own pass
        /// (<see cref="SgdUpdate"/>), without the general path's argument checks, loss delegate, reductions and separate
        /// passes. The same bits as <see cref="ValueAndGradient"/> followed by <see cref="SgdStep"/>, and the same outcome at a
        /// divergence: false, with <paramref name="w"/> unchanged and <paramref name="rate"/> and <paramref name="divergedRisk"/>
        /// as the general path passes them to <see cref="Diverged"/> (the previous rate and ε when the risk or gradient is not
        /// finite; this step's rate and +∞ when a new weight is not finite). After a step the new weights are in the array
        /// <paramref name="w"/> names and the old ones in <paramref name="spare"/>: the two buffers swap instead of a copy back.
        /// </summary>
        private bool OneRowStep(ref double[] w, ref double[] spare, long step, PlateauState? plateau, ref double rate, out double epsilon, out double divergedRisk)
        {
            // a schedule is a pure function of the step, so asking for this step's rate before the risk (the update runs
            // inside the gradient's pass) changes no value; it is checked where the general path checks it
            var stepRate = plateau?.LearningRate ?? _setup.Schedule.At(step);
            var update = new SgdUpdate(spare, stepRate, _weightDecay);
            var columns = _train.Columns;
            epsilon = _oneRowModel!.OneRowRisk(
                w, _train.Features.Slice(_row * columns, columns), _train.Targets[_row], _oneRowLoss!, _setup.Regularizer, update,
                out var gradientFinite, out var weightsFinite);
            if (!double.IsFinite(epsilon) || !gradientFinite)
            {
                divergedRisk = epsilon;
                return false;
            }

            rate = stepRate;
            VectorOps.NonNegative(rate, "learningRate");
            if (!weightsFinite)
            {
                divergedRisk = double.PositiveInfinity;
                return false;
            }

            (w, spare) = (spare, w);
            divergedRisk = 0.0;
            return true;
        }

        /// <summary>How many rows ahead per-sample SGD asks for its row to be loaded.</summary>
        private const int PrefetchRows = 4;

        /// <summary>The optimizer state after the steps taken so far: plain SGD counts them in <paramref name="count"/>.</summary>
        private OptimizerState Current(OptimizerState optimizer, long count)
            => _plainSgd ? OptimizerState.Empty(optimizer.Kind, optimizer.Dimension, count) : optimizer;

        /// <summary>
        /// One plain SGD step w ← w + u, u = −η(g + τw), by <see cref="SgdUpdate"/> (the same operations per element as the
        /// SGD rule's update followed by the fold's addition, so the same bits), with the finiteness test of the new weights in
        /// the same pass: w is written only if every new weight is finite.
        /// </summary>
        private static bool SgdStep(double[] w, double[] gradient, double rate, double decay, double[] next)
        {
            var update = new SgdUpdate(next, rate, decay);
            var n = w.Length;
            var i = 0;
            var poison = 0.0;
            if (Vector256.IsHardwareAccelerated)
            {
                var acc = Vector256<double>.Zero;
                for (; i <= n - 4; i += 4)
                {
                    acc += update.Take(i, Vector256.Create(gradient.AsSpan(i, 4)), Vector256.Create(w.AsSpan(i, 4)));
                }

                poison = Vector256.Sum(acc);
            }

            for (; i < n; i++)
            {
                poison += update.Take(i, gradient[i], w[i]);
            }

            if (double.IsNaN(poison))
            {
                return false;
            }

            next.AsSpan(0, n).CopyTo(w);
            return true;
        }

        /// <summary>
        /// The plain SGD rule for one weight or four: next = w + (−η(g + τw)), the SGD rule's update followed by the fold's
        /// addition, written to the next weights; each call answers next·0 (0 where the new weight is finite, NaN where not).
        /// The weights are finite, so a gradient entry that is not is never made finite (−η·±∞ is ±∞ or NaN): the answer is
        /// NaN wherever the gradient is not finite, as <see cref="IRowGradientSink"/> asks.
        /// </summary>
        private readonly struct SgdUpdate(double[] next, double rate, double decay) : IRowGradientSink
        {
            private readonly double[] _next = next;
            private readonly double _eta = -rate;
            private readonly double _tau = decay;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public Vector256<double> Take(int index, Vector256<double> gradient, Vector256<double> parameters)
            {
                var x = parameters + (Vector256.Create(_eta) * (gradient + (Vector256.Create(_tau) * parameters)));
                x.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_next), (nuint)index);
                return x * Vector256<double>.Zero;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Take(int index, double gradient, double parameter)
            {
                var x = parameter + (_eta * (gradient + (_tau * parameter)));
                _next[index] = x;
                return x * 0.0;
            }
        }

        private static EpochState Diverged(
            EpochState state, double[] w, long step, double smoothed, OptimizerState optimizer, ulong generator, double rate,
            PlateauState? plateau, double risk)
            => state with
            {
                Epoch = state.Epoch + 1,
                Step = step,
                Weights = [.. w],
                TrainRisk = double.IsNaN(risk) ? risk : double.PositiveInfinity,
                TrainAccuracy = null,
                ValidationRisk = null,
                ValidationAccuracy = null,
                WeightNorm = Norm(w),
                GradientNorm = double.NaN,
                LearningRate = rate,
                SmoothedRisk = smoothed,
                Optimizer = optimizer,
                Generator = generator,
                Plateau = plateau,
                Stop = StopReason.Diverged,
                StopStep = step,
            };

        /// <summary>The epoch's visiting order: a shuffle, then (for the error/uncertainty orders) a stable sort by margin
        /// so ties keep their random order.</summary>
        private void Order(double[] w, ref SeededGenerator generator)
        {
            var n = _train.Rows;
            for (var i = 0; i < n; i++)
            {
                _order[i] = i;
            }

            generator.Shuffle(_order);
            if (_options.Order == SampleOrder.Shuffle)
            {
                return;
            }

            var margins = _margins.AsSpan(0, n);
            _model.Margins(w, _train, margins, _workspace);
            var keys = new (double Key, int Position)[n];
            for (var i = 0; i < n; i++)
            {
                var m = margins[_order[i]];
                keys[i] = (_options.Order == SampleOrder.Uncertainty ? Math.Abs(m) : m, i);
            }

            var items = _order.ToArray();
            Array.Sort(keys, items);
            items.CopyTo(_order, 0);
        }

        /// <summary>The training risk, its gradient's norm and the training accuracy (from the scores the risk left in the
        /// workspace: the same numbers a second pass would compute).</summary>
        private (double Risk, double GradientNorm, double? Accuracy) FullRisk(double[] w)
        {
            var risk = _model.Risk(w, _train.Features, _train.Targets, _setup.Regularizer, _gradient, _workspace, _labels);
            var accuracy = double.IsFinite(risk) ? _model.AccuracyOfScores(_train, _workspace) : null;
            return (risk, Norm(_gradient), accuracy);
        }

        private double? ValidationRisk(double[] w)
            => _setup.Validation is { } v
                ? _model.Risk(w, v.Features, v.Targets, _setup.Regularizer, Span<double>.Empty, _workspace, _labels)
                : null;

        private double? ValidationAccuracy(double[] w, double? risk)
            => risk is double r && double.IsFinite(r) ? _model.Accuracy(w, _setup.Validation!, _workspace, _margins) : null;

        private static double Norm(ReadOnlySpan<double> x) => VectorOps.Norm(x);

        private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            var sum = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                var d = a[i] - b[i];
                sum += d * d;
            }

            return Math.Sqrt(sum);
        }
    }
}
