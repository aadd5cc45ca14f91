using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Fuzzing.Engine;
using Testbed.Twin.Clock;
using Testbed.Twin.Serial;

namespace Testbed.Fuzzing.Targets;

/// <summary>A client's bytes on an RFC 2217 connection into the twin's negotiator (telnet options, COM-PORT subnegotiations, IAC-doubled data), then the SCPI session.</summary>
/// <remarks>
/// Bad input never throws: unknown options are refused once, malformed subnegotiations are ignored. Checked: every
/// reply is a telnet command (starts with IAC), and the data reaching the instrument is SCPI-safe as above.
/// </remarks>
internal sealed class Rfc2217Target : FuzzTarget
{
    private readonly SimulationClock _clock = new(paused: true);

    // BLISS's negotiation (spec A2.2, byte-level example), a purge, a data phase with a doubled 0xFF.
    public override IReadOnlyList<byte[]> Corpus { get; } =
    [
        [0xFF, 0xFD, 0x01, 0xFF, 0xFB, 0x03, 0xFF, 0xFD, 0x03, 0xFF, 0xFD, 0x2C, 0xFF, 0xFB, 0x2C],
        [0xFF, 0xFB, 0x00],
        [0xFF, 0xFA, 0x2C, 0x01, 0x00, 0x00, 0x96, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x02, 0x08, 0xFF, 0xF0,
         0xFF, 0xFA, 0x2C, 0x03, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x04, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x05, 0x01, 0xFF, 0xF0],
        [0xFF, 0xFA, 0x2C, 0x0C, 0x01, 0xFF, 0xF0, .. "*IDN?\n"u8],
        [0xFF, 0xFA, 0x2C, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x0A, 0xFF, 0xFF, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x0B, 0x00, 0xFF, 0xF0],
        [0xFF, 0xFA, 0x2C, 0x05, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x05, 0x07, 0xFF, 0xF0, 0xFF, 0xFD, 0x18, 0xFF, 0xFB, 0x1F],
        [.. "READ?\n"u8, 0xFF, 0xFF, .. "SYST:ERR?\n"u8, 0xFF, 0xFA, 0x2C, 0x0C, 0x03, 0xFF, 0xF0],
    ];

    public override IReadOnlyList<byte[]> Tokens { get; } =
        [[0xFF], [0xFF, 0xFA, 0x2C], [0xFF, 0xF0], [0xFF, 0xFB], [0xFF, 0xFD], [0xFF, 0xFC], [0xFF, 0xFE], [0xFF, 0xFF], [0x2C], .. Bytes("\n", "READ?")];

    public override int MaxInputLength => 16 * 1024;

    public override void Run(byte[] input)
    {
        var rig = new KeithleyRig(_clock, 6485);
        var negotiator = new Rfc2217Negotiator(rig.Session, rig.Instrument.Line, NullLogger.Instance, "fuzz");
        var data = new List<byte>();
        var replies = new List<byte>();
        foreach (var chunk in Chunks.Of(input))
        {
            data.Clear();
            replies.Clear();
            negotiator.Process(chunk, data, replies);
            if (replies.Count > 0 && replies[0] != Telnet.Iac)
                throw new FuzzInvariantException($"negotiation reply {FuzzFinding.Escape(replies.ToArray(), 40)} is not a telnet command");
            if (data.Count > 0) rig.Session.Receive(data.ToArray());
            rig.Settle();
        }
    }

    protected override void Dispose(bool disposing) => _clock.Dispose();
}
