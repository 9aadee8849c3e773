using Functional.Numerics;

namespace Functional.Tests.Distributions;

/// <summary>
/// ln Γ, ψ, ψ₁ and ln B against mpmath at 50 digits. The script:
/// <code>
/// import mpmath as mp
/// mp.mp.dps = 50
/// xs = [1e-300, 1e-10, 0.001, 0.1, 0.5, 0.9, 0.999, 1.0, 1.0000001, 1.25, 1.4616321449683623, 1.5, 1.9, 2.0, 2.0000001, 2.5, 3.7, 9.99, 10.0, 12.5, 100.0, 1e5, 1e15, 1e300, -0.5, -2.5, -7.3]
/// for x in xs:
///     lg = mp.log(abs(mp.gamma(mp.mpf(x)))) if x &lt; 171 else mp.loggamma(mp.mpf(x)).real
///     dg = mp.digamma(mp.mpf(x)) if x &lt; 1e299 else None
///     tg = mp.polygamma(1, mp.mpf(x)) if x &lt; 1e299 else None
///     print(f"new({x!r}, {mp.nstr(lg, 17)}, {mp.nstr(dg, 17) if dg is not None else 'double.NaN'}, {mp.nstr(tg, 17) if tg is not None else 'double.NaN'}),")
/// for a, b in [(1,1),(0.5,0.5),(2,3),(1,1e10),(1e6,1e6),(0.1,50),(30,40),(1e-5,1e-5), (3.5, 1e8)]:
///     print(f"new({a!r}, {b!r}, {mp.nstr(mp.log(mp.beta(a,b)), 17)}),")
/// </code>
/// (ψ(1e300) = ln 1e300 and ψ₁(1e300) = 1e-300 to double precision are written in by hand; ψ₁(1e-300) = 1e600 overflows.)
/// </summary>
public class SpecialFunctionsTests
{
    private static readonly (double X, double LogGamma, double Digamma, double Trigamma)[] Values =
    [
        (1e-300, 690.77552789821371, -9.9999999999999997e+299, double.PositiveInfinity),
        (1e-10, 23.025850929882735, -10000000000.577215, 9.9999999999999993e+19),
        (0.001, 6.9071788853838537, -1000.5755719318103, 1000001.6425331958),
        (0.1, 2.2527126517342059, -10.423754940411076, 101.43329915079275),
        (0.5, 0.57236494292470009, -1.9635100260214235, 4.9348022005446793),
        (0.9, 0.066376239734742954, -0.75492694994705135, 1.9225399594772034),
        (0.999, 0.00057803853289138024, -0.57886180210864543, 1.6473414317770506),
        (1.0, 0.0, -0.57721566490153286, 1.6449340668482264),
        (1.0000001, -5.7721558299185071e-8, -0.5772155004081381, 1.6449338264368781),
        (1.25, -0.098271836421813161, -0.22745353337626541, 1.1973291545071107),
        (1.4616321449683622, -0.12148629053584961, -9.2412655217294275e-17, 0.96767224544762125),
        (1.5, -0.12078223763524522, 0.036489973978576521, 0.93480220054467931),
        (1.9, -0.038984275923083362, 0.35618416116405966, 0.68797205824263566),
        (2.0, 0.0, 0.42278433509846714, 0.64493406684822644),
        (2.0000001, 4.2278436665324979e-8, 0.4227843995918717, 0.64493402643684834),
        (2.5, 0.28468287047291916, 0.70315664064524319, 0.49035775610023486),
        (3.7, 1.4280723266653881, 1.1671535393615114, 0.3100378576700383),
        (9.99, 12.779315214350193, 2.2507003728312011, 0.10527695014824178),
        (10.0, 12.80182748008147, 2.2517525890667211, 0.10516633568168575),
        (12.5, 18.734347511936446, 2.485195651274912, 0.08328522460157837),
        (100.0, 359.1342053695754, 4.6001618527380874, 0.010050166663333571),
        (100000.0, 1051287.7089736569, 11.512920464961895, 1.0000050000166667e-5),
        (1000000000000000.0, 33538776394910669.0, 34.538776394910685, 1.0000000000000005e-15),
        (1e+300, 6.8977552789821374e+302, 690.77552789821371, 1e-300),
        (-0.5, 1.2655121234846454, 0.036489973978576521, 8.9348022005446793),
        (-2.5, -0.056243716497674051, 1.1031566406452432, 9.5392466449891238),
        (-7.3, -7.7791016298268517, 4.3373073055100501, 14.951383181433921),
    ];

