using Functional.Numerics;

namespace Functional.Tests.Numerics;

/// <summary>Runs work while the split helper thread is held by something else, so every chunk or half falls to the caller.</summary>
internal static class HeldHelper
{
    /// <summary>Runs <paramref name="call"/> while the split helper is held by another piece of work, so every chunk
    /// falls to the calling thread.</summary>
    internal static TResult CallerAlone<TResult>(Func<TResult> call)
    {
        // Not disposed: the helper thread may still be inside release.Wait() when this returns, and waiting on a disposed
        // event throws on the helper thread, which ends the test process. The holder finishes soon after release.Set().
        var release = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var holder = new Holder(started, release);
        // the helper may still be finishing an earlier test's half: retry until it takes the holder
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Helper.TryHandOff(holder))
        {
            Assert.True(DateTime.UtcNow < deadline, "the split helper never became free");
            Thread.Sleep(1);
        }

        try
        {
            // inside the try: if the holder starts late, release is still set and the helper is not held for good
            Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the split helper did not start the holder");
            return call();
        }
        finally
        {
            release.Set();
        }
    }

    private sealed class Holder(ManualResetEventSlim started, ManualResetEventSlim release) : IHelperWork
    {
        public void Execute()
        {
            started.Set();
            release.Wait();
        }
    }
}
