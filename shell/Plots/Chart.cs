namespace Functional.Shell.Plots;

/// <summary>How a series is drawn.</summary>
public enum SeriesKind
{
    /// <summary>A polyline through the points; a non-finite point (or a non-positive one on a log axis) breaks it.</summary>
    Line,

    /// <summary>Markers only.</summary>
    Scatter,

    /// <summary>A polyline with a marker on every point.</summary>
    LineMarkers,

    /// <summary>A step function held from each x to the next (step "after"), e.g. a cumulative count.</summary>
    Step,

    /// <summary>Vertical bars from the baseline (0, or the axis minimum); several bar series are grouped side by side.</summary>
    Bars,
}

/// <summary>How an axis maps data to the page.</summary>
public enum AxisScale
{
    /// <summary>Equal distances for equal differences.</summary>
    Linear,

    /// <summary>Equal distances for equal ratios (base 10); values ≤ 0 are gaps.</summary>
    Log,
}

/// <summary>One named series of (x, y) points. Non-finite points are gaps, never errors.</summary>
/// <param name="Name">The legend label, also the series' <c>data-name</c> in the SVG.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, as many as <paramref name="X"/>.</param>
/// <param name="Kind">How it is drawn.</param>
/// <param name="Dashed">Draw the line dashed (to tell apart series of similar colour or a reference curve).</param>
/// <param name="Color">A CSS colour, or <see langword="null"/> for the next colour of the palette.</param>
public sealed record Series(
    string Name,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    SeriesKind Kind = SeriesKind.Line,
    bool Dashed = false,
    string? Color = null)
{
    /// <summary>The legend label.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(Name)
        ? throw new ArgumentException("A series needs a name.", nameof(Name))
        : Name;

    /// <summary>The x values.</summary>
    public IReadOnlyList<double> X { get; } = X ?? throw new ArgumentNullException(nameof(X));

    /// <summary>The y values.</summary>
    public IReadOnlyList<double> Y { get; } = Y is null
        ? throw new ArgumentNullException(nameof(Y))
        : Y.Count == X.Count ? Y : throw new ArgumentException($"Series '{Name}' has {X.Count} x values and {Y.Count} y values.", nameof(Y));

    /// <summary>A series y = f(x) sampled on the given grid.</summary>
    public static Series Of(string name, IReadOnlyList<double> x, Func<double, double> f, SeriesKind kind = SeriesKind.Line, bool dashed = false, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(f);
        return new Series(name, x, x.Select(f).ToArray(), kind, dashed, color);
    }
}

/// <summary>An axis: its label, scale and optional fixed limits (otherwise taken from the data and widened to nice ticks).</summary>
/// <param name="Label">The axis title.</param>
/// <param name="Scale">Linear or log.</param>
/// <param name="Min">The lower limit, or <see langword="null"/> for the data's.</param>
/// <param name="Max">The upper limit, or <see langword="null"/> for the data's.</param>
public sealed record Axis(string Label, AxisScale Scale = AxisScale.Linear, double? Min = null, double? Max = null)
{
    /// <summary>The lower limit, if fixed.</summary>
    public double? Min { get; } = Check(Min, Scale, nameof(Min));

    /// <summary>The upper limit, if fixed.</summary>
    public double? Max { get; } = Min is { } lo && Max is { } hi && !(hi > lo)
        ? throw new ArgumentException($"Axis '{Label}': Max = {hi.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is not above Min.", nameof(Max))
        : Check(Max, Scale, nameof(Max));

    private static double? Check(double? limit, AxisScale scale, string name) => limit switch
    {
        null => null,
        { } v when !double.IsFinite(v) => throw new ArgumentException($"{name} = {v} is not finite.", name),
        { } v when scale == AxisScale.Log && !(v > 0) => throw new ArgumentException($"{name} = {v} is not positive on a log axis.", name),
        { } v => v,
    };
}

/// <summary>A chart: title, axes and one or more series. <see cref="SvgChart.Render"/> draws it.</summary>
/// <param name="Title">Shown above the plot.</param>
/// <param name="X">The horizontal axis.</param>
/// <param name="Y">The vertical axis.</param>
/// <param name="Series">The series, drawn in order (later on top); names must be distinct.</param>
/// <param name="Width">Width in pixels (at least 240).</param>
/// <param name="Height">Height in pixels (at least 180).</param>
public sealed record Chart(string Title, Axis X, Axis Y, IReadOnlyList<Series> Series, int Width = 760, int Height = 440)
{
    /// <summary>The series.</summary>
    public IReadOnlyList<Series> Series { get; } = CheckSeries(Series);

    /// <summary>Width in pixels.</summary>
    public int Width { get; } = Width >= 240 ? Width : throw new ArgumentOutOfRangeException(nameof(Width), Width, $"Width = {Width}; it must be at least 240.");

    /// <summary>Height in pixels.</summary>
    public int Height { get; } = Height >= 180 ? Height : throw new ArgumentOutOfRangeException(nameof(Height), Height, $"Height = {Height}; it must be at least 180.");

    private static IReadOnlyList<Series> CheckSeries(IReadOnlyList<Series> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("A chart needs at least one series.", nameof(series));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (!seen.Add(s.Name))
            {
                throw new ArgumentException($"Two series are named '{s.Name}'.", nameof(series));
            }
        }

        return series;
    }
}
