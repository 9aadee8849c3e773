using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>
/// Every loss kernel (Reduce and Elementwise, float and double) against the plain textbook formula, for every length
/// 0–300 and for slices starting 0–3 elements into an array, so the SIMD body, the scalar tail and unaligned loads are all
/// exercised. Predictions are uniform in [−50, 50]; targets are in each loss's domain, with exact hits (d = 0, t ∈ {0, 1}).
/// </summary>
public class LossKernelAgreementTests
{
    private const int Guard = 3;

    public static TheoryData<string, int> Rows()
    {
        var rows = new TheoryData<string, int>();
        foreach (var loss in LossCases.All)
        {
            for (var offset = 0; offset <= 3; offset++)
            {
                rows.Add(loss.Name, offset);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Double_kernels_match_the_textbook_formula(string lossName, int offset)
    {
        var loss = LossCases.Named(lossName);
        CheckAllLengths(loss, loss.ReduceDouble, loss.ElementwiseDouble, offset, relative: 1e-13);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Float_kernels_match_the_textbook_formula(string lossName, int offset)
    {
        var loss = LossCases.Named(lossName);
        CheckAllLengths(loss, loss.ReduceFloat, loss.ElementwiseFloat, offset, relative: 1e-6);
    }

    private static void CheckAllLengths<T>(LossCase loss, ReduceLoss<T> reduce, ElementwiseLoss<T> elementwise, int offset, double relative)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random((1000 * offset) + loss.Name.Length);
        var sentinel = T.CreateTruncating(-12345.0);
        for (var n = 0; n <= 300; n++)
        {
            var context = $"{loss.Name}, {typeof(T).Name}, n = {n}, offset = {offset}";
            var (predictions, targets) = Inputs<T>(loss.Targets, random, n, offset, loss.Probabilities);
            var p = new ReadOnlySpan<T>(predictions, offset, n);
            var t = new ReadOnlySpan<T>(targets, offset, n);

            if (n == 0)
            {
                var error = Assert.ThrowsAny<ArgumentException>(() => reduce(ReadOnlySpan<T>.Empty, ReadOnlySpan<T>.Empty, Span<T>.Empty, Reduction.Sum));
                Assert.Equal("predictions", error.ParamName);
                Assert.Contains("empty", error.Message, StringComparison.Ordinal);
                Assert.ThrowsAny<ArgumentException>(() => reduce(ReadOnlySpan<T>.Empty, ReadOnlySpan<T>.Empty, Span<T>.Empty, Reduction.Mean));

                // The per-element form of nothing is nothing: no exception, nothing written.
                var untouched = new[] { sentinel };
                elementwise(ReadOnlySpan<T>.Empty, ReadOnlySpan<T>.Empty, Span<T>.Empty, Span<T>.Empty);
                elementwise(ReadOnlySpan<T>.Empty, ReadOnlySpan<T>.Empty, untouched.AsSpan(0, 0), untouched.AsSpan(0, 0));
                Assert.Equal(sentinel, untouched[0]);
                continue;
            }

            // The reference, in double on the (possibly float) inputs.
            var terms = new Textbook.Term[n];
            double sum = 0, sumScale = 0;
            for (var i = 0; i < n; i++)
            {
                terms[i] = loss.Reference(double.CreateTruncating(p[i]), double.CreateTruncating(t[i]));
                sum += terms[i].Value;
                sumScale += terms[i].ValueScale;
            }

            // Elementwise: values and derivatives, and nothing written past n.
            var values = Filled(n + offset + Guard, sentinel);
            var gradient = Filled(n + offset + Guard, sentinel);
            elementwise(p, t, values.AsSpan(offset, n), gradient.AsSpan(offset));
            for (var i = 0; i < n; i++)
            {
                var term = terms[i];
                Element(term.Value, double.CreateTruncating(values[offset + i]), relative, term.ValueScale, "value", i, context);
                Element(term.Derivative, double.CreateTruncating(gradient[offset + i]), relative, term.DerivativeScale, "derivative", i, context);
            }

            AssertUntouched(values, offset, offset + n, sentinel, context);
            AssertUntouched(gradient, offset, offset + n, sentinel, context);

            // Either destination may be skipped (checked on every short length and every 10th long one, to keep the run short).
            var checkSkips = n < 40 || n % 10 == 0;
            if (checkSkips)
            {
                var valuesOnly = Filled(n, sentinel);
                elementwise(p, t, valuesOnly, Span<T>.Empty);
                Assert.True(values.AsSpan(offset, n).SequenceEqual(valuesOnly), $"values alone differ from values with the gradient, {context}");
                var gradientOnly = Filled(n, sentinel);
                elementwise(p, t, Span<T>.Empty, gradientOnly);
                Assert.True(gradient.AsSpan(offset, n).SequenceEqual(gradientOnly), $"gradient alone differs from gradient with the values, {context}");
            }

            // Reduce: Sum and Mean, the gradient of the reduced value (divided by n for Mean), and the value without a gradient.
            foreach (var reduction in (Reduction[])[Reduction.Sum, Reduction.Mean])
            {
                var scale = reduction == Reduction.Mean ? 1.0 / n : 1.0;
                var reducedGradient = Filled(n + offset + Guard, sentinel);
                var reduced = reduce(p, t, reducedGradient.AsSpan(offset, n), reduction);
                var where = $"{reduction}, {context}";
                Near.Check(sum * scale, double.CreateTruncating(reduced), relative, (relative * sumScale * scale) + 1e-300, $"reduced value, {where}");
                for (var i = 0; i < n; i++)
                {
                    var term = terms[i];
                    Element(term.Derivative * scale, double.CreateTruncating(reducedGradient[offset + i]), relative, term.DerivativeScale * scale,
                        "reduced gradient", i, where);
                }

                AssertUntouched(reducedGradient, offset, offset + n, sentinel, where);
                Assert.True(!checkSkips || reduced == reduce(p, t, Span<T>.Empty, reduction), $"value without the gradient differs, {where}");
            }
        }
    }

    /// <summary>Checks one element to a relative tolerance plus the same tolerance on the scale of its terms; formats only on failure.</summary>
    private static void Element(double expected, double actual, double relative, double scale, string what, int index, string context)
    {
        if (!Near.Ok(expected, actual, relative, (relative * scale) + 1e-300))
        {
            Near.Fail(expected, actual, $"{what}[{index}], {context}");
        }
    }

    private static (T[] Predictions, T[] Targets) Inputs<T>(TargetKind kind, Random random, int n, int offset, bool probabilities)
        where T : IFloatingPointIeee754<T>
    {
        var predictions = new T[n + offset];
        var targets = new T[n + offset];
        for (var i = 0; i < predictions.Length; i++)
        {
            // Probabilities stay inside (0, 1): at 0 or 1 a contradicting target makes the loss +∞ (tested on its own).
            var prediction = probabilities
                ? T.CreateTruncating(0.001 + (0.998 * random.NextDouble()))
                : T.CreateTruncating((random.NextDouble() * 100.0) - 50.0);
            var target = LossCases.Target(kind, random.NextDouble(), double.CreateTruncating(prediction));
            var hit = i % 7;
            if (kind == TargetKind.Finite && hit == 0)
            {
                target = double.CreateTruncating(prediction); // d = 0: the kink of L1, the centre of the others
            }
            else if (kind == TargetKind.UnitInterval && hit is 0 or 1)
            {
                target = hit; // hard labels 0 and 1
            }

            predictions[i] = prediction;
            targets[i] = T.CreateTruncating(target);
        }

        return (predictions, targets);
    }

    private static T[] Filled<T>(int length, T value)
    {
        var array = new T[length];
        Array.Fill(array, value);
        return array;
    }

    private static void AssertUntouched<T>(T[] array, int start, int end, T sentinel, string context)
    {
        for (var i = 0; i < array.Length; i++)
        {
            if (i < start || i >= end)
            {
                Assert.True(EqualityComparer<T>.Default.Equals(sentinel, array[i]), $"element {i} outside [{start}, {end}) was written, {context}");
            }
        }
    }
}
