using Functional.Numerics;

namespace Functional.Models.Data;

/// <summary>Row indices of a train / validation / test split (each part in increasing order; together a partition of the rows).</summary>
/// <param name="Train">The training rows.</param>
/// <param name="Validation">The validation rows (possibly none).</param>
/// <param name="Test">The test rows (possibly none).</param>
public sealed record SplitIndices(IReadOnlyList<int> Train, IReadOnlyList<int> Validation, IReadOnlyList<int> Test);

/// <summary>One fold of k-fold cross-validation: train on <see cref="Train"/>, evaluate on <see cref="Validation"/>.</summary>
/// <param name="Index">The fold number, 0 … k−1.</param>
/// <param name="Train">The other folds' rows, increasing.</param>
/// <param name="Validation">This fold's rows, increasing.</param>
public sealed record Fold(int Index, IReadOnlyList<int> Train, IReadOnlyList<int> Validation);

/// <summary>The result of choosing a hyper-parameter by k-fold cross-validation.</summary>
/// <param name="Best">The candidate with the lowest mean validation error (the first on ties).</param>
/// <param name="MeanErrors">The mean validation error of each candidate, in the candidates' order.</param>
public sealed record CrossValidationResult(double Best, IReadOnlyList<double> MeanErrors);

/// <summary>
/// Seeded splits of a data set: train / validation / test (optionally stratified by class), k-fold cross-validation, and
/// choosing a hyper-parameter (λ) by it. Pure: the seed fixes the result, bit for bit, on every platform.
/// </summary>
public static class DataSplits
{
    /// <summary>
    /// A random split: ⌊n·f + ½⌋ rows to test and to validation (rounded), the rest to training. With labels (stratified),
    /// each class c is split on its own with n_c·f rounded the same way, so every part keeps each class's share within one
    /// row: |count_{c,part} − n_c·f_part| ≤ 1.
    /// </summary>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="validationFraction">f_val in [0, 1).</param>
    /// <param name="testFraction">f_test in [0, 1), with f_val + f_test &lt; 1.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="labels">Empty for a plain split; else n class indices ≥ 0 (stratified).</param>
    /// <returns>The three index sets.</returns>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1; a fraction outside [0, 1) or NaN; f_val + f_test ≥ 1.</exception>
    /// <exception cref="ArgumentException">labels has the wrong length or a negative entry; the training part would be empty.</exception>
    public static SplitIndices TrainValidationTest(int rows, double validationFraction, double testFraction, ulong seed, ReadOnlySpan<int> labels = default)
    {
        Regularizer.AtLeastOne(rows, nameof(rows));
        Fraction(validationFraction, nameof(validationFraction));
        Fraction(testFraction, nameof(testFraction));
        if (!(validationFraction + testFraction < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                $"validationFraction + testFraction = {Format.Number(validationFraction + testFraction)}; together they must be below 1 to leave training rows.");
        }

        var generator = new SeededGenerator(seed);
        List<int> train = [], validation = [], test = [];
        foreach (var group in Groups(rows, labels, nameof(labels)))
        {
            generator.Shuffle(group);
            var nTest = (int)Math.Floor((group.Length * testFraction) + 0.5);
            var nValidation = Math.Min(group.Length - nTest, (int)Math.Floor((group.Length * validationFraction) + 0.5));
            test.AddRange(group[..nTest]);
            validation.AddRange(group.AsSpan(nTest, nValidation));
            train.AddRange(group[(nTest + nValidation)..]);
        }

        if (train.Count == 0)
        {
            throw new ArgumentException($"the split of {rows} rows leaves no training rows; use smaller fractions or more data.", nameof(rows));
        }

        train.Sort();
        validation.Sort();
        test.Sort();
        return new SplitIndices(train.ToArray(), validation.ToArray(), test.ToArray());
    }

