namespace Testbed.Bench.Scan;

/// <summary>The beamline of the scan benchmark: one Elmo axis and three Keithley picoammeters on TCP, all on free ports.</summary>
/// <remarks>The axis moves one step (1 µm) per point, fast and polled every millisecond of twin time; the picoammeters convert at the
/// shortest NPLC on a fixed range; so at a high clock rate a point costs its wire round trips, not its physics. The tolerance is wide
/// because two drivers share the drive (the device server's and the reference's): each finds the axis where the other left it.</remarks>
internal static class ScanBeamline
{
    public const string Axis = "m";

    /// <summary>Axis units per step (steps_per_unit 1000): the distance between two points.</summary>
    public const double Step = 0.001;

    public static readonly string[] Counters = ["c1", "c2", "c3"];

    /// <summary>Writes the file into <paramref name="dir"/>; returns its path.</summary>
    public static string Write(string dir)
    {
        var path = Path.Combine(dir, "scan-bench.yaml");
        var keithleys = string.Concat(Counters.Select((c, i) => $$"""
            - class: keithley
              name: k{{i + 1}}
              model: 6485
              serial: {url: "tcp://127.0.0.1:{{28001 + i}}", baudrate: 38400, timeout: 2}
              sensors: [{name: {{c}}, address: 1, nplc: 0.01, range: 2.0e-8}]
              twin: {current: {{i + 1}}.0e-9, noise_seed: {{i + 1}}}

            """));
        File.WriteAllText(path, $$"""
            - class: elmo
              name: m_ctrl
              udp: {url: "127.0.0.1:5001", timeout: 2}
              axes: [{name: {{Axis}}, unit: mm, steps_per_unit: 1000, velocity: 50, acceleration: 5000, polling_time: 0.001, tolerance: 1000, low_limit: -1000, high_limit: 1000}]

            """ + keithleys);
        return path;
    }
}
