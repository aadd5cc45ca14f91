using System.CommandLine;
using System.Globalization;
using StackExchange.Redis;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;

namespace Testbed.Cli.Commands.Bench;

/// <summary>One benchmark run: each case measures the raw reference and the library on the same payloads.</summary>
internal sealed class BenchRun(string url, TextWriter output)
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    public async Task RunAsync(int channels, int points, int frames, int size)
    {
        var options = new DataStoreOptions { Batching = new BatchingPolicy() };
        await using var store = await OpenAsync(options);
        output.WriteLine($"Redis {url} ({store.Backend}); batching {options.Batching.MaxPoints} points / {options.Batching.MaxBytes} bytes per entry");

        // (a) scalars: same entries (MaxPoints per entry) for raw and library.
        var block = options.Batching.MaxPoints;
        var values = Enumerable.Range(0, points).Select(i => i * 1e-3).ToArray();
        var payloads = Chunk(values, block).Select(c => NdArray.From(c, c.Length)).Select(a => (a.Bytes.ToArray(), a.Shape[0])).ToList();
        var total = (long)channels * points;
        var rawA = await RawWriteAsync(store, Enumerable.Range(0, channels).Select(c => $"bench:raw:a:{c}").ToList(), payloads);
        Report("(a) raw XADD", total, rawA, total * 8, "points");
        var (libBlock, scanA) = await PublishScalarsAsync(store, channels, values, blockSize: 1024);
        Report("(a) publisher, blocks of 1024", total, libBlock, total * 8, "points", rawA);
        var (libPoint, scanP) = await PublishScalarsAsync(store, channels, values, blockSize: 1);
        Report("(a) publisher, point by point", total, libPoint, total * 8, "points", rawA);
        var rawRead = await RawReadAsync(store, Enumerable.Range(0, channels).Select(c => $"bench:raw:a:{c}").ToList());
        Report("(a) raw XREAD", total, rawRead, total * 8, "points");
        var libRead = await ReadAsync(store, scanA, total);
        Report("(a) reader, cursor group", total, libRead, total * 8, "points", rawRead);
        await CleanAsync(store, [scanA, scanP], "bench:raw:a:*");

        // (b) frames: one 2-byte-pixel frame per entry.
        var frame = new ushort[size * size];
        for (var i = 0; i < frame.Length; i++) frame[i] = (ushort)i;
        var framePayload = NdArray.From(frame, size, size).Bytes.ToArray();
        var bytes = (long)frames * framePayload.Length;
        var rawB = await RawWriteAsync(store, ["bench:raw:b"], Enumerable.Repeat((framePayload, 1), frames).ToList());
        Report("(b) raw XADD", frames, rawB, bytes, "frames");
        var (libB, scanB) = await PublishFramesAsync(store, frame, size, frames);
        Report("(b) publisher", frames, libB, bytes, "frames", rawB);
        var rawReadB = await RawReadAsync(store, ["bench:raw:b"]);
        Report("(b) raw XREAD", frames, rawReadB, bytes, "frames");
        var libReadB = await ReadAsync(store, scanB, frames);
        Report("(b) reader, cursor", frames, libReadB, bytes, "frames", rawReadB);
        await CleanAsync(store, [scanB], "bench:raw:b");
    }

    private async Task<DataStore> OpenAsync(DataStoreOptions options)
    {
        try { return await DataStore.ConnectAsync(url, options); }
        catch (ProtocolException e) when (e.Message.StartsWith("No blissdata protocol", StringComparison.Ordinal))
        {
            return await DataStore.InitAsync(url, options);
        }
    }

    private static IEnumerable<T[]> Chunk<T>(T[] values, int size)
    {
        for (var i = 0; i < values.Length; i += size) yield return values[i..Math.Min(values.Length, i + size)];
    }

    private static async Task<TimeSpan> RawWriteAsync(DataStore store, List<string> keys, List<(byte[] Payload, int Len)> entries)
    {
        var db = store.Database;
        var start = Clock.GetTimestamp();
        var tasks = new List<Task>(keys.Count * entries.Count);
        foreach (var key in keys)
        {
            long index = 0;
            foreach (var (payload, len) in entries)
            {
                NameValueEntry[] fields = len > 1 ? [new("payload", payload), new("len", len)] : [new("payload", payload)];
                tasks.Add(db.StreamAddAsync(key, fields, $"{index}-1"));
                index += len;
            }
        }
        await Task.WhenAll(tasks);
        return Clock.GetElapsedTime(start);
    }

    /// <summary>The reader's own wire traffic without decoding: XREAD COUNT 100 over all streams until each is exhausted.</summary>
    private static async Task<TimeSpan> RawReadAsync(DataStore store, List<string> keys)
    {
        var db = store.Database;
        var start = Clock.GetTimestamp();
        var positions = keys.ToDictionary(k => k, _ => (RedisValue)"0-0");
        while (positions.Count > 0)
        {
            var got = await db.StreamReadAsync(positions.Select(kv => new StreamPosition(kv.Key, kv.Value)).ToArray(), 100);
            var seen = new HashSet<string>();
            foreach (var rs in got)
            {
                if (rs.Entries.Length == 0) continue;
                positions[rs.Key!] = rs.Entries[^1].Id;
                if (rs.Entries.Length == 100) seen.Add(rs.Key!);
            }
            foreach (var k in positions.Keys.Where(k => !seen.Contains(k)).ToList()) positions.Remove(k);
        }
        return Clock.GetElapsedTime(start);
    }

    private static async Task<(TimeSpan, string)> PublishScalarsAsync(DataStore store, int channels, double[] values, int blockSize)
    {
        var scan = await store.CreateScanAsync(new ScanIdentity("bench", 1, "no_policy"));
        var writers = Enumerable.Range(0, channels).Select(c => scan.CreateStream(StreamDefinition.Scalar($"c{c}:value", DType.Float64))).ToList();
        await scan.PrepareAsync();
        await scan.StartAsync();
        var blocks = blockSize > 1 ? Chunk(values, blockSize).ToList() : [];
        var start = Clock.GetTimestamp();
        // One acquisition loop feeds every channel, as a scan's data path does.
        if (blockSize > 1)
        {
            foreach (var b in blocks)
                foreach (var w in writers) await w.SendManyAsync(b);
        }
        else
        {
            foreach (var v in values)
                foreach (var w in writers) await w.SendAsync(v);
        }
        foreach (var w in writers) await w.FlushAsync();
        var elapsed = Clock.GetElapsedTime(start);
        await scan.StopAsync();
        await scan.CloseAsync();
        return (elapsed, scan.Key);
    }

    private static async Task<(TimeSpan, string)> PublishFramesAsync(DataStore store, ushort[] frame, int size, int frames)
    {
        var scan = await store.CreateScanAsync(new ScanIdentity("bench", 2, "no_policy"));
        var w = scan.CreateStream(StreamDefinition.Numeric("det:image", DType.UInt16, [size, size]));
        await scan.PrepareAsync();
        await scan.StartAsync();
        var start = Clock.GetTimestamp();
        var wrapped = NdArray.Wrap(frame, size, size);
        for (var i = 0; i < frames; i++) await w.SendAsync(wrapped);
        await w.FlushAsync();
        var elapsed = Clock.GetElapsedTime(start);
        await scan.StopAsync();
        await scan.CloseAsync();
        return (elapsed, scan.Key);
    }

    private static async Task<TimeSpan> ReadAsync(DataStore store, string key, long expected)
    {
        var scan = await store.LoadScanAsync(key);
        var group = new CursorGroup(scan.Streams.Values);
        long count = 0;
        var start = Clock.GetTimestamp();
        try
        {
            while (true)
                foreach (var view in (await group.ReadAsync(TimeSpan.Zero)).Values)
                    count += view.GetData().Count;
        }
        catch (Testbed.Blissdata.EndOfStreamException) { }
        var elapsed = Clock.GetElapsedTime(start);
        if (count != expected) throw new InvalidOperationException($"reader got {count} points, expected {expected}");
        return elapsed;
    }

    private static async Task CleanAsync(DataStore store, string[] scans, string rawPattern)
    {
        foreach (var s in scans) await store.DeleteScanAsync(s);
        var server = store.Connection.GetServers()[0];
        await foreach (var k in server.KeysAsync(store.DatabaseIndex, rawPattern)) await store.Database.KeyDeleteAsync(k);
    }

    private void Report(string what, long items, TimeSpan t, long bytes, string unit, TimeSpan? raw = null)
    {
        var rate = items / t.TotalSeconds;
        var mbs = bytes / t.TotalSeconds / 1e6;
        var ratio = raw is { } r ? $"  = {r.TotalSeconds / t.TotalSeconds:0.00}x raw" : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-32} {t.TotalSeconds,8:0.000} s  {rate,14:N0} {unit}/s  {mbs,8:0.0} MB/s{ratio}"));
    }
}
