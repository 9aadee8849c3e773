using Functional.Numerics;

namespace Functional.Information;

/// <summary>The shared boundary checks of the information measures.</summary>
internal static class Probability
{
    /// <summary>Checks one probability vector on its own (for factories; the measures check inside their own pass).</summary>
    internal static void Validate<T>(ReadOnlySpan<T> p, Operand name) where T : IFloatingPointIeee754<T>
    {
        Guard.NotEmpty(p.Length, name.Name);
        var sums = Kernel.Reduce<T, IdentityTerm, ProbabilityDomain>(p, name);
        Guard.Normalised(name, sums.MassX, ProbabilityVector.Tolerance<T>(), logarithms: false);
    }

    /// <summary>One normalised operand: Σ p (or Σ e^(ln p)) within the tolerance of T.</summary>
    internal static void CheckMass<T, TDomain>(double mass, Operand name) where T : IFloatingPointIeee754<T> where TDomain : IDomain
    {
        if (TDomain.IsNormalised)
        {
            Guard.Normalised(name, mass, ProbabilityVector.Tolerance<T>(), logarithms: typeof(TDomain) == typeof(LogProbabilityDomain));
        }
    }

    /// <summary>
    /// Σ f(p) over one normalised operand in nats: lengths, empties, values, then normalisation, in that order.
    /// </summary>
    internal static double Sum<T, TTerm>(ReadOnlySpan<T> p, Operand name)
        where T : IFloatingPointIeee754<T>
        where TTerm : IUnaryTerm
    {
        Guard.NotEmpty(p.Length, name.Name);
        var sums = Kernel.Reduce<T, TTerm, ProbabilityDomain>(p, name);
        CheckMass<T, ProbabilityDomain>(sums.MassX, name);
        return sums.Total;
    }

    /// <summary>Σ f(x, y) over two operands of one length, each in its domain, in nats.</summary>
    internal static double Sum<T, TTerm, TDomainX, TDomainY>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Operand nameX, Operand nameY)
        where T : IFloatingPointIeee754<T>
        where TTerm : IPairTerm
        where TDomainX : IDomain
        where TDomainY : IDomain
        => Sums<T, TTerm, TDomainX, TDomainY>(x, y, nameX, nameY).Total;

    /// <summary>Σ f(x, y) in nats with each operand's mass (Σ x, Σ y), after the checks of <see cref="Sum{T, TTerm, TDomainX, TDomainY}"/>.</summary>
    internal static Sums Sums<T, TTerm, TDomainX, TDomainY>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Operand nameX, Operand nameY)
        where T : IFloatingPointIeee754<T>
        where TTerm : IPairTerm
        where TDomainX : IDomain
        where TDomainY : IDomain
    {
        Guard.SameLength(x.Length, y.Length, nameX.Name, nameY.Name);
        Guard.NotEmpty(x.Length, nameX.Name);
        var sums = Kernel.Reduce<T, TTerm, TDomainX, TDomainY>(x, y, nameX, nameY);
        CheckMass<T, TDomainX>(sums.MassX, nameX);
        CheckMass<T, TDomainY>(sums.MassY, nameY);
        return sums;
    }

    /// <summary>Row-wise Σ f(x_r, y_r) over a batch of rows of <paramref name="columns"/> entries, in the chosen base.</summary>
    internal static void Rows<T, TTerm, TDomainX, TDomainY>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> y, int columns, Span<T> destination, string nameX, string nameY, LogBase logBase)
        where T : IFloatingPointIeee754<T>
        where TTerm : IPairTerm
        where TDomainX : IDomain
        where TDomainY : IDomain
    {
        Guard.SameLength(x.Length, y.Length, nameX, nameY);
        Guard.Rows(x.Length, columns, nameX);
        var rows = x.Length / columns;
        Guard.Destination(rows, destination.Length);
        Guard.NotEmpty(rows, nameX, "a batch needs at least one row");
        for (var r = 0; r < rows; r++)
        {
            var row = Sum<T, TTerm, TDomainX, TDomainY>(
                x.Slice(r * columns, columns), y.Slice(r * columns, columns), new Operand(nameX, r), new Operand(nameY, r));
            destination[r] = T.CreateTruncating(logBase.FromNats(row));
        }
    }

    /// <summary>The rows reduced by <paramref name="reduction"/> (not <see cref="Reduction.None"/>), in the chosen base.</summary>
    internal static T ReduceRows<T, TTerm, TDomainX, TDomainY>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> y, int columns, Reduction reduction, string nameX, string nameY, LogBase logBase)
        where T : IFloatingPointIeee754<T>
        where TTerm : IPairTerm
        where TDomainX : IDomain
        where TDomainY : IDomain
    {
        if (reduction is not (Reduction.Sum or Reduction.Mean or Reduction.BatchMean))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction,
                $"reduction = {reduction} does not give one number; use Sum, Mean or BatchMean here, or the overload with a destination span for one value per row.");
        }

        Guard.SameLength(x.Length, y.Length, nameX, nameY);
        Guard.Rows(x.Length, columns, nameX);
        var rows = x.Length / columns;
        Guard.NotEmpty(rows, nameX, "a batch needs at least one row");
        var total = new ScalarNeumaier();
        for (var r = 0; r < rows; r++)
        {
            total.Add(Sum<T, TTerm, TDomainX, TDomainY>(
                x.Slice(r * columns, columns), y.Slice(r * columns, columns), new Operand(nameX, r), new Operand(nameY, r)));
        }

        var divisor = reduction switch
        {
            Reduction.Mean => (double)x.Length,
            Reduction.BatchMean => rows,
            _ => 1.0,
        };
        return T.CreateTruncating(logBase.FromNats(total.Result / divisor));
    }
}
