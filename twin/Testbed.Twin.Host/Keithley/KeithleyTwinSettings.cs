using System.Globalization;
using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Host.Keithley;

/// <summary>The twin's view of one <c>class: keithley</c> entry: the model, the serial line, where it is served, and the <c>twin:</c> block.</summary>
/// <remarks>Built only by <see cref="Read"/>; every <c>twin:</c> key is one line of <see cref="Keys"/>; model defaults are <see cref="KeithleyOptions"/>'s,
/// line defaults <see cref="SerialLineSettings"/>'s.</remarks>
public sealed record KeithleyTwinSettings
{
    private KeithleyTwinSettings() { }

    public KeithleyOptions Options { get; private init; } = new();

    /// <summary>The entry's <c>serial:</c> framing (baudrate, bytesize, parity, stopbits, xonxoff).</summary>
    public SerialLineSettings Line { get; private init; } = SerialLineSettings.Default;

    /// <summary>What ends the instrument's replies: <c>twin: reply_eol</c>, else <c>serial: eol</c>, else LF.</summary>
    public string ReplyTerminator { get; private init; } = "\n";

    /// <summary>The <c>serial: url:</c> node (errors found when a host name is resolved point at it).</summary>
    public ConfigNode Url { get; private init; } = null!;

    /// <summary><see cref="Url"/> read: a pty link (<c>tty</c>, absolute), <c>tcp</c>, <c>rfc2217</c> or <c>ser2net</c> (control port + device).</summary>
    public LineAddress Address { get; private init; } = null!;

    /// <summary>The input signal.</summary>
    public KeithleyInputCurrent Current { get; private init; } = new(1e-9);

    /// <summary>Delay replies by the bits per character at the baud rate.</summary>
    public bool BaudPacing { get; private init; }

    /// <summary>Instrument → host byte noise: probabilities of a garbled and of a dropped byte, and their seed.</summary>
    public (double Garble, double Drop, int Seed) Noise { get; private init; } = (0, 0, 1);

    /// <summary>The RFC 2217 port behind a <c>ser2net://</c> control port (0 = any free port).</summary>
    public int Ser2NetPort { get; private init; }

    /// <summary>Permissions of the pty slave.</summary>
    public uint PtyMode { get; private init; } = PtySerialPort.DefaultSlaveMode;

    // twin: model and twin: reply_eol, used when the entry's own model: and serial: eol say nothing.
    private ConfigNode? TwinModel { get; init; }

    private string? TwinReplyEol { get; init; }

    /// <summary>The <c>twin:</c> keys: one line each, in the order they are read.</summary>
    public static TwinKeys<KeithleyTwinSettings> Keys { get; } =
    [
        new("model", "6485 | 6487 for an entry without model: of its own", (n, s) => s with { TwinModel = n }),
        new("current", "input current, A; {offset:, amplitude:, period:} for a sine in simulated time; or {signal:, amperes:, dark:} for a world signal (default 1e-9)",
            (n, s) => s with { Current = KeithleyInputCurrent.Read(n) }),
        Option("line_frequency", "50 | 60 Hz: the NPLC limit and the conversion time", (n, o) => o with { LineFrequency = Hertz(n) }),
        Option("noise_seed", "seed of the reading noise", (n, o) => o with { NoiseSeed = n.AsInt() }),
        Option("noise_fraction", "rms reading noise at 1 PLC, as a fraction of the range", (n, o) => o with { NoiseFraction = n.AsDouble() }),
        Option("serial_number", "the serial number *IDN? reports", (n, o) => o with { SerialNumber = n.AsString() }),
        Option("firmware", "the firmware text *IDN? reports", (n, o) => o with { Firmware = n.AsString() }),
        new("reply_eol", "LF | CR | CRLF | LFCR (as \\n, \\r): the reply terminator, instead of serial: eol", (n, s) => s with { TwinReplyEol = Eol(n) }),
        new("baud_pacing", "delay replies by 10 bits per character at the baud rate", (n, s) => s with { BaudPacing = n.AsBool() }),
        new("line_noise", "{garble:, drop:, seed:}: probabilities 0..1 per byte on the instrument → host direction", (n, s) => s with { Noise = ReadNoise(n) }),
        Option("interlock", "6487 only: the interlock is closed (the 50 V and 500 V ranges need it)", (n, o) => o with { InterlockClosed = n.AsBool() }),
        Option("load_ohms", "6487 only: resistance from the source output to the input; V/R adds to the input current", (n, o) => o with { LoadOhms = n.AsDouble() }),
        new("ser2net_port", "the RFC 2217 port behind a ser2net:// control port (0 = any)", (n, s) => s with { Ser2NetPort = n.AsInt() }),
        new("pty_mode", "octal permissions of the pty slave, e.g. '0660' (default 0666: a client running as another user can open it)",
            (n, s) => s with { PtyMode = OctalMode(n) }),
    ];

