namespace Testbed.Drivers.Comm;

/// <summary>No complete reply arrived within the timeout; the line was reset so a late reply cannot be mistaken for the next one.</summary>
public sealed class LineTimeoutException : TimeoutException
{
    public LineTimeoutException(string address, TimeSpan timeout, byte[] received)
        : base($"no reply from {address} within {timeout.TotalSeconds:0.###} s" +
               (received.Length == 0 ? " (nothing received)" : $" (received so far: '{Printable(received)}')"))
    {
        Address = address;
        Timeout = timeout;
        Received = received;
    }

    public string Address { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The bytes of the incomplete reply, if any.</summary>
    public byte[] Received { get; }

    /// <summary>Bytes as text with CR, LF and other control bytes escaped.</summary>
    public static string Printable(ReadOnlySpan<byte> bytes)
    {
        var sb = new System.Text.StringBuilder(bytes.Length);
        foreach (var b in bytes)
            sb.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                < 0x20 or >= 0x7f => $"\\x{b:x2}",
                _ => ((char)b).ToString(),
            });
        return sb.ToString();
    }
}

/// <summary>The peer's host answered "port unreachable" (ICMP): nothing listens at the address.</summary>
public sealed class LineUnreachableException : IOException
{
    public LineUnreachableException(string address, Exception inner)
        : base($"nothing listens at {address} (port unreachable); start the device or fix the url", inner) => Address = address;

    public string Address { get; }
}
