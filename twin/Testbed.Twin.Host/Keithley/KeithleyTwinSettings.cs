using System.Globalization;
using Testbed.Beamline;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Host.Keithley;

/// <summary>The twin's view of one <c>class: keithley</c> entry: model, line settings and the <c>twin:</c> block.</summary>
public sealed record KeithleyTwinSettings(
    KeithleyOptions Options,
    SerialLineSettings Line,
    string ReplyTerminator,
    KeithleySerialUrl Url,
    ConfigNode? Current,
    bool BaudPacing,
    double NoiseGarble,
    double NoiseDrop,
    int NoiseSeed,
    int Ser2NetPort,
    uint? PtyMode)
{
    public static readonly string[] TwinKeys =
    [
        "model", "current", "line_frequency", "noise_seed", "noise_fraction", "serial_number", "firmware", "reply_eol",
        "baud_pacing", "line_noise", "interlock", "load_ohms", "ser2net_port", "pty_mode",
    ];

    public static KeithleyTwinSettings From(ControllerConfig controller, string baseDirectory)
    {
        var node = controller.Node;
        var twin = controller.Twin;
        twin?.ExpectOnly(TwinKeys);
        var serial = node.Get("serial") ?? throw node.Error(null, "a keithley twin needs 'serial: url:' (a pty path, tcp://, rfc2217:// or ser2net://)");
        var modelNode = node.Get("model") ?? twin?.Get("model");
        var model = modelNode is null ? 6485 : modelNode.AsLong();
        if (model is not (6485 or 6487)) throw modelNode!.Error(null, $"the twin simulates models 6485 and 6487, not {model}");
        var lineFrequency = twin?.Double("line_frequency") ?? 50;
        if (lineFrequency is not (50 or 60)) throw twin!.Error("line_frequency", "the line frequency must be 50 or 60 (Hz)");
        var options = new KeithleyOptions
        {
            Model = (int)model,
            LineFrequency = lineFrequency,
            NoiseSeed = twin?.Int("noise_seed", 1) ?? 1,
            NoiseFraction = twin?.Double("noise_fraction") ?? 2e-5,
            SerialNumber = twin?.String("serial_number") ?? "4000001",
            Firmware = twin?.String("firmware") ?? new KeithleyOptions().Firmware,
            InterlockClosed = twin?.Bool("interlock", true) ?? true,
            LoadOhms = twin?.Double("load_ohms") ?? double.PositiveInfinity,
        };
        if ((twin?.Get("interlock") is not null || twin?.Get("load_ohms") is not null) && model != 6487)
            throw twin!.Error(twin.Get("interlock") is not null ? "interlock" : "load_ohms", "only the 6487 has a voltage source; set model: 6487 or remove this key");
        var line = new SerialLineSettings
        {
            BaudRate = serial.Int("baudrate", 38400),
            DataBits = serial.Int("bytesize", 8),
            Parity = Parity(serial),
            StopBits = serial.Int("stopbits", 1),
            XonXoff = serial.Bool("xonxoff", false),
        };
        if (line.BaudRate is not (300 or 600 or 1200 or 2400 or 4800 or 9600 or 19200 or 38400 or 57600))
            throw serial.Error("baudrate", $"the 6485/6487 supports 300 … 57600 baud, not {line.BaudRate}");
        if (line.DataBits is not (7 or 8)) throw serial.Error("bytesize", "the instrument uses 7 or 8 data bits");
        var eol = Unescape(twin?.String("reply_eol") ?? serial.String("eol") ?? "\n");
        if (eol is not ("\n" or "\r" or "\r\n" or "\n\r"))
            throw (twin?.Get("reply_eol") is not null ? twin : serial).Error(twin?.Get("reply_eol") is not null ? "reply_eol" : "eol", "the instrument terminates replies with LF, CR, CRLF or LFCR");
        var noise = twin?.Get("line_noise");
        noise?.ExpectOnly("garble", "drop", "seed");
        var url = KeithleySerialUrl.Parse(serial, baseDirectory);
        var ptyMode = twin?.Get("pty_mode") is { } m ? OctalMode(m) : 0x1B6; // 0666: a client running as another user can open the line
        return new KeithleyTwinSettings(options, line, eol, url, twin?.Get("current"), twin?.Bool("baud_pacing", false) ?? false,
            Probability(noise, "garble"), Probability(noise, "drop"), noise?.Int("seed", 1) ?? 1, twin?.Int("ser2net_port", 0) ?? 0, ptyMode);
    }

    // Octal permission bits as chmod takes them: '0660', '600'.
    private static uint OctalMode(ConfigNode node)
    {
        var text = node.AsString().Trim();
        return text.Length is > 0 and <= 4 && text.All(c => c is >= '0' and <= '7')
            ? Convert.ToUInt32(text, 8)
            : throw node.Error(null, $"'{text}' is not an octal file mode; write e.g. '0660'");
    }

    /// <summary>The input signal: a number (A), or <c>{offset:, amplitude:, period:}</c> for a sine in simulated time.</summary>
    public ICurrentSource CreateCurrent(DateTimeOffset origin)
    {
        if (Current is null) return new ConstantCurrent(1e-9);
        if (Current.IsScalar) return new ConstantCurrent(Current.AsDouble());
        Current.ExpectOnly("offset", "amplitude", "period");
        var period = Current.Double("period", 10);
        if (!(period > 0)) throw Current.Error("period", "the period must be positive (seconds)");
        return FunctionCurrent.Sine(Current.Double("offset", 0), Current.Double("amplitude", 0), period, origin);
    }

    private static double Probability(ConfigNode? noise, string key)
    {
        var p = noise?.Double(key) ?? 0;
        if (p is < 0 or > 1) throw noise!.Error(key, "a probability must be between 0 and 1");
        return p;
    }

    private static SerialParity Parity(ConfigNode serial) =>
        (serial.Get("parity")?.AsChoice("N", "E", "O", "none", "even", "odd") ?? "N").ToUpperInvariant()[0] switch
        {
            'E' => SerialParity.Even,
            'O' => SerialParity.Odd,
            _ => SerialParity.None,
        };

    private static string Unescape(string text) =>
        text.Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Options.Model} on {Url.Scheme}");
}
