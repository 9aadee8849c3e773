namespace Functional.Shell.Verbs.Reproduce;

/// <summary>Sampling grids for the sections' curves.</summary>
internal static class Grid
{
    /// <summary><paramref name="count"/> equally spaced points from <paramref name="from"/> to <paramref name="to"/>, both ends included exactly.</summary>
    public static double[] Linspace(double from, double to, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var grid = new double[count];
        for (var i = 0; i < count; i++)
        {
            // from + i·h drifts; interpolating from both ends hits both exactly and 0 exactly on a symmetric grid
            grid[i] = ((from * (count - 1 - i)) + (to * i)) / (count - 1);
        }

        return grid;
    }
}
