using System.Runtime.CompilerServices;
using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Numerics;

/// <summary>Long reductions run on two threads (in chunks both claim, or as two halves): same bits every time, from any number of callers, and errors still named.</summary>
public class SplitTests
{
    private static double[] Distribution(int n, int seed)
    {
        var random = new Random(seed);
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            weights[i] = random.NextDouble();
        }

        return ProbabilityVector.Normalize(weights).ToArray();
    }

    [Fact]
    public void The_split_point_depends_only_on_the_length()
    {
        Assert.Equal(32768, Split.Midpoint(65536));
        Assert.Equal(32768, Split.Midpoint(66000));
        Assert.Equal(0, Split.Midpoint(1000));
        Assert.Equal(0, Split.Midpoint(Split.Threshold) % 1024);
    }

    [Theory]
    [InlineData(1 << 16)]
    [InlineData((1 << 16) + 1)]
    [InlineData(3_000_017)]
    [InlineData(10_000_000)]
    [InlineData(int.MaxValue)]
    public void Chunks_are_whole_vector_steps_at_least_two_and_at_most_256(int n)
    {
        var length = Split.ChunkLength(n);
        var chunks = Split.ChunkCount(n, length);
        Assert.Equal(0, length % 1024);
        Assert.InRange(chunks, 2, Split.MaxChunks);
        Assert.True(length >= Split.MinChunkLength || chunks == 2, $"n = {n}: {chunks} chunks of {length}");
        Assert.True((long)(chunks - 1) * length < n, $"n = {n}: the last chunk is empty");
    }

    [Fact]
    public void Run_chunks_wants_one_slot_a_chunk()
    {
        var error = Assert.Throws<ArgumentException>(() => Split.RunChunks(new Ones(), 100_000, 50_000, new int[3]));
        Assert.Equal("results", error.ParamName);
        var slots = new int[2];
        Split.RunChunks(new Ones(), 100_000, 50_000, slots);
        Assert.Equal([50_000, 50_000], slots);
    }

    [Fact]
    public void A_chunk_that_throws_stops_the_claims()
    {
        var runs = new StrongBox<int>();
        var slots = new int[200];
        var error = Assert.ThrowsAny<Exception>(() => Split.RunChunks(new Throwing(runs), 200 * 1024, 1024, slots));
        Assert.True(error is InvalidDataException || error.InnerException is InvalidDataException, error.ToString());
        // the first chunk throws at once; without the stop the other thread would go on through all 199 others (5 ms
        // each). The bound leaves room for a caller descheduled for a while (tests run in parallel on two cores).
        Assert.InRange(runs.Value, 1, 100);
    }

    private readonly struct Ones : ISplitJob<int>
    {
        public int Run(int start, int length) => length;
    }

    private readonly struct Throwing(StrongBox<int> runs) : ISplitJob<int>
    {
        public int Run(int start, int length)
        {
            Interlocked.Increment(ref runs.Value);
            if (start == 0)
            {
                throw new InvalidDataException($"chunk at {start}");
            }

            Thread.Sleep(5);
            return length;
        }
    }

    [Fact]
    public void Many_concurrent_callers_get_the_same_bits_as_one()
    {
        var p = Distribution(200_003, 1);
        var q = Distribution(200_003, 2);
        var expected = Kl.Divergence(p, q);
        var expectedEntropy = Entropy.Of(p);
        var results = new double[64];
        var entropies = new double[64];
        Parallel.For(0, 64, i =>
        {
            results[i] = Kl.Divergence(p, q);
            entropies[i] = Entropy.Of(p);
        });
        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.All(entropies, r => Assert.Equal(expectedEntropy, r));
    }

    [Fact]
    public void Back_to_back_calls_from_racing_threads_never_mix_up_their_halves()
    {
        // Reusing a thread's cached work item while the helper may still hold the previous one is the race to rule out.
        var a = Distribution(70_001, 7);
        var b = Distribution(140_001, 8);
        var expectedA = Entropy.Of(a);
        var expectedB = Entropy.Of(b);
        var mismatches = 0;
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 200; i++)
            {
                if (Entropy.Of(a) != expectedA || Entropy.Of(b) != expectedB)
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Split_results_match_the_textbook_just_above_the_threshold()
    {
        var n = Split.Threshold + 13;
        var p = Distribution(n, 3);
        var q = Distribution(n, 4);
        var reference = DoubleDoubleSum(p.Zip(q, (a, b) => a * Math.Log(a / b)));
        Assert.Equal(reference, Kl.Divergence(p, q), reference * 1e-12);
        Assert.Equal(DoubleDoubleSum(p.Select(a => -a * Math.Log(a))), Entropy.Of(p), 1e-10);
        var x = p.Select(v => v * 1000).ToArray();
        var max = x.Max();
        Assert.Equal(max + Math.Log(DoubleDoubleSum(x.Select(v => Math.Exp(v - max)))), LogSumExp.Of(x), 1e-10);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(150_001)]
    public void A_bad_element_in_either_half_is_named(int index)
    {
        var p = Distribution(200_000, 5);
        var q = Distribution(200_000, 6);
        q[index] = -0.25;
        var error = Assert.Throws<ArgumentException>(() => Kl.Divergence(p, q));
        Assert.Equal("q", error.ParamName);
        Assert.Contains($"q[{index}] = -0.25 is negative", error.Message, StringComparison.Ordinal);

        p[index] = double.NaN;
        error = Assert.Throws<ArgumentException>(() => Kl.Divergence(p, q));
        Assert.Equal("p", error.ParamName);
        Assert.Contains($"p[{index}] = NaN", error.Message, StringComparison.Ordinal);

        var x = new double[200_000];
        x[index] = double.PositiveInfinity;
        Assert.Contains($"x[{index}] = ", Assert.Throws<ArgumentException>(() => LogSumExp.Of(x)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_losses_agree_with_their_elementwise_form_and_name_bad_targets_in_any_chunk()
    {
        const int n = 200_001;
        var random = new Random(9);
        var logits = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 60).ToArray();
        var targets = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var values = new double[n];
        var elementGradient = new double[n];
        Functional.Losses.Loss.BinaryCrossEntropyWithLogitsElementwise<double>(logits, targets, values, elementGradient);
        var gradient = new double[n];
        var sum = Functional.Losses.Loss.BinaryCrossEntropyWithLogits<double>(logits, targets, gradient, Reduction.Sum);
        Assert.Equal(DoubleDoubleSum(values), sum, DoubleDoubleSum(values) * 1e-13);
        Assert.Equal(elementGradient, gradient);
        var mean = Functional.Losses.Loss.BinaryCrossEntropyWithLogits<double>(logits, targets, gradient, Reduction.Mean);
        Assert.Equal(sum / n, mean, sum / n * 1e-13);
        Assert.Equal(elementGradient[150_000] / n, gradient[150_000], 1e-25);

        targets[150_000] = 1.5;
        var error = Assert.Throws<ArgumentException>(() => Functional.Losses.Loss.BinaryCrossEntropyWithLogits<double>(logits, targets, gradient, Reduction.Sum));
        Assert.Contains("targets[150000] = 1.5", error.Message, StringComparison.Ordinal);
        logits[3] = double.NaN;
        error = Assert.Throws<ArgumentException>(() => Functional.Losses.Loss.BinaryCrossEntropyWithLogits<double>(logits, targets, Span<double>.Empty, Reduction.Sum));
        Assert.Equal("predictions", error.ParamName);
    }

    [Fact]
    public void Split_results_are_joined_compensated_not_one_rounding_a_part()
    {
        // 1e16 then 199 ones: adding them one rounding at a time keeps 1e16 (each +1 is half an ulp, and ties go to even)
        var parts = new[] { new Partial(1e16, 1e16, 0.0, true) }.Concat(Enumerable.Repeat(new Partial(1.0, 1.0, 0.0, true), 199)).ToArray();
        var joined = Partial.JoinInOrder(parts);
        Assert.Equal(1e16 + 200, joined.Total);
        Assert.Equal(1e16 + 200, joined.MassX);
        Assert.True(joined.Valid);
        Assert.False(Partial.JoinInOrder([.. parts, new Partial(1.0, 0.0, 0.0, false)]).Valid);
    }

    private static double DoubleDoubleSum(IEnumerable<double> values)
    {
        double hi = 0, lo = 0;
        foreach (var x in values)
        {
            var s = hi + x;
            var bp = s - hi;
            lo += (hi - (s - bp)) + (x - bp);
            hi = s;
        }

        return hi + lo;
    }

    /// <summary>A job whose first half throws; its second half records that it ran, slowly enough for the helper to hold it.</summary>
    private readonly struct ThrowingFirstHalf(StrongBox<int> secondRuns) : ISplitJob<int>
    {
        public int Run(int start, int length)
        {
            if (start == 0)
            {
                throw new InvalidOperationException("first half");
            }

            Thread.Sleep(20);
            Interlocked.Increment(ref secondRuns.Value);
            return length;
        }
    }

    [Fact]
    public void A_first_half_that_throws_leaves_only_after_the_helper_is_off_the_job_and_the_helper_serves_the_next_call()
    {
        for (var round = 0; round < 20; round++)
        {
            var secondRuns = new StrongBox<int>();
            Assert.Throws<InvalidOperationException>(() => Split.Run(new ThrowingFirstHalf(secondRuns), 1 << 17, out int _, out int _));
            // the helper either skipped the half or finished it before Run let the exception go: nothing runs later
            var seen = Volatile.Read(ref secondRuns.Value);
            Thread.Sleep(30);
            Assert.Equal(seen, Volatile.Read(ref secondRuns.Value));
            Assert.InRange(seen, 0, 1);
        }

        var p = Distribution(200_003, 5);
        Assert.Equal(Entropy.Of(p), Entropy.Of(p));
    }
}
