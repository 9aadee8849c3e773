using Functional.Losses;
using Functional.Numerics;

namespace Functional.Tests.Losses;

/// <summary>Barron's general loss: reference values from mpmath, its named special cases, its limits and its bad input.</summary>
public class BarronTests
{
    /// <summary>
    /// (x, α, c, ρ, ∂ρ/∂x, ∂ρ/∂α, ∂ρ/∂c) from mpmath at 120 digits: ρ = b/α·expm1((α/2)·log1p(z/b)), z = (x/c)², b = |α − 2|
    /// (log1p(z/2) at α = 0), ∂/∂x and ∂/∂c from the closed forms x/c²·(1 + z/b)^((α−2)/2) and −(x/c)·∂ρ/∂x, ∂/∂α by mp.diff.
    /// Points near α = 0 and α = 2, tiny and huge x, and a steep α.
    /// </summary>
    public static TheoryData<double, double, double, double, double, double, double> References() => new()
    {
        { 1.5, 1e-09, 1.0, 0.75377180240624312, 0.70588235302036237, 0.029862963702290249, -1.0588235295305435 },
        { 1.5, -1e-09, 1.0, 0.75377180234651719, 0.70588235286199057, 0.029862963656080299, -1.0588235292929859 },
        { 1.5, 0.0, 1.0, 0.75377180237638015, 0.70588235294117647, 0.029862963679185274, -1.0588235294117647 },
        { 1.5, 1.999999999, 1.0, 1.1249999884495139, 1.4999999838493518, 10.987985131283703, -2.2499999757740277 },
        { 1.5, 2.000000001, 1.0, 1.1250000115504863, 1.5000000161506484, 10.987985357475664, -2.2500000242259726 },
        { 0.7, 1.0, 0.5, 0.72046505340852528, 1.6274669424134699, 0.062198429280664484, -2.2784537193788577 },
        { 0.7, -2.0, 0.5, 0.65771812080536907, 1.2612044502499888, 0.0071499397610567154, -1.7656862303499842 },
        { 1e-200, 0.5, 1.0, 4.9999999999999998e-401, 9.9999999999999998e-201, 0.0, -9.9999999999999996e-401 },
        { 1e+200, 0.5, 1.0, 2.7108060108295345e+100, 1.3554030054147673e-100, 1.2410457184537539e+103, -1.3554030054147672e+100 },
        { 1e+200, -3.0, 0.001, 1.6666666666666667, 5.5901699437494753e-808, 0.22222222222222222, -5.590169943749475e-605 },
        { 3.0, 4.0, 2.0, 1.7578125, 1.59375, 0.095078323776460406, -2.390625 },
        { -2.0, -40.0, 1.5, 0.59175170337402485, -0.37218135766576662, 6.7192996938034103e-5, -0.49624181022102216 },
        { 1e-08, 1.999999999, 1.0, 5.0000000000000001e-17, 9.9999999999999997e-9, 4.1666655604971352e-32, -9.9999999999999999e-17 },
        { 50.0, 1.9999999, 0.1, 124999.82782941957, 4999.9928631771269, 1659204.7019945889, -2499996.4315885633 },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Matches_mpmath_to_1e12_with_all_three_derivatives(double x, double alpha, double c, double value, double dx, double dAlpha, double dc)
    {
        var point = Loss.BarronAt(x, alpha, c);
        Near.Check(value, point.Value, 1e-12, 0.0, $"ρ({x}, {alpha}, {c})");
        Near.Check(dx, point.DerivativeX, 1e-12, 0.0, $"∂ρ/∂x({x}, {alpha}, {c})");
        Near.Check(dAlpha, point.DerivativeAlpha, 1e-10, 0.0, $"∂ρ/∂α({x}, {alpha}, {c})");
        Near.Check(dc, point.DerivativeScale, 1e-12, 0.0, $"∂ρ/∂c({x}, {alpha}, {c})");
    }

    [Fact]
    public void The_limits_are_the_named_losses()
    {
        foreach (var x in (double[])[-7.0, -0.3, 0.0, 1e-5, 0.9, 4.0, 1e6])
        {
            var c = 1.7;
            Assert.Equal(0.5 * (x / c) * (x / c), Loss.BarronAt(x, 2.0, c).Value, 15);
            Near.Check(Single(Loss.WelschElementwise, x, c), Loss.BarronAt(x, double.NegativeInfinity, c).Value, 1e-15, 0.0, $"α = −∞ at {x}");
            Near.Check(Single(Loss.CauchyElementwise, x, c), Loss.BarronAt(x, 0.0, c).Value, 1e-14, 0.0, $"α = 0 at {x}");
            Near.Check(Single(Loss.CharbonnierElementwise, x, c), Loss.BarronAt(x, 1.0, c).Value, 1e-14, 0.0, $"α = 1 at {x}");
            Near.Check(Single(Loss.GemanMcClureElementwise, x, c), Loss.BarronAt(x, -2.0, c).Value, 1e-14, 0.0, $"α = −2 at {x}");
        }

        // α = +∞: e^(z/2) − 1; at x = 2, c = 1 that is e² − 1.
        Near.Check(Math.E * Math.E - 1.0, Loss.BarronAt(2.0, double.PositiveInfinity).Value, 1e-15, 0.0, "α = +∞");
    }

    [Fact]
    public void At_alpha_two_the_alpha_derivative_is_infinite_except_at_zero()
    {
        Assert.Equal(double.PositiveInfinity, Loss.BarronAt(0.5, 2.0).DerivativeAlpha);
        Assert.Equal(0.0, Loss.BarronAt(0.0, 2.0).DerivativeAlpha);
        Assert.Equal(0.0, Loss.BarronAt(3.0, double.NegativeInfinity).DerivativeAlpha);
    }

    [Fact]
    public void The_parameter_gradient_forms_agree_with_the_point_form()
    {
        double[] p = [0.3, -2.0, 5.0, 1e-3, 40.0];
        double[] t = [0.0, 1.0, -1.0, 0.0, 0.5];
        var n = p.Length;
        double[] values = new double[n], dx = new double[n], da = new double[n], dc = new double[n];
        Loss.BarronElementwise<double>(p, t, values, dx, da, dc, -1.5, 0.8);
        var reducedGradient = new double[n];
        var mean = Loss.BarronWithParameterGradients<double>(p, t, reducedGradient, out var meanAlpha, out var meanScale, Reduction.Mean, -1.5, 0.8);
        for (var i = 0; i < n; i++)
        {
            var point = Loss.BarronAt(p[i] - t[i], -1.5, 0.8);
            Assert.Equal(point.Value, values[i]);
            Assert.Equal(point.DerivativeX, dx[i]);
            Assert.Equal(point.DerivativeAlpha, da[i]);
            Assert.Equal(point.DerivativeScale, dc[i]);
            Near.Check(point.DerivativeX / n, reducedGradient[i], 1e-15, 0.0, "reduced gradient");
        }

        Near.Check(values.Sum() / n, mean, 1e-14, 0.0, "mean");
        Near.Check(da.Sum() / n, meanAlpha, 1e-14, 0.0, "mean ∂/∂α");
        Near.Check(dc.Sum() / n, meanScale, 1e-14, 0.0, "mean ∂/∂c");
        Near.Check(values.Sum() / n, Loss.Barron<double>(p, t, Span<double>.Empty, Reduction.Mean, -1.5, 0.8), 1e-14, 0.0, "kernel mean");
    }

    [Fact]
    public void Bad_alpha_scale_and_residual_are_named()
    {
        double[] p = [0.0, 1.0];
        double[] t = [0.0, 0.0];
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.Barron<double>(p, t, Span<double>.Empty, Reduction.Sum, double.NaN)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BarronAt(1.0, double.NaN)).ParamName);
        foreach (var c in (double[])[0.0, -1.0, double.NaN, double.PositiveInfinity])
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BarronElementwise<double>(p, t, new double[2], Span<double>.Empty, 1.0, c));
            Assert.Equal("scale", error.ParamName);
        }

        Assert.Equal("residual", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BarronAt(double.NaN, 1.0)).ParamName);
        var nan = Assert.Throws<ArgumentException>(() =>
            Loss.BarronWithParameterGradients<double>([0.0, double.NaN], t, Span<double>.Empty, out _, out _, Reduction.Sum, 0.5));
        Assert.Contains("predictions[1] = NaN", nan.Message, StringComparison.Ordinal);
        var shortAlpha = Assert.Throws<ArgumentException>(() =>
            Loss.BarronElementwise<double>(p, t, Span<double>.Empty, Span<double>.Empty, new double[1], Span<double>.Empty, 0.5, 1.0));
        Assert.Equal("alphaGradient", shortAlpha.ParamName);
    }

    private delegate void Elementwise(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> v, Span<double> g, double scale);

    private static double Single(Elementwise loss, double x, double c)
    {
        var value = new double[1];
        loss([x], [0.0], value, Span<double>.Empty, c);
        return value[0];
    }
}
