using System.Runtime.CompilerServices;

using StackExchange.Redis;

using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages;

namespace Testbed.Bec.Redis;

public sealed partial class BecConnector
{
    /// <summary>BEC stores every stream entry under this one field.</summary>
    public const string StreamField = "data";

    /// <summary>XADD <c>[MAXLEN ~ n] * data &lt;msgpack&gt;</c>; with <paramref name="expire"/>, in one MULTI with EXPIRE. Returns the entry id.</summary>
    /// <remarks>Recorded: user/log MAXLEN ~10000; scan_history ~10000; monitor2d ~100 + EXPIRE 3600; req_status EXPIRE 3600 only.</remarks>
    public async Task<string> XAddAsync<T>(EndpointInfo<T> endpoint, T message, int? maxSize = null, TimeSpan? expire = null, bool approximate = true)
        where T : BecMessage
    {
        if (expire is not null)
        {
            var tx = CreateTransaction().XAdd(endpoint, message, maxSize, expire, approximate);
            await tx.ExecuteAsync();
            return (await tx.LastStreamId!).ToString();
        }
        var bytes = Prepare(endpoint, "xadd", message);
        var id = await Run(endpoint, () => Database.StreamAddAsync(endpoint.Endpoint, StreamField, bytes, null, maxSize, approximate && maxSize is not null));
        return id.ToString();
    }

    /// <summary>XRANGE min max [COUNT n] (ids; "-" and "+" for the ends), decoded.</summary>
    public async Task<IReadOnlyList<StreamEntry<T>>> XRangeAsync<T>(EndpointInfo<T> endpoint, string min = "-", string max = "+", int? count = null)
        where T : BecMessage
    {
        endpoint.CheckOperation("xrange");
        var entries = await Run(endpoint, () => Database.StreamRangeAsync(endpoint.Endpoint, min, max, count));
        return Entries<T>(endpoint, entries, "XRANGE");
    }

    /// <summary>The newest entry (XREVRANGE + - COUNT 1), or null for an empty or missing stream.</summary>
    public async Task<StreamEntry<T>?> GetLastAsync<T>(EndpointInfo<T> endpoint) where T : BecMessage
    {
        endpoint.CheckOperation("get_last");
        var entries = await Run(endpoint, () => Database.StreamRangeAsync(endpoint.Endpoint, "-", "+", 1, Order.Descending));
        return Entries<T>(endpoint, entries, "XREVRANGE").FirstOrDefault();
    }

    /// <summary>Entries after <paramref name="afterId"/> ("0-0": from the start), without waiting.</summary>
    public async Task<IReadOnlyList<StreamEntry<T>>> XReadAsync<T>(EndpointInfo<T> endpoint, string afterId = "0-0", int? count = null)
        where T : BecMessage
    {
        endpoint.CheckOperation("xread");
        var entries = await Run(endpoint, () => Database.StreamReadAsync(endpoint.Endpoint, afterId, count));
        return Entries<T>(endpoint, entries, "XREAD");
    }

    /// <summary>Entries after <paramref name="afterId"/>, waiting up to <paramref name="timeout"/> for the first (BEC's XREAD BLOCK);
    /// empty when none came. Polls every <see cref="BecConnectorOptions.StreamPollInterval"/> on the options' clock (ADR 0006).</summary>
    public async Task<IReadOnlyList<StreamEntry<T>>> XReadAsync<T>(EndpointInfo<T> endpoint, string afterId, TimeSpan timeout, int? count = null,
        CancellationToken ct = default) where T : BecMessage
    {
        var time = Options.Time;
        var started = time.GetTimestamp();
        while (true)
        {
            var entries = await XReadAsync(endpoint, afterId, count);
            if (entries.Count > 0 || time.GetElapsedTime(started) >= timeout) return entries;
            await Task.Delay(Options.StreamPollInterval, time, ct);
        }
    }

    /// <summary>Every new entry as it arrives (BEC's register_stream): from the first entry with <paramref name="fromStart"/>, else those added
    /// after the call. Entries that cannot be decoded go to <see cref="BecConnectorOptions.OnError"/> and are skipped.</summary>
    public async IAsyncEnumerable<StreamEntry<T>> FollowStreamAsync<T>(EndpointInfo<T> endpoint, bool fromStart = false,
        [EnumeratorCancellation] CancellationToken ct = default) where T : BecMessage
    {
        endpoint.CheckOperation("register_stream");
        var last = "0-0";
        if (!fromStart)
        {
            var newest = await Run(endpoint, () => Database.StreamRangeAsync(endpoint.Endpoint, "-", "+", 1, Order.Descending));
            if (newest.Length > 0) last = newest[0].Id.ToString();
        }
        while (!ct.IsCancellationRequested)
        {
            var raw = await Run(endpoint, () => Database.StreamReadAsync(endpoint.Endpoint, last));
            foreach (var entry in raw)
            {
                last = entry.Id.ToString();
                StreamEntry<T>? decoded = null;
                try
                {
                    decoded = Entry<T>(endpoint, entry, "XREAD");
                }
                catch (BecException e)
                {
                    Options.OnError(new BecConnectorError(endpoint.Endpoint, $"entry {entry.Id} skipped: {e.Message}", e));
                }
                if (decoded is not null) yield return decoded;
            }
            if (raw.Length == 0)
            {
                try
                {
                    await Task.Delay(Options.StreamPollInterval, Options.Time, ct);
                }
                catch (TaskCanceledException)
                {
                    yield break;
                }
            }
        }
    }

    private IReadOnlyList<StreamEntry<T>> Entries<T>(EndpointInfo endpoint, StreamEntry[] entries, string command) where T : BecMessage =>
        [.. entries.Select(e => Entry<T>(endpoint, e, command))];

    private StreamEntry<T> Entry<T>(EndpointInfo endpoint, StreamEntry entry, string command) where T : BecMessage
    {
        var data = entry[StreamField];
        if (data.IsNull)
            throw new BecDecodeException($"{command} '{endpoint.Endpoint}': entry {entry.Id} has no '{StreamField}' field (fields: {string.Join(", ", entry.Values.Select(v => v.Name))})");
        return new StreamEntry<T>(entry.Id.ToString(), Decode<T>(endpoint, (byte[])data!, command));
    }
}
