using Testbed.Bench.Running;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;

namespace Testbed.Bench.Blissdata;

/// <summary>The library under test: a scan published through the blissdata publisher and read back with a cursor group.</summary>
internal static class LibraryStreams
{
    /// <summary>One acquisition loop feeds every channel, as a scan's data path does: blocks of <paramref name="blockSize"/> points, or one point per call.</summary>
    public static async Task<(TimeSpan Elapsed, string Scan)> PublishScalarsAsync(TimeProvider time, DataStore store, int channels, double[] values, int blockSize)
    {
        var scan = await store.CreateScanAsync(new ScanIdentity("bench", 1, "no_policy"));
        var writers = Enumerable.Range(0, channels).Select(c => scan.CreateStream(StreamDefinition.Scalar($"c{c}:value", DType.Float64))).ToList();
        await scan.PrepareAsync();
        await scan.StartAsync();
        var blocks = blockSize > 1 ? values.Chunk(blockSize).ToList() : [];
        var start = time.GetTimestamp();
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
        var elapsed = time.GetElapsedTime(start);
        await scan.StopAsync();
        await scan.CloseAsync();
        return (elapsed, scan.Key);
    }

    /// <summary><paramref name="frames"/> copies of <paramref name="frame"/> on one uint16 stream, one frame per entry.</summary>
    public static async Task<(TimeSpan Elapsed, string Scan)> PublishFramesAsync(TimeProvider time, DataStore store, ushort[] frame, int size, int frames)
    {
        var scan = await store.CreateScanAsync(new ScanIdentity("bench", 2, "no_policy"));
        var w = scan.CreateStream(StreamDefinition.Numeric("det:image", DType.UInt16, [size, size]));
        await scan.PrepareAsync();
        await scan.StartAsync();
        var start = time.GetTimestamp();
        var wrapped = NdArray.Wrap(frame, size, size);
        for (var i = 0; i < frames; i++) await w.SendAsync(wrapped);
        await w.FlushAsync();
        var elapsed = time.GetElapsedTime(start);
        await scan.StopAsync();
        await scan.CloseAsync();
        return (elapsed, scan.Key);
    }

    /// <summary>Reads every stream of the scan to its end with a cursor group, decoding each view; checks the point count.</summary>
    public static async Task<TimeSpan> ReadAsync(TimeProvider time, DataStore store, string key, long expected)
    {
        var scan = await store.LoadScanAsync(key);
        var group = new CursorGroup(scan.Streams.Values);
        long count = 0;
        var start = time.GetTimestamp();
        try
        {
            while (true)
                foreach (var view in (await group.ReadAsync(TimeSpan.Zero)).Values)
                    count += view.GetData().Count;
        }
        catch (Testbed.Blissdata.EndOfStreamException) { }
        var elapsed = time.GetElapsedTime(start);
        if (count != expected) throw new BenchException($"the reader got {count} points of scan {key}, expected {expected}: the measurement is not valid");
        return elapsed;
    }
}
