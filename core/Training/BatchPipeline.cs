using System.Runtime.CompilerServices;
using Functional.Models.Data;
using Functional.Numerics;

namespace Functional.Training;

/// <summary>
/// An epoch's mini-batches gathered ahead on two cores: a ring of <see cref="Slots"/> batch buffers that the split helper
/// thread and the training thread both fill, in any interleaving, while the training thread computes on the batch it
/// holds. The rows of a large data set visited in random order are a cache miss each; two cores keep twice as many of
/// those misses in flight. Only who copies which batch varies: every batch holds the same rows, so the fold computes the
/// same bits as with one core.
/// </summary>
/// <remarks>
/// A batch is claimed by compare-and-swap on the next unclaimed index, and only once its slot is free (the batch
/// <see cref="Slots"/> before it consumed). The training thread claims batches too while it waits, so when the helper is
/// busy elsewhere, never starts, or the machine has one core, it gathers every batch itself, in order. Owned by one
/// enumeration of the fold; not safe to share.
/// </remarks>
internal sealed class BatchPipeline : IHelperWork
{
    /// <summary>Batches in the ring: the one being computed and up to three gathered ahead.</summary>
    internal const int Slots = 4;

    /// <summary>Rounds of about a microsecond the training thread waits for a claimed batch before copying it itself.</summary>
    private const int RescueSpins = 2000;

    private const int Offered = 0;
    private const int Running = 1;
    private const int Revoked = 2;
    private const int Finished = 3;

    private readonly Dataset _data;
    private readonly int _batchSize;
    private readonly int _columns;
    private readonly double[] _features;
    private readonly double[] _targets;
    private readonly double[] _spareFeatures;
    private readonly double[] _spareTargets;
    private readonly int[] _ready = new int[Slots];
    private readonly int _rescueSpins;
    private int[] _order = [];
    private int _batches;
    private int _claimNext;
    private int _consumed;
    private int _helper = Finished;
    private bool _handedOff;

    internal BatchPipeline(Dataset data, int batchSize, int rescueSpins = RescueSpins)
    {
        _rescueSpins = rescueSpins;
        _data = data;
        _batchSize = batchSize;
        _columns = data.Columns;
        _features = new double[checked(Slots * batchSize * data.Columns)];
        _targets = new double[Slots * batchSize];
        _spareFeatures = new double[batchSize * data.Columns];
        _spareTargets = new double[batchSize];
    }

    /// <summary>The largest ring, in doubles (32 MB): a ring beyond the caches gains nothing.</summary>
    private const long MaxRing = 1 << 22;

    /// <summary>Whether gathering ahead pays: the data set is larger than the caches, the ring is not, and there are two cores.</summary>
    internal static bool Pays(Dataset data, int batchSize)
        => Environment.ProcessorCount >= 2 && (long)data.Rows * data.Columns >= 1 << 20 && data.Rows > batchSize
           && (long)Slots * batchSize * data.Columns <= MaxRing;

    /// <summary>Starts an epoch over <paramref name="order"/> (a permutation of the rows, unchanged until <see cref="End"/>)
    /// and offers the helper thread its share.</summary>
    internal void Begin(int[] order)
    {
        _order = order;
        _batches = (order.Length + _batchSize - 1) / _batchSize;
        for (var slot = 0; slot < Slots; slot++)
        {
            // as if the batch slot − Slots had been written there: every slot starts free
            _ready[slot] = slot - Slots;
        }

        _consumed = 0;
        Volatile.Write(ref _claimNext, 0);
        Volatile.Write(ref _helper, Offered);
        _handedOff = Helper.TryHandOff(this);
    }

