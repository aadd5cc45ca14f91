using Testbed.Beamline;
using Testbed.Blissdata;
using Testbed.Drivers.Registry;
using Testbed.Scans.Bus;

namespace Testbed.Scans.DeviceServer;

/// <summary>Settings of the device server: the beamline file it drives (through <see cref="DriverRegistry"/>) and its clocks.</summary>
public sealed record DeviceServerOptions : BecServiceOptions
{
    /// <summary>The beamline file: every controller becomes a device (axes, counters, area detectors), named as in the file.</summary>
    public required BeamlineConfig Beamline { get; init; }

    /// <summary>The clock reply timeouts are measured on (real time: replies take real time whatever the twin's rate). The drivers
    /// poll and pause on <see cref="BecServiceOptions.Time"/>.</summary>
    public TimeProvider WireTime { get; init; } = TimeProvider.System;

    /// <summary>Drivers to serve instead of building them from <see cref="Beamline"/> (the server then owns and disposes them).</summary>
    public DriverSet? Drivers { get; init; }

    /// <summary>How long a detector may take, after its last trigger, to close its files (on <see cref="BecServiceOptions.Time"/>).</summary>
    public TimeSpan DetectorTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connection settings of the blissdata stores the scans name.</summary>
    public DataStoreOptions? Blissdata { get; init; }
}
