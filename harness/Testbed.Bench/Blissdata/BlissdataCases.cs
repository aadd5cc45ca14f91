using System.Globalization;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Blissdata;
using Testbed.Blissdata.Encoding;

namespace Testbed.Bench.Blissdata;

/// <summary>One run of both cases: each library operation and its raw reference on identical payloads, in an order that rotates from run to run.</summary>
internal sealed class BlissdataCases(TimeProvider time, DataStore store, int entryPoints)
{
    private static readonly Target Goal = Target.RatioAtLeast(0.8);

    /// <summary>Measures (a) and (b) once into <paramref name="sheet"/>; returns the run's ratios on one line.</summary>
    public async Task<string> RunAsync(int channels, int points, int frames, int size, int run, ResultSheet sheet, CancellationToken ct)
    {
        var a = await ScalarsAsync(channels, points, run, sheet);
        ct.ThrowIfCancellationRequested();
        var b = await FramesAsync(frames, size, run, sheet);
        return $"{a}; {b}";
    }

    /// <summary>(a): the same entries (<c>entryPoints</c> points each) for raw and library; the library publishes in blocks of 1024 and point by point.</summary>
    private async Task<string> ScalarsAsync(int channels, int points, int run, ResultSheet sheet)
    {
        var values = Enumerable.Range(0, points).Select(i => i * 1e-3).ToArray();
        var payloads = values.Chunk(entryPoints).Select(c => NdArray.From(c, c.Length)).Select(a => (a.Bytes.ToArray(), a.Shape[0])).ToList();
        var keys = Enumerable.Range(0, channels).Select(c => $"bench:raw:a:{c}").ToList();
        var total = (double)channels * points;
        TimeSpan raw = default, blocks = default, single = default;
        string blockScan = "", singleScan = "";
        foreach (var i in Rotation.Order(3, run))
        {
            switch (i)
            {
                case 0: raw = await RawStreams.WriteAsync(time, store, keys, payloads); break;
                case 1: (blocks, blockScan) = await LibraryStreams.PublishScalarsAsync(time, store, channels, values, blockSize: 1024); break;
                default: (single, singleScan) = await LibraryStreams.PublishScalarsAsync(time, store, channels, values, blockSize: 1); break;
            }
        }
        TimeSpan rawRead = default, read = default;
        foreach (var i in Rotation.Order(2, run))
        {
            if (i == 0) rawRead = await RawStreams.ReadAsync(time, store, keys);
            else read = await LibraryStreams.ReadAsync(time, store, blockScan, (long)total);
        }
        await CleanAsync([blockScan, singleScan], "bench:raw:a:*");
        sheet.Add("(a) publisher, blocks of 1024", "points/s", Goal, Rates(total, blocks, raw));
        sheet.Add("(a) publisher, point by point", "points/s", Goal, Rates(total, single, raw));
        sheet.Add("(a) reader, cursor group", "points/s", Goal, Rates(total, read, rawRead));
        return string.Create(CultureInfo.InvariantCulture,
            $"(a) blocks {raw / blocks:F2}×, point by point {raw / single:F2}×, reader {rawRead / read:F2}×");
    }

    /// <summary>(b): one 2-byte-pixel frame per entry.</summary>
    private async Task<string> FramesAsync(int frames, int size, int run, ResultSheet sheet)
    {
        var frame = new ushort[size * size];
        for (var i = 0; i < frame.Length; i++) frame[i] = (ushort)i;
        var payload = NdArray.From(frame, size, size).Bytes.ToArray();
        var entries = Enumerable.Repeat((payload, 1), frames).ToList();
        TimeSpan raw = default, publish = default, rawRead = default, read = default;
        var scan = "";
        foreach (var i in Rotation.Order(2, run))
        {
            if (i == 0) raw = await RawStreams.WriteAsync(time, store, ["bench:raw:b"], entries);
            else (publish, scan) = await LibraryStreams.PublishFramesAsync(time, store, frame, size, frames);
        }
        foreach (var i in Rotation.Order(2, run))
        {
            if (i == 0) rawRead = await RawStreams.ReadAsync(time, store, ["bench:raw:b"]);
            else read = await LibraryStreams.ReadAsync(time, store, scan, frames);
        }
        await CleanAsync([scan], "bench:raw:b");
        sheet.Add("(b) publisher, frames", "frames/s", Goal, Rates(frames, publish, raw));
        sheet.Add("(b) reader, cursor", "frames/s", Goal, Rates(frames, read, rawRead));
        var mb = (double)frames * payload.Length / 1e6;
        return string.Create(CultureInfo.InvariantCulture,
            $"(b) publisher {mb / publish.TotalSeconds:F0} MB/s = {raw / publish:F2}×, reader {mb / read.TotalSeconds:F0} MB/s = {rawRead / read:F2}×");
    }

    private static Measurement Rates(double items, TimeSpan library, TimeSpan raw) => new(items / library.TotalSeconds, items / raw.TotalSeconds);

    private async Task CleanAsync(string[] scans, string rawPattern)
    {
        foreach (var s in scans) await store.DeleteScanAsync(s);
        var server = store.Connection.GetServers()[0];
        await foreach (var k in server.KeysAsync(store.DatabaseIndex, rawPattern)) await store.Database.KeyDeleteAsync(k);
    }
}
