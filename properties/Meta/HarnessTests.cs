using FsCheck.Fluent;
using Functional.Laws;
using Functional.Laws.Generators;
using Functional.Properties.Generators;
using Functional.Properties.Harness;

namespace Functional.Properties.Meta;

/// <summary>The harness itself: a false property fails loudly, with a seed that replays it.</summary>
public class HarnessTests
{
    private const string Name = "Functional.Properties.Meta.HarnessTests.Deliberately_false";

    // "Every probability vector has fewer than 5 entries": false, and the minimal counterexample has exactly 5.
    private static FsCheck.Property ShortVectorsOnly()
        => Prop.ForAll(Arbs.Vector(), c => Approx.That(c.Length < 5, () => $"length {c.Length} is not < 5"));

    [Fact]
    public void A_false_property_fails_with_the_seed_and_the_replay_command()
    {
        var settings = new LawConfig(LawConfig.DefaultCases, null, false);
        var failure = Holds.Run(settings, Name, ShortVectorsOnly());

        Assert.NotNull(failure);
        Assert.Equal(LawConfig.DefaultSeed(Name), failure.Seed);
        var message = new PropertyFailedException(failure).Message;
        Assert.Contains($"Seed:     {failure.Seed}", message, StringComparison.Ordinal);
        Assert.Contains($"FUNCTIONAL_PROPERTY_SEED={failure.Seed}", message, StringComparison.Ordinal);
        Assert.Contains($"FullyQualifiedName={Name}", message, StringComparison.Ordinal);
        Assert.Contains("Original:", message, StringComparison.Ordinal);
        Assert.Contains("Shrunk:   n = 5 ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_the_seed_reproduces_the_counterexample()
    {
        var random = new LawConfig(LawConfig.DefaultCases, null, true);
        var first = Holds.Run(random, Name, ShortVectorsOnly());
        Assert.NotNull(first);

        var replay = Holds.Run(new LawConfig(first.Cases, first.Seed, false), Name, ShortVectorsOnly());
        Assert.NotNull(replay);
        Assert.Equal(first.Original, replay.Original);
        Assert.Equal(first.Shrunk, replay.Shrunk);
        Assert.Equal(first.TestsRun, replay.TestsRun);
    }

    [Fact]
    public void The_default_seed_is_stable_and_differs_between_tests()
    {
        Assert.Equal(LawConfig.DefaultSeed("a.b.C.D"), LawConfig.DefaultSeed("a.b.C.D"));
        Assert.NotEqual(LawConfig.DefaultSeed("a.b.C.D"), LawConfig.DefaultSeed("a.b.C.E"));
    }

    [Fact]
    public void Check_throws_PropertyFailedException_naming_this_test()
    {
        var e = Assert.Throws<PropertyFailedException>(
            () => Holds.ForAll(Arbs.Vector(), c => Approx.That(c.Length < 5, () => "too long")));
        Assert.Contains("FullyQualifiedName=Functional.Properties.Meta.HarnessTests.Check_throws_PropertyFailedException_naming_this_test", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_vectors_are_accepted_by_the_core()
        => Holds.ForAll(Arbs.Quads(), c =>
        {
            for (var k = 0; k < c.Count; k++)
            {
                Functional.Information.ProbabilityVector.Create(c[k]);
                if (Floats.TryNarrow(c[k]) is { } f)
                {
                    Functional.Information.ProbabilityVector.Create(Floats.Widen(f));
                }
            }
        });
}
