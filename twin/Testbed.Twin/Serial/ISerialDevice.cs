namespace Testbed.Twin.Serial;

/// <summary>A line-oriented device a serial transport (pty, TCP, RFC 2217) can put on a wire.</summary>
public interface ISerialDevice
{
    /// <summary>A short description for logs, e.g. "Keithley 6485 picoammeter".</summary>
    string Description { get; }

    /// <summary>The line settings the device expects (what a mismatching client is told about in the log).</summary>
    SerialLineSettings Line { get; }

    /// <summary>Starts the byte-level state of one connection (partial input, pending output); the device state is shared.</summary>
    ISerialSession OpenSession();
}

/// <summary>The byte stream of one connection to an <see cref="ISerialDevice"/>.</summary>
/// <remarks>Output can be due later than the input that caused it (a conversion takes time): transports take what is ready and come back after <c>nextDue</c>.</remarks>
public interface ISerialSession
{
    /// <summary>Bytes from the host.</summary>
    void Receive(ReadOnlySpan<byte> data);

    /// <summary>Output that is due now (maybe empty); <paramref name="nextDue"/> is how long until more is due, or null when nothing is pending.</summary>
    byte[] TakeReady(out TimeSpan? nextDue);

    /// <summary>Drops received bytes not yet executed (a partial line).</summary>
    void PurgeInput();

    /// <summary>Drops output not yet sent.</summary>
    void PurgeOutput();
}
