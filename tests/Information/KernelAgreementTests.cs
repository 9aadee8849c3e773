using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Information;

/// <summary>
/// Every SIMD kernel against a plain textbook loop, for every length 0–300 and for slices starting 0–3 elements into
/// an array (so the vector body, the scalar tail and unaligned loads are all exercised), in float and double.
/// </summary>
public class KernelAgreementTests
{
    public static TheoryData<int> Offsets => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Double_kernels_match_the_textbook_loops(int offset) => CheckAllLengths<double>(offset, relative: 1e-12);

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Float_kernels_match_the_textbook_loops(int offset) => CheckAllLengths<float>(offset, relative: 2e-7);

    private static void CheckAllLengths<T>(int offset, double relative) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(1000 + offset);
        for (var n = 0; n <= 300; n++)
        {
            var p = Distribution<T>(random, n, offset, zeros: n % 3 == 0);
            var q = Distribution<T>(random, n, offset, zeros: false);
            var f = Values<T>(random, n, offset);
            var ps = p.AsSpan(offset, n);
            var qs = q.AsSpan(offset, n);
            var fs = f.AsSpan(offset, n);
            var pd = ToDouble(ps);
            var qd = ToDouble(qs);
            var fd = ToDouble(fs);
            var context = $"{typeof(T).Name}, n = {n}, offset = {offset}";

            // KL is computed as Σ [p ln(p/q) − p + q]: it differs from Σ p ln(p/q) by Σq − Σp, which is rounding noise
            // of the inputs' normalisation (1e-16 in double, 1e-7 in float). NOTES.md explains the choice.
            var massGap = 2 * Math.Abs(pd.Sum() - qd.Sum());

            if (n == 0)
            {
                Assert.Throws<ArgumentException>(() => Entropy.Of<T>(ReadOnlySpan<T>.Empty));
                Assert.Throws<ArgumentException>(() => Kl.Divergence<T>(ReadOnlySpan<T>.Empty, ReadOnlySpan<T>.Empty));
                Assert.Throws<ArgumentException>(() => LogSumExp.Of<T>(ReadOnlySpan<T>.Empty));
                continue;
            }

            Near(Textbook.Entropy(pd), Entropy.Of(ps), relative, $"entropy, {context}");
            Near(Textbook.CrossEntropy(pd, qd), CrossEntropy.Of(ps, qs), relative, $"cross-entropy, {context}");
            Near(Textbook.Kl(pd, qd), Kl.Divergence(ps, qs), relative, $"KL, {context}", absolute: massGap + 1e-300);
            Near(Textbook.Kl(qd, pd), Kl.Divergence(qs, ps), relative, $"KL reversed, {context}", absolute: massGap + 1e-300);
            Near(Textbook.JensenShannon(pd, qd), JensenShannon.Divergence(ps, qs), relative, $"JS, {context}");
            Near(Textbook.Expectation(pd, fd), Expectation.Of(ps, fs), relative, $"expectation, {context}", absolute: 1e-14);
            Near(fd.Sum() / n, Expectation.SampleAverage(fs), relative, $"sample average, {context}", absolute: 1e-14);
            Near(Textbook.LogSumExp(fd), LogSumExp.Of(fs), relative, $"log-sum-exp, {context}");

            var logQ = Array.ConvertAll(qd, v => T.CreateTruncating(Math.Log(v)));
            var logP = Array.ConvertAll(pd, v => T.CreateTruncating(Math.Log(v)));
            var logQd = ToDouble(logQ);
            var logPd = ToDouble(logP);
            massGap += 2 * Math.Abs(logQd.Sum(Math.Exp) - logPd.Sum(Math.Exp));
            Near(Textbook.KlFromLogs(pd, logQd), Kl.FromLogQ<T>(ps, logQ), relative, $"KL from ln q, {context}", absolute: massGap + 1e-300);
            Near(Textbook.KlFromLogs(logPd.Select(Math.Exp).ToArray(), logQd, logPd), Kl.FromLogs<T>(logP, logQ), relative * 10, $"KL from logs, {context}", absolute: massGap + 1e-300);
            Near(-pd.Zip(logQd, (a, b) => a == 0 ? 0 : a * b).Sum(), CrossEntropy.FromLogQ<T>(ps, logQ), relative, $"CE from ln q, {context}");

            var destination = new T[n + offset];
            Entropy.Binary(ps, destination.AsSpan(offset));
            for (var i = 0; i < n; i++)
            {
                Near(Textbook.BinaryEntropy(pd[i]), destination[offset + i], relative, $"binary entropy[{i}], {context}", absolute: 1e-300);
            }

            Surprisal.Of(qs, destination.AsSpan(offset), LogBase.Two);
            for (var i = 0; i < n; i++)
            {
                Near(-Math.Log2(qd[i]), destination[offset + i], relative, $"surprisal[{i}], {context}");
            }

            LogSumExp.Softmax(fs, destination.AsSpan(offset));
            var lse = Textbook.LogSumExp(fd);
            for (var i = 0; i < n; i++)
            {
                Near(Math.Exp(fd[i] - lse), destination[offset + i], relative * 4, $"softmax[{i}], {context}", absolute: 1e-300);
            }

            LogSumExp.LogSoftmax(fs, destination.AsSpan(offset));
            for (var i = 0; i < n; i++)
            {
                Near(fd[i] - lse, destination[offset + i], relative, $"log-softmax[{i}], {context}", absolute: 1e-13);
            }
        }
    }

    private static void Near<T>(double expected, T actualValue, double relative, string what, double absolute = 0.0) where T : IFloatingPointIeee754<T>
    {
        var actual = double.CreateTruncating(actualValue);
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            Assert.True(expected == actual, $"{what}: expected {expected:R}, got {actual:R}");
            return;
        }

        var tolerance = (relative * Math.Abs(expected)) + absolute;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:R})");
    }

    private static double[] ToDouble<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }

    /// <summary>A normalised vector of T placed at [offset, offset + n), with some exact zeros when asked.</summary>
    private static T[] Distribution<T>(Random random, int n, int offset, bool zeros) where T : IFloatingPointIeee754<T>
    {
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            weights[i] = zeros && random.Next(4) == 0 ? 0.0 : random.NextDouble() + 1e-3;
        }

        if (n > 0 && weights.All(w => w == 0))
        {
            weights[0] = 1;
        }

        var result = new T[n + offset];
        var total = weights.Sum();
        for (var i = 0; i < n; i++)
        {
            result[offset + i] = T.CreateTruncating(weights[i] / total);
        }

        return result;
    }

    private static T[] Values<T>(Random random, int n, int offset) where T : IFloatingPointIeee754<T>
    {
        var result = new T[n + offset];
        for (var i = 0; i < n; i++)
        {
            result[offset + i] = T.CreateTruncating((random.NextDouble() * 20) - 10);
        }

        return result;
    }
}

