using System.Text;

namespace Testbed.Drivers.Tests.Keithley;

/// <summary>What a scripted instrument does with each received line: the reply (without LF), or null for silence.</summary>
internal delegate string? Script(string line);

/// <summary>Line assembly and recording shared by the scripted TCP and pty instruments.</summary>
internal sealed class ScriptedResponder(Script script)
{
    private readonly List<byte> _partial = [];
    private readonly List<string> _received = [];

    /// <summary>Every line received, in order (BLISS-style multi-command writes show as separate lines).</summary>
    public IReadOnlyList<string> Received { get { lock (_received) return _received.ToList(); } }

    public Script Script { get; set; } = script;

    /// <summary>Feeds received bytes; returns the bytes to send back.</summary>
    public byte[] Feed(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>();
        foreach (var b in data)
        {
            if (b != '\n')
            {
                _partial.Add(b);
                continue;
            }
            var line = Encoding.Latin1.GetString(_partial.ToArray()).TrimEnd('\r');
            _partial.Clear();
            lock (_received) _received.Add(line);
            if (Script(line) is { } reply) output.AddRange(Encoding.Latin1.GetBytes(reply + "\n"));
        }
        return output.ToArray();
    }

    /// <summary>A well-behaved 6485: answers the queries the driver uses.</summary>
    public static Script Keithley(string model = "6485", string reading = "+1.234000E-09A,+1.000000E+00,+0.000000E+00") => line => line switch
    {
        "*IDN?" => $"KEITHLEY INSTRUMENTS INC.,MODEL {model},1234567,B03",
        "*OPC?" => "1",
        "SYST:ERR?" => "0,\"No error\"",
        "READ?" => reading,
        _ when line.EndsWith('?') => null,
        _ => null,
    };
}
