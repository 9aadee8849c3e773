using System.Globalization;
using System.Text;

namespace Functional.Shell.Plots;

/// <summary>
/// Draws a <see cref="Chart"/> as a standalone SVG document: title, framed plot area with grid and nice ticks, axis labels,
/// the series (each a <c>&lt;g class="series" data-name="…"&gt;</c>, clipped to the plot area) and a legend to the right.
/// Pure and deterministic: the same chart gives the same bytes (invariant culture, coordinates rounded to 0.01 px).
/// </summary>
public static class SvgChart
{
    /// <summary>The colours given to series without their own, in order (Tableau 10).</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private const double TickFont = 12, LabelFont = 13, TitleFont = 16, LegendFont = 12;

    /// <summary>Average advance of a glyph as a fraction of the font size (DejaVu Sans / Arial run about 0.55–0.6): widths are estimated, not measured.</summary>
    private const double CharWidth = 0.62;

    private const double LegendRow = 18, LegendSwatch = 24;

    /// <summary>Renders the chart.</summary>
    /// <param name="chart">What to draw.</param>
    /// <param name="id">A prefix for the ids inside the SVG (the clip path), distinct per SVG when several are inlined in one page; letters, digits and '-'.</param>
    /// <returns>The SVG document (UTF-8 text, no XML declaration).</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or holds other characters.</exception>
    public static string Render(Chart chart, string id = "chart")
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (string.IsNullOrEmpty(id) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"id = '{id}' must be letters, digits and '-'.", nameof(id));
        }

        var layout = Layout.Of(chart);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{chart.Width}\" height=\"{chart.Height}\" viewBox=\"0 0 {chart.Width} {chart.Height}\" ")
            .Append("font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" role=\"img\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-labelledby=\"{id}-title\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Escape(chart.Title)}</title>\n")
            .Append("<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<defs><clipPath id=\"{id}-plot\"><rect x=\"{N(layout.Left)}\" y=\"{N(layout.Top)}\" width=\"{N(layout.PlotWidth)}\" height=\"{N(layout.PlotHeight)}\"/></clipPath></defs>\n");

        Grid(svg, layout);
        Axes(svg, layout, chart);
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"plot\" clip-path=\"url(#{id}-plot)\">\n");
        for (var i = 0; i < chart.Series.Count; i++)
        {
            DrawSeries(svg, layout, chart.Series[i], ColorOf(chart, i));
        }

        svg.Append("</g>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"frame\" x=\"{N(layout.Left)}\" y=\"{N(layout.Top)}\" width=\"{N(layout.PlotWidth)}\" height=\"{N(layout.PlotHeight)}\" fill=\"none\" stroke=\"#333\"/>\n");
        Legend(svg, layout, chart);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Escapes text for XML content and attribute values; characters XML 1.0 forbids become U+FFFD.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The escaped text.</returns>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                case '\t' or '\n' or '\r': escaped.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': escaped.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        escaped.Append('\uFFFD');
                    }
                    else
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>The estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    internal static double TextWidth(string text, double fontSize) => text.Length * fontSize * CharWidth;

    private static string ColorOf(Chart chart, int index) => chart.Series[index].Color
        ?? Palette[chart.Series.Take(index).Count(s => s.Color is null) % Palette.Count];

    private static void Grid(StringBuilder svg, Layout layout)
    {
        svg.Append("<g class=\"grid\" stroke=\"#e6e6e6\" stroke-width=\"1\">\n");
        foreach (var tick in layout.XTicks.Ticks)
        {
            var x = layout.XScale.Map(tick.Value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{N(layout.Top)}\" x2=\"{N(x)}\" y2=\"{N(layout.Bottom)}\"/>\n");
        }

        foreach (var tick in layout.YTicks.Ticks)
        {
            var y = layout.YScale.Map(tick.Value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(layout.Left)}\" y1=\"{N(y)}\" x2=\"{N(layout.Right)}\" y2=\"{N(y)}\"/>\n");
        }

        svg.Append("</g>\n");
        // the zero line of a linear axis that crosses 0 (derivatives change sign there)
        if (layout.YScale.Kind == AxisScale.Linear && layout.YTicks.Min < 0 && layout.YTicks.Max > 0)
        {
            var y = layout.YScale.Map(0);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"zero\" x1=\"{N(layout.Left)}\" y1=\"{N(y)}\" x2=\"{N(layout.Right)}\" y2=\"{N(y)}\" stroke=\"#999\" stroke-width=\"1\"/>\n");
        }

        if (layout.XScale.Kind == AxisScale.Linear && layout.XTicks.Min < 0 && layout.XTicks.Max > 0)
        {
            var x = layout.XScale.Map(0);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"zero\" x1=\"{N(x)}\" y1=\"{N(layout.Top)}\" x2=\"{N(x)}\" y2=\"{N(layout.Bottom)}\" stroke=\"#999\" stroke-width=\"1\"/>\n");
        }
    }

    private static void Axes(StringBuilder svg, Layout layout, Chart chart)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"x-axis\" font-size=\"{N(TickFont)}\" text-anchor=\"middle\" fill=\"#222\">\n");
        foreach (var tick in layout.XTicks.Ticks)
        {
            var x = layout.XScale.Map(tick.Value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{N(layout.Bottom)}\" x2=\"{N(x)}\" y2=\"{N(layout.Bottom + 5)}\" stroke=\"#333\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(x)}\" y=\"{N(layout.Bottom + 20)}\">{Escape(tick.Label)}</text>\n");
        }

        svg.Append("</g>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"y-axis\" font-size=\"{N(TickFont)}\" text-anchor=\"end\" fill=\"#222\">\n");
        foreach (var tick in layout.YTicks.Ticks)
        {
            var y = layout.YScale.Map(tick.Value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(layout.Left - 5)}\" y1=\"{N(y)}\" x2=\"{N(layout.Left)}\" y2=\"{N(y)}\" stroke=\"#333\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(layout.Left - 8)}\" y=\"{N(y + (TickFont * 0.35))}\">{Escape(tick.Label)}</text>\n");
        }

        svg.Append("</g>\n");
        var centreX = (layout.Left + layout.Right) / 2;
        var centreY = (layout.Top + layout.Bottom) / 2;
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"title\" x=\"{N(centreX)}\" y=\"{N(TitleFont + 8)}\" font-size=\"{N(TitleFont)}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#111\">{Escape(chart.Title)}</text>\n")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"x-label\" x=\"{N(centreX)}\" y=\"{N(chart.Height - 12)}\" font-size=\"{N(LabelFont)}\" text-anchor=\"middle\" fill=\"#111\">{Escape(chart.X.Label)}</text>\n")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"y-label\" transform=\"translate({N(12 + LabelFont)} {N(centreY)}) rotate(-90)\" font-size=\"{N(LabelFont)}\" text-anchor=\"middle\" fill=\"#111\">{Escape(chart.Y.Label)}</text>\n");
    }

    private static void DrawSeries(StringBuilder svg, Layout layout, Series series, string color)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-name=\"{Escape(series.Name)}\" data-kind=\"{series.Kind.ToString().ToLowerInvariant()}\">\n");
        var dash = series.Dashed ? " stroke-dasharray=\"7 4\"" : "";
        switch (series.Kind)
        {
            case SeriesKind.Line or SeriesKind.LineMarkers or SeriesKind.Step:
                var d = PathData(layout, series);
                if (d.Length > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill=\"none\" stroke=\"{Escape(color)}\" stroke-width=\"2\" stroke-linejoin=\"round\"{dash}/>\n");
                }

                if (series.Kind == SeriesKind.LineMarkers)
                {
                    Markers(svg, layout, series, color);
                }

                break;
            case SeriesKind.Scatter:
                Markers(svg, layout, series, color);
                break;
            case SeriesKind.Bars:
                Bars(svg, layout, series, color);
                break;
        }

        svg.Append("</g>\n");
    }

    private static string PathData(Layout layout, Series series)
    {
        var d = new StringBuilder();
        var penDown = false;
        for (var i = 0; i < series.X.Count; i++)
        {
            if (!layout.TryMap(series.X[i], series.Y[i], out var x, out var y))
            {
                penDown = false;
                continue;
            }

            if (series.Kind == SeriesKind.Step && penDown)
            {
                // hold the previous value up to this x, then jump
                d.Append(CultureInfo.InvariantCulture, $" H{N(x)}");
            }

            d.Append(CultureInfo.InvariantCulture, $"{(d.Length == 0 ? "" : " ")}{(penDown ? 'L' : 'M')}{N(x)} {N(y)}");
            penDown = true;
        }

        return d.ToString();
    }

    private static void Markers(StringBuilder svg, Layout layout, Series series, string color)
    {
        for (var i = 0; i < series.X.Count; i++)
        {
            if (layout.TryMap(series.X[i], series.Y[i], out var x, out var y))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{(series.Kind == SeriesKind.Scatter ? 5 : 3.5)}\" fill=\"{Escape(color)}\" stroke=\"white\" stroke-width=\"0.8\"/>\n");
            }
        }
    }

    private static void Bars(StringBuilder svg, Layout layout, Series series, string color)
    {
        var (index, count) = layout.BarSlot(series);
        var group = layout.BarSpacing * 0.8;
        var width = group / count;
        var baseline = layout.YScale.Map(layout.Baseline);
        for (var i = 0; i < series.X.Count; i++)
        {
            if (!layout.TryMap(series.X[i], series.Y[i], out var x, out var y))
            {
                continue;
            }

            var left = x - (group / 2) + (index * width);
            var top = Math.Min(y, baseline);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(left)}\" y=\"{N(top)}\" width=\"{N(width * 0.92)}\" height=\"{N(Math.Abs(baseline - y))}\" fill=\"{Escape(color)}\"/>\n");
        }
    }

    private static void Legend(StringBuilder svg, Layout layout, Chart chart)
    {
        var x = layout.Right + 16;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\" font-size=\"{N(LegendFont)}\" fill=\"#111\">\n");
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var series = chart.Series[i];
            var color = Escape(ColorOf(chart, i));
            var y = layout.Top + 8 + (i * LegendRow);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend-entry\" data-name=\"{Escape(series.Name)}\">");
            if (series.Kind == SeriesKind.Bars)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x + 6)}\" y=\"{N(y - 6)}\" width=\"12\" height=\"12\" fill=\"{color}\"/>");
            }

            if (series.Kind is SeriesKind.Line or SeriesKind.LineMarkers or SeriesKind.Step)
            {
                var dash = series.Dashed ? " stroke-dasharray=\"7 4\"" : "";
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{N(y)}\" x2=\"{N(x + LegendSwatch)}\" y2=\"{N(y)}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>");
            }

            if (series.Kind is SeriesKind.Scatter or SeriesKind.LineMarkers)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x + (LegendSwatch / 2))}\" cy=\"{N(y)}\" r=\"3.5\" fill=\"{color}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + LegendSwatch + 6)}\" y=\"{N(y + (LegendFont * 0.35))}\">{Escape(series.Name)}</text></g>\n");
        }

        svg.Append("</g>\n");
    }

    /// <summary>A coordinate with at most two decimals, invariant, no "-0".</summary>
    internal static string N(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Maps data to pixels along one axis.</summary>
    internal readonly record struct Scale(AxisScale Kind, double DataMin, double DataMax, double PixelMin, double PixelMax)
    {
        /// <summary>The pixel of a value; far-off values are clamped to ±10⁶ px so the SVG stays renderable (the clip hides them).</summary>
        public double Map(double value)
        {
            var t = Kind == AxisScale.Log
                ? (Math.Log10(value) - Math.Log10(DataMin)) / (Math.Log10(DataMax) - Math.Log10(DataMin))
                : (value - DataMin) / (DataMax - DataMin);
            return Math.Clamp(PixelMin + (t * (PixelMax - PixelMin)), -1e6, 1e6);
        }

        public bool CanShow(double value) => double.IsFinite(value) && (Kind == AxisScale.Linear || value > 0);
    }

    /// <summary>Where everything goes: margins from the estimated label widths, the axes' extents and ticks.</summary>
    internal sealed record Layout(double Left, double Top, double Right, double Bottom, Scale XScale, Scale YScale, AxisTicks XTicks, AxisTicks YTicks, double BarSpacing, double Baseline, IReadOnlyList<Series> BarSeries)
    {
        public double PlotWidth => Right - Left;

        public double PlotHeight => Bottom - Top;

        public bool TryMap(double dataX, double dataY, out double x, out double y)
        {
            var ok = XScale.CanShow(dataX) && YScale.CanShow(dataY);
            x = ok ? XScale.Map(dataX) : double.NaN;
            y = ok ? YScale.Map(dataY) : double.NaN;
            return ok;
        }

        public (int Index, int Count) BarSlot(Series series)
        {
            var index = 0;
            for (; index < BarSeries.Count && !ReferenceEquals(BarSeries[index], series); index++)
            {
            }

            return (index, Math.Max(1, BarSeries.Count));
        }

        public static Layout Of(Chart chart)
        {
            var bars = chart.Series.Where(s => s.Kind == SeriesKind.Bars).ToArray();
            var barXs = bars.SelectMany(s => s.X).Where(double.IsFinite).Distinct().Order().ToArray();
            var barSpacingData = barXs.Length < 2 ? 1.0 : barXs.Zip(barXs.Skip(1), (a, b) => b - a).Min();

            var xs = Visible(chart.Series.SelectMany(s => s.X), chart.X.Scale).ToList();
            var ys = Visible(chart.Series.SelectMany(s => s.Y), chart.Y.Scale).ToList();
            if (bars.Length > 0)
            {
                xs.Add(barXs.Length == 0 ? 0 : barXs[0] - (barSpacingData / 2));
                xs.Add(barXs.Length == 0 ? 1 : barXs[^1] + (barSpacingData / 2));
                if (chart.Y.Scale == AxisScale.Linear)
                {
                    ys.Add(0);
                }
            }

            var legendWidth = 16 + LegendSwatch + 6 + chart.Series.Max(s => TextWidth(s.Name, LegendFont)) + 12;
            var top = TitleFont + 24;
            var bottom = chart.Height - (12 + LabelFont + 10 + TickFont + 14);
            var right = chart.Width - legendWidth;
            var yTicks = Resolve(chart.Y, ys, Math.Max(2, (int)((bottom - top) / 55)));
            var yLabelWidth = yTicks.Ticks.Count == 0 ? 0 : yTicks.Ticks.Max(t => TextWidth(t.Label, TickFont));
            var left = 12 + LabelFont + 10 + yLabelWidth + 8;
            if (right - left < 80)
            {
                right = left + 80; // a legend too wide for the chart runs off the edge rather than crushing the plot
            }

            // fewer x ticks when their labels would touch
            AxisTicks xTicks;
            var target = Math.Max(2, (int)((right - left) / 70));
            while (true)
            {
                xTicks = Resolve(chart.X, xs, target);
                var widest = xTicks.Ticks.Count == 0 ? 0 : xTicks.Ticks.Max(t => TextWidth(t.Label, TickFont));
                if (target <= 2 || xTicks.Ticks.Count < 2 || (widest + 10) * (xTicks.Ticks.Count - 1) <= right - left)
                {
                    break;
                }

                target--;
            }

            if (bars.Length > 0 && chart.X.Scale == AxisScale.Linear && chart.X.Min is null && chart.X.Max is null
                && barXs.Length is > 0 and <= 24 && barXs.All(x => x == Math.Round(x)))
            {
                // whole-number categories (outcome 1, 2, 3; coin 0..6): a tick under each bar, not at nice fractions
                xTicks = new AxisTicks(
                    barXs[0] - (barSpacingData / 2),
                    barXs[^1] + (barSpacingData / 2),
                    [.. barXs.Select(x => new Tick(x, Ticks.Decimal(x, 0)))]);
            }

            var xScale = new Scale(chart.X.Scale, xTicks.Min, xTicks.Max, left, right);
            var yScale = new Scale(chart.Y.Scale, yTicks.Min, yTicks.Max, bottom, top);
            var spacingPixels = bars.Length == 0 ? 0 : Math.Abs(xScale.Map(xTicks.Min + barSpacingData) - xScale.Map(xTicks.Min));
            var baseline = chart.Y.Scale == AxisScale.Log ? yTicks.Min : Math.Clamp(0, yTicks.Min, yTicks.Max);
            return new Layout(left, top, right, bottom, xScale, yScale, xTicks, yTicks, spacingPixels, baseline, bars);
        }

        private static IEnumerable<double> Visible(IEnumerable<double> values, AxisScale scale)
            => values.Where(v => double.IsFinite(v) && (scale == AxisScale.Linear || v > 0));

        private static AxisTicks Resolve(Axis axis, List<double> data, int target)
        {
            var min = axis.Min ?? (data.Count == 0 ? (axis.Scale == AxisScale.Log ? 1 : 0) : data.Min());
            var max = axis.Max ?? (data.Count == 0 ? (axis.Scale == AxisScale.Log ? 10 : 1) : data.Max());
            if (max < min)
            {
                // only one limit was fixed and the data lie beyond it
                (min, max) = axis.Min is null ? (max, max) : (min, min);
            }

            return axis.Scale == AxisScale.Log
                ? Ticks.Log(min, max, axis.Min is not null, axis.Max is not null)
                : Ticks.Linear(min, max, target, axis.Min is not null, axis.Max is not null);
        }
    }
}
