using Testbed.Beamline;
using Testbed.Drivers.Registry;

namespace Testbed.Drivers.Detector;

/// <summary>SIMPLON-style REST detectors (<c>class: simplon_detector</c>): one area detector per entry.</summary>
public sealed class SimplonDriverFamily : IDriverFactory
{
    public IReadOnlyCollection<string> Classes { get; } = ["simplon_detector"];

    public DriverSet Create(ControllerConfig controller, DriverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DriverSet.Of(new SimplonDetector(SimplonDetectorOptions.FromConfig(controller, context.BaseDirectory), context.Time, wireTime: context.WireTime));
    }
}
