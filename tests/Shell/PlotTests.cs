using System.Globalization;
using System.Xml.Linq;
using Functional.Shell.Plots;

namespace Functional.Tests.Shell;

/// <summary>The SVG chart writer: ticks, scales, log axes, gaps, escaping, determinism.</summary>
public class PlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static double[] Values(AxisTicks ticks) => ticks.Ticks.Select(t => t.Value).ToArray();

    private static string[] Labels(AxisTicks ticks) => ticks.Ticks.Select(t => t.Label).ToArray();

    [Fact]
    public void Linear_ticks_are_1_2_5_steps_widened_to_cover_the_data()
    {
        var ticks = Ticks.Linear(0.13, 0.97, target: 5);
        Assert.Equal(0, ticks.Min);
        Assert.Equal(1, ticks.Max);
        Assert.Equal(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }, Values(ticks));
        Assert.Equal(new[] { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0" }, Labels(ticks));

        var wide = Ticks.Linear(-4, 4, target: 6);
        Assert.Equal(new[] { -4.0, -3, -2, -1, 0, 1, 2, 3, 4 }, Values(wide));
        Assert.Equal("\u22124", wide.Ticks[0].Label); // typographic minus
        Assert.Equal("0", wide.Ticks[4].Label);

        var big = Ticks.Linear(0, 2300, target: 5);
        Assert.Equal(new[] { 0.0, 500, 1000, 1500, 2000, 2500 }, Values(big));
    }

    [Fact]
    public void Linear_tick_values_are_the_decimal_numbers_not_accumulated_sums()
    {
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004; the ticks are k·1/10 = the doubles nearest 0.3, 0.7
        var ticks = Ticks.Linear(0, 1, target: 10);
        Assert.Equal(11, ticks.Ticks.Count);
        Assert.Equal(0.3, ticks.Ticks[3].Value);
        Assert.Equal(0.7, ticks.Ticks[7].Value);
        Assert.Equal("0.3", ticks.Ticks[3].Label);
    }

    [Fact]
    public void Linear_ticks_keep_fixed_limits_and_stay_inside_them()
    {
        var ticks = Ticks.Linear(0, 1.05, target: 5, fixedMin: true, fixedMax: true);
        Assert.Equal(0, ticks.Min);
        Assert.Equal(1.05, ticks.Max);
        Assert.All(ticks.Ticks, t => Assert.InRange(t.Value, 0, 1.05));
        Assert.Equal(1.0, ticks.Ticks[^1].Value);
    }

    [Fact]
    public void Linear_ticks_of_a_single_value_make_an_axis_around_it_and_bad_ranges_are_rejected()
    {
        var ticks = Ticks.Linear(3, 3);
        Assert.True(ticks.Min < 3 && ticks.Max > 3);
        var zero = Ticks.Linear(0, 0);
        Assert.True(zero.Min < 0 && zero.Max > 0);
        Assert.Throws<ArgumentException>(() => Ticks.Linear(1, 0));
        Assert.Throws<ArgumentException>(() => Ticks.Linear(double.NaN, 1));
        Assert.Throws<ArgumentException>(() => Ticks.Linear(0, double.PositiveInfinity));
    }

    [Fact]
    public void Linear_ticks_of_tiny_steps_show_enough_decimals_and_huge_values_use_powers_of_ten()
    {
        var small = Ticks.Linear(0.0012, 0.0017, target: 5);
        Assert.Equal(new[] { "0.0012", "0.0013", "0.0014", "0.0015", "0.0016", "0.0017" }, Labels(small));

        var huge = Ticks.Linear(0, 3e7, target: 3);
        Assert.Equal(new[] { "0", "10⁷", "2·10⁷", "3·10⁷" }, Labels(huge));
    }

    [Fact]
    public void Log_ticks_are_whole_decades_and_labels_do_not_mix_styles()
    {
        var ticks = Ticks.Log(2e-9, 0.9);
        Assert.Equal(1e-9, ticks.Min);
        Assert.Equal(1, ticks.Max);
        Assert.Equal(10, ticks.Ticks.Count);
        Assert.Equal(1e-5, ticks.Ticks[4].Value);
        Assert.Equal("10⁻⁹", ticks.Ticks[0].Label);
        Assert.Equal("10⁻⁵", ticks.Ticks[4].Label);
        Assert.Equal("10⁰", ticks.Ticks[^1].Label);

        var plain = Ticks.Log(0.003, 250);
        Assert.Equal(new[] { "0.001", "0.01", "0.1", "1", "10", "100", "1000" }, Labels(plain));
    }

    [Fact]
    public void Log_ticks_thin_out_over_many_decades_and_fill_in_over_few()
    {
        var many = Ticks.Log(1e-300, 1e10);
        Assert.True(many.Ticks.Count <= 11, $"{many.Ticks.Count} ticks");
        Assert.Equal(1e-300, many.Min);
        Assert.True(many.Max >= 1e10);

        var few = Ticks.Log(1.5, 40);
        Assert.Equal(new[] { 1.0, 2, 5, 10, 20, 50, 100 }, Values(few));
        Assert.Throws<ArgumentException>(() => Ticks.Log(0, 1));
        Assert.Throws<ArgumentException>(() => Ticks.Log(-1, 1));
    }

    [Fact]
    public void Svg_parses_as_xml_and_names_every_series()
    {
        var chart = new Chart("Title", new Axis("x"), new Axis("y"),
        [
            new Series("Huber", [0, 1, 2], [0, 0.5, 1.5]),
            new Series("points", [0.5, 1.5], [1, 2], SeriesKind.Scatter),
            new Series("steps", [0, 1, 2], [1, 1, 2], SeriesKind.Step),
        ]);
        var svg = XDocument.Parse(SvgChart.Render(chart, "c1"));

        var series = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToArray();
        Assert.Equal(new[] { "Huber", "points", "steps" }, series.Select(g => (string?)g.Attribute("data-name")));
        Assert.Single(series[0].Elements(Svg + "path"));
        Assert.Equal(2, series[1].Elements(Svg + "circle").Count());
        Assert.Contains(" H", (string?)series[2].Element(Svg + "path")!.Attribute("d"), StringComparison.Ordinal);
        var legend = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "legend-entry").Select(g => g.Value);
        Assert.Equal(new[] { "Huber", "points", "steps" }, legend);
        Assert.Equal("Title", svg.Root!.Element(Svg + "title")!.Value);
        Assert.Equal("c1-plot", svg.Descendants(Svg + "clipPath").Single().Attribute("id")!.Value);
    }

    [Fact]
    public void Points_map_linearly_into_the_plot_area()
    {
        var chart = new Chart("t", new Axis("x", Min: 0, Max: 10), new Axis("y", Min: 0, Max: 1), [new Series("s", [0, 5, 10], [0, 0.5, 1])]);
        var svg = XDocument.Parse(SvgChart.Render(chart));
        var frame = svg.Descendants(Svg + "rect").Single(r => (string?)r.Attribute("class") == "frame");
        double A(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);
        var (left, top, width, height) = (A(frame, "x"), A(frame, "y"), A(frame, "width"), A(frame, "height"));

        var points = PathPoints(svg, "s");
        Assert.Equal(3, points.Count);
        Assert.Equal(left, points[0].X, 2);
        Assert.Equal(top + height, points[0].Y, 2);
        Assert.Equal(left + (width / 2), points[1].X, 1);
        Assert.Equal(top + (height / 2), points[1].Y, 1);
        Assert.Equal(left + width, points[2].X, 2);
        Assert.Equal(top, points[2].Y, 2);
    }

    [Fact]
    public void Log_axis_maps_equal_ratios_to_equal_distances()
    {
        var chart = new Chart("t", new Axis("x"), new Axis("y", AxisScale.Log, Min: 1e-4, Max: 1), [new Series("s", [0, 1, 2], [1e-4, 1e-2, 1])]);
        var points = PathPoints(XDocument.Parse(SvgChart.Render(chart)), "s");
        Assert.Equal(points[0].Y - points[1].Y, points[1].Y - points[2].Y, 1);
        Assert.True(points[0].Y > points[2].Y);
    }

    [Fact]
    public void Non_finite_and_non_positive_log_points_are_gaps_not_errors()
    {
        var chart = new Chart("t", new Axis("x"), new Axis("y", AxisScale.Log),
        [
            new Series("s", [0, 1, 2, 3, 4, 5, 6], [1, 2, double.NaN, 4, 0, 8, double.PositiveInfinity]),
        ]);
        var d = (string)XDocument.Parse(SvgChart.Render(chart)).Descendants(Svg + "path").Single().Attribute("d")!;
        // three runs: (0,1)-(1,2), (3,4), (5,8)
        Assert.Equal(3, d.Count(c => c == 'M'));
        Assert.Equal(1, d.Count(c => c == 'L'));
        Assert.DoesNotContain("NaN", d, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", d, StringComparison.Ordinal);
    }

    [Fact]
    public void A_series_with_no_finite_point_draws_nothing_but_keeps_its_legend_entry()
    {
        var chart = new Chart("t", new Axis("x"), new Axis("y"), [new Series("empty", [0, 1], [double.NaN, double.NaN]), new Series("ok", [0, 1], [0, 1])]);
        var svg = XDocument.Parse(SvgChart.Render(chart));
        var empty = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-name") == "empty" && (string?)g.Attribute("class") == "series");
        Assert.Empty(empty.Elements());
        Assert.Contains(svg.Descendants(Svg + "g"), g => (string?)g.Attribute("class") == "legend-entry" && g.Value == "empty");
    }

    [Fact]
    public void Labels_are_escaped_and_forbidden_characters_replaced()
    {
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", SvgChart.Escape("a <b> & \"c\" 'd'"));
        Assert.Equal("x\uFFFDy", SvgChart.Escape("x\u0001y"));
        Assert.Equal("\uFFFD", SvgChart.Escape("\uD800")); // a lone surrogate
        Assert.Equal("😀", SvgChart.Escape("😀"));

        const string nasty = "<script>alert('&')</script> \"q\" \u0007";
        var chart = new Chart(nasty, new Axis(nasty), new Axis(nasty), [new Series(nasty, [0, 1], [0, 1])]);
        var svg = XDocument.Parse(SvgChart.Render(chart));
        Assert.Empty(svg.Descendants(Svg + "script"));
        var expected = nasty.Replace('\u0007', '\uFFFD');
        Assert.Equal(expected, svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "series").Attribute("data-name")!.Value);
        Assert.Equal(expected, svg.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "title").Value);
    }

    [Fact]
    public void Rendering_is_deterministic_and_culture_independent()
    {
        var chart = new Chart("t", new Axis("x"), new Axis("y"), [new Series("s", [0.123456, 1.5, 2.25], [1e-3, 0.5, 1234.5])]);
        var first = SvgChart.Render(chart);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // the process runs in invariant-globalization mode, so a German-style culture is made by hand
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture));
            Assert.Equal(first, SvgChart.Render(chart));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.DoesNotMatch(@"\d,\d", first.Replace("aria-labelledby", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Bars_of_several_series_stand_side_by_side_on_whole_number_ticks()
    {
        var chart = new Chart("t", new Axis("outcome"), new Axis("p"), [new Series("p", [1, 2, 3], [0.2, 0.1, 0.7], SeriesKind.Bars), new Series("q", [1, 2, 3], [0.5, 0.3, 0.2], SeriesKind.Bars)]);
        var svg = XDocument.Parse(SvgChart.Render(chart));
        double X(XElement e) => double.Parse(e.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        var p = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-name") == "p" && (string?)g.Attribute("class") == "series").Elements(Svg + "rect").ToArray();
        var q = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-name") == "q" && (string?)g.Attribute("class") == "series").Elements(Svg + "rect").ToArray();
        Assert.Equal(3, p.Length);
        Assert.All(p.Zip(q), pair => Assert.True(X(pair.First) < X(pair.Second)));
        var xLabels = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "x-axis").Elements(Svg + "text").Select(t => t.Value);
        Assert.Equal(new[] { "1", "2", "3" }, xLabels);
    }

    [Fact]
    public void Bad_charts_are_rejected_with_named_reasons()
    {
        Assert.Throws<ArgumentException>(() => new Series("s", [0, 1], [0]));
        Assert.Throws<ArgumentException>(() => new Series(" ", [0], [0]));
        Assert.Throws<ArgumentException>(() => new Chart("t", new Axis("x"), new Axis("y"), []));
        var s = new Series("s", [0], [0]);
        var duplicate = Assert.Throws<ArgumentException>(() => new Chart("t", new Axis("x"), new Axis("y"), [s, s]));
        Assert.Contains("'s'", duplicate.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Axis("y", AxisScale.Log, Min: 0));
        Assert.Throws<ArgumentException>(() => new Axis("y", Min: 1, Max: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chart("t", new Axis("x"), new Axis("y"), [s], Width: 10));
        Assert.Throws<ArgumentException>(() => SvgChart.Render(new Chart("t", new Axis("x"), new Axis("y"), [s]), "bad id"));
    }

    private static List<(double X, double Y)> PathPoints(XDocument svg, string series)
    {
        var d = (string)svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-name") == series && (string?)g.Attribute("class") == "series")
            .Element(Svg + "path")!.Attribute("d")!;
        return d.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim().Split(' '))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
