using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;
using Testbed.Drivers.Comm;

namespace Testbed.Drivers.Keithley;

/// <summary>What the driver needs from a BLISS <c>class: keithley</c> entry: the line, the model, and the first sensor's settings.</summary>
/// <remarks>Keys follow BLISS (A1.7/K3): controller <c>auto_zero</c>, <c>display_enable</c>; sensor <c>nplc</c>, <c>auto_range</c>, <c>range</c>, <c>zero_check</c>, <c>zero_correct</c>.</remarks>
public sealed record KeithleyCounterSettings
{
    public required string ControllerName { get; init; }

    public required string SensorName { get; init; }

    /// <summary>The serial url: a tty path, <c>tcp://</c> or <c>rfc2217://</c>.</summary>
    public required string Url { get; init; }

    public SerialLineOptions Line { get; init; } = new() { BaudRate = 9600 };

    /// <summary>6485 or 6487; null = ask <c>*IDN?</c>, as BLISS does.</summary>
    public int? Model { get; init; }

    public string Eol { get; init; } = "\n";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool AutoZero { get; init; }

    public bool DisplayEnable { get; init; } = true;

    public double Nplc { get; init; } = 0.1;

    public bool AutoRange { get; init; } = true;

    /// <summary>A fixed range in amperes (auto range off), or null.</summary>
    public double? Range { get; init; }

    public bool ZeroCheck { get; init; }

    public bool ZeroCorrect { get; init; }

    /// <summary>Reads a controller entry; a relative tty path resolves against the beamline file's folder.</summary>
    public static KeithleyCounterSettings From(ControllerConfig controller)
    {
        var node = controller.Node;
        var serial = node.Get("serial") ?? throw node.Error(null, "a keithley needs 'serial: url:' (a tty path, tcp:// or rfc2217://)");
        var urlNode = serial.Require("url");
        var address = LineAddress.Parse(urlNode, LineKind.Serial, Path.GetDirectoryName(Path.GetFullPath(node.Source)) ?? ".");
        if (address.Port == 0 && address.Scheme != "tty")
            throw urlNode.Error(null, "port 0 (any free port) is for the twin; give the port the line answers on (testbed twin serve --ports free prints a resolved beamline file with it)");
        var url = address.Url;
        var sensors = node.List("sensors");
        var sensor = sensors.Count > 0 ? sensors[0] : null;
        var model = node.Long("model");
        if (model is not (null or 6485 or 6487)) throw node.Error("model", $"this driver handles models 6485 and 6487, not {model}");
        var range = sensor?.Double("range");
        return new KeithleyCounterSettings
        {
            ControllerName = controller.Name,
            SensorName = sensor?.String("name") ?? controller.Name,
            Url = url,
            Line = new SerialLineOptions
            {
                BaudRate = serial.Int("baudrate", 9600),
                DataBits = serial.Int("bytesize", 8),
                Parity = Parity(serial),
                StopBits = serial.Int("stopbits", 1),
                XonXoff = serial.Bool("xonxoff", false),
            },
            Model = (int?)model,
            Eol = (serial.String("eol") ?? "\n").Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal),
            Timeout = serial.Seconds("timeout", 5),
            AutoZero = node.Bool("auto_zero", false),
            DisplayEnable = node.Bool("display_enable", true),
            Nplc = sensor?.Double("nplc") ?? 0.1,
            AutoRange = sensor?.Bool("auto_range", range is null) ?? true,
            Range = range,
            ZeroCheck = sensor?.Bool("zero_check", false) ?? false,
            ZeroCorrect = sensor?.Bool("zero_correct", false) ?? false,
        };
    }

    // pyserial's letters: N, E, O, M, S (BLISS writes them in either case).
    private static char Parity(ConfigNode serial) =>
        serial.Get("parity")?.AsChoice("N", "E", "O", "M", "S").ToUpperInvariant()[0] ?? 'N';
}
