using Functional.Information;
using Functional.Numerics;

namespace Functional.Tests.Information;

public class WorkedExampleTests
{
    [Fact]
    public void Fair_coin_has_one_bit() => Assert.Equal(1.0, Entropy.Of([0.5, 0.5], LogBase.Two), 15);
}
