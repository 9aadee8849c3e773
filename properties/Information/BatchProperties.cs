using FsCheck.Fluent;
using Functional.Information;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Numerics;
using Functional.Properties.Generators;
using Functional.Properties.Harness;

namespace Functional.Properties.Information;

/// <summary>Batch forms against row-by-row scalar calls, and the reductions against their definitions.</summary>
public class BatchProperties
{
    // Results in the subnormal range carry fewer digits: allow a few of the smallest steps.
    private const double Subnormal = 8 * double.Epsilon;

    private delegate void Rows(double[] p, double[] q, int columns, Span<double> destination, LogBase b);

    private delegate double Reduce(double[] p, double[] q, int columns, Reduction reduction, LogBase b);

    private static Action<Batch, LogBase> RowsMatchScalar(Rows rows, Func<double[], double[], LogBase, double> scalar)
        => (batch, b) =>
        {
            var destination = new double[batch.Rows];
            rows(batch.FlatP, batch.FlatQ, batch.Columns, destination, b);
            for (var r = 0; r < batch.Rows; r++)
            {
                Approx.Equal(destination[r], scalar(batch.P(r), batch.Q(r), b), 0.0, 0.0, $"row {r} of the batch vs the scalar call");
            }
        };

    private static Action<Batch, LogBase> ReductionsAsDefined(Reduce reduce, Func<double[], double[], LogBase, double> scalar)
        => (batch, b) =>
        {
            var (p, q) = (batch.FlatP, batch.FlatQ);
            var sum = Enumerable.Range(0, batch.Rows).Sum(r => scalar(batch.P(r), batch.Q(r), b));
            var total = reduce(p, q, batch.Columns, Reduction.Sum, b);
            Approx.Equal(total, sum, 1e-14, Subnormal, "Sum vs Σ rows");
            Approx.Equal(reduce(p, q, batch.Columns, Reduction.BatchMean, b), total / batch.Rows, 1e-15, Subnormal, "BatchMean vs Sum / rows");
            Approx.Equal(reduce(p, q, batch.Columns, Reduction.Mean, b), total / (batch.Rows * batch.Columns), 1e-15, Subnormal, "Mean vs Sum / (rows·columns)");
        };

    private static Func<double[], double[], LogBase, double> KlOf => (p, q, b) => Kl.Divergence<double>(p, q, b);

    private static Func<double[], double[], LogBase, double> CrossOf => (p, q, b) => CrossEntropy.Of<double>(p, q, b);

    [Fact]
    public void Kl_rows_equal_scalar_kl()
        => Holds.ForAll(Batch.Arbitrary(), Arbs.Bases(), RowsMatchScalar((p, q, c, d, b) => Kl.Divergence<double>(p, q, c, d, b), KlOf));

    [Fact]
    public void Kl_reductions_are_as_defined()
        => Holds.ForAll(Batch.Arbitrary(), Arbs.Bases(), ReductionsAsDefined((p, q, c, r, b) => Kl.Divergence<double>(p, q, c, r, b), KlOf));

    [Fact]
    public void Kl_from_log_q_rows_and_reductions_match_scalar()
        => Holds.ForAll(Batch.Arbitrary(), Arbs.Bases(), (batch, b) =>
        {
            Func<double[], double[], LogBase, double> scalar = (p, q, b) => Kl.FromLogQ<double>(p, Measures.Logs(q), b);
            RowsMatchScalar((p, q, c, d, b) => Kl.FromLogQ<double>(p, Measures.Logs(q), c, d, b), scalar)(batch, b);
            ReductionsAsDefined((p, q, c, r, b) => Kl.FromLogQ<double>(p, Measures.Logs(q), c, r, b), scalar)(batch, b);
        });

    [Fact]
    public void Kl_from_logs_rows_and_reductions_match_scalar()
        => Holds.ForAll(Batch.Arbitrary(), Arbs.Bases(), (batch, b) =>
        {
            Func<double[], double[], LogBase, double> scalar = (p, q, b) => Kl.FromLogs<double>(Measures.Logs(p), Measures.Logs(q), b);
            RowsMatchScalar((p, q, c, d, b) => Kl.FromLogs<double>(Measures.Logs(p), Measures.Logs(q), c, d, b), scalar)(batch, b);
            ReductionsAsDefined((p, q, c, r, b) => Kl.FromLogs<double>(Measures.Logs(p), Measures.Logs(q), c, r, b), scalar)(batch, b);
        });

    [Fact]
    public void Cross_entropy_rows_equal_scalar_cross_entropy()
        => Holds.ForAll(Batch.Arbitrary(), Arbs.Bases(), RowsMatchScalar((p, q, c, d, b) => CrossEntropy.Of<double>(p, q, c, d, b), CrossOf));

    [Fact]
    public void Cross_entropy_reductions_are_as_defined()
        => Holds.ForAll(Batch.Arbitrary(), Arbs.Bases(), ReductionsAsDefined((p, q, c, r, b) => CrossEntropy.Of<double>(p, q, c, r, b), CrossOf));

    [Fact]
    public void Cross_entropy_from_log_q_rows_and_reductions_match_scalar()
        => Holds.ForAll(Batch.Arbitrary(), Arbs.Bases(), (batch, b) =>
        {
            Func<double[], double[], LogBase, double> scalar = (p, q, b) => CrossEntropy.FromLogQ<double>(p, Measures.Logs(q), b);
            RowsMatchScalar((p, q, c, d, b) => CrossEntropy.FromLogQ<double>(p, Measures.Logs(q), c, d, b), scalar)(batch, b);
            ReductionsAsDefined((p, q, c, r, b) => CrossEntropy.FromLogQ<double>(p, Measures.Logs(q), c, r, b), scalar)(batch, b);
        });

    [Fact]
    public void Float_kl_rows_agree_with_double()
        => Holds.ForAll(Arb.Filter(Batch.Arbitrary(), b => Floats.Narrowable(b.Dists)), batch =>
        {
            var p = Enumerable.Range(0, batch.Rows).SelectMany(r => Floats.Narrow(batch.P(r))).ToArray();
            var q = Enumerable.Range(0, batch.Rows).SelectMany(r => Floats.Narrow(batch.Q(r))).ToArray();
            var single = new float[batch.Rows];
            var reference = new double[batch.Rows];
            Kl.Divergence<float>(p, q, batch.Columns, single);
            Kl.Divergence<double>(p.Select(x => (double)x).ToArray(), q.Select(x => (double)x).ToArray(), batch.Columns, reference);
            for (var r = 0; r < batch.Rows; r++)
            {
                Approx.Equal(single[r], reference[r], FloatLaws.Relative, FloatLaws.Absolute, $"row {r}: float vs double");
            }
        });
}
