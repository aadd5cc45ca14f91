using System.Text;
using Testbed.Drivers.Elmo;
using Testbed.Fuzzing.Engine;

namespace Testbed.Fuzzing.Targets;

/// <summary>A reply datagram to one of the Elmo driver's commands into its reply handling: echo check, error mark, integer and number parsing, status decoding.</summary>
/// <remarks>
/// The first byte chooses the command (as the driver sends them: <c>PX</c>, <c>SR</c>, <c>SP=1000</c> …), the rest is
/// the reply up to <c>;</c>. The driver's own path: <see cref="ElmoReply.Value"/> (null = echo mismatch, the line is
/// reset), <see cref="ElmoReply.IsError"/>, then <see cref="ElmoReply.TryInteger"/> / <see cref="ElmoReply.TryNumber"/>
/// and, for SR/IP/MS values, <see cref="ElmoStatus"/>. These are total: any exception is a crash.
/// </remarks>
internal sealed class ElmoReplyTarget : FuzzTarget
{
    private static readonly string[] Commands = ["VR", "UM", "MO", "PX", "PA", "SP", "AC", "SR", "IP", "MS", "EC", "HM[1]", "PA=262222", "MO=1", "BG", "JV=-5000"];

    // Replies of the spec transcripts (§1, §5), each after its command byte.
    public override IReadOnlyList<byte[]> Corpus { get; } =
    [
        Reply(0, "VR\rGold Twitter 01.01.16.00 (twin)"), Reply(1, "UM\r5"), Reply(2, "MO\r0"), Reply(3, "PX\r-1234"), Reply(4, "PA\r262222"),
        Reply(5, "SP\r377599"), Reply(6, "AC\r755199"), Reply(7, "SR\r4210704"), Reply(8, "IP\r0"), Reply(9, "MS\r2"), Reply(10, "EC\r2"),
        Reply(11, "HM[1]\r0"), Reply(12, "PA=262222\r"), Reply(13, "MO=1\r?"), Reply(14, "BG\r\u0015?"), Reply(15, "JV=-5000\r"), Reply(3, "PX\r 12.5e3 "),
    ];

    public override IReadOnlyList<byte[]> Tokens { get; } = Bytes("\r", "?", ";", "-", "+", ".", "e", " ", "\t");

    public override int MaxInputLength => 2048;

    public override void Run(byte[] input)
    {
        if (input.Length == 0) return;
        var command = Commands[input[0] % Commands.Length];
        var reply = input.AsSpan(1);
        var end = reply.IndexOf(ElmoReply.Terminator);
        if (end >= 0) reply = reply[..end];
        var value = ElmoReply.Value(command, reply);
        if (value is null || ElmoReply.IsError(value)) return;
        if (ElmoReply.TryInteger(value, out var n))
        {
            ElmoStatus.Decode(n, n >> 8, n & 3, controlSlave: true);
            ElmoStatus.DecodeHoming(n);
            _ = ElmoStatus.OnLimit(n);
        }
        if (ElmoReply.TryNumber(value, out var x) && !double.IsFinite(x))
            throw new FuzzInvariantException($"TryNumber accepted the non-finite value '{value}'");
    }

    private static byte[] Reply(int command, string text) => [(byte)command, .. Encoding.Latin1.GetBytes(text)];
}
