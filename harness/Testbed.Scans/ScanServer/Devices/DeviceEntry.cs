using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Devices;

/// <summary>One device as the device server publishes it: its config (<c>info/devices/config</c>) and interface
/// (<c>info/devices/info/&lt;dev&gt;</c>). The scan server knows devices only this way, as BEC's does.</summary>
public sealed class DeviceEntry
{
    public DeviceEntry(BecMap config, BecMap? info)
    {
        Config = config;
        Info = info;
        Name = config["name"].AsString();
    }

    public string Name { get; }

    public BecMap Config { get; }

    /// <summary>The interface description (DeviceInfoMessage.info), or null when the device server has not published it.</summary>
    public BecMap? Info { get; }

    /// <summary>monitored, baseline, async, on_request or continuous.</summary>
    public string ReadoutPriority => Config.GetOrNull("readoutPriority") is BecStr s ? s.Value : "baseline";

    public bool Enabled => Config.GetOrNull("enabled") is not BecBool { Value: false };

    /// <summary>Why the device server disabled the device (<c>deviceConfig.disabled_reason</c>: its driver failed at start), or null.</summary>
    public string? DisabledReason => DeviceConfig.GetOrNull("disabled_reason") is BecStr { Value.Length: > 0 } r ? r.Value : null;

    /// <summary>The refusal for a disabled device: the device server's reason, else BEC's advice.</summary>
    public string DisabledText => DisabledReason is { } r
        ? $"{Name} is disabled: the device server could not initialise it ({r}); fix that and restart the device server"
        : $"{Name} is disabled; enable it in the device config first";

    public bool SoftwareTrigger => Config.GetOrNull("softwareTrigger") is BecBool { Value: true };

    public bool ReadOnly => Config.GetOrNull("readOnly") is BecBool { Value: true };

    public BecMap DeviceConfig => Config.GetOrNull("deviceConfig") as BecMap ?? [];

    /// <summary>positioner, device, signal or computed_signal.</summary>
    public string? BaseClass => Info?.GetOrNull("device_base_class") is BecStr s ? s.Value : null;

    public bool IsPositioner => BaseClass == "positioner";

    /// <summary>Plain signals (ophyd Signal) have nothing to stage.</summary>
    public bool IsSignal => BaseClass is "signal" or "computed_signal";

    /// <summary>BLISS's controller part of a counter's full name: <c>deviceConfig.controller</c>, else the device name.</summary>
    public string Controller => DeviceConfig.GetOrNull("controller") is BecStr { Value.Length: > 0 } c ? c.Value : Name;

    /// <summary>The signal that carries the device's value in its readings: the first hinted field, else the device name.</summary>
    public string ValueSignal =>
        (Info?.GetOrNull("hints") as BecMap)?.GetOrNull("fields") is BecList { Count: > 0 } f && f[0] is BecStr s ? s.Value : Name;

    /// <summary>Engineering unit: <c>describe_configuration.egu</c>, else <c>deviceConfig.egu</c>/<c>unit</c>; null when none.</summary>
    public string? Unit =>
        (Info?.GetOrNull("describe_configuration") as BecMap)?.GetOrNull("egu") is BecStr { Value.Length: > 0 } e ? e.Value
        : DeviceConfig.GetOrNull("egu") is BecStr { Value.Length: > 0 } g ? g.Value
        : DeviceConfig.GetOrNull("unit") is BecStr { Value.Length: > 0 } u ? u.Value
        : null;

    /// <summary>Backlash in user units (<c>deviceConfig.backlash</c>; 0 when absent).</summary>
    public double Backlash => DeviceConfig.GetOrNull("backlash") is { } b && b is BecInt or BecFloat ? b.AsDouble() : 0;

    /// <summary>A camera: a signal whose description has a 2-D shape (the <c>image</c> signal); its name and [height, width].</summary>
    public (string Signal, int Height, int Width)? Image
    {
        get
        {
            if (Info?.GetOrNull("signals") is not BecMap signals) return null;
            (string, int, int)? found = null;
            foreach (var (key, value) in signals.Entries)
            {
                if ((value as BecMap)?.GetOrNull("describe") is not BecMap d || d.GetOrNull("shape") is not BecList { Count: 2 } shape) continue;
                var name = key.AsString();
                var image = (name, (int)shape[0].AsInt64(), (int)shape[1].AsInt64());
                if (name == "image") return image;
                found ??= image;
            }
            return found;
        }
    }

    public override string ToString() => $"{Name} ({ReadoutPriority}, {BaseClass ?? "no info"})";
}
