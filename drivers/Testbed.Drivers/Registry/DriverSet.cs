using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Registry;

/// <summary>The drivers of a beamline file (or of one entry), in file order: axes, counters, area detectors.</summary>
public sealed class DriverSet(IReadOnlyList<IAxis> axes, IReadOnlyList<ICounter> counters, IReadOnlyList<IAreaDetector> detectors) : IAsyncDisposable
{
    public static DriverSet Empty { get; } = new([], [], []);

    public IReadOnlyList<IAxis> Axes { get; } = axes;

    public IReadOnlyList<ICounter> Counters { get; } = counters;

    public IReadOnlyList<IAreaDetector> Detectors { get; } = detectors;

    /// <summary>Every device name (axes, counters, detectors).</summary>
    public IEnumerable<string> Names => Axes.Select(a => a.Name).Concat(Counters.Select(c => c.Name)).Concat(Detectors.Select(d => d.Name));

    public static DriverSet Of(params IAxis[] axes) => new(axes, [], []);

    public static DriverSet Of(params ICounter[] counters) => new([], counters, []);

    public static DriverSet Of(params IAreaDetector[] detectors) => new([], [], detectors);

    /// <summary>Both sets' drivers, this one's first.</summary>
    public DriverSet Concat(DriverSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new([.. Axes, .. other.Axes], [.. Counters, .. other.Counters], [.. Detectors, .. other.Detectors]);
    }

    /// <summary>Disposes every driver, even when one fails; then rethrows the first failure.</summary>
    public async ValueTask DisposeAsync()
    {
        Exception? first = null;
        foreach (var d in Axes.Cast<IAsyncDisposable>().Concat(Counters).Concat(Detectors))
        {
            try { await d.DisposeAsync(); }
            catch (Exception e) { first ??= e; }
        }
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }
}
