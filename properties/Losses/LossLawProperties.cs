using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Losses;
using Functional.Numerics;
using Functional.Properties.Harness;

namespace Functional.Properties.Losses;

/// <summary>
/// The laws package's loss suite (<see cref="LawsOf.Loss(LossUnderTest)"/>) run on every element-wise loss of the core, and
/// the family suite on Barron's ρ over α: one test per (loss, law), so a failure names both.
/// </summary>
public class LossLawProperties
{
    private static readonly Dictionary<string, LossLawSuite> Suites = CoreLosses.All
        .Select(LawsOf.Loss)
        .Append(LawsOf.LossFamily("Barron", CoreLosses.Barron, CoreLosses.BarronShapes))
        .ToDictionary(s => s.Subject);

    /// <summary>Every (suite, law) pair.</summary>
    public static TheoryData<string, string> Laws
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var suite in Suites.Values)
            {
                foreach (var law in suite.All)
                {
                    rows.Add(suite.Subject, law.Name);
                }
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Laws))]
    public void Every_core_loss_obeys_the_loss_laws(string loss, string law)
        => Suites[loss][law].Verify(LawConfig.FromEnvironment());

    [Fact]
    public void The_suites_run_the_declared_laws()
    {
        Assert.Contains("lowest-norm subgradient at kinks", Suites["loss 'AbsoluteError'"].All.Select(l => l.Name));
        Assert.Contains("bounds the 0-1 error", Suites["loss 'Logistic'"].All.Select(l => l.Name));
        Assert.Contains("continuous at switch points", Suites["loss 'Huber'"].All.Select(l => l.Name));
        Assert.DoesNotContain("non-negative", Suites["loss 'GaussianNll'"].All.Select(l => l.Name));
        Assert.Equal(
            ["derivative = finite difference", "finite at extremes", "non-negative", "mean = sum / n", "elements add up to the sum", "float agrees with double"],
            Suites["loss family 'Barron'"].All.Select(l => l.Name));
    }

    [Fact]
    public void Zero_one_error_counts_the_misclassified_and_has_no_gradient()
        => Holds.ForAll(LossGenerators.Cases(TargetDomain.Sign), c =>
        {
            var gradient = new double[c.Length];
            var errors = Loss.ZeroOneError<double>(c.Predictions, c.Targets, gradient, Reduction.Sum);
            var expected = c.Predictions.Zip(c.Targets, (f, y) => f * y <= 0 ? 1.0 : 0.0).Sum();
            Approx.That(errors == expected, () => $"0-1 error {errors} but {expected} misclassified");
            Approx.That(gradient.All(g => g == 0.0), () => "the 0-1 error's gradient must be 0");
        });
}
