using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Comm;

namespace Testbed.Drivers.Elmo;

/// <summary>An Elmo command that failed; names the axis, the drive's address, the command and the last reply bytes.</summary>
public class ElmoException : AxisException
{
    public ElmoException(string axis, string address, string command, byte[]? lastReply, string problem, Exception? inner = null)
        : base(axis, Format(axis, address, command, lastReply, problem), inner)
    {
        Address = address;
        Command = command;
        LastReply = lastReply;
        Problem = problem;
    }

    /// <summary><c>udp://host:port</c> of the drive.</summary>
    public string Address { get; }

    /// <summary>The command as sent, without its terminator.</summary>
    public string Command { get; }

    /// <summary>The reply bytes before the final <c>;</c>, when a reply came.</summary>
    public byte[]? LastReply { get; }

    public string Problem { get; }

    private static string Format(string axis, string address, string command, byte[]? reply, string problem) =>
        $"axis {axis} ({address}): command '{command}' failed: {problem}" +
        (reply is null ? "" : $"; reply was '{LineTimeoutException.Printable(reply)};'");
}

/// <summary>The drive refused a command (reply ending in <c>?</c>); <see cref="Code"/> is what <c>EC</c> returned.</summary>
public sealed class ElmoCommandException : ElmoException
{
    public ElmoCommandException(string axis, string address, string command, byte[] lastReply, int code)
        : base(axis, address, command, lastReply, ElmoErrorCodes.Describe(code)) => Code = code;

    public int Code { get; }

    /// <summary>The table text for <see cref="Code"/>, or null for an unknown code.</summary>
    public string? Text => ElmoErrorCodes.Text(Code);
}

/// <summary>No complete reply after every attempt (each from a new source port).</summary>
public sealed class ElmoTimeoutException : ElmoException
{
    public ElmoTimeoutException(string axis, string address, string command, byte[] received, string problem, Exception inner)
        : base(axis, address, command, null,
            problem + (received.Length == 0 ? "; nothing was received" : $"; received only '{LineTimeoutException.Printable(received)}' without the final ';'"), inner) =>
        Received = received;

    /// <summary>The bytes of the last attempt's incomplete reply (empty when nothing came).</summary>
    public byte[] Received { get; }
}
