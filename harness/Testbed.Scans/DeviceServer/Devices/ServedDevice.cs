using Testbed.Bec.Values;

namespace Testbed.Scans.DeviceServer.Devices;

/// <summary>One device as the device server serves it to BEC: its config entry and interface description (what it publishes), and
/// what each instruction does to the driver behind it.</summary>
/// <remarks>Defaults do nothing, as an ophyd device without that method: stage, pre_scan, trigger, complete, kickoff of a counter or a
/// motor are acknowledged without touching the driver.</remarks>
public abstract class ServedDevice(string name, TimeProvider time)
{
    public string Name { get; } = name;

    protected TimeProvider Time { get; } = time;

    /// <summary>False when the driver could not be initialised at start: published disabled, so scans refuse it by name.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Why the device is disabled (the driver's message), or null.</summary>
    public string? Problem { get; set; }

    /// <summary>Its entry of <c>info/devices/config</c> (name, deviceClass, readoutPriority, deviceConfig …).</summary>
    public abstract BecMap Config();

    /// <summary>Its <c>info/devices/info/&lt;dev&gt;</c> description (device_base_class, signals, hints, describe …).</summary>
    public abstract BecMap Info();

    /// <summary>Opens the line and configures the controller.</summary>
    public abstract Task InitializeAsync(CancellationToken ct);

    /// <summary>One reading: signal → {value, timestamp}.</summary>
    public abstract Task<BecMap> ReadAsync(CancellationToken ct);

    /// <summary>The configuration signals (<c>info/devices/read_configuration/&lt;dev&gt;</c>); empty when it has none.</summary>
    public virtual Task<BecMap> ReadConfigurationAsync(CancellationToken ct) => Task.FromResult(new BecMap());

    /// <summary>Soft limits in user units, for <c>info/devices/limits/&lt;dev&gt;</c>; null when the device has none.</summary>
    public virtual (double Low, double High)? Limits => null;

    public virtual Task StageAsync(ScanContext scan, CancellationToken ct) => Task.CompletedTask;

    public virtual Task UnstageAsync(ScanContext scan, CancellationToken ct) => Task.CompletedTask;

    public virtual Task PreScanAsync(ScanContext scan, CancellationToken ct) => Task.CompletedTask;

    public virtual Task TriggerAsync(ScanContext scan, CancellationToken ct) => Task.CompletedTask;

    public virtual Task CompleteAsync(ScanContext scan, CancellationToken ct) => Task.CompletedTask;

    public virtual Task KickoffAsync(ScanContext scan, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Moves (positioners) to <paramref name="value"/>; <paramref name="started"/> is called once the motion is under way.</summary>
    public virtual Task SetAsync(double value, Func<Task> started, CancellationToken ct) =>
        throw new InstructionRefusedException($"{Name} cannot be set: it is not a positioner");

    /// <summary>Stops what the device does (user/queue/stop_devices); never queued behind a running instruction.</summary>
    public virtual Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>A signal entry of a reading.</summary>
    protected BecMap Signal(BecValue value) => new() { ["value"] = value, ["timestamp"] = Bec.BecTime.Now(Time) };
}

/// <summary>An instruction the device cannot carry out (not a fault of the hardware): the error acknowledgement says why.</summary>
public sealed class InstructionRefusedException(string message) : Exception(message);
