using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Devices;

/// <summary>The session's devices, read from what the device server published, and their current limits and positions.</summary>
public sealed class DeviceSet
{
    private readonly Dictionary<string, DeviceEntry> _byName;

    public DeviceSet(IReadOnlyList<DeviceEntry> devices)
    {
        All = devices;
        _byName = devices.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>In config order.</summary>
    public IReadOnlyList<DeviceEntry> All { get; }

    public IEnumerable<DeviceEntry> Enabled => All.Where(d => d.Enabled);

    public DeviceEntry? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>GETs <c>info/devices/config</c> and every device's <c>info/devices/info/&lt;dev&gt;</c>; empty when there is no config yet.</summary>
    public static async Task<DeviceSet> LoadAsync(BecConnector bec)
    {
        ArgumentNullException.ThrowIfNull(bec);
        var config = await bec.GetAsync(MessageEndpoints.DeviceConfig());
        var devices = new List<DeviceEntry>();
        if (config?.Resource is BecList list)
        {
            foreach (var item in list)
            {
                if (item is not BecMap c || c.GetOrNull("name") is not BecStr) continue;
                var info = await bec.GetAsync(MessageEndpoints.DeviceInfo(c["name"].AsString()));
                devices.Add(new DeviceEntry(c, info?.Info));
            }
        }
        return new DeviceSet(devices);
    }

    /// <summary>The soft limits from <c>info/devices/limits/&lt;dev&gt;</c> ({low: {value}, high: {value}}); null when none are set
    /// (absent, or low = high as ophyd writes for "no limits").</summary>
    public static async Task<(double Low, double High)?> LimitsAsync(BecConnector bec, string device)
    {
        ArgumentNullException.ThrowIfNull(bec);
        var m = await bec.GetAsync(MessageEndpoints.DeviceLimits(device));
        if (m is null || Number(m.Signals, "low") is not { } low || Number(m.Signals, "high") is not { } high || low >= high) return null;
        return (low, high);
    }

    /// <summary>The last readback (<c>info/devices/readback/&lt;dev&gt;</c>, value of <see cref="DeviceEntry.ValueSignal"/>), or null.</summary>
    public static async Task<double?> PositionAsync(BecConnector bec, DeviceEntry device)
    {
        ArgumentNullException.ThrowIfNull(bec);
        ArgumentNullException.ThrowIfNull(device);
        var m = await bec.GetAsync(MessageEndpoints.DeviceReadback(device.Name));
        return m is null ? null : Number(m.Signals, device.ValueSignal);
    }

    /// <summary>The numeric value of <c>signals[signal].value</c> (int, float or numpy scalar), or null.</summary>
    public static double? Number(BecMap signals, string signal) =>
        (signals.GetOrNull(signal) as BecMap)?.GetOrNull("value") is { } v ? AsNumber(v) : null;

    public static double? AsNumber(BecValue v) => v switch
    {
        BecInt or BecFloat => v.AsDouble(),
        NumpyScalar n => n.ToDouble(),
        _ => null,
    };
}