    /// <summary>
    /// The batch <paramref name="index"/> of the epoch: its rows and targets. While it waits the training thread gathers
    /// unclaimed batches itself, spinning without giving up its core (a batch is tens of microseconds away); if the
    /// batch is still not there after <see cref="RescueSpins"/> rounds (the helper thread lost its core mid-copy), or at once
    /// if nobody has claimed it and its slot still waits for such a copy, it copies the batch into a spare buffer of its
    /// own and goes on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal (ArraySegment<double> Features, ArraySegment<double> Targets) Acquire(int index)
    {
        var slot = index % Slots;
        var rows = Rows(index);
        var rounds = 0;
        while (Volatile.Read(ref _ready[slot]) != index)
        {
            if (TryFillNext(index + Slots))
            {
                continue;
            }

            // the helper was busy when the epoch began (another caller's work, or the last epoch's still returning)
            if (!_handedOff)
            {
                _handedOff = Helper.TryHandOff(this);
            }

            // unclaimed and not claimable: its slot waits for a stalled copy of the batch a ring earlier, and nobody is
            // copying this one; waiting would only repeat for every batch until the helper runs again
            var unclaimed = Volatile.Read(ref _claimNext) <= index;
            if (unclaimed || ++rounds > _rescueSpins)
            {
                _data.CopyRows(_order.AsSpan(index * _batchSize, rows), _spareFeatures.AsSpan(0, rows * _columns), _spareTargets.AsSpan(0, rows));
                return (new ArraySegment<double>(_spareFeatures, 0, rows * _columns), new ArraySegment<double>(_spareTargets, 0, rows));
            }

            Thread.SpinWait(16);
        }

        return (new ArraySegment<double>(_features, slot * _batchSize * _columns, rows * _columns), new ArraySegment<double>(_targets, slot * _batchSize, rows));
    }

    /// <summary>The training thread is done with batch <paramref name="index"/>: its slot may be refilled.</summary>
    internal void Release(int index) => Volatile.Write(ref _consumed, index + 1);

    /// <summary>Ends the epoch (also early: a step budget, a divergence): no further batch is claimed, and the helper has
    /// left the buffers when this returns.</summary>
    internal void End()
    {
        Volatile.Write(ref _claimNext, int.MaxValue);
        if (Interlocked.CompareExchange(ref _helper, Revoked, Offered) == Offered)
        {
            return;
        }

        var spinner = default(SpinWait);
        while (Volatile.Read(ref _helper) == Running)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Run by the helper thread: gathers batches until none is left to claim.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Execute()
    {
        if (Interlocked.CompareExchange(ref _helper, Running, Offered) != Offered)
        {
            return;
        }

        try
        {
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _claimNext) < _batches)
            {
                if (!TryFillNext(Volatile.Read(ref _consumed) + Slots))
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
        }
#pragma warning disable CA1031 // an exception here would end the process from the helper's thread; the training thread
        // copies whatever batch was left unwritten (rescue), and rethrows whatever the copy really throws
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        finally
        {
            Volatile.Write(ref _helper, Finished);
        }
    }

    /// <summary>Claims and gathers the next unclaimed batch if it lies before <paramref name="limit"/> (the batch a ring
    /// before it consumed) and the batch a ring before it has been written (a rescued batch may still be being copied).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryFillNext(int limit)
    {
        var next = Volatile.Read(ref _claimNext);
        if (next >= _batches || next >= limit)
        {
            return false;
        }

        var slot = next % Slots;
        if (Volatile.Read(ref _ready[slot]) != next - Slots || Interlocked.CompareExchange(ref _claimNext, next + 1, next) != next)
        {
            return false;
        }

        // a batch the training thread already took from its spare buffer is only recorded, so the slot moves on
        if (next >= Volatile.Read(ref _consumed))
        {
            var rows = Rows(next);
            _data.CopyRows(
                _order.AsSpan(next * _batchSize, rows),
                _features.AsSpan(slot * _batchSize * _columns, rows * _columns),
                _targets.AsSpan(slot * _batchSize, rows));
        }

        Volatile.Write(ref _ready[slot], next);
        return true;
    }

    private int Rows(int index) => Math.Min(_batchSize, _order.Length - (index * _batchSize));
}
