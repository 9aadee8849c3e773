using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Properties.Generators;

namespace Functional.Properties.Information;

/// <summary>The float kernel against the double kernel on the very same (float) numbers.</summary>
public static class FloatLaws
{
    public const double Relative = 1e-5;

    public const double Absolute = 1e-7;

    public static Action<Dists> Agree(Func<float[], float> narrow, Func<double[], double> reference)
        => c =>
        {
            var p = Floats.Narrow(c.P);
            Approx.Equal(narrow(p), reference(Floats.Widen(p)), Relative, Absolute, $"float vs double for p = {Dists.Show(p)}");
        };

    public static Action<Dists> Agree(Func<float[], float[], float> narrow, Func<double[], double[], double> reference)
        => c =>
        {
            var (p, q) = (Floats.Narrow(c.P), Floats.Narrow(c.Q));
            Approx.Equal(
                narrow(p, q), reference(Floats.Widen(p), Floats.Widen(q)), Relative, Absolute,
                $"float vs double for p = {Dists.Show(p)}, q = {Dists.Show(q)}");
        };
}
