using System.Globalization;
using Testbed.Drivers.Abstractions;

namespace Testbed.Scans.Stepping;

/// <summary>A counter in the demo scan: one new reading per point.</summary>
/// <param name="counter">The counter read at each point.</param>
/// <param name="controller">The controller's name in the beamline file; with the counter's name it makes the stream name.</param>
public sealed class CounterChannel(ICounter counter, string controller) : IScanChannel
{
    public string Name => counter.Name;

    public ICounter Counter => counter;

    public string Unit => counter.Unit;

    /// <summary>BLISS's full counter name, <c>&lt;controller&gt;:&lt;counter&gt;</c>, e.g. <c>kctrl_mon:mondio</c>.</summary>
    public string FullName => $"{controller}:{counter.Name}";

    /// <summary>The counter's controller name (its device in scan_info).</summary>
    public string Controller => controller;

    public async Task<ChannelReading> ReadAsync(int point, CancellationToken ct)
    {
        var reading = await counter.ReadAsync(ct);
        // Overflow and invalid readings are published as NaN (null in JSON views), never as a number.
        return reading.IsValid
            ? new ChannelReading(this, $"{reading.Value.ToString("0.000e+00", CultureInfo.InvariantCulture)} {reading.Unit}", reading.Value)
            : new ChannelReading(this, reading.Status.ToString().ToLowerInvariant(), double.NaN);
    }
}
