using System.Text.Json.Nodes;
using Testbed.Blissdata;
using Testbed.Blissdata.Publishing;
using Testbed.Scans.ScanServer.Scans;

namespace Testbed.Scans.ScanServer.Blissdata;

/// <summary>The blissdata side of one scan, owned by the scan server (bec.md §6 proof of concept): created with its scan_info and one
/// stream per channel before the first instruction, PREPARED and STARTED at open; the device server writes the data; stopped and closed
/// here with SUCCESS, USER_ABORT or FAILURE (closing seals every stream the device server left open).</summary>
public sealed class BlissdataPublication
{
    private readonly PublishedScan _scan;
    private readonly TimeProvider _time;

    private BlissdataPublication(PublishedScan scan, BlissdataContract contract, TimeProvider time)
    {
        _scan = scan;
        Contract = contract;
        _time = time;
    }

    public BlissdataContract Contract { get; }

    public string Key => _scan.Key;

    public ScanState State => _scan.State;

    public static async Task<BlissdataPublication> StartAsync(DataStore store, string url, string session, StepJob job, IReadOnlyList<AssignedStream> streams,
        long number, string scanId, IReadOnlyList<(string Name, double? Position, string? Unit)> positioners, string masterFile, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(streams);
        var info = BecScanInfo.Build(job, streams, number, session, scanId, positioners, masterFile, time);
        var scan = await store.CreateScanAsync(BecScanInfo.Identity(job, number, session), info);
        var map = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        try
        {
            foreach (var s in streams)
            {
                scan.CreateStream(s.Definition);
                var signals = map.TryGetValue(s.Device, out var existing) ? new Dictionary<string, string>(existing) : [];
                signals[s.Signal] = s.Name;
                map[s.Device] = signals;
            }
            await scan.PrepareAsync();
            await scan.StartAsync();
        }
        catch (BlissdataException e)
        {
            await new BlissdataPublication(scan, new BlissdataContract(scan.Key, url, map), time).EndAsync(EndReason.Failure, e.Message);
            throw;
        }
        return new BlissdataPublication(scan, new BlissdataContract(scan.Key, url, map), time);
    }

    /// <summary>STOPPED, the end positions, CLOSED with SUCCESS.</summary>
    public async Task SucceedAsync(IReadOnlyList<(string Name, double? Position, string? Unit)> end, string? comment = null)
    {
        await _scan.StopAsync();
        BecScanInfo.AddEnd(_scan.Info, end);
        if (comment is not null) Comment(comment);
        await _scan.CloseAsync(EndReason.Success);
    }

    /// <summary>Closes the scan, if still open, with <paramref name="endReason"/> and <paramref name="message"/> as a comment; never throws.</summary>
    /// <returns>null once closed, or why closing failed.</returns>
    public async Task<string?> EndAsync(string endReason, string message, IReadOnlyList<(string Name, double? Position, string? Unit)>? end = null)
    {
        if (_scan.State == ScanState.Closed) return null;
        if (_scan.FailureClosed is not null) return "the blissdata Redis is away; the scan is closed with FAILURE when it answers again";
        try
        {
            if (end is not null) BecScanInfo.AddEnd(_scan.Info, end);
            Comment(message);
            await _scan.CloseAsync(endReason);
            return null;
        }
        catch (BlissdataException e)
        {
            return e.Message;
        }
    }

    private void Comment(string message) =>
        _scan.Info["comments"] = new JsonArray(new JsonObject { ["date"] = PublishedScan.IsoNow(_time), ["message"] = message });
}
