using System.Text;
using Testbed.Beamline;
using Testbed.Drivers.Detector;
using Testbed.Drivers.Elmo;
using Testbed.Drivers.Keithley;
using Testbed.Fuzzing.Engine;
using Testbed.Twin.Host.Detector;
using Testbed.Twin.Host.Elmo;
using Testbed.Twin.Host.Keithley;

namespace Testbed.Fuzzing.Targets;

/// <summary>Beamline YAML into <see cref="BeamlineConfig.Parse"/>, then each controller through the twin's and the drivers' settings readers.</summary>
/// <remarks>
/// Bad input is a <see cref="ConfigException"/> (file:line and key); anything else escaping is a crash. Twin side: the
/// Elmo, Keithley and detector settings (each family's <c>&lt;Family&gt;TwinSettings.Read</c>, which resolves, binds and
/// creates nothing). Driver side: Elmo controller and axis, Keithley counter, SIMPLON detector options.
/// </remarks>
internal sealed class BeamlineFileTarget : FuzzTarget
{
    private const string Source = "fuzz/beamline.yaml";
    private static readonly string BaseDirectory = Path.GetFullPath("fuzz-beamline");

    public override IReadOnlyList<byte[]> Corpus { get; } =
    [
        Demo(),
        .. Bytes(
            "controllers:\n  - class: elmo\n    udp: {url: 10.0.0.1}\n    axes: [{name: m1, steps_per_unit: 1000, velocity: 1, acceleration: 2}]\n",
            "- class: Elmo_whistle\n  name: w\n  twin: {udp_url: '127.0.0.1:0', personality: simpliq, accept_lower_case: true, loss: 0.1, seed: 3}\n  axes: [{name: w1}]\n",
            "- class: elmo\n  udp: {url: '127.0.0.1:5001'}\n  axes: [{name: a, low_limit: -1, high_limit: 1, backlash: 0.1}]\n  twin: {home_switch: [1, 2], tr1: 10, settle_ms: 5, multi_command_reply: per_command}\n",
            "- class: keithley\n  serial: {url: 'ser2net://127.0.0.1:29000/dev/ttyS0', parity: E, stopbits: 2, bytesize: 7, timeout: 3}\n  twin: {model: 6487, reply_eol: '\\r\\n', pty_mode: '0600', line_noise: {garble: 0.01, drop: 0.001}}\n",
            "- class: keithley\n  serial: {url: 'tcp://127.0.0.1:0'}\n  sensors: [{name: s, nplc: 6, range: 2e-9, zero_check: true}]\n  twin: {current: {offset: 1e-9, amplitude: 1e-10, period: 2}}\n",
            "- class: simplon_detector\n  name: d\n  http: {url: 'http://127.0.0.1:0', timeout: 30}\n  data_root: /tmp/d\n",
            "- {class: world, name: world}\n- {class: elmo, name: e, udp: {url: 127.0.0.1}, axes: [{name: ax}]}\n- {class: simplon_detector, name: d, http: {url: 'http://127.0.0.1:0'}}\n" +
            "- class: faults\n  faults:\n    - {type: drop, target: e, at: 1.5, for: 2, percent: 30}\n    - {name: s, type: stall, target: ax, on: {command: PA=, count: 5}}\n" +
            "    - {type: beam_loss, target: world, on: {device: d, frame: 10}}\n    - {type: limit_switch, target: ax, side: reverse}\n",
            "- &a {class: elmo, name: x, udp: {url: 127.0.0.1}}\n- *a\n", "[]\n", "---\n...\n", "- class: nope\n"),
    ];

    public override IReadOnlyList<byte[]> Tokens { get; } = Bytes(
        "\n", "  ", "- ", ": ", "{", "}", "[", "]", ",", "'", "\"", "#", "&a", "*a", "!!str ", "---\n", "class: ", "name: ", "twin:", "axes:",
        "url: ", "udp:", "serial:", "http:", "elmo", "keithley", "simplon_detector", "controllers:", "faults:", "type: ", "target: ", "on: ", "at: ", "for: ", "frame: ", "command: ", "count: ", "drop", "stall", "world", "null", "~", "true", "0o17", "0x1F", ".inf", ".nan");

    // Beamline files are a few KiB; YAML parsing costs about 60 µs per nesting level, so 16 KiB of '[' still parse within a second.
    public override int MaxInputLength => 16 * 1024;

    public override void Run(byte[] input)
    {
        try
        {
            var beamline = BeamlineConfig.Parse(Encoding.UTF8.GetString(input), Source);
            foreach (var controller in beamline.Controllers) Check(controller);
        }
        catch (ConfigException) { }
    }

    private static void Check(ControllerConfig controller)
    {
        switch (controller.Class.ToLowerInvariant())
        {
            case "elmo" or "elmo_whistle":
                ElmoTwinSettings.Read(controller);
                ElmoConfig.Controller(controller);
                ElmoConfig.Axis(controller);
                break;
            case "keithley":
                KeithleyTwinSettings.Read(controller, BaseDirectory);
                KeithleyCounterSettings.From(controller);
                break;
            case "simplon_detector":
                DetectorTwinSettings.Read(controller, BaseDirectory);
                SimplonDetectorOptions.FromConfig(controller, BaseDirectory);
                break;
        }
    }

    private static byte[] Demo()
    {
        using var stream = typeof(BeamlineFileTarget).Assembly.GetManifestResourceStream("Corpus.demo.yaml")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
