using Testbed.Drivers.Abstractions;

namespace Testbed.Cli.Demo;

/// <summary>A step scan: move one axis through equally spaced points and, at each point, read every channel.</summary>
/// <remarks>Until the scan server exists this is the demo's acquisition loop; it uses only the driver abstractions,
/// so it runs the same against the twin or against real controllers.</remarks>
internal sealed class DemoScan(IAxis motor, IReadOnlyList<IAxis> monitored, IReadOnlyList<IDemoChannel> channels)
{
    /// <summary>Column names: the motor, the other axes, then the channels.</summary>
    public IReadOnlyList<string> Columns =>
        [motor.Name, .. monitored.Where(a => a != motor).Select(a => a.Name), .. channels.Select(c => c.Name)];

    /// <summary>Runs <paramref name="points"/> points from <paramref name="start"/> to <paramref name="stop"/>, reporting each row.</summary>
    public async Task RunAsync(double start, double stop, int points, Action<int, IReadOnlyList<string>> onPoint, CancellationToken ct)
    {
        if (points < 1) throw new ArgumentOutOfRangeException(nameof(points), points, "a scan needs at least one point");
        for (var i = 0; i < points; i++)
        {
            var target = points == 1 ? start : start + (stop - start) * i / (points - 1);
            await motor.MoveAsync(target, ct);
            var row = new List<string> { Format(await motor.PositionAsync(ct)) };
            foreach (var axis in monitored.Where(a => a != motor)) row.Add(Format(await axis.PositionAsync(ct)));
            foreach (var channel in channels) row.Add(await channel.ReadAsync(i, ct));
            onPoint(i, row);
        }
    }

    private static string Format(double v) => v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Something the demo reads at every point (a counter value, a detector frame reference).</summary>
internal interface IDemoChannel
{
    string Name { get; }

    Task<string> ReadAsync(int point, CancellationToken ct);
}
