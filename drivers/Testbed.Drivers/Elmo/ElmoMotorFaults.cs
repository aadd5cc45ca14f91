using System.Globalization;

namespace Testbed.Drivers.Elmo;

/// <summary>The MF (motor fault) bits as the SimplIQ/Gold command reference names them, for error messages.</summary>
public static class ElmoMotorFaults
{
    private static readonly (long Bit, string Meaning)[] Bits =
    [
        (0x8, "peak current exceeded"),
        (0x10, "inhibit or abort input active"),
        (0x80, "speed tracking error"),
        (0x100, "position tracking (following) error"),
        (0x1000, "drive fault (under/over-voltage, short circuit, temperature: see SR bits 0-3)"),
        (0x20000, "speed limit exceeded"),
        (0x200000, "motor stuck: powered but not moving"),
        (0x400000, "position limit exceeded"),
        (0x20000000, "motor cannot start"),
    ];

    /// <summary>"MF=0x200000 (motor stuck: powered but not moving)", or "MF=0 (no motor fault latched)".</summary>
    public static string Describe(long mf)
    {
        var hex = "MF=0x" + mf.ToString("X", CultureInfo.InvariantCulture);
        if (mf == 0) return "MF=0 (no motor fault latched)";
        var names = Bits.Where(b => (mf & b.Bit) != 0).Select(b => b.Meaning).ToList();
        var unknown = mf & ~Bits.Aggregate(0L, (a, b) => a | b.Bit);
        if (unknown != 0) names.Add("other bits 0x" + unknown.ToString("X", CultureInfo.InvariantCulture));
        return $"{hex} ({string.Join("; ", names)})";
    }
}
