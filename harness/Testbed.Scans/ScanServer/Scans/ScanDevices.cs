using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Devices;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>The devices of one scan by role, as the recorded scan server resolves them (spec §1.3, §5.4, corrections 2–4):
/// scan motors are promoted to monitored; baseline devices are read once; async devices are staged one by one first; software-triggered
/// devices get a trigger at every point. Device lists in instructions are sorted by name, as recorded.</summary>
public sealed record ScanDevices(IReadOnlyList<string> Monitored, IReadOnlyList<string> Baseline, IReadOnlyList<string> Async,
    IReadOnlyList<string> OnRequest, IReadOnlyList<string> Continuous, IReadOnlyList<string> Triggered, IReadOnlyList<string> MotorStage)
{
    /// <summary>Every staged device: async ones (each its own stage), then motors and the monitored devices that are not plain signals.</summary>
    public IReadOnlyList<string> Staged => [.. Async, .. MotorStage];

    /// <summary>complete and unstage: motors first, then async devices (recorded ["samx", "eiger"]).</summary>
    public IReadOnlyList<string> CompleteOrder => [.. MotorStage, .. Async];

    /// <summary>ScanStatusMessage.readout_priority.</summary>
    public BecMap ReadoutPriority => new()
    {
        ["monitored"] = Strings(Monitored),
        ["baseline"] = Strings(Baseline),
        ["async"] = Strings(Async),
        ["continuous"] = Strings(Continuous),
        ["on_request"] = Strings(OnRequest),
    };

    public static ScanDevices Resolve(DeviceSet devices, IReadOnlyList<string> motors)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(motors);
        var enabled = devices.Enabled.ToList();
        List<string> Of(string priority) => [.. enabled.Where(d => d.ReadoutPriority == priority && !motors.Contains(d.Name)).Select(d => d.Name)];
        var monitored = Of("monitored").Concat(motors).Distinct().Order(StringComparer.Ordinal).ToList();
        var otherStaged = enabled.Where(d => d.ReadoutPriority == "monitored" && !motors.Contains(d.Name) && !d.IsSignal && d.Info is not null)
            .Select(d => d.Name).Order(StringComparer.Ordinal);
        return new ScanDevices(
            monitored,
            [.. Of("baseline").Order(StringComparer.Ordinal)],
            [.. Of("async").Order(StringComparer.Ordinal)],
            [.. Of("on_request").Order(StringComparer.Ordinal)],
            [.. Of("continuous").Order(StringComparer.Ordinal)],
            [.. enabled.Where(d => d.SoftwareTrigger).Select(d => d.Name).Order(StringComparer.Ordinal)],
            [.. motors.Concat(otherStaged).Distinct()]);
    }

    public static BecList Strings(IEnumerable<string> names) => new(names.Select(n => (BecValue)n));
}
