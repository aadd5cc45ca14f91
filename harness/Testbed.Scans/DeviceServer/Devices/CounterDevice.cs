using Microsoft.Extensions.Logging;
using Testbed.Bec.Values;
using Testbed.Drivers.Abstractions;

namespace Testbed.Scans.DeviceServer.Devices;

/// <summary>A counter (picoammeter, diode) as a monitored BEC signal: one new reading per read, in its unit; overflow and invalid
/// readings are NaN (and the driver's line saying why is logged as a warning). <c>deviceConfig.controller</c> names its controller, so its
/// stream is BLISS's <c>controller:counter</c>.</summary>
public sealed class CounterDevice(ICounter counter, TimeProvider time, ILogger? logger = null) : ServedDevice(counter.Name, time)
{
    public ICounter Counter => counter;

    public override BecMap Config() => DeviceDescription.ConfigEntry(Name, "testbed.Counter", "monitored",
        new BecMap { ["controller"] = counter.Controller, ["egu"] = counter.Unit }, "beamline", Enabled, disabledReason: Problem);

    public override BecMap Info() => new DeviceDescription("Counter", "signal")
        .Add("readback", Name, "hinted", "number", false)
        .Build(counter.Unit, readAccess: true, writeAccess: false);

    public override Task InitializeAsync(CancellationToken ct) => counter.InitializeAsync(ct);

    public override async Task<BecMap> ReadAsync(CancellationToken ct)
    {
        var reading = await counter.ReadAsync(ct);
        if (!reading.IsValid && reading.Problem is { } problem) logger?.LogWarning("{Problem}", problem);
        return new BecMap { [Name] = Signal(reading.IsValid ? reading.Value : double.NaN) };
    }
}
