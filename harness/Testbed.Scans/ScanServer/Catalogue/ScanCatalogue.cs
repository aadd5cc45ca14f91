using Testbed.Bec.Messages.Services;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Catalogue;

/// <summary>The scans this scan server runs, described exactly as BEC 3.165.1 publishes them on <c>info/scans/available_scans</c>
/// (the recorded catalogue, restricted to the implemented names), so a bec_lib client builds <c>scans.line_scan</c> etc. from it.</summary>
public sealed class ScanCatalogue
{
    /// <summary>The BEC scan names implemented here, in the recorded catalogue's order.</summary>
    public static readonly IReadOnlyList<string> Implemented = ["acquire", "device_rpc", "grid_scan", "line_scan", "mv", "time_scan", "umv"];

    private readonly Dictionary<string, ScanSignature> _signatures;

    private ScanCatalogue(AvailableResourceMessage message, Dictionary<string, ScanSignature> signatures)
    {
        Message = message;
        _signatures = signatures;
    }

    /// <summary>What is SET+PUBLISHed on <c>info/scans/available_scans</c>.</summary>
    public AvailableResourceMessage Message { get; }

    public IReadOnlyCollection<string> Names => _signatures.Keys;

    /// <summary>The recorded catalogue with only the implemented scans (entries unchanged).</summary>
    public static ScanCatalogue Load()
    {
        var recorded = RecordedPayloads.Message<AvailableResourceMessage>("available_scans");
        var all = recorded.Resource.AsMap();
        var kept = new BecMap();
        var signatures = new Dictionary<string, ScanSignature>(StringComparer.Ordinal);
        foreach (var (key, entry) in all.Entries)
        {
            if (!key.TryGetKeyString(out var name) || !Implemented.Contains(name)) continue;
            kept.Add(name, entry);
            signatures[name] = ScanSignature.Parse(name, entry.AsMap());
        }
        var missing = Implemented.Where(n => !signatures.ContainsKey(n)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"the recorded scan catalogue lacks {string.Join(", ", missing)}");
        return new ScanCatalogue(new AvailableResourceMessage { Resource = kept }, signatures);
    }

    public bool TryGet(string name, out ScanSignature signature) => _signatures.TryGetValue(name, out signature!);
}