    private static readonly (double A, double B, double LogBeta)[] BetaValues =
    [
        (1.0, 1.0, 0.0),
        (0.5, 0.5, 1.1447298858494002),
        (2.0, 3.0, -2.4849066497880003),
        (1.0, 10000000000.0, -23.025850929940457),
        (1000000.0, 1000000.0, -1386300.0033629211),
        (0.1, 50, 1.8624127456700045),
        (30, 40, -48.301749095916125),
        (1e-05, 1e-05, 12.206072645365683),
        (3.5, 100000000.0, -63.271409045236204),
    ];

    private static void Close(double expected, double actual, double relative, string what)
    {
        if (double.IsInfinity(expected) || expected == 0.0)
        {
            Assert.True(expected == actual || Math.Abs(actual) < 1e-300, $"{what}: expected {expected:R}, got {actual:R}");
            return;
        }

        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}, relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}");
    }

    [Fact]
    public void LogGamma_matches_mpmath_to_1e_14_relative()
    {
        foreach (var (x, expected, _, _) in Values)
        {
            Close(expected, SpecialFunctions.LogGamma(x), 1e-14, $"lnΓ({x:R})");
        }
    }

    [Fact]
    public void Digamma_matches_mpmath_to_1e_14_relative_away_from_its_root()
    {
        foreach (var (x, _, expected, _) in Values)
        {
            if (Math.Abs(x - 1.4616321449683622) < 1e-3)
            {
                Assert.True(Math.Abs(SpecialFunctions.Digamma(x) - expected) < 1e-16, $"ψ near its root: {SpecialFunctions.Digamma(x):R}");
                continue;
            }

            Close(expected, SpecialFunctions.Digamma(x), 1e-14, $"ψ({x:R})");
        }
    }

    [Fact]
    public void Trigamma_matches_mpmath_to_1e_14_relative()
    {
        foreach (var (x, _, _, expected) in Values)
        {
            Close(expected, SpecialFunctions.Trigamma(x), 1e-14, $"ψ₁({x:R})");
        }
    }

    [Fact]
    public void LogBeta_matches_mpmath_including_large_arguments()
    {
        foreach (var (a, b, expected) in BetaValues)
        {
            Close(expected, SpecialFunctions.LogBeta(a, b), 1e-14, $"ln B({a:R}, {b:R})");
            Close(expected, SpecialFunctions.LogBeta(b, a), 1e-14, $"ln B({b:R}, {a:R})");
        }
    }

    [Fact]
    public void Poles_and_special_arguments()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(0.0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(-3.0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(double.PositiveInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.LogGamma(double.NaN)));
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(-2.0)));
        Assert.True(double.IsNaN(SpecialFunctions.Trigamma(0.0)));
        Assert.Equal(0.0, SpecialFunctions.LogGamma(1.0));
        Assert.Equal(0.0, SpecialFunctions.LogGamma(2.0));
    }

    [Fact]
    public void LogFactorial_is_exact_for_small_n_and_rejects_negative_n()
    {
        // ln 10! = ln 3628800; ln 170! from mpmath: 706.57306224578734715758...
        Assert.Equal(0.0, SpecialFunctions.LogFactorial(0));
        Assert.Equal(0.0, SpecialFunctions.LogFactorial(1));
        Close(Math.Log(3628800.0), SpecialFunctions.LogFactorial(10), 1e-15, "ln 10!");
        Close(706.57306224578734, SpecialFunctions.LogFactorial(170), 1e-15, "ln 170!");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogFactorial(-1));
        Assert.Equal("n", e.ParamName);
    }

    [Fact]
    public void LogBeta_rejects_negative_and_nan_arguments_by_name()
    {
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogBeta(-1.0, 1.0)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogBeta(1.0, double.NaN)).ParamName);
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogBeta(0.0, 1.0));
    }
}
