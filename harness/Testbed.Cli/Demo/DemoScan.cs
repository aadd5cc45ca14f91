using Testbed.Drivers.Abstractions;

namespace Testbed.Cli.Demo;

/// <summary>A step scan: move one axis through equally spaced points and, at each point, read every channel.</summary>
/// <remarks>Until the scan server exists this is the demo's acquisition loop; it uses only the driver abstractions,
/// so it runs the same against the twin or against real controllers.</remarks>
internal sealed class DemoScan(IAxis motor, IReadOnlyList<IAxis> monitored, IReadOnlyList<IDemoChannel> channels)
{
    /// <summary>The motor first, then the other axes.</summary>
    public IReadOnlyList<IAxis> Axes { get; } = [motor, .. monitored.Where(a => a != motor)];

    /// <summary>Column names: the motor, the other axes, then the channels.</summary>
    public IReadOnlyList<string> Columns => [.. Axes.Select(a => a.Name), .. channels.Select(c => c.Name)];

    /// <summary>Where the scan's <paramref name="i"/>-th point is.</summary>
    public static double Target(double start, double stop, int points, int i) =>
        points == 1 ? start : start + (stop - start) * i / (points - 1);

    /// <summary>Runs <paramref name="points"/> points from <paramref name="start"/> to <paramref name="stop"/>, reporting each point as it is measured.</summary>
    public async Task RunAsync(double start, double stop, int points, Func<DemoPoint, Task> onPoint, CancellationToken ct)
    {
        if (points < 1) throw new ArgumentOutOfRangeException(nameof(points), points, "a scan needs at least one point");
        for (var i = 0; i < points; i++)
        {
            await motor.MoveAsync(Target(start, stop, points, i), ct);
            var positions = new List<AxisReading>();
            foreach (var axis in Axes) positions.Add(new AxisReading(axis.Name, await axis.PositionAsync(ct)));
            var readings = new List<ChannelReading>();
            foreach (var channel in channels) readings.Add(await channel.ReadAsync(i, ct));
            await onPoint(new DemoPoint(i, positions, readings));
        }
    }
}

/// <summary>Something the demo reads at every point (a counter value, a detector frame reference).</summary>
internal interface IDemoChannel
{
    string Name { get; }

    Task<ChannelReading> ReadAsync(int point, CancellationToken ct);
}
