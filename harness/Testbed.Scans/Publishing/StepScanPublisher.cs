using System.Text.Json.Nodes;
using Testbed.Blissdata;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Search;
using Testbed.Drivers.Abstractions;

using Testbed.Scans.Stepping;

namespace Testbed.Scans.Publishing;

/// <summary>Publishes a step scan with blissdata while it runs, fed by the scan loop: one float64 stream per axis and counter,
/// a lima file-reference stream per detector whose frames are announced as saved only once their files are closed and checked.</summary>
public sealed class StepScanPublisher
{
    private readonly PublishedScan _scan;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, DataStreamWriter> _axes = [];
    private readonly Dictionary<IScanChannel, DataStreamWriter> _counters = [];
    private readonly Dictionary<string, (DetectorFiles Files, DataStreamWriter Writer)> _detectors = [];

    private StepScanPublisher(PublishedScan scan, TimeProvider time)
    {
        _scan = scan;
        _time = time;
    }

    public string Key => _scan.Key;

    public long Number => _scan.Identity.Number;

    /// <summary>Points handed to Redis so far (all of them published once it acknowledges).</summary>
    public int PublishedPoints { get; private set; }

    /// <summary>Connects; an empty database is initialised first (a non-empty one without protocol key is refused).</summary>
    public static async Task<DataStore> ConnectAsync(string url, DataStoreOptions options, Action<string> note)
    {
        try { return await DataStore.ConnectAsync(url, options); }
        catch (ProtocolException e) when (e.Message.StartsWith("No blissdata protocol", StringComparison.Ordinal))
        {
            var store = await DataStore.InitAsync(url, options);
            note($"initialised the empty database {url} for blissdata protocol 1");
            return store;
        }
    }

    /// <summary>One more than the highest scan number of the session, as BLISS numbers scans.</summary>
    public static async Task<long> NextNumberAsync(DataStore store)
    {
        var (_, keys) = await store.SearchExistingScansAsync(ScanFilter.Session(StepScanInfo.Session));
        long max = 0;
        foreach (var k in keys)
        {
            try { max = Math.Max(max, (await store.LoadScanAsync(k)).Number); }
            catch (BlissdataException) { }
        }
        return max + 1;
    }

    /// <summary>The detectors' sub-directory of their data roots for scan <paramref name="number"/>.</summary>
    public static string ImagesDirectory(long number) => $"scan{number:0000}";

    /// <summary>Creates the scan with its full scan_info and streams, and starts it (PREPARED, STARTED).</summary>
    public static async Task<StepScanPublisher> StartAsync(DataStore store, ScanPlan plan, TimeProvider time)
    {
        var scan = await store.CreateScanAsync(StepScanInfo.Identity(plan.Number), StepScanInfo.Build(plan, time));
        var publisher = new StepScanPublisher(scan, time);
        try
        {
            foreach (var a in plan.Axes)
                publisher._axes[a.Name] = scan.CreateStream(StreamDefinition.Scalar(StepScanInfo.AxisStream(a.Name), DType.Float64));
            foreach (var c in plan.Counters)
                publisher._counters[c] = scan.CreateStream(StreamDefinition.Scalar(c.FullName, DType.Float64));
            foreach (var d in plan.Detectors)
                publisher._detectors[d.Detector] = (d, scan.CreateStream(StreamDefinition.LimaFiles(StepScanInfo.ImageStream(d.Detector), d.Lima)));
            await scan.PrepareAsync();
            await scan.StartAsync();
        }
        catch (BlissdataException e)
        {
            await publisher.EndAsync(EndReason.Failure, e.Message);
            throw;
        }
        return publisher;
    }

    /// <summary>Publishes one point: positions, counter values, and for each detector one more frame taken (none saved yet).</summary>
    public async Task PointAsync(ScanPoint point)
    {
        foreach (var p in point.Positions)
            if (_axes.TryGetValue(p.Axis, out var w)) await w.SendAsync(p.Position);
        foreach (var r in point.Readings)
            if (_counters.TryGetValue(r.Channel, out var w)) await w.SendAsync(r.Value ?? double.NaN);
        // Files are announced only when closed: the detector lists a file once complete, which WaitAsync returns.
        foreach (var (_, writer) in _detectors.Values) await writer.SendLimaStatusAsync(point.Index, -1);
        PublishedPoints = point.Index + 1;
    }

    /// <summary>Checks that the detector wrote every frame where its stream says, then announces them all as saved;
    /// a series that ended early (<paramref name="complete"/> false) announces the frames it has.</summary>
    /// <exception cref="DetectorFilesException">A frame is elsewhere; nothing is announced.</exception>
    public async Task FramesClosedAsync(string detector, IReadOnlyList<FrameReference> frames, bool complete = true)
    {
        var (files, writer) = _detectors[detector];
        files.Check(frames, complete);
        await writer.SendLimaStatusAsync(frames.Count - 1, frames.Count - 1);
    }

    /// <summary>Ends a complete scan: STOPPED, then CLOSED with SUCCESS and the end positions.</summary>
    public async Task SucceedAsync(IReadOnlyList<AxisSnapshot> end)
    {
        await _scan.StopAsync();
        StepScanInfo.AddEnd(_scan.Info, end);
        await _scan.CloseAsync(EndReason.Success);
    }

    /// <summary>Closes the scan, if still open, with <paramref name="endReason"/> and the reason as a comment; never throws.</summary>
    /// <returns>null once closed, or why closing failed.</returns>
    public async Task<string?> EndAsync(string endReason, string message)
    {
        if (_scan.State == ScanState.Closed) return null;
        // A scan failed by a Redis outage closes itself with FAILURE once Redis answers again.
        if (_scan.FailureClosed is not null) return "Redis is away; the scan is closed with FAILURE when it answers again";
        try
        {
            _scan.Info["comments"] = new JsonArray(new JsonObject { ["date"] = PublishedScan.IsoNow(_time), ["message"] = message });
            await _scan.CloseAsync(endReason);
            return null;
        }
        catch (BlissdataException e)
        {
            return e.Message;
        }
    }
}
