using System.Runtime.Intrinsics;
using Functional.Losses;
using Functional.Numerics;
using Functional.Tests.Numerics;

namespace Functional.Tests.Losses;

/// <summary>
/// The 512-bit pass of BCE with logits and Huber on lengths long enough for the two-core split's chunks to stream their
/// gradient with non-temporal stores: the bits do not depend on where the gradient array starts (the stores are re-cut
/// at each chunk's first 64-byte boundary), nor on which thread ran which chunk; the split Reduce and the one-stretch
/// Elementwise write the same gradient, every element agrees with the scalar formula, and the block-summed total matches
/// a compensated sum of the scalar terms. On short lengths: the pipelined loop gives every vector the bits of its own
/// three stages run back to back, and BCE's select form the bits of the bit-mask form it replaced.
/// </summary>
public class WideLossKernelTests
{
    /// <summary>Past the streaming threshold (2^20); the odd remainder leaves a short last chunk and exercises the scalar tail.</summary>
    private const int N = (1 << 21) + 37;

    public static TheoryData<string> Losses() => new() { "bce", "huber" };

    [Theory]
    [MemberData(nameof(Losses))]
    public void Streamed_gradient_is_the_same_bits_at_every_alignment(string loss)
    {
        var (x, t) = Inputs(loss, new Random(17));
        var reference = new double[N];
        var total = Reduce(loss, x, t, reference);
        for (var offset = 1; offset < 8; offset++)
        {
            var buffer = new double[N + 8];
            var shifted = buffer.AsSpan(offset, N);
            var again = Reduce(loss, x, t, shifted);
            Assert.Equal(BitConverter.DoubleToInt64Bits(total), BitConverter.DoubleToInt64Bits(again));
            Assert.True(shifted.SequenceEqual(reference), $"{loss}: gradient differs at offset {offset}");
            Assert.Equal(0.0, buffer[offset - 1]);
            Assert.Equal(0.0, buffer[offset + N]);
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void The_bits_do_not_depend_on_which_thread_ran_which_chunk(string loss)
    {
        var (x, t) = Inputs(loss, new Random(19));
        var together = new double[N];
        var total = Reduce(loss, x, t, together);
        var alone = new double[N];
        var aloneTotal = HeldHelper.CallerAlone(() => Reduce(loss, x, t, alone));
        Assert.Equal(BitConverter.DoubleToInt64Bits(total), BitConverter.DoubleToInt64Bits(aloneTotal));
        Assert.True(alone.AsSpan().SequenceEqual(together), $"{loss}: gradient differs");
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Split_reduce_and_elementwise_write_the_same_gradient_and_agree_with_the_scalar_terms(string loss)
    {
        var (x, t) = Inputs(loss, new Random(23));
        var gradient = new double[N];
        var total = Reduce(loss, x, t, gradient);
        var values = new double[N];
        var elementGradient = new double[N];
        if (loss == "bce")
        {
            Loss.BinaryCrossEntropyWithLogitsElementwise<double>(x, t, values, elementGradient);
        }
        else
        {
            Loss.HuberElementwise<double>(x, t, values, elementGradient);
        }

        Assert.True(elementGradient.AsSpan().SequenceEqual(gradient), $"{loss}: Reduce and Elementwise gradients differ");
        var exact = new ScalarNeumaier();
        for (var i = 0; i < N; i++)
        {
            var value = Scalar(loss, x[i], t[i], out var derivative);
            exact.Add(value);
            // A few ulps: the vector exponential and logarithm against Math's.
            Assert.True(Math.Abs(values[i] - value) <= (1e-14 * value) + 1e-16, $"{loss}: value[{i}] = {values[i]:R}, scalar {value:R}");
            Assert.True(Math.Abs(gradient[i] - derivative) <= (1e-14 * Math.Abs(derivative)) + 1e-16, $"{loss}: gradient[{i}] = {gradient[i]:R}, scalar {derivative:R}");
        }

        Assert.True(Math.Abs(total - exact.Result) <= 1e-14 * exact.Result, $"{loss}: {total:R} against {exact.Result:R}");
    }

    [Fact]
    public void Float_takes_the_wide_pass_with_the_same_accuracy()
    {
        var random = new Random(5);
        var x = new float[100_003];
        var t = new float[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 80.0) - 40.0);
            t[i] = random.Next(3) / 2f;
        }

        var gradient = new float[x.Length];
        var total = Loss.BinaryCrossEntropyWithLogits<float>(x, t, gradient, Reduction.Sum);
        var exact = new ScalarNeumaier();
        for (var i = 0; i < x.Length; i++)
        {
            exact.Add(Scalar("bce", x[i], t[i], out var derivative));
            Assert.True(Math.Abs(gradient[i] - derivative) <= (1e-6 * Math.Abs(derivative)) + 1e-7, $"gradient[{i}] = {gradient[i]:R}, scalar {derivative:R}");
        }

        Assert.True(Math.Abs(total - exact.Result) <= 1e-6 * exact.Result);
    }

    [Fact]
    public void Short_stretches_give_the_bits_of_the_full_pass()
    {
        // the short path stands for the full pass below its 16-element step: same totals (a zero and a negative zero
        // included), values, gradients and validity, weighted or not, invalid targets or weights flagged
        var random = new Random(29);
        for (var n = 1; n < WideLossKernel.Step; n++)
        {
            for (var trial = 0; trial < 40; trial++)
            {
                var x = new double[n];
                var t = new double[n];
                var w = new double[n];
                for (var i = 0; i < n; i++)
                {
                    x[i] = trial switch { 0 => 0.0, 1 => -0.0, 2 => 800.0, _ => (random.NextDouble() * 90.0) - 45.0 };
                    t[i] = trial == 3 && i == 0 ? 1.5 : random.Next(5) / 4.0;
                    w[i] = trial == 4 && i == n - 1 ? -1.0 : trial == 5 ? 0.0 : random.NextDouble();
                }

                foreach (var weights in new[] { Array.Empty<double>(), w })
                {
                    foreach (var scale in new[] { 1.0, 1.0 / n, -0.5 })
                    {
                        AssertSame(new BinaryCrossEntropyWithLogitsTerm(), x, t, weights, scale);
                        AssertSame(new HuberTerm(1.0), x, x, weights, scale);
                        AssertSame(new HuberTerm(1.0), x, t, weights, scale);
                    }
                }
            }
        }
    }

    [Fact]
    public void The_pipelined_pass_gives_each_vector_the_bits_of_its_stages_run_back_to_back()
    {
        // The loop runs a vector's first stage two vectors ahead and its second one ahead; each element must still get
        // Value(p, t, Middle(Early(p))) of its own vector, at every length from one step to several blocks.
        var random = new Random(29);
        for (var n = WideLossKernel.Step; n <= 200; n++)
        {
            var x = new double[n];
            var t = new double[n];
            for (var i = 0; i < n; i++)
            {
                x[i] = SpecialLogits[random.Next(SpecialLogits.Length)] * (random.Next(2) == 0 ? 1.0 : random.NextDouble());
                t[i] = random.Next(5) / 4.0;
            }

            foreach (var scale in new[] { 1.0, 0.5 })
            {
                AssertStagesBackToBack(new BinaryCrossEntropyWithLogitsTerm(), x, t, scale);
                AssertStagesBackToBack(new HuberTerm(1.0), x, t, scale);
            }
        }
    }

    [Fact]
    public void The_select_form_of_bce_gives_the_bits_of_the_bit_mask_form()
    {
        // The derivative as a select and the linear part as a negated FMA on max(x, 0) (ninth slice) against the form they
        // replaced: ((x ≥ 0 ? 1 : 0) − t) + (±σ) and fma(−t, x, x ≥ 0 ? x : 0), for finite logits of every kind.
        var term = new BinaryCrossEntropyWithLogitsTerm();
        var random = new Random(31);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var x = Vector512.Create(Enumerable.Range(0, 8).Select(_ => SpecialLogits[random.Next(SpecialLogits.Length)] * (random.Next(3) == 0 ? 1.0 : random.NextDouble())).ToArray());
            var t = Vector512.Create(Enumerable.Range(0, 8).Select(_ => random.Next(3) == 0 ? random.NextDouble() : random.Next(5) / 4.0).ToArray());
            var middle = term.Middle(term.Early(x));
            var value = term.Value(x, t, middle, out var derivative);
            var (small, log1p) = middle;
            var positive = Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero);
            var oldDerivative = ((positive & Vector512<double>.One) - t) + (small ^ (positive & Vector512.Create(-0.0)));
            var oldValue = Vector512.FusedMultiplyAdd(-t, x, positive & x) + log1p;
            Assert.Equal(oldValue.AsInt64(), value.AsInt64());
            Assert.Equal(oldDerivative.AsInt64(), derivative.AsInt64());
        }
    }

    private static readonly double[] SpecialLogits = [0.0, -0.0, 1.0, -1.0, 3.4, -3.4, 40.0, -40.0, 745.2, -745.2, 800.0, -800.0, 1e308, -1e308, 5e-324, -5e-324, 1e-300];

    private static void AssertStagesBackToBack<TLoss>(TLoss loss, double[] x, double[] t, double scale)
        where TLoss : struct, IWideLossTerm
    {
        var n = x.Length;
        var values = new double[n];
        var gradient = new double[n];
        _ = WideLossKernel.Accumulate<double, TLoss, FiniteDomain, UnitIntervalDomain>(loss, x, t, [], values, gradient, scale, streamGradient: false);
        for (var i = 0; i + Vector512<double>.Count <= n - (n % WideLossKernel.Step); i += Vector512<double>.Count)
        {
            var p = Vector512.Create(x.AsSpan(i, 8));
            var v = loss.Value(p, Vector512.Create(t.AsSpan(i, 8)), loss.Middle(loss.Early(p)), out var d);
            Assert.Equal(v.AsInt64(), Vector512.Create(values.AsSpan(i, 8)).AsInt64());
            Assert.Equal((d * scale).AsInt64(), Vector512.Create(gradient.AsSpan(i, 8)).AsInt64());
        }
    }

    private static void AssertSame<TLoss>(TLoss loss, double[] x, double[] t, double[] weights, double scale)
        where TLoss : struct, IWideLossTerm
    {
        var n = x.Length;
        var (shortValues, shortGradient, fullValues, fullGradient) = (new double[n], new double[n], new double[n], new double[n]);
        var fast = WideLossKernel.Short<double, TLoss, FiniteDomain, UnitIntervalDomain>(loss, x, t, weights, shortValues, shortGradient, scale);
        var full = WideLossKernel.Accumulate<double, TLoss, FiniteDomain, UnitIntervalDomain>(loss, x, t, weights, fullValues, fullGradient, scale, streamGradient: false);
        Assert.Equal(BitConverter.DoubleToInt64Bits(full.Total), BitConverter.DoubleToInt64Bits(fast.Total));
        Assert.Equal(full.Valid, fast.Valid);
        Assert.True(shortValues.AsSpan().SequenceEqual(fullValues) && shortGradient.AsSpan().SequenceEqual(fullGradient));
    }

    private static (double[] X, double[] T) Inputs(string loss, Random random)
    {
        var x = new double[N];
        var t = new double[N];
        for (var i = 0; i < N; i++)
        {
            // Logits over the range where both tails of BCE matter; Huber residuals on both sides of δ = 1.
            x[i] = (random.NextDouble() * 90.0) - 45.0;
            t[i] = loss == "bce" ? random.Next(5) / 4.0 : (random.NextDouble() * 90.0) - 45.0;
        }

        return (x, t);
    }

    private static double Reduce(string loss, double[] x, double[] t, Span<double> gradient)
        => loss == "bce"
            ? Loss.BinaryCrossEntropyWithLogits<double>(x, t, gradient, Reduction.Sum)
            : Loss.Huber<double>(x, t, gradient, Reduction.Sum);

    private static double Scalar(string loss, double x, double t, out double derivative)
        => loss == "bce"
            ? new BinaryCrossEntropyWithLogitsTerm().Value(x, t, out derivative)
            : new HuberTerm(1.0).Value(x, t, out derivative);
}
