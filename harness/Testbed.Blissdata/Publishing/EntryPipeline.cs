using StackExchange.Redis;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Publishing;

/// <summary>Pipelined XADDs of one stream, kept until acknowledged so that a lost connection can be repaired by resending.</summary>
/// <remarks>Entry ids carry the point index, so a resent entry that Redis already had is answered "equal or smaller";
/// if that id is then present in the stream the resend succeeded. Outside a resend the same error means a second writer.</remarks>
internal sealed class EntryPipeline(DataStore store, string name, string key, long maxInFlightBytes)
{
    private readonly Queue<InFlight> _queue = new();
    private long _bytes;

    // Task is null for an entry held back because an earlier one failed: sending it on the restored connection would put it
    // before the failed one, and an id smaller than the last can never be added again.
    private sealed record InFlight(long Index, int Len, ReadOnlyMemory<byte> Payload, Task<RedisValue>? Task);

    private Task<RedisValue>? _lastSent;
    private bool _holding;

    /// <summary>Index of the first point of the next entry.</summary>
    public long NextIndex { get; private set; }

    /// <summary>Entries sent again after a lost connection (those Redis already had included).</summary>
    public int Resent { get; private set; }

    public bool MustWait => _bytes > maxInFlightBytes;

    public bool HasCompleted => _queue.Count > 0 && _queue.Peek().Task is not { IsCompleted: false };

    public void Queue(ReadOnlyMemory<byte> payload, int len)
    {
        // SE.Redis fails every command of a lost connection before it reconnects, so a faulted last send is enough to know.
        _holding |= _lastSent is { IsFaulted: true };
        var task = _holding ? null : Add(NextIndex, len, payload);
        if (task is not null) _lastSent = task;
        _queue.Enqueue(new InFlight(NextIndex, len, payload, task));
        _bytes += payload.Length;
        NextIndex += len;
    }

    public async ValueTask SendAsync(byte[] payload, int len)
    {
        Queue(payload, len);
        if (MustWait || HasCompleted) await SettleAsync();
    }

    private Task<RedisValue> Add(long index, int len, ReadOnlyMemory<byte> payload)
    {
        NameValueEntry[] fields = len > 1 ? [new("payload", payload), new("len", len)] : [new("payload", payload)];
        return store.Database.StreamAddAsync(key, fields, StreamIds.Entry(index));
    }

    /// <summary>Drops acknowledged entries without waiting; false when an entry failed or too many bytes are in flight (then call <see cref="SettleAsync()"/>).</summary>
    public bool TryDrain()
    {
        while (_queue.Count > 0 && _queue.Peek().Task is { IsCompletedSuccessfully: true }) Done();
        return !MustWait && (_queue.Count == 0 || _queue.Peek().Task is { IsCompleted: false });
    }

    /// <summary>Collects finished XADDs, and waits for older ones while too many bytes are in flight.</summary>
    public async Task SettleAsync() => await SettleAsync(all: false);

    public async Task SettleAllAsync() => await SettleAsync(all: true);

    private async Task SettleAsync(bool all)
    {
        while (_queue.Count > 0)
        {
            var head = _queue.Peek();
            if (!all && head.Task is { IsCompleted: false } && !MustWait) return;
            if (head.Task is null)
            {
                await ResendAsync(_lastSent?.Exception?.GetBaseException() ?? new InvalidOperationException("an earlier entry's write failed"));
                continue;
            }
            try
            {
                await head.Task;
                Done();
            }
            catch (Exception e) when (RedisOutage.IsTransient(e))
            {
                await ResendAsync(e);
            }
            catch (RedisServerException e)
            {
                Done();
                throw Refused(head.Index, e);
            }
        }
    }

    private void Done() => _bytes -= _queue.Dequeue().Payload.Length;

    /// <summary>Waits for every XADD in flight, then resends, in order, those that did not get an answer.</summary>
    private async Task ResendAsync(Exception cause)
    {
        var failed = new List<InFlight>();
        BlissdataException? refused = null;
        while (_queue.Count > 0)
        {
            var x = _queue.Dequeue();
            if (x.Task is null)
            {
                failed.Add(x);
                continue;
            }
            try { await x.Task; }
            catch (Exception e) when (RedisOutage.IsTransient(e)) { failed.Add(x); }
            catch (RedisServerException e) { refused ??= Refused(x.Index, e); }
        }
        _bytes = 0;
        _holding = false;
        var what = $"writing stream '{name}' ({key})";
        foreach (var x in failed)
        {
            while (true)
            {
                await RedisOutage.WaitAsync(store, what, cause);
                try
                {
                    Resent++;
                    _lastSent = Add(x.Index, x.Len, x.Payload);
                    await _lastSent;
                    break;
                }
                catch (RedisServerException e) when (e.Message.Contains("equal or smaller", StringComparison.Ordinal))
                {
                    var id = StreamIds.Entry(x.Index);
                    if ((await store.Database.StreamRangeAsync(key, id, id, 1)).Length == 1) break;
                    throw new BlissdataException(
                        $"stream '{name}' ({key}): after reconnecting, entry {id} is missing but later ones are present; points {x.Index}…{x.Index + x.Len - 1} are lost", e);
                }
                catch (Exception e) when (RedisOutage.IsTransient(e)) { cause = e; }
                catch (RedisServerException e) { throw Refused(x.Index, e); }
            }
        }
        if (refused is not null) throw refused;
    }

    private BlissdataException Refused(long index, RedisServerException e)
    {
        var id = StreamIds.Entry(index);
        if (e.Message.Contains("equal or smaller", StringComparison.Ordinal))
            return new BlissdataException($"stream '{name}' ({key}): Redis refused entry {id} ({e.Message}); another writer publishes on this stream — a stream has a single writer", e);
        if (e.Message.Contains("exhausted the last possible ID", StringComparison.Ordinal))
            return new BlissdataException($"stream '{name}' ({key}) is sealed; entry {id} refused ({e.Message})", e);
        if (e.Message.StartsWith("OOM", StringComparison.Ordinal))
            return new BlissdataException($"stream '{name}' ({key}): Redis is out of memory, entry {id} refused ({e.Message}); raise maxmemory or run the memory tracker", e);
        return new BlissdataException($"stream '{name}' ({key}): Redis refused entry {id}: {e.Message}", e);
    }
}
