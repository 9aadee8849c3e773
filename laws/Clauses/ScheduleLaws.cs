using Functional.Optimization;
using static Functional.Laws.Approx;

namespace Functional.Laws;

/// <summary>
/// Laws of learning-rate schedules, for any schedule given as a function of the step (<c>t =&gt; schedule.At(t)</c>, or your own
/// Func), and of reduce-on-plateau state machines. Each returns a property body; the settings are drawn by the caller.
/// </summary>
public static class ScheduleLaws
{
    /// <summary>Every value on steps 0 … <paramref name="horizon"/> lies in [<paramref name="low"/>, <paramref name="high"/>] and is finite.</summary>
    public static void StaysWithin(Func<long, double> schedule, long horizon, double low, double high, string name)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        for (long t = 0; t <= horizon; t++)
        {
            var v = schedule(t);
            var step = t;
            That(v >= low && v <= high, () => $"{name}: η({step}) = {Show(v)} outside [{Show(low)}, {Show(high)}]");
        }
    }

    /// <summary>Values never decrease on steps <paramref name="from"/> … <paramref name="to"/> (a warm-up).</summary>
    public static void NonDecreasing(Func<long, double> schedule, long from, long to, string name)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var previous = schedule(from);
        for (var t = from + 1; t <= to; t++)
        {
            var v = schedule(t);
            var (step, before) = (t, previous);
            That(v >= before, () => $"{name}: η({step}) = {Show(v)} < η({step - 1}) = {Show(before)}");
            previous = v;
        }
    }

    /// <summary>Values never increase on steps <paramref name="from"/> … <paramref name="to"/> (a decay).</summary>
    public static void NonIncreasing(Func<long, double> schedule, long from, long to, string name)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var previous = schedule(from);
        for (var t = from + 1; t <= to; t++)
        {
            var v = schedule(t);
            var (step, before) = (t, previous);
            That(v <= before, () => $"{name}: η({step}) = {Show(v)} > η({step - 1}) = {Show(before)}");
            previous = v;
        }
    }

    /// <summary>η(t + period) = η(t) bit for bit on steps 0 … <paramref name="horizon"/> (and far out, at t + 1000·period).</summary>
    public static void Periodic(Func<long, double> schedule, long period, long horizon, string name)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        for (long t = 0; t <= horizon; t++)
        {
            var (a, b, c) = (schedule(t), schedule(t + period), schedule(t + (1000 * period)));
            var step = t;
            That(a.Equals(b) && a.Equals(c), () => $"{name}: η({step}) = {Show(a)}, η({step}+P) = {Show(b)}, η({step}+1000P) = {Show(c)} with P = {period}");
        }
    }

    /// <summary>
    /// Fed any metric sequence, the rate never rises, never falls below min(η₀, <paramref name="minRate"/>), and each change is
    /// a reduction to max(η·factor, η_min); the state counts the metrics.
    /// </summary>
    public static void PlateauNeverRaises(ReduceOnPlateau plateau, double initial, double[] metrics, double minRate)
    {
        ArgumentNullException.ThrowIfNull(plateau);
        ArgumentNullException.ThrowIfNull(metrics);
        var state = plateau.Init(initial);
        for (var i = 0; i < metrics.Length; i++)
        {
            var next = plateau.Update(state, metrics[i]);
            var (before, after, k) = (state.LearningRate, next.LearningRate, i);
            That(after <= before, () => $"{plateau}: the rate rose from {Show(before)} to {Show(after)} at metric {k}");
            That(after >= Math.Min(initial, minRate), () => $"{plateau}: the rate {Show(after)} fell below the floor {Show(minRate)}");
            That(after == before || after == Math.Max(before * plateau.Factor, minRate), () => $"{plateau}: {Show(before)} → {Show(after)} is not a reduction by the factor");
            That(next.Epochs == i + 1, () => $"{plateau}: epochs {next.Epochs} after {k + 1} metrics");
            state = next;
        }
    }

    /// <summary>Evaluating the schedule is a pure function of t: any order of evaluation gives the same values (closed form).</summary>
    public static void OrderIndependent(Func<long, double> schedule, long horizon, int seed, string name)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var forward = new double[horizon + 1];
        for (long t = 0; t <= horizon; t++)
        {
            forward[t] = schedule(t);
        }

        var order = Enumerable.Range(0, (int)horizon + 1).ToArray();
        var random = new Random(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        foreach (var t in order)
        {
            var v = schedule(t);
            That(v.Equals(forward[t]), () => $"{name}: η({t}) = {Show(v)} evaluated out of order, {Show(forward[t])} in order");
        }
    }
}