/// <summary>The definitions, written as plainly as possible: the reference the kernels are checked against.</summary>
internal static class Textbook
{
    internal static double Entropy(double[] p) => -p.Where(x => x > 0).Sum(x => x * Math.Log(x));

    internal static double CrossEntropy(double[] p, double[] q)
        => p.Zip(q).Sum(t => t.First == 0 ? 0 : t.Second == 0 ? double.PositiveInfinity : -t.First * Math.Log(t.Second));

    internal static double Kl(double[] p, double[] q)
        => p.Zip(q).Sum(t => t.First == 0 ? 0 : t.Second == 0 ? double.PositiveInfinity : t.First * Math.Log(t.First / t.Second));

    internal static double KlFromLogs(double[] p, double[] logQ, double[]? logP = null)
        => p.Select((pi, i) => pi == 0 ? 0 : pi * ((logP is null ? Math.Log(pi) : logP[i]) - logQ[i])).Sum();

    internal static double JensenShannon(double[] p, double[] q)
    {
        var m = p.Zip(q, (a, b) => (a + b) / 2).ToArray();
        return Math.Clamp((0.5 * Kl(p, m)) + (0.5 * Kl(q, m)), 0, Math.Log(2));
    }

    internal static double Expectation(double[] p, double[] f) => p.Zip(f, (a, b) => a * b).Sum();

    internal static double BinaryEntropy(double p)
        => (p == 0 ? 0 : -p * Math.Log(p)) - (p == 1 ? 0 : (1 - p) * Math.Log(1 - p));

    internal static double LogSumExp(double[] x)
    {
        var m = x.Max();
        return m + Math.Log(x.Sum(v => Math.Exp(v - m)));
    }
}
