namespace Testbed.Drivers.Comm;

/// <summary>Line settings for opening a serial line (BLISS's <c>serial:</c> keys).</summary>
public sealed record SerialLineOptions
{
    public int BaudRate { get; init; } = 9600;

    public int DataBits { get; init; } = 8;

    /// <summary>'N', 'E' or 'O'.</summary>
    public char Parity { get; init; } = 'N';

    public int StopBits { get; init; } = 1;

    public bool XonXoff { get; init; }

    /// <summary>How long opening (TCP connect, RFC 2217 negotiation) may take.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