    /// <summary>
    /// k-fold cross-validation: the rows, shuffled by the seed, dealt into k folds of sizes differing by at most one (with
    /// labels, each class is dealt in turn, continuing where the previous class stopped, so every fold holds each class's
    /// share within one row). The validation sets partition the rows.
    /// </summary>
    /// <param name="rows">n ≥ 2.</param>
    /// <param name="k">2 ≤ k ≤ n.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="labels">Empty, or n class indices ≥ 0 for stratified folds.</param>
    /// <returns>k folds.</returns>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or k &gt; n.</exception>
    /// <exception cref="ArgumentException">labels has the wrong length or a negative entry.</exception>
    public static IReadOnlyList<Fold> KFold(int rows, int k, ulong seed, ReadOnlySpan<int> labels = default)
    {
        if (k < 2 || k > rows)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k}; k-fold cross-validation needs 2 ≤ k ≤ n = {rows}.");
        }

        var generator = new SeededGenerator(seed);
        var folds = new List<int>[k];
        for (var f = 0; f < k; f++)
        {
            folds[f] = [];
        }

        var next = 0;
        foreach (var group in Groups(rows, labels, nameof(labels)))
        {
            generator.Shuffle(group);
            foreach (var row in group)
            {
                folds[next].Add(row);
                next = (next + 1) % k;
            }
        }

        var result = new Fold[k];
        for (var f = 0; f < k; f++)
        {
            folds[f].Sort();
            var train = new List<int>(rows - folds[f].Count);
            for (var g = 0; g < k; g++)
            {
                if (g != f)
                {
                    train.AddRange(folds[g]);
                }
            }

            train.Sort();
            result[f] = new Fold(f, train.ToArray(), folds[f].ToArray());
        }

        return result;
    }

    /// <summary>
    /// Chooses a hyper-parameter (e.g. the ridge λ) by k-fold cross-validation: for each candidate, the mean over the folds
    /// of <paramref name="validationError"/>(candidate, training part, validation part); the candidate with the lowest mean wins.
    /// </summary>
    /// <param name="data">The data to fold (the training set; keep the test set out).</param>
    /// <param name="candidates">At least one finite candidate.</param>
    /// <param name="k">2 ≤ k ≤ data.Rows.</param>
    /// <param name="seed">The seed of the folds (the same folds for every candidate).</param>
    /// <param name="validationError">Fits on the training part and returns the error on the validation part.</param>
    /// <param name="stratified">Whether to stratify by the targets as class indices.</param>
    /// <returns>The best candidate and every candidate's mean error.</returns>
    /// <exception cref="ArgumentException">No candidates; a candidate not finite; a target not a class index when stratified.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or k &gt; data.Rows.</exception>
    public static CrossValidationResult ChooseByCrossValidation(
        Dataset data, IReadOnlyList<double> candidates, int k, ulong seed, Func<double, Dataset, Dataset, double> validationError, bool stratified = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(validationError);
        Guard.NotEmpty(candidates.Count, nameof(candidates), "choosing needs at least one candidate");
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!double.IsFinite(candidates[i]))
            {
                throw new ArgumentException($"candidates[{i}] = {Format.Number(candidates[i])} is not finite.", nameof(candidates));
            }
        }

        var labels = stratified ? data.Labels(data.ClassCount()) : [];
        var folds = KFold(data.Rows, k, seed, labels);
        var parts = folds.Select(f => (Train: data.Select(f.Train.ToArray()), Validation: data.Select(f.Validation.ToArray()))).ToArray();
        var means = new double[candidates.Count];
        var best = 0;
        for (var c = 0; c < candidates.Count; c++)
        {
            var sum = 0.0;
            foreach (var (train, validation) in parts)
            {
                sum += validationError(candidates[c], train, validation);
            }

            means[c] = sum / k;
            if (means[c] < means[best])
            {
                best = c;
            }
        }

        return new CrossValidationResult(candidates[best], means);
    }

    /// <summary>Row indices grouped by class (one group of all rows when labels is empty), each group in increasing order.</summary>
    private static List<int[]> Groups(int rows, ReadOnlySpan<int> labels, string name)
    {
        if (labels.IsEmpty)
        {
            return [Enumerable.Range(0, rows).ToArray()];
        }

        Guard.SameLength(rows, labels.Length, nameof(rows), name);
        var byClass = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentException($"{name}[{i}] = {labels[i]} is not a class index (≥ 0).", name);
            }

            if (!byClass.TryGetValue(labels[i], out var list))
            {
                byClass[labels[i]] = list = [];
            }

            list.Add(i);
        }

        return byClass.Values.Select(l => l.ToArray()).ToList();
    }

    private static void Fraction(double value, string name)
    {
        if (!(value is >= 0.0 and < 1.0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {Format.Number(value)}; it must be in [0, 1).");
        }
    }
}

/// <summary>Data augmentation with seeded Gaussian input noise (the lecture's remedy "more data" for overfitting).</summary>
public static class Augmentation
{
    /// <summary>destination_i = features_i + σ·z_i with z_i ~ N(0, 1) drawn from the seed (the same seed, the same noise).</summary>
    /// <param name="features">The values to perturb.</param>
    /// <param name="destination">Receives the noisy values; at least features.Length; may be the same memory.</param>
    /// <param name="sigma">σ ≥ 0, finite: the noise standard deviation in the units of the features.</param>
    /// <param name="seed">The seed of the noise.</param>
    /// <exception cref="ArgumentException">destination too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">sigma negative, NaN or infinite.</exception>
    public static void AddGaussianNoise(ReadOnlySpan<double> features, Span<double> destination, double sigma, ulong seed)
    {
        Guard.Destination(features.Length, destination.Length, nameof(destination));
        CheckSigma(sigma);
        var generator = new SeededGenerator(seed);
        for (var i = 0; i < features.Length; i++)
        {
            destination[i] = features[i] + (sigma * generator.NextGaussian());
        }
    }

    /// <summary>
    /// The data set followed by <paramref name="copies"/> noisy copies of it (features + σ·N(0, 1), targets unchanged):
    /// (copies + 1)·n rows, the original first.
    /// </summary>
    /// <param name="data">The training data (never augment validation or test data).</param>
    /// <param name="sigma">σ ≥ 0, finite.</param>
    /// <param name="copies">The number of noisy copies, ≥ 1.</param>
    /// <param name="seed">The seed of the noise.</param>
    /// <returns>The augmented data set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">sigma negative or not finite; copies &lt; 1.</exception>
    public static Dataset GaussianNoise(Dataset data, double sigma, int copies, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckSigma(sigma);
        Regularizer.AtLeastOne(copies, nameof(copies));
        var size = data.Features.Length;
        var features = new double[checked(size * (copies + 1))];
        var targets = new double[data.Rows * (copies + 1)];
        data.Features.CopyTo(features);
        var generator = new SeededGenerator(seed);
        for (var c = 1; c <= copies; c++)
        {
            for (var i = 0; i < size; i++)
            {
                features[(c * size) + i] = data.Features[i] + (sigma * generator.NextGaussian());
            }
        }

        for (var c = 0; c <= copies; c++)
        {
            data.Targets.CopyTo(targets.AsSpan(c * data.Rows));
        }

        return new Dataset(features, data.Columns, targets);
    }

    private static void CheckSigma(double sigma)
    {
        if (!(sigma >= 0.0) || double.IsPositiveInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"sigma = {Format.Number(sigma)}; a noise standard deviation must be finite and at least 0.");
        }
    }
}
