using System.Text.Json.Nodes;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Blissdata;
using Testbed.Blissdata.Publishing;
using Testbed.Scans.ScanServer.Blissdata;
using Testbed.Scans.ScanServer.Devices;

namespace Testbed.Scans.Publishing;

/// <summary>The device server's side of the blissdata contract (docs/decisions/0010): finds a scan's streams in its public scan_info
/// and opens a writer per stream, so readings go from the device server straight into blissdata (no copy through the scan server).</summary>
/// <remarks>Call <see cref="ForAsync"/> on every instruction; it returns the scan's writers from the first instruction after open on
/// (the key is looked up again while it is absent, so the pre-move and baseline read sent before open cost one GET each).</remarks>
public sealed class DeviceStreams(BecConnector bec, DataStoreOptions? options = null) : IAsyncDisposable
{
    private const int KeptScans = 20;
    private readonly Dictionary<string, DataStore> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScanStreams> _scans = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The writers of the instruction's scan, or null (no scan_id, not open yet, or not published with blissdata).</summary>
    public async Task<ScanStreams?> ForAsync(DeviceInstructionMessage instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        if (instruction.Metadata.GetOrNull(MetadataKeys.ScanId) is not BecStr { Value: var scanId }) return null;
        await _gate.WaitAsync();
        try
        {
            if (_scans.TryGetValue(scanId, out var known)) return known;
            var status = await Bus.BecOutage.RetryAsync(() => bec.GetAsync(MessageEndpoints.PublicScanInfo(scanId)));
            if (status is null || BlissdataContract.Of(status) is not { } contract) return null;
            if (!_stores.TryGetValue(contract.Url, out var store))
                _stores[contract.Url] = store = await DataStore.ConnectAsync(contract.Url, options);
            var scan = await store.LoadScanAsync(contract.Key);
            var writers = new Dictionary<string, DataStreamWriter>(StringComparer.Ordinal);
            foreach (var streams in contract.Streams.Values)
                foreach (var name in streams.Values)
                    if (scan.Streams.TryGetValue(name, out var stream)) writers[name] = stream.OpenWriter();
            var opened = new ScanStreams(scanId, contract, writers, scan.Streams.ToDictionary(s => s.Key, s => s.Value.Info));
            _scans[scanId] = opened;
            _order.Add(scanId);
            if (_order.Count > KeptScans)
            {
                _scans.Remove(_order[0]);
                _order.RemoveAt(0);
            }
            return opened;
        }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _stores.Values) await s.DisposeAsync();
        _stores.Clear();
    }
}

/// <summary>One scan's writers on the device server side: a reading per point into each device's streams, frame announcements for
/// cameras, and flush and seal before <c>complete</c> is acknowledged.</summary>
public sealed class ScanStreams
{
    private readonly Dictionary<string, DataStreamWriter> _writers;
    private readonly Dictionary<string, JsonObject> _infos;
    private readonly Dictionary<string, long> _frames = new(StringComparer.Ordinal);

    internal ScanStreams(string scanId, BlissdataContract contract, Dictionary<string, DataStreamWriter> writers, Dictionary<string, JsonObject> infos)
    {
        ScanId = scanId;
        Contract = contract;
        _writers = writers;
        _infos = infos;
    }

    public string ScanId { get; }

    public BlissdataContract Contract { get; }

    public bool Sealed { get; private set; }

    /// <summary>The streams of <paramref name="device"/>: signal → stream name (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Of(string device) =>
        Contract.Streams.TryGetValue(device, out var s) ? s : new Dictionary<string, string>();

    /// <summary>The lima_info of a camera's image stream: where its frames must be written (file_path template, data_path,
    /// file_offset, frame_per_file); null when the device has no image stream.</summary>
    public JsonObject? LimaInfo(string device) =>
        Of(device).Values.Select(n => _infos.GetValueOrDefault(n)).FirstOrDefault(i => i?["plugin"]?.GetValue<string>() == "lima")?["lima_info"] as JsonObject;

    /// <summary>Frames announced so far for <paramref name="device"/>.</summary>
    public long Frames(string device) => _frames.GetValueOrDefault(device);

    /// <summary>Sends one point of <paramref name="device"/> into each of its numeric streams (a reading that is not a number is sent as
    /// NaN, so stream index stays point index).</summary>
    public async Task WriteReadingAsync(string device, BecMap signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        foreach (var (signal, stream) in Of(device))
        {
            if (!_writers.TryGetValue(stream, out var w) || w.Info["plugin"] is not null) continue;
            await w.SendAsync(DeviceSet.Number(signals, signal) ?? double.NaN);
        }
    }

    /// <summary>A camera took <paramref name="count"/> more frames; <paramref name="savedUpTo"/>: the last frame in a closed file (−1: none).</summary>
    public async Task FramesTakenAsync(string device, long count, long savedUpTo = -1)
    {
        _frames[device] = Frames(device) + count;
        await AnnounceAsync(device, savedUpTo);
    }

    /// <summary>Announces the camera's frames with <c>last_index_saved</c> = <paramref name="savedUpTo"/>.</summary>
    public async Task AnnounceAsync(string device, long savedUpTo)
    {
        foreach (var stream in Of(device).Values)
            if (_writers.TryGetValue(stream, out var w) && w.Info["plugin"]?.GetValue<string>() == "lima")
                await w.SendLimaStatusAsync(Frames(device) - 1, savedUpTo);
    }

    /// <summary>Makes everything sent so far visible (call before acknowledging the read or trigger that produced it).</summary>
    public async Task FlushAsync()
    {
        foreach (var w in _writers.Values)
            if (!w.IsSealed) await w.FlushAsync();
    }

    /// <summary>Flushes and seals every stream (before acknowledging <c>complete</c>).</summary>
    public async Task SealAsync()
    {
        foreach (var w in _writers.Values) await w.SealAsync();
        Sealed = true;
    }
}
