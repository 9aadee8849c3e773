using Functional.Shell.Plots;
using Functional.Shell.Reports;

namespace Functional.Tests.Shell;

/// <summary>The report folder writer: CSV, HTML, atomic files, validation of names.</summary>
public class ReproduceReportWriterTests
{
    private static readonly Chart Line = new("t", new Axis("x"), new Axis("y"), [new Series("s", [0, 1], [0, 1])]);

    [Fact]
    public void Csv_quotes_what_needs_quoting_and_writes_numbers_in_full()
    {
        var table = new Table("t", "c", ["name", "value, exact"],
        [
            [Cell.Of("plain"), Cell.Of(0.1 + 0.2)],
            [Cell.Of("with, comma"), Cell.Of(double.PositiveInfinity)],
            [Cell.Of("say \"hi\""), Cell.Of(-4.5e-5, 2)],
        ]);

        Assert.Equal(
            "name,\"value, exact\"\nplain,0.30000000000000004\n\"with, comma\",∞\n\"say \"\"hi\"\"\",-4.5E-05\n".Replace("∞", "Infinity", StringComparison.Ordinal),
            ReportWriter.Csv(table));
    }

    [Fact]
    public void Cells_show_rounded_numbers_and_keep_the_exact_ones()
    {
        Assert.Equal("0.583815", Cell.Of(0.5838147027051154).Display);
        Assert.Equal("0.5838147027051154", Cell.Of(0.5838147027051154).Exact);
        Assert.Equal("4.5E-05", Cell.Of(4.5395807735907655e-05, 2).Display);
        Assert.Equal("∞", Cell.Of(double.PositiveInfinity).Display);
        Assert.Equal("text", Cell.Of("text").Display);
        Assert.Throws<ArgumentOutOfRangeException>(() => Cell.Of(1.0, 0));
    }

    [Fact]
    public void Index_escapes_text_inlines_figures_and_links_every_file()
    {
        var report = new Report("A <title> & more", "intro <i>", [new ReportSection("sec", "Sec & tion", "desc", [new Figure("sec-fig", "cap <b>", Line), new Table("sec-tab", "tab", ["a"], [[Cell.Of("<x>")]])])]);
        var files = ReportWriter.Render(report, "functional test");

        Assert.Equal(["sec-fig.svg", "sec-tab.csv", "index.html"], files.Select(f => f.Name));
        var html = files[^1].Contents;
        Assert.Contains("<title>A &lt;title&gt; &amp; more</title>", html, StringComparison.Ordinal);
        Assert.Contains("cap &lt;b&gt; <a href=\"sec-fig.svg\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"sec-tab.csv\">", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;x&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"series\" data-name=\"s\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"sec-fig-plot\"", html, StringComparison.Ordinal); // clip ids distinct per inlined figure
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_must_be_file_safe_and_distinct()
    {
        Assert.Throws<ArgumentException>(() => new Figure("../evil", "c", Line));
        Assert.Throws<ArgumentException>(() => new Figure("Upper", "c", Line));
        Assert.Throws<ArgumentException>(() => new ReportSection("a b", "t", "d", []));
        var section = new ReportSection("a", "t", "d", [new Figure("x", "c", Line)]);
        var other = new ReportSection("b", "t", "d", [new Figure("x", "c", Line)]);
        var clash = Assert.Throws<ArgumentException>(() => new Report("r", "i", [section, other]));
        Assert.Contains("x.svg", clash.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Report("r", "i", [section, section]));
        Assert.Throws<ArgumentException>(() => new Table("t", "c", ["a", "b"], [[Cell.Of("only one")]]));
    }

    [Fact]
    public void Atomic_writes_replace_whole_files_and_leave_no_temporary_behind()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "a.txt");
        ReportWriter.WriteAtomically(path, "first");
        ReportWriter.WriteAtomically(path, "second, longer");
        Assert.Equal("second, longer", File.ReadAllText(path));
        Assert.Equal(["a.txt"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));

        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]); // no BOM
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "target");
        // a folder in the way: the rename cannot replace it
        Directory.CreateDirectory(path);
        Assert.ThrowsAny<IOException>(() => ReportWriter.WriteAtomically(path, "x"));
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Write_creates_the_folder_and_writes_index_last()
    {
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "deep", "report");
        var report = new Report("r", "i", [new ReportSection("a", "t", "d", [new Figure("a-fig", "c", Line)])]);
        var files = ReportWriter.Render(report, "g");
        Assert.Equal("index.html", files[^1].Name);

        ReportWriter.Write(target, files);
        Assert.Equal(["a-fig.svg", "index.html"], Directory.GetFiles(target).Select(Path.GetFileName).Order());
        Assert.Equal(files[0].Contents, File.ReadAllText(Path.Combine(target, "a-fig.svg")));
    }
}
