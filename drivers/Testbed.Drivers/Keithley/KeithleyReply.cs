using System.Globalization;
using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Keithley;

/// <summary>Parses the instrument's replies: readings (first element, unit suffix allowed), booleans, error-queue entries.</summary>
public static class KeithleyReply
{
    /// <summary>The reading (element 0) of a <c>READ?</c>/<c>FETCh?</c> reply; null when it is not a number.</summary>
    public static CounterReading? Reading(string reply)
    {
        var first = reply.Split(',')[0].Trim();
        var end = first.Length;
        while (end > 0 && char.IsAsciiLetter(first[end - 1])) end--;
        if (!double.TryParse(first.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || end == 0) return null;
        var status = value switch
        {
            >= 9.905e37 => CounterStatus.Invalid,
            >= 9.85e37 => CounterStatus.Overflow,
            _ => CounterStatus.Ok,
        };
        return new CounterReading(value, "A", status);
    }

    /// <summary><c>code,"message"</c> from <c>SYST:ERR?</c>; null when malformed.</summary>
    public static (int Code, string Message)? Error(string reply)
    {
        var comma = reply.IndexOf(',');
        if (comma <= 0 || !int.TryParse(reply.AsSpan(0, comma), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)) return null;
        return (code, reply[(comma + 1)..].Trim().Trim('"'));
    }

    /// <summary>Numbers as BLISS writes them (Python <c>str()</c> style: <c>0.1</c>, <c>2e-07</c>).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
}
