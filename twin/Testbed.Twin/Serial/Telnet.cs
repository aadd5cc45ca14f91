namespace Testbed.Twin.Serial;

/// <summary>Telnet (RFC 854) bytes and the options RFC 2217 uses.</summary>
public static class Telnet
{
    public const byte Se = 0xF0;
    public const byte Sb = 0xFA;
    public const byte Will = 0xFB;
    public const byte Wont = 0xFC;
    public const byte Do = 0xFD;
    public const byte Dont = 0xFE;
    public const byte Iac = 0xFF;

    public const byte Binary = 0;
    public const byte Echo = 1;
    public const byte SuppressGoAhead = 3;
    public const byte ComPort = 44;

    /// <summary>Doubles every 0xFF so data survives telnet framing.</summary>
    public static byte[] Escape(ReadOnlySpan<byte> data)
    {
        var count = 0;
        foreach (var b in data) if (b == Iac) count++;
        if (count == 0) return data.ToArray();
        var output = new byte[data.Length + count];
        var j = 0;
        foreach (var b in data)
        {
            output[j++] = b;
            if (b == Iac) output[j++] = Iac;
        }
        return output;
    }
}
