using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Functional.Numerics;

/// <summary>One half or one chunk of long work: runs over [start, start + length) of memory the caller keeps pinned.</summary>
internal interface ISplitJob<TResult>
{
    TResult Run(int start, int length);
}

/// <summary>
/// Runs long work on two threads: as chunks both threads claim (<see cref="RunChunks"/>: the element-wise losses and the
/// softmax rows), or as two halves, the second on a helper thread while the caller does the first (<see cref="Run"/>:
/// the information kernels, log-sum-exp, the moments and the training step's matrix jobs). The chunks and the split point
/// depend only on the length, so the result is the same bits whether one core or two did the work.
/// </summary>
/// <remarks>
/// The second half (or the helper's share of the chunks) goes to one long-lived background helper thread (the thread pool's queues allocate as they grow, and
/// a pool worker can be slow to wake). If the helper is busy with another caller's half, or has not started this one by
/// the time the caller finishes the first, the caller runs it itself: contention costs time, never progress, and never
/// changes the result. Zero allocation after the first call on a thread (the work item is cached per thread and job type).
/// </remarks>
internal static class Split
{
    /// <summary>Below this length one pass on the caller's thread is faster than a hand-off.</summary>
    internal const int Threshold = 1 << 16;

    /// <summary>Where a length is split: half, rounded down to a multiple of 1024 (whole SIMD steps and log-sum-exp blocks).</summary>
    internal static int Midpoint(int length) => (length / 2) & ~1023;

    /// <summary>first = job.Run(0, mid) on the caller's thread, second = job.Run(mid, length − mid) on the helper when it is
    /// free (else on the caller), mid = <see cref="Midpoint"/>(length).</summary>
    internal static void Run<TJob, TResult>(TJob job, int length, out TResult first, out TResult second)
        where TJob : struct, ISplitJob<TResult>
    {
        var mid = Midpoint(length);
        if (Environment.ProcessorCount < 2)
        {
            first = job.Run(0, mid);
            second = job.Run(mid, length - mid);
            return;
        }

        var work = SplitWork<TJob, TResult>.ForThisThread();
        work.Prepare(job, mid, length - mid);
        // Whether or not the helper took it, Finish runs the half here unless the helper has already claimed it.
        _ = Helper.TryHandOff(work);
        try
        {
            first = job.Run(0, mid);
        }
        catch
        {
            // the job's memory is pinned only by the caller's frame: the helper must be off it before the exception leaves
            work.Abandon();
            throw;
        }

        second = work.Finish();
    }

    /// <summary>Elements per chunk at least (tens of µs of work, far more than a claim costs), unless that would leave fewer than two.</summary>
    internal const int MinChunkLength = 1 << 16;

    /// <summary>Chunks at most (their results live on the caller's stack).</summary>
    internal const int MaxChunks = 256;

    /// <summary>The chunk length for n elements: a multiple of 1024 (whole vector steps and blocks), at most
    /// <see cref="MaxChunks"/> chunks, and at least <see cref="MinChunkLength"/> elements unless that would leave fewer than
    /// two chunks (then about n/2, so two chunks for any n ≥ 2048).</summary>
    internal static int ChunkLength(int n) => ChunkLength(n, MinChunkLength, 1024);

    /// <summary>
    /// The chunk length for <paramref name="units"/> units (elements, rows): a multiple of <paramref name="multiple"/>, at
    /// least <paramref name="minChunk"/> units unless that would leave fewer than two chunks (then about half), and never
    /// more than <see cref="MaxChunks"/> chunks.
    /// </summary>
    internal static int ChunkLength(int units, int minChunk, int multiple)
    {
        int RoundUp(long length) => (int)((length + multiple - 1) / multiple * multiple);
        return Math.Max(Math.Min(RoundUp(minChunk), RoundUp((units + 1L) / 2)), RoundUp((units + (long)MaxChunks - 1) / MaxChunks));
    }

    /// <summary>How many chunks of <paramref name="chunkLength"/> cover <paramref name="length"/> units.</summary>
    internal static int ChunkCount(int length, int chunkLength) => (int)(((long)length + chunkLength - 1) / chunkLength);

    /// <summary>
    /// Runs <paramref name="job"/> over [0, length) in chunks of <paramref name="chunkLength"/> units that the calling
    /// thread and, when it is free, the helper claim in turn (an atomic counter): results[c] = job.Run(c·chunkLength, …).
    /// Who ran which chunk never changes a result, so a caller that joins the results in chunk order gets bits that
    /// depend on the length only; and a helper that starts late or loses its core leaves its unclaimed chunks to the
    /// caller instead of a half the caller must wait for. <paramref name="results"/> holds
    /// <see cref="ChunkCount"/>(length, chunkLength) slots.
    /// </summary>
    /// <remarks>
    /// Used by the loss kernels and the softmax rows. The information kernels (entropy, KL, JS), log-sum-exp and the
    /// moments keep <see cref="Run"/>'s two halves: with chunks their loops, which keep a few vectors on the stack (only
    /// 16-byte aligned), ran in fresh processes at one of two speeds, the slow one twice the CPU time of the fast
    /// (KL 8.1–9.6 or 17.8–18.7 ms at 1e7, process by process), and the slow one came more often than with halves (NOTES,
    /// eighth slice). In one long-lived process the chunks had measured 0.92–0.97 of the time (entropy, log-sum-exp, KL,
    /// JS) and 1.05 for the moments.
    /// </remarks>
    internal static unsafe void RunChunks<TJob, TResult>(TJob job, int length, int chunkLength, Span<TResult> results)
        where TJob : struct, ISplitJob<TResult>
        where TResult : unmanaged
    {
        var chunks = ChunkCount(length, chunkLength);
        if (results.Length != chunks)
        {
            throw new ArgumentException($"results.Length = {results.Length}: {chunks} chunks need as many slots.", nameof(results));
        }

        var next = 0;
        fixed (TResult* slots = results)
        {
            var claims = new ChunkClaims<TJob, TResult>(job, length, chunkLength, chunks, slots, &next);
            Run(claims, 2 * 1024, out int _, out int _);
        }
    }

