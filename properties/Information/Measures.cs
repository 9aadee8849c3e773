using Functional.Information;
using Functional.Numerics;

namespace Functional.Properties.Information;

/// <summary>The core's measures as plain functions of arrays (what the laws take).</summary>
internal static class Measures
{
    public static readonly Func<double[], double> H = p => Entropy.Of(p);

    public static readonly Func<double[], double[], double> CrossH = (p, q) => CrossEntropy.Of(p, q);

    public static readonly Func<double[], double[], double> KL = (p, q) => Kl.Divergence(p, q);

    public static readonly Func<double[], double[], double> JS = (p, q) => JensenShannon.Divergence(p, q);

    public static readonly Func<double[], double[], double> JSDistance = (p, q) => JensenShannon.Distance(p, q);

    public static readonly Func<double[], double[], double> SqrtKL = (p, q) => Math.Sqrt(Kl.Divergence(p, q));

    public static double[] Logs(double[] p) => p.Select(x => Math.Log(x)).ToArray();

    public static readonly double Ln2 = Math.Log(2.0);

    public static double Nats(LogBase b) => b.NaturalLogarithm;
}
