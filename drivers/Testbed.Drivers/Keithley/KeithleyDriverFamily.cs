using Testbed.Beamline;
using Testbed.Drivers.Registry;

namespace Testbed.Drivers.Keithley;

/// <summary>Keithley 6485/6487 picoammeters on serial lines (<c>class: keithley</c>): one counter per entry (its sensor).</summary>
public sealed class KeithleyDriverFamily : IDriverFactory
{
    public IReadOnlyCollection<string> Classes { get; } = ["keithley"];

    public DriverSet Create(ControllerConfig controller, DriverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DriverSet.Of(new KeithleyCounter(KeithleyCounterSettings.From(controller), time: context.WireTime));
    }
}
