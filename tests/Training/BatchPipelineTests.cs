using Functional.Models.Data;
using Functional.Training;

namespace Functional.Tests.Training;

/// <summary>The batch ring hands out exactly the rows a plain gather gives, in order, whoever copied them.</summary>
public class BatchPipelineTests
{
    [Theory]
    [InlineData(2000, 0)]
    [InlineData(2000, 1)]
    [InlineData(2000, 2000)]
    [InlineData(0, 3)]
    public void Every_batch_holds_the_rows_of_its_stretch_of_the_order(int rescueSpins, int seed)
    {
        const int rows = 3001;
        const int columns = 13;
        const int batch = 64;
        var random = new Random(seed);
        var x = new double[rows * columns];
        var y = new double[rows];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = random.NextDouble();
        }

        for (var r = 0; r < rows; r++)
        {
            y[r] = r;
        }

        var data = new Dataset(x, columns, y);
        var pipeline = new BatchPipeline(data, batch, rescueSpins);
        var order = Enumerable.Range(0, rows).ToArray();
        var expectedX = new double[batch * columns];
        var expectedY = new double[batch];
        for (var epoch = 0; epoch < 30; epoch++)
        {
            random.Shuffle(order);
            pipeline.Begin(order);
            try
            {
                // some epochs end early, as a step budget or a divergence would end them
                var batches = epoch % 3 == 2 ? 7 : (rows + batch - 1) / batch;
                for (var b = 0; b < batches; b++)
                {
                    if (b > 0)
                    {
                        pipeline.Release(b - 1);
                    }

                    var (features, targets) = pipeline.Acquire(b);
                    var count = Math.Min(batch, rows - (b * batch));
                    data.Gather(order.AsSpan(b * batch, count), expectedX, expectedY);
                    Assert.Equal(expectedY.AsSpan(0, count).ToArray(), targets.ToArray());
                    Assert.Equal(expectedX.AsSpan(0, count * columns).ToArray(), features.ToArray());
                }
            }
            finally
            {
                pipeline.End();
            }
        }
    }
}
