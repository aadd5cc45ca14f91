using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Queue;

/// <summary>Scan and dataset numbers, kept in <c>user/scan_number</c> and <c>user/dataset_number</c> as BEC keeps them: a
/// VariableMessage whose value maps the account to the last number (<c>{"": 1}</c> without an account).</summary>
/// <remarks>A number whose scan folder already exists under the file base (<c>S00000-00999/S00001</c> …) is never given out again: after a
/// fresh Redis (the main job's private one) numbering goes on past the folders there, so no scan's files collide with an earlier run's.</remarks>
public sealed class ScanNumbers(BecConnector bec, string? fileBase = null)
{
    /// <summary>The account key; this server does not support BEC accounts (<c>info/account</c>), so always "".</summary>
    public const string Account = "";

    /// <summary>The last scan number given out.</summary>
    public long Current { get; private set; }

    /// <summary>Reads both numbers (0 when absent) and writes them back, as the recorded server does at start.</summary>
    public async Task InitAsync()
    {
        Current = Math.Max(await ReadAsync(MessageEndpoints.ScanNumber()), HighestFolder());
        var dataset = await ReadAsync(MessageEndpoints.DatasetNumber());
        await WriteAsync(MessageEndpoints.ScanNumber(), Current);
        await WriteAsync(MessageEndpoints.DatasetNumber(), dataset);
    }

    /// <summary>The next scan and dataset numbers, written when a scan becomes active.</summary>
    public async Task<(long Scan, long Dataset)> NextAsync()
    {
        var scan = await ReadAsync(MessageEndpoints.ScanNumber()) + 1;
        await WriteAsync(MessageEndpoints.ScanNumber(), scan);
        var dataset = await ReadAsync(MessageEndpoints.DatasetNumber()) + 1;
        await WriteAsync(MessageEndpoints.DatasetNumber(), dataset);
        Current = scan;
        return (scan, dataset);
    }

    private long HighestFolder()
    {
        if (fileBase is null || !Directory.Exists(fileBase)) return 0;
        long highest = 0;
        foreach (var range in Directory.EnumerateDirectories(fileBase, "S?????-?????"))
        foreach (var scan in Directory.EnumerateDirectories(range, "S*"))
            if (long.TryParse(Path.GetFileName(scan).AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                highest = Math.Max(highest, n);
        return highest;
    }

    private async Task<long> ReadAsync(Bec.Endpoints.EndpointInfo<VariableMessage> endpoint)
    {
        var m = await bec.GetAsync(endpoint);
        return m?.Value switch
        {
            BecMap map when map.GetOrNull(Account) is BecInt n => n.Value,
            BecInt n => n.Value,
            _ => 0,
        };
    }

    private Task WriteAsync(Bec.Endpoints.EndpointInfo<VariableMessage> endpoint, long value) =>
        bec.SetAsync(endpoint, new VariableMessage { Value = new BecMap { [Account] = value } });
}
