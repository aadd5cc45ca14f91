using System.Globalization;

namespace Testbed.Scans.Stepping;

/// <summary>One measured point of the demo scan: every axis position and every channel reading, in column order.</summary>
public sealed record ScanPoint(int Index, IReadOnlyList<AxisReading> Positions, IReadOnlyList<ChannelReading> Readings)
{
    /// <summary>The point as table cells (without the index).</summary>
    public IReadOnlyList<string> Row =>
        [.. Positions.Select(p => p.Position.ToString("0.0000", CultureInfo.InvariantCulture)), .. Readings.Select(r => r.Text)];
}

/// <summary>A user position read at a point.</summary>
public sealed record AxisReading(string Axis, double Position);

/// <summary>What a channel gave at a point: the text shown, and the number published (null for channels whose data stays in files).</summary>
public sealed record ChannelReading(IScanChannel Channel, string Text, double? Value);
