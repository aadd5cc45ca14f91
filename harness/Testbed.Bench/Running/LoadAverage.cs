using System.Globalization;

namespace Testbed.Bench.Running;

/// <summary>The system's 1-minute load average (first field of <c>/proc/loadavg</c>).</summary>
public static class LoadAverage
{
    private const string Path = "/proc/loadavg";

    /// <summary>The current 1-minute load, or null where the system does not report it.</summary>
    public static double? OneMinute()
    {
        try { return Parse(File.ReadAllText(Path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The first field of a <c>/proc/loadavg</c> line ("16.02 15.44 12.31 16/322 15773"), or null.</summary>
    public static double? Parse(string line)
    {
        var first = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) && load >= 0 ? load : null;
    }
}
