using System.Globalization;
using System.Text;

namespace Testbed.Drivers.Elmo;

/// <summary>Elmo framing: a command goes out as ASCII + CR; the reply is the exact echo, the value, and <c>;</c>.</summary>
public static class ElmoReply
{
    /// <summary>Reply terminator.</summary>
    public const byte Terminator = (byte)';';

    /// <summary>The request datagram for <paramref name="command"/> (e.g. <c>PX</c> → <c>PX\r</c>).</summary>
    public static byte[] Request(string command) => Encoding.ASCII.GetBytes(command + "\r");

    /// <summary>Strips the echo from <paramref name="reply"/> (bytes before <c>;</c>); null when the echo is not exactly the command + CR.</summary>
    public static string? Value(string command, ReadOnlySpan<byte> reply)
    {
        // Latin-1 keeps a raw error-code byte (any value) as one character instead of failing to decode.
        var text = Encoding.Latin1.GetString(reply);
        var echo = command + "\r";
        return text.StartsWith(echo, StringComparison.Ordinal) ? text[echo.Length..] : null;
    }

    /// <summary>The command a reply echoes (its printable text before the first CR, starting with a mnemonic), or null when it has none (e.g. garbled).</summary>
    public static string? Echo(ReadOnlySpan<byte> reply)
    {
        var cr = reply.IndexOf((byte)'\r');
        if (cr < 2 || !char.IsAsciiLetter((char)reply[0]) || !char.IsAsciiLetter((char)reply[1])) return null;
        foreach (var b in reply[..cr])
            if (b is < 0x20 or > 0x7E) return null;
        return Encoding.ASCII.GetString(reply[..cr]);
    }

    /// <summary>A value ending in <c>?</c> means the command failed and <c>EC</c> holds the reason.</summary>
    public static bool IsError(string value) => value.EndsWith('?');

    public static bool TryInteger(string value, out long result) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out result);

    public static bool TryNumber(string value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && double.IsFinite(result);

    /// <summary>Integer text for an assignment value.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
