using Functional.Losses;

namespace Functional.Tests.Losses;

/// <summary>
/// The streamed softmax rows (a gradient of 2^20 elements or more: exponentials in scratch, the gradient row written by
/// non-temporal stores) give the same bits as the same rows computed in place in smaller calls.
/// </summary>
public class SoftmaxStreamedRowsTests
{
    public static TheoryData<int> Columns => [1000, 1001, 1003, 17, 4097];

    [Theory]
    [MemberData(nameof(Columns))]
    public void Float_rows_streamed_equal_the_rows_in_place(int columns) => Agree<float>(columns, x => (float)x);

    [Theory]
    [MemberData(nameof(Columns))]
    public void Double_rows_streamed_equal_the_rows_in_place(int columns) => Agree<double>(columns, x => x);

    private static void Agree<T>(int columns, Func<double, T> convert)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = ((1 << 20) / columns) + 3;
        var random = new Random(columns);
        var logits = new T[rows * columns];
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = convert(random.NextDouble() * 20.0 - 10.0);
        }

        var labels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            // the first, last and a middle class, so the label falls in the scalar head, the vectors and the scalar tail
            labels[r] = (r % 3) switch { 0 => 0, 1 => columns - 1, _ => random.Next(columns) };
        }

        // an offset of one element moves every row's start off the 64-byte grid differently
        var streamed = new T[(rows * columns) + 1];
        var scale = 1.0 / rows;
        Assert.True(SoftmaxRows.TryRun<T>(logits, columns, labels, streamed.AsSpan(1, rows * columns), scale, out var total));

        var inPlace = new T[rows * columns];
        var chunk = Math.Max(1, ((1 << 20) - 1) / columns / 2);
        var sum = 0.0;
        for (var first = 0; first < rows; first += chunk)
        {
            var count = Math.Min(chunk, rows - first);
            Assert.True(SoftmaxRows.TryRun<T>(
                logits.AsSpan(first * columns, count * columns), columns, labels.AsSpan(first, count),
                inPlace.AsSpan(first * columns, count * columns), scale, out var part));
            sum += part;
        }

        for (var i = 0; i < inPlace.Length; i++)
        {
            if (!streamed[i + 1].Equals(inPlace[i]))
            {
                Assert.Fail($"element {i} (row {i / columns}, column {i % columns}): streamed {streamed[i + 1]}, in place {inPlace[i]}");
            }
        }

        Assert.Equal(sum, total, 1e-12 * Math.Abs(sum));
    }
}
