using Testbed.Fuzzing.Engine;
using Testbed.Twin.Clock;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Fuzzing.Targets;

/// <summary>One UDP request datagram into the Elmo twin's interpreter (the code the UDP server calls), on a fresh drive each time.</summary>
/// <remarks>
/// Bad input is answered, never thrown: <c>?</c> (optionally after the code byte) with EC set, or no reply for a datagram
/// over the size limit. Checked: the reply fits the reply buffer and is empty or ends in <c>;</c>. Each datagram runs
/// under the default Gold settings and under the lenient SimplIQ ones (lower case, implicit terminator, code byte).
/// </remarks>
internal sealed class ElmoStatementTarget : FuzzTarget
{
    private static readonly ElmoDriveSettings[] Variants =
    [
        new(),
        new() { Personality = ElmoPersonality.SimplIq, AcceptLowerCase = true, ImplicitTerminatorAtEndOfDatagram = true, ErrorReplyIncludesCodeByte = true },
    ];

    private readonly SimulationClock _clock = new(paused: true);

    // Spec §1 transcripts and the conformance checklist (§5).
    public override IReadOnlyList<byte[]> Corpus { get; } = Bytes(
        "VR\r", "PX\r", "SP=377599\r", "XX\r", "EC\r", "UM\r", "MO\r", "MO=1\r", "MS\r", "SR\r", "IP\r", "AC=755199\r", "DC=755199\r",
        "PA=262222\r", "BG\r", "DV[3]\r", "PA=PX\r", "DV[9]\r", "SR=5\r", "UM=2\r", "ST\r", "JV=-5000\r", "JV=0\rBG\r",
        "HM[3]=3\rHM[2]=0\rHM[4]=0\rHM[5]=0\rHM[1]=1\r", "JV=100000\r", "HM[1]\r", "PX=12345\r", "OB[1]=1\r", "OB[1]\r",
        "VL[2]\r", "VH[2]\r", "MF\r", "AA[14]\r", "MO=0\r", "VR\rUM\rMO\rMO=1\rPA=PX\r", "SP=1000;PA=5;BG;", "SP*1e300/3\r",
        "SP=(1+2)*3-4/2\r", "PR=-100\r", "TR[1]\rTR[2]\r", "PX=-(PA+2)*DV[3]\r", "mo=1\rpx\r", "PX\r\nSP\n\r", "PA=1.5e3\r");

    public override IReadOnlyList<byte[]> Tokens { get; } = Bytes(
        "PX", "PA", "SP", "AC", "DC", "MO", "BG", "ST", "UM", "EC", "VR", "SR", "MS", "IP", "JV", "HM", "DV", "VH", "VL", "OB", "TR",
        "=", "[", "]", "(", ")", "+", "-", "*", "/", ";", "\r", "\n", ".", "e", " ");

    public override int MaxInputLength => 2048;

    public override void Run(byte[] input)
    {
        foreach (var settings in Variants)
        {
            var interpreter = new ElmoInterpreter(new ElmoDrive(_clock, settings));
            var reply = new byte[settings.MaxReplyLength];
            var n = interpreter.Execute(input, reply);
            if (n > reply.Length) throw new FuzzInvariantException($"reply of {n} bytes overran the {reply.Length}-byte buffer");
            if (n > 0 && reply[n - 1] != (byte)';') throw new FuzzInvariantException($"reply {FuzzFinding.Escape(reply.AsSpan(0, n), 80)} does not end in ';'");
        }
    }

    protected override void Dispose(bool disposing) => _clock.Dispose();
}
