using Testbed.Beamline;
using Testbed.Drivers.Registry;

namespace Testbed.Drivers.Elmo;

/// <summary>Elmo Gold drives over UDP (<c>class: elmo</c>): one axis per controller entry.</summary>
public sealed class ElmoDriverFamily : IDriverFactory
{
    public IReadOnlyCollection<string> Classes => ElmoConfig.Classes;

    public DriverSet Create(ControllerConfig controller, DriverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DriverSet.Of(new ElmoAxis(ElmoConfig.Axis(controller), ElmoConfig.Controller(controller), context.Time, context.WireTime));
    }
}
