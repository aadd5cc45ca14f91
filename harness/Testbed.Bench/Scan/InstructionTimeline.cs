using System.Collections.Concurrent;
using StackExchange.Redis;
using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;

namespace Testbed.Bench.Scan;

/// <summary>Listens, as one more subscriber of the BEC Redis, to what the scan server and the device server already say to each other —
/// instructions, their acknowledgements and the device readings — and notes when each arrived, in arrival order (one subscription, so
/// one order); <see cref="Split"/> turns that into where the time of a point goes. Nothing is added to the services.</summary>
internal sealed class InstructionTimeline : IAsyncDisposable
{
    private static readonly string Instructions = MessageEndpoints.DeviceInstructions().Endpoint;
    private static readonly string Responses = MessageEndpoints.DeviceInstructionsResponse().Endpoint;
    private static readonly string Readings = MessageEndpoints.DeviceRead("").Endpoint;

    private readonly BecConnector _bec;
    private readonly ChannelMessageQueue _queue;
    private readonly ConcurrentQueue<(long At, string Channel, byte[] Payload)> _seen = new();

    private InstructionTimeline(BecConnector bec, ChannelMessageQueue queue, TimeProvider time)
    {
        _bec = bec;
        _queue = queue;
        // Only the arrival is noted here; decoding waits until the scan is over, so the listener stays cheap while it runs.
        _queue.OnMessage(m =>
        {
            var channel = m.Channel.ToString();
            if (channel == Instructions || channel == Responses || channel.StartsWith(Readings, StringComparison.Ordinal))
                _seen.Enqueue((time.GetTimestamp(), channel, (byte[])m.Message!));
        });
    }

    public static async Task<InstructionTimeline> StartAsync(string becUrl, TimeProvider time)
    {
        var bec = await BecConnector.ConnectAsync(becUrl, clientName: "bench-timeline");
        var queue = await bec.Redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern("*"));
        return new InstructionTimeline(bec, queue, time);
    }

    /// <summary>Forgets what was seen (before a scan).</summary>
    public void Clear() => _seen.Clear();

    /// <summary>Where the time of the points of scan <paramref name="scanId"/> went, from what was seen since <see cref="Clear"/>.</summary>
    /// <param name="scanId">The scan's id (the instructions' and readings' scan_id).</param>
    /// <param name="time">The clock the arrivals were noted on.</param>
    /// <param name="points">Points the scan had: each must have its read sent, its first reading and its read completed.</param>
    public PointSplit Split(string scanId, int points, TimeProvider time)
    {
        // Order is arrival order (one subscription); timestamps are only subtracted, never compared.
        var sent = new List<(int Order, long At, string Id, DeviceInstructionAction Action, long? Point)>();
        var completed = new Dictionary<string, long>(StringComparer.Ordinal);
        var firstReading = new Dictionary<long, long>();
        var order = 0;
        foreach (var (at, channel, payload) in _seen)
        {
            order++;
            var message = BecCodec.DecodeMessage(payload, validate: false);
            switch (message)
            {
                case DeviceInstructionMessage i when ScanOf(i.Metadata) == scanId && Text(i.Metadata, MetadataKeys.DeviceInstrId) is { } id:
                    sent.Add((order, at, id, i.Action, Point(i.Metadata)));
                    break;
                case DeviceInstructionResponse r when r.Status == InstructionStatus.Completed:
                    completed.TryAdd(r.InstructionId, at);
                    break;
                case DeviceMessage d when channel.StartsWith(Readings, StringComparison.Ordinal) && ScanOf(d.Metadata) == scanId && Point(d.Metadata) is { } p:
                    firstReading.TryAdd(p, at);
                    break;
            }
        }
        var reads = sent.Where(s => s.Action == DeviceInstructionAction.Read && s.Point is not null).ToDictionary(s => s.Point!.Value);
        long Done(string id, string what) => completed.TryGetValue(id, out var t) ? t
            : throw new Running.BenchException($"the listener saw no completion of {what} (device_instr_id {id}); the split of this run cannot be trusted");
        for (long p = 0; p < points; p++)
            if (!reads.ContainsKey(p) || !firstReading.ContainsKey(p))
                throw new Running.BenchException($"the listener missed the read or the readings of point {p} of {points}; the split of this run cannot be trusted");

        // Point p (from 1 on; point 0 follows the pre-move and staging): the sets and triggers sent after read p−1, then read p.
        double move = 0, trigger = 0, read = 0, publish = 0;
        var triggers = 0;
        for (long p = 1; p < points; p++)
        {
            var (before, now) = (reads[p - 1], reads[p]);
            foreach (var s in sent.Where(s => s.Order > before.Order && s.Order < now.Order))
            {
                var took = Done(s.Id, $"{s.Action} before point {p}") - s.At;
                if (s.Action == DeviceInstructionAction.Set) move += took;
                else if (s.Action == DeviceInstructionAction.Trigger)
                {
                    trigger += took;
                    triggers++;
                }
            }
            read += firstReading[p] - now.At;
            publish += Done(now.Id, $"the read of point {p}") - firstReading[p];
        }
        var intervals = points - 1;
        var span = Done(reads[points - 1].Id, "the last read") - Done(reads[0].Id, "the first read");
        double Micro(double ticks) => intervals == 0 ? double.NaN : ticks / time.TimestampFrequency * 1e6 / intervals;
        var period = Micro(span);
        return new PointSplit(period, Micro(move), Micro(trigger), Micro(read), Micro(publish),
            period - Micro(move) - Micro(trigger) - Micro(read) - Micro(publish), triggers > 0);
    }

    private static string? ScanOf(BecMap metadata) => Text(metadata, MetadataKeys.ScanId);

    private static string? Text(BecMap metadata, string key) => metadata.GetOrNull(key) is BecStr s ? s.Value : null;

    private static long? Point(BecMap metadata) => metadata.GetOrNull(MetadataKeys.PointId) is BecInt i ? i.Value : null;

    public async ValueTask DisposeAsync()
    {
        await _queue.UnsubscribeAsync();
        await _bec.DisposeAsync();
    }
}

/// <summary>Where the wall time of a point went, as the listener saw it: means per point in µs over points 1…n−1 (they add up to
/// <see cref="Period"/>).</summary>
/// <param name="Period">From one point's read completed to the next's.</param>
/// <param name="Move">set sent → set completed (the device server's move through the Elmo driver, its readback publications).</param>
/// <param name="Trigger">trigger sent → completed; 0 when the scan triggers nothing (<paramref name="Triggered"/> false).</param>
/// <param name="Read">read sent → the first reading published: the drivers' reads, in parallel.</param>
/// <param name="Publish">first reading → read completed: the readings' SET+PUBLISH and their blissdata XADDs, flushed.</param>
/// <param name="Other">The rest: acknowledgements reaching the scan server, and its turn to the next instruction.</param>
/// <param name="Triggered">Whether any trigger instruction was sent.</param>
internal sealed record PointSplit(double Period, double Move, double Trigger, double Read, double Publish, double Other, bool Triggered);
