using Functional.Losses;
using Functional.Tests.Numerics;

namespace Functional.Tests.Losses;

/// <summary>
/// Large softmax batches go in chunks of rows that the caller and the split helper claim in turn: the total and every
/// gradient element are the same bits whoever ran which chunk — here the caller alone (the helper held busy) against the
/// two threads together, over row counts that leave a short last chunk.
/// </summary>
public class SoftmaxChunkedRowsTests
{
    [Theory]
    [InlineData(4096, 1000)]
    [InlineData(70, 1000)]
    [InlineData(1_000, 131)]
    [InlineData(20_001, 7)]
    [InlineData(3, 30_000)]
    public void The_bits_do_not_depend_on_which_thread_ran_which_chunk(int rows, int columns)
    {
        var random = new Random(rows + columns);
        var logits = new double[rows * columns];
        var logits32 = new float[rows * columns];
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = (random.NextDouble() * 16.0) - 8.0;
            logits32[i] = (float)logits[i];
        }

        var labels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            labels[r] = random.Next(columns);
        }

        // together first: right after CallerAlone the helper may still be finishing its holder, and the caller would run alone
        var (together, togetherGradient) = Run(logits, columns, labels);
        var (alone, aloneGradient) = HeldHelper.CallerAlone(() => Run(logits, columns, labels));
        Assert.Equal(BitConverter.DoubleToInt64Bits(alone), BitConverter.DoubleToInt64Bits(together));
        Assert.Equal(aloneGradient, togetherGradient);

        var (together32, togetherGradient32) = Run(logits32, columns, labels);
        var (alone32, aloneGradient32) = HeldHelper.CallerAlone(() => Run(logits32, columns, labels));
        Assert.Equal(BitConverter.DoubleToInt64Bits(alone32), BitConverter.DoubleToInt64Bits(together32));
        Assert.Equal(aloneGradient32, togetherGradient32);

        // and the total is the rows' losses summed (a chunk lost or counted twice would show)
        var perRow = 0.0;
        for (var r = 0; r < rows; r++)
        {
            Assert.True(SoftmaxRows.TryRun<double>(logits.AsSpan(r * columns, columns), columns, labels.AsSpan(r, 1), Span<double>.Empty, 1.0 / rows, out var one));
            perRow += one;
        }

        Assert.Equal(perRow, together, 1e-12 * Math.Abs(perRow));
    }

    private static (double Total, T[] Gradient) Run<T>(T[] logits, int columns, int[] labels)
        where T : IFloatingPointIeee754<T>
    {
        var gradient = new T[logits.Length];
        Assert.True(SoftmaxRows.TryRun<T>(logits, columns, labels, gradient, 1.0 / labels.Length, out var total));
        return (total, gradient);
    }
}
