namespace Testbed.Twin.Serial;

/// <summary>RS-232 framing of a line: baud, data bits, parity, stop bits, flow control.</summary>
public sealed record SerialLineSettings
{
    /// <summary>The ESRF convention for the Keithley picoammeters: 38400 8N1, no flow control.</summary>
    public static readonly SerialLineSettings Default = new();

    public int BaudRate { get; init; } = 38400;

    public int DataBits { get; init; } = 8;

    public SerialParity Parity { get; init; } = SerialParity.None;

    /// <summary>1, 2 (or 3 for 1.5, as RFC 2217 codes it).</summary>
    public int StopBits { get; init; } = 1;

    public bool XonXoff { get; init; }

    /// <summary>Bits on the wire per character (start + data + parity + stop), for baud pacing.</summary>
    public int BitsPerCharacter => 1 + DataBits + (Parity == SerialParity.None ? 0 : 1) + (StopBits == 2 ? 2 : 1);

    public override string ToString() => $"{BaudRate} {DataBits}{Parity.ToString()[0]}{StopBits}{(XonXoff ? " xon/xoff" : "")}";
}

/// <summary>Parity, numbered as RFC 2217's SET-PARITY values.</summary>
public enum SerialParity
{
    None = 1,
    Odd = 2,
    Even = 3,
    Mark = 4,
    Space = 5,
}