    /// <summary>Reads an entry: the <c>twin:</c> block, then the model, the line and the url. Nothing is resolved, bound or created.</summary>
    /// <param name="controller">The entry.</param>
    /// <param name="baseDirectory">The beamline file's folder: a relative pty path resolves against it.</param>
    /// <exception cref="ConfigException">An unknown key, a bad value or a missing <c>serial: url:</c> (file:line and key).</exception>
    public static KeithleyTwinSettings Read(ControllerConfig controller, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var node = controller.Node;
        var twin = controller.Twin;
        var s = Keys.Read(twin, new KeithleyTwinSettings());
        var serial = node.Get("serial") ?? throw node.Error(null, "a keithley twin needs 'serial: url:' (a pty path, tcp://, rfc2217:// or ser2net://)");
        var modelNode = node.Get("model") ?? s.TwinModel;
        var model = modelNode is null ? s.Options.Model : modelNode.AsLong();
        if (model is not (6485 or 6487)) throw modelNode!.Error(null, $"the twin simulates models 6485 and 6487, not {model}");
        if (model != 6487 && (twin?.Get("interlock") ?? twin?.Get("load_ohms")) is { } sourceKey)
            throw sourceKey.Error(null, "only the 6487 has a voltage source; set model: 6487 or remove this key");
        var url = serial.Require("url");
        return s with
        {
            Options = s.Options with { Model = (int)model },
            Line = ReadLine(serial),
            ReplyTerminator = s.TwinReplyEol ?? (serial.Get("eol") is { } eol ? Eol(eol) : s.ReplyTerminator),
            Url = url,
            Address = LineAddress.Parse(url, LineKind.Serial, baseDirectory),
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Options.Model} on {Address.Scheme}");

    private static TwinKey<KeithleyTwinSettings> Option(string name, string doc, Func<ConfigNode, KeithleyOptions, KeithleyOptions> apply) =>
        new(name, doc, (n, s) => s with { Options = apply(n, s.Options) });

    private static double Hertz(ConfigNode node)
    {
        var hz = node.AsDouble();
        return hz is 50 or 60 ? hz : throw node.Error(null, "the line frequency must be 50 or 60 (Hz)");
    }

    private static SerialLineSettings ReadLine(ConfigNode serial)
    {
        var d = SerialLineSettings.Default;
        var line = new SerialLineSettings
        {
            BaudRate = serial.Int("baudrate", d.BaudRate),
            DataBits = serial.Int("bytesize", d.DataBits),
            Parity = serial.Get("parity") is { } p ? Parity(p) : d.Parity,
            StopBits = serial.Int("stopbits", d.StopBits),
            XonXoff = serial.Bool("xonxoff", d.XonXoff),
        };
        if (line.BaudRate is not (300 or 600 or 1200 or 2400 or 4800 or 9600 or 19200 or 38400 or 57600))
            throw serial.Error("baudrate", $"the 6485/6487 supports 300 … 57600 baud, not {line.BaudRate}");
        if (line.DataBits is not (7 or 8)) throw serial.Error("bytesize", "the instrument uses 7 or 8 data bits");
        return line;
    }

    private static SerialParity Parity(ConfigNode node) =>
        node.AsChoice("N", "E", "O", "none", "even", "odd").ToUpperInvariant()[0] switch
        {
            'E' => SerialParity.Even,
            'O' => SerialParity.Odd,
            _ => SerialParity.None,
        };

    private static string Eol(ConfigNode node)
    {
        var eol = node.AsString().Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        return eol is "\n" or "\r" or "\r\n" or "\n\r" ? eol : throw node.Error(null, "the instrument terminates replies with LF, CR, CRLF or LFCR");
    }

    private static (double, double, int) ReadNoise(ConfigNode noise)
    {
        noise.ExpectOnly("garble", "drop", "seed");
        return (Probability(noise, "garble"), Probability(noise, "drop"), noise.Int("seed", 1));
    }

    private static double Probability(ConfigNode noise, string key)
    {
        var p = noise.Double(key) ?? 0;
        return p is >= 0 and <= 1 ? p : throw noise.Error(key, "a probability must be between 0 and 1");
    }

    // Octal permission bits as chmod takes them: '0660', '600'.
    private static uint OctalMode(ConfigNode node)
    {
        var text = node.AsString().Trim();
        return text.Length is > 0 and <= 4 && text.All(c => c is >= '0' and <= '7')
            ? Convert.ToUInt32(text, 8)
            : throw node.Error(null, $"'{text}' is not an octal file mode; write e.g. '0660'");
    }
}

/// <summary>The input current of a Keithley twin: a constant, offset + amplitude·sin(2πt/period) in simulated seconds, or what a
/// world signal gives (<c>{signal: i0, amperes: 2e-9, dark: 1e-12}</c>: <c>amperes</c> at full beam, plus a dark current).</summary>
public sealed record KeithleyInputCurrent(double Offset, double Amplitude = 0, double? PeriodSeconds = null, string? Signal = null, double Amperes = 0)
{
    /// <summary>Reads <c>current:</c>: a number (A), <c>{offset:, amplitude:, period:}</c> (period in s, default 10), or <c>{signal:, amperes:, dark:}</c>.</summary>
    public static KeithleyInputCurrent Read(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.IsScalar) return new(node.AsDouble());
        if (node.Get("signal") is { } signal)
        {
            node.ExpectOnly("signal", "amperes", "dark");
            return new(node.Double("dark", 0), Signal: signal.AsChoice([.. Testbed.Twin.World.WorldSettings.Signals]), Amperes: node.RequireDouble("amperes"));
        }
        node.ExpectOnly("offset", "amplitude", "period");
        var period = node.Double("period", 10);
        if (!(period > 0)) throw node.Error("period", "the period must be positive (seconds)");
        return new(node.Double("offset", 0), node.Double("amplitude", 0), period);
    }

    /// <summary>The source for the model; a sine's phase starts at <paramref name="origin"/>; a signal needs the beamline's world.</summary>
    public ICurrentSource Create(DateTimeOffset origin, Testbed.Twin.World.BeamlineWorld? world) =>
        Signal is { } signal ? new World.WorldCurrent(world ?? throw new InvalidOperationException("a signal current needs the world"), signal, Amperes, Offset)
        : PeriodSeconds is { } period ? FunctionCurrent.Sine(Offset, Amplitude, period, origin)
        : new ConstantCurrent(Offset);
}
