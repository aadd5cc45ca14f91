using Testbed.Beamline;

namespace Testbed.Drivers.Registry;

/// <summary>Builds the drivers of one device family from its beamline-file entries.</summary>
/// <remarks>Adding a device family = one factory in its family's folder + one line in <see cref="DriverRegistry"/>.</remarks>
public interface IDriverFactory
{
    /// <summary>The BLISS <c>class:</c> names this factory drives (compared case-insensitively).</summary>
    IReadOnlyCollection<string> Classes { get; }

    /// <summary>Validates the entry and creates its drivers (nothing is sent yet). Config errors throw <see cref="ConfigException"/>.</summary>
    DriverSet Create(ControllerConfig controller, DriverContext context);
}

/// <summary>What every driver gets.</summary>
/// <param name="Time">The clock drivers poll and pause on (the twin's clock when it runs in this process, else the system clock).</param>
/// <param name="WireTime">The clock reply timeouts are measured on: replies take real time whatever the twin's rate.</param>
/// <param name="BaseDirectory">The folder relative paths of the beamline file resolve against.</param>
public sealed record DriverContext(TimeProvider Time, TimeProvider WireTime, string BaseDirectory)
{
    /// <summary>Real time for both clocks.</summary>
    public static DriverContext System(string baseDirectory) => new(TimeProvider.System, TimeProvider.System, baseDirectory);
}
