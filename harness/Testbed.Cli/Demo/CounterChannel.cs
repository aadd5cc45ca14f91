using System.Globalization;
using Testbed.Drivers.Abstractions;

namespace Testbed.Cli.Demo;

/// <summary>A counter in the demo scan: one new reading per point.</summary>
internal sealed class CounterChannel(ICounter counter) : IDemoChannel
{
    public string Name => counter.Name;

    public async Task<string> ReadAsync(int point, CancellationToken ct)
    {
        var reading = await counter.ReadAsync(ct);
        return reading.IsValid ? $"{reading.Value.ToString("0.000e+00", CultureInfo.InvariantCulture)} {reading.Unit}" : reading.Status.ToString().ToLowerInvariant();
    }
}