    /// <summary>A writable span over pinned memory, from the address a job carries.</summary>
    internal static unsafe Span<T> WritableSpan<T>(void* start, int offset, int length)
        => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Unsafe.AsRef<T>(start), offset), length);

    /// <summary>A span over pinned memory, from the address a job carries.</summary>
    internal static unsafe ReadOnlySpan<T> Span<T>(void* start, int offset, int length)
        => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref Unsafe.AsRef<T>(start), offset), length);
}

/// <summary>
/// The chunk-claiming loop of <see cref="Split.RunChunks"/> as the two "halves" of <see cref="Split.Run"/>: each half
/// (the caller's and the helper's) claims the next chunk until none is left, so the halves' own bounds are ignored. A
/// chunk that throws stops the claims, so the other thread does not run the rest before the exception can leave.
/// </summary>
internal readonly unsafe struct ChunkClaims<TJob, TResult>(TJob job, int length, int chunkLength, int chunks, TResult* results, int* next) : ISplitJob<int>
    where TJob : struct, ISplitJob<TResult>
    where TResult : unmanaged
{
    public int Run(int start, int count)
    {
        int c;
        while ((c = Interlocked.Increment(ref *next) - 1) < chunks)
        {
            var first = c * chunkLength;
            try
            {
                results[c] = job.Run(first, Math.Min(chunkLength, length - first));
            }
            catch
            {
                Volatile.Write(ref *next, chunks);
                throw;
            }
        }

        return 0;
    }
}

/// <summary>Work the helper thread can run.</summary>
internal interface IHelperWork
{
    void Execute();
}

/// <summary>
/// One background thread that runs second halves (or its share of the chunks). A caller claims it with a compare-and-swap; if another caller holds
/// it, the claim fails at once and the caller does the work itself.
/// </summary>
internal static class Helper
{
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly object StartGate = new();
    private static IHelperWork? s_pending;
    private static int s_busy;
    private static bool s_started;

    internal static bool TryHandOff(IHelperWork work)
    {
        if (Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            EnsureStarted();
        }
        catch (Exception e) when (e is ThreadStartException or OutOfMemoryException)
        {
            // no helper thread (the process could not start one): the caller does the work; a later call tries again
            Volatile.Write(ref s_busy, 0);
            return false;
        }

        Volatile.Write(ref s_pending, work);
        Wake.Release();
        return true;
    }

    private static void EnsureStarted()
    {
        if (Volatile.Read(ref s_started))
        {
            return;
        }

        lock (StartGate)
        {
            if (!s_started)
            {
                new Thread(Loop) { IsBackground = true, Name = "Functional split helper" }.Start();
                Volatile.Write(ref s_started, true);
            }
        }
    }

    private static void Loop()
    {
        while (true)
        {
            Wake.Wait();
            var work = Interlocked.Exchange(ref s_pending, null);
            try
            {
                work?.Execute();
            }
            finally
            {
                Volatile.Write(ref s_busy, 0);
            }
        }
    }
}

/// <summary>The second half of a split run (or the helper's chunk claims), as a reusable work item for the helper thread.</summary>
internal sealed class SplitWork<TJob, TResult> : IHelperWork
    where TJob : struct, ISplitJob<TResult>
{
    [ThreadStatic]
    private static SplitWork<TJob, TResult>? t_cached;

    private TJob _job;
    private int _start;
    private int _length;
    private TResult _result = default!;
    private Exception? _error;
    private int _claimed = 1;
    private int _finished = 1;

    internal static SplitWork<TJob, TResult> ForThisThread() => t_cached ??= new SplitWork<TJob, TResult>();

    internal void Prepare(TJob job, int start, int length)
    {
        _job = job;
        _start = start;
        _length = length;
        _error = null;
        Volatile.Write(ref _finished, 0);
        Volatile.Write(ref _claimed, 0);
    }

    /// <summary>Run by the helper; does nothing if the caller already took the job.</summary>
    public void Execute()
    {
        if (Interlocked.CompareExchange(ref _claimed, 1, 0) != 0)
        {
            return;
        }

        try
        {
            _result = _job.Run(_start, _length);
        }
#pragma warning disable CA1031 // handed to the caller's thread and rethrown there
        catch (Exception e)
#pragma warning restore CA1031
        {
            _error = e;
        }
        finally
        {
            Volatile.Write(ref _finished, 1);
        }
    }

    /// <summary>The caller gives up on the second half: the helper will skip it, or has finished it when this returns.</summary>
    internal void Abandon()
    {
        if (Interlocked.CompareExchange(ref _claimed, 1, 0) == 0)
        {
            return;
        }

        var spinner = default(SpinWait);
        while (Volatile.Read(ref _finished) == 0)
        {
            spinner.SpinOnce();
        }
    }

    internal TResult Finish()
    {
        if (Interlocked.CompareExchange(ref _claimed, 1, 0) == 0)
        {
            return _job.Run(_start, _length);
        }

        var spinner = default(SpinWait);
        while (Volatile.Read(ref _finished) == 0)
        {
            spinner.SpinOnce();
        }

        if (_error is not null)
        {
            throw new InvalidOperationException("A parallel part of a reduction failed (on the split helper thread).", _error);
        }

        return _result;
    }
}
