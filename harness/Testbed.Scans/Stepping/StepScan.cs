using System.Globalization;
using Testbed.Drivers.Abstractions;
using Testbed.Scans.Validation;

namespace Testbed.Scans.Stepping;

/// <summary>A step scan: move one axis through equally spaced points and, at each point, read every channel.</summary>
/// <remarks>It uses only the driver abstractions, so it runs the same against the twin or against real controllers.</remarks>
public sealed class StepScan(IAxis motor, IReadOnlyList<IAxis> monitored, IReadOnlyList<IScanChannel> channels)
{
    /// <summary>The motor first, then the other axes.</summary>
    public IReadOnlyList<IAxis> Axes { get; } = [motor, .. monitored.Where(a => a != motor)];

    /// <summary>Column names: the motor, the other axes, then the channels.</summary>
    public IReadOnlyList<string> Columns => [.. Axes.Select(a => a.Name), .. channels.Select(c => c.Name)];

    /// <summary>Where the scan's <paramref name="i"/>-th point is.</summary>
    public static double Target(double start, double stop, int points, int i) =>
        points == 1 ? start : start + (stop - start) * i / (points - 1);

    /// <summary>
    /// Refuses the scan before anything moves: at least one point, finite ends, a positive count time, and every position
    /// of the motor — from where it stands now, backlash legs included — inside its software limits.
    /// </summary>
    /// <exception cref="ScanParameterException">What is wrong, in the user's terms.</exception>
    public async Task CheckAsync(double start, double stop, int points, double countTime, CancellationToken ct)
    {
        var scan = $"ascan {motor.Name} {Format(start)} {Format(stop)} {points - 1} {Format(countTime)}";
        ScanChecks.Points(scan, "the number of points", points);
        ScanChecks.Finite(scan, "the start", start);
        ScanChecks.Finite(scan, "the end", stop);
        ScanChecks.CountTime(scan, countTime);
        var current = await motor.PositionAsync(ct);
        ScanChecks.Path(scan, AxisRange.Of(motor), current, Enumerable.Range(0, points).Select(i => Target(start, stop, points, i)));
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="points"/> points from <paramref name="start"/> to <paramref name="stop"/>, reporting each point as it is measured.</summary>
    public async Task RunAsync(double start, double stop, int points, Func<ScanPoint, Task> onPoint, CancellationToken ct)
    {
        if (points < 1) throw new ArgumentOutOfRangeException(nameof(points), points, "a scan needs at least one point");
        for (var i = 0; i < points; i++)
        {
            await motor.MoveAsync(Target(start, stop, points, i), ct);
            var positions = new List<AxisReading>();
            foreach (var axis in Axes) positions.Add(new AxisReading(axis.Name, await axis.PositionAsync(ct)));
            var readings = new List<ChannelReading>();
            foreach (var channel in channels) readings.Add(await channel.ReadAsync(i, ct));
            await onPoint(new ScanPoint(i, positions, readings));
        }
    }
}

/// <summary>Something a step scan reads at every point (a counter value, a detector frame reference).</summary>
public interface IScanChannel
{
    string Name { get; }

    Task<ChannelReading> ReadAsync(int point, CancellationToken ct);
}
