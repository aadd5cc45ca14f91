using System.Net;
using Testbed.Fuzzing.Engine;
using Testbed.Twin.Serial;

namespace Testbed.Fuzzing.Targets;

/// <summary>Bytes typed at the twin's ser2net control port (telnet commands, characters, backspace, CR-terminated commands).</summary>
/// <remarks>Bad input never throws: unknown commands get "Unknown command", control characters and telnet commands are dropped. Checked: nothing escapes.</remarks>
internal sealed class Ser2NetControlTarget : FuzzTarget
{
    private readonly Ser2NetControlPort _port = new(new IPEndPoint(IPAddress.Loopback, 0),
        [new Ser2NetPort(() => 28001, "/dev/ttyS0", SerialLineSettings.Default)]);

    // BLISS's lookup (spec A2.3): showshortport with CR LF, plus help, exit and telnet noise.
    public override IReadOnlyList<byte[]> Corpus { get; } =
    [
        .. Bytes("showshortport\r\n", "showport\r", "help\r", "exit\r", "quit\r\n", "showshortport 28001\r", "\r\r\r", "shoe\bwshortport\r", "nope\x7f\x7f\r"),
        [0xFF, 0xFD, 0x03, 0xFF, 0xFB, 0x18, .. "showshortport\r\n"u8],
        [0xFF, 0xFA, 0x18, 0x00, 0x41, 0xFF, 0xF0, .. "help\r"u8],
    ];

    public override IReadOnlyList<byte[]> Tokens { get; } = [[0xFF], [0xFF, 0xFA], [0xF0], [0x08], [0x7F], .. Bytes("\r", "\n", " ", "showshortport", "exit")];

    public override int MaxInputLength => 16 * 1024;

    public override void Run(byte[] input)
    {
        var session = new Ser2NetControlSession(_port);
        var output = new List<byte>();
        foreach (var chunk in Chunks.Of(input))
            if (!session.Receive(chunk, output)) break;
    }
}
