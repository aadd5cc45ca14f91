using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Values;

namespace Testbed.Scans.Tests.Support;

/// <summary>The fixture devices samx, samy (SimPositioner, baseline), bpm4i (SimMonitor, monitored) and eiger (SimCamera, async,
/// softwareTrigger) as the recorded device server published them at start-up (session 01), and the readings it gave in a session.</summary>
public sealed class RecordedDevices
{
    private static readonly string[] Published =
        ["info/devices/config", "info/devices/info/", "info/devices/limits/", "info/devices/read/", "info/devices/readback/", "info/devices/read_configuration/"];
    private readonly Dictionary<(string Device, string Slot), BecMap> _readings = [];

    private RecordedDevices(IReadOnlyList<(string Key, byte[] Payload)> keys) => Keys = keys;

    /// <summary>The last payload of every device key the start-up session wrote (config, info, limits, read, readback, read_configuration).</summary>
    public IReadOnlyList<(string Key, byte[] Payload)> Keys { get; }

    public static RecordedDevices Load(RecordedSession? readings = null)
    {
        var startup = RecordedSession.Load("01-startup");
        var last = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var l in startup.Lines)
            if (l.Op == "SET" && l.Payload is { } p && Published.Any(k => l.Key.StartsWith(k, StringComparison.Ordinal)) && l.Key != "info/devices/config_request")
                last[l.Key] = p;
        var devices = new RecordedDevices([.. last.Select(kv => (kv.Key, kv.Value))]);
        if (readings is not null) devices.Index(readings);
        return devices;
    }

    /// <summary>The recorded signals of a read: at a point (<c>point_id</c>), the baseline read, or an rpc read; null when not recorded.</summary>
    public BecMap? Reading(string device, string slot) => _readings.GetValueOrDefault((device, slot));

    public static string PointSlot(long point) => $"point {point}";

    public const string BaselineSlot = "baseline";
    public const string RpcSlot = "rpc";

    private void Index(RecordedSession session)
    {
        foreach (var l in session.Lines.Where(l => l.Client == "DeviceServer" && l.Op == "SET" && l.Key.StartsWith("info/devices/read/", StringComparison.Ordinal) && l.Payload is not null))
        {
            var m = BecCodec.DecodeMessage<DeviceMessage>(l.Payload!);
            var device = l.Key["info/devices/read/".Length..];
            var meta = m.Metadata;
            var slot = meta.GetOrNull(MetadataKeys.PointId) is BecInt p ? PointSlot(p.Value)
                : meta.GetOrNull(MetadataKeys.ReadoutPriority) is BecStr { Value: "baseline" } ? BaselineSlot
                : RpcSlot;
            _readings.TryAdd((device, slot), m.Signals);
        }
    }
}
