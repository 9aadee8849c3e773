using Functional.Models;
using Functional.Models.Data;

namespace Functional.Training;

/// <summary>
/// What the training fold needs of a model: its parameter count, the regularised mini-batch risk with its gradient, a
/// per-sample margin (for the per-sample SGD object orders) and, for classifiers, an accuracy. Built by
/// <see cref="Linear"/>, <see cref="Logistic"/> and <see cref="Softmax"/>; immutable.
/// </summary>
/// <remarks>
/// The margin m_i orders objects for per-sample SGD: for a binary classifier with logit z it is (2y − 1)·z (negative when
/// misclassified), for softmax o_y − max_{k≠y} o_k, for a regression model −|ŷ − y| (so "small margin" means "large error"
/// in every case).
/// </remarks>
public abstract class TrainingModel
{
    private protected TrainingModel()
    {
    }

    /// <summary>The number of input columns the model takes.</summary>
    public abstract int Features { get; }

    /// <summary>The number of parameters θ.</summary>
    public abstract int ParameterCount { get; }

    /// <summary>Whether targets are classes (so an accuracy is reported).</summary>
    public abstract bool IsClassifier { get; }

    internal abstract int Outputs { get; }

    /// <summary>A linear score with any pointwise loss (regression by default: half squared error).</summary>
    /// <param name="model">The linear model.</param>
    /// <param name="loss">The loss; <see cref="LinearRegression.SquaredError"/> when null.</param>
    /// <param name="classifier">Whether the targets are classes {0, 1} and the score a logit (accuracy: z &gt; 0 ⇔ y = 1).</param>
    /// <returns>The training model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static TrainingModel Linear(LinearModel model, PointwiseLoss? loss = null, bool classifier = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new LinearTraining(model, loss ?? LinearRegression.SquaredError, classifier);
    }

    /// <summary>Binary logistic regression: the linear score with <see cref="LogisticRegression.CrossEntropy"/>, targets in {0, 1}.</summary>
    /// <param name="model">The linear model.</param>
    /// <returns>The training model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static TrainingModel Logistic(LinearModel model) => Linear(model, LogisticRegression.CrossEntropy, classifier: true);

    /// <summary>Multinomial softmax regression with cross-entropy; targets are class indices in [0, C).</summary>
    /// <param name="model">The softmax model.</param>
    /// <returns>The training model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static TrainingModel Softmax(SoftmaxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new SoftmaxTraining(model);
    }

    /// <summary>Checks that the targets suit the model (class indices for softmax); throws a named error otherwise.</summary>
    internal virtual void CheckTargets(Dataset data)
    {
    }

    /// <summary>The risk of a batch (lenient: +∞ and a NaN gradient where a score overflows).</summary>
    internal abstract double Risk(
        ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<double> targets, Regularizer regularizer,
        Span<double> gradient, ModelWorkspace workspace, int[] labels);

    /// <summary>The linear model and the core's own loss behind it, for the fold's one-row step
    /// (<see cref="LinearModel.OneRowRisk"/>); null for any other model or a loss the core did not build.</summary>
    internal virtual (LinearModel Model, KernelLoss Loss)? OneRow => null;

    /// <summary>Writes one margin per row of <paramref name="data"/>; scores must fit in the workspace.</summary>
    internal abstract void Margins(ReadOnlySpan<double> parameters, Dataset data, Span<double> margins, ModelWorkspace workspace);

    /// <summary>The fraction of rows classified correctly (margin &gt; 0), or null for a regression model.</summary>
    internal double? Accuracy(ReadOnlySpan<double> parameters, Dataset data, ModelWorkspace workspace, double[] margins)
    {
        if (!IsClassifier)
        {
            return null;
        }

        var m = margins.AsSpan(0, data.Rows);
        Margins(parameters, data, m, workspace);
        var correct = 0;
        foreach (var v in m)
        {
            if (v > 0.0)
            {
                correct++;
            }
        }

        return (double)correct / data.Rows;
    }

    /// <summary>The training accuracy from the scores <see cref="Risk"/> just left in <paramref name="workspace"/> for all
    /// rows of <paramref name="data"/> (null for a regression model); equal to <see cref="Accuracy"/> at the same parameters.</summary>
    internal virtual double? AccuracyOfScores(Dataset data, ModelWorkspace workspace)
    {
        if (!IsClassifier)
        {
            return null;
        }

        var rows = data.Rows;
        var c = Outputs;
        var scores = workspace.Scores.AsSpan(0, rows * c);
        var targets = data.Targets;
        var correct = 0;
        for (var r = 0; r < rows; r++)
        {
            if (Margin(scores.Slice(r * c, c), targets[r]) > 0.0)
            {
                correct++;
            }
        }

        return (double)correct / rows;
    }

    /// <summary>The margin of one row from its scores (see the remarks of the class).</summary>
    private protected abstract double Margin(ReadOnlySpan<double> scores, double target);

    private sealed class LinearTraining(LinearModel model, PointwiseLoss loss, bool classifier) : TrainingModel
    {
        public override int Features => model.Features;

        public override int ParameterCount => model.ParameterCount;

        public override bool IsClassifier => classifier;

        internal override int Outputs => 1;

        internal override double Risk(
            ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<double> targets, Regularizer regularizer,
            Span<double> gradient, ModelWorkspace workspace, int[] labels)
            => model.RiskCore(parameters, features, targets, loss, regularizer, gradient, workspace, lenient: true);

        internal override (LinearModel Model, KernelLoss Loss)? OneRow => KernelLoss.Behind(loss) is { } kernel ? (model, kernel) : null;

        internal override void Margins(ReadOnlySpan<double> parameters, Dataset data, Span<double> margins, ModelWorkspace workspace)
        {
            model.Predict(parameters, data.Features, margins);
            var targets = data.Targets;
            for (var i = 0; i < margins.Length; i++)
            {
                margins[i] = Margin(margins.Slice(i, 1), targets[i]);
            }
        }

        private protected override double Margin(ReadOnlySpan<double> scores, double target)
            => classifier
                ? (target >= 0.5 ? scores[0] : -scores[0])
                : -Math.Abs(scores[0] - target);

        /// <summary>The count of <see cref="Margin"/> &gt; 0 in one loop without a call per row (it runs after every epoch).</summary>
        internal override double? AccuracyOfScores(Dataset data, ModelWorkspace workspace)
        {
            if (!classifier)
            {
                return null;
            }

            var rows = data.Rows;
            var scores = workspace.Scores.AsSpan(0, rows);
            var targets = data.Targets[..rows];
            var correct = 0;
            for (var r = 0; r < rows; r++)
            {
                var z = scores[r];
                if ((targets[r] >= 0.5 ? z : -z) > 0.0)
                {
                    correct++;
                }
            }

            return (double)correct / rows;
        }

        public override string ToString() => classifier ? $"logistic({model.Features} features)" : $"linear({model.Features} features)";
    }

    private sealed class SoftmaxTraining(SoftmaxModel model) : TrainingModel
    {
        public override int Features => model.Features;

        public override int ParameterCount => model.ParameterCount;

        public override bool IsClassifier => true;

        internal override int Outputs => model.Classes;

        internal override void CheckTargets(Dataset data) => data.Labels(model.Classes);

        internal override double Risk(
            ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<double> targets, Regularizer regularizer,
            Span<double> gradient, ModelWorkspace workspace, int[] labels)
        {
            var l = labels.AsSpan(0, targets.Length);
            for (var i = 0; i < l.Length; i++)
            {
                l[i] = (int)targets[i];
            }

            return model.RiskCore(parameters, features, l, regularizer, gradient, workspace, lenient: true);
        }

        internal override void Margins(ReadOnlySpan<double> parameters, Dataset data, Span<double> margins, ModelWorkspace workspace)
        {
            var c = model.Classes;
            var rows = data.Rows;
            var logits = workspace.Scores.AsSpan(0, rows * c);
            model.Logits(parameters, data.Features, logits);
            var targets = data.Targets;
            for (var r = 0; r < rows; r++)
            {
                margins[r] = Margin(logits.Slice(r * c, c), targets[r]);
            }
        }

        private protected override double Margin(ReadOnlySpan<double> scores, double target)
        {
            var y = (int)target;
            var other = double.NegativeInfinity;
            for (var k = 0; k < scores.Length; k++)
            {
                if (k != y)
                {
                    other = Math.Max(other, scores[k]);
                }
            }

            return scores[y] - other;
        }

        public override string ToString() => $"softmax({model.Features} features, {model.Classes} classes)";
    }
}
