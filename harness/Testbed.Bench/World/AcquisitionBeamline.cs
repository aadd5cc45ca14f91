using Testbed.Twin.World;

namespace Testbed.Bench.World;

/// <summary>The beamline of the world benchmark: a world with a peak, an edge and a rocking curve, two axes, a picoammeter on
/// each world signal and a small detector, all on free ports; every point counts for <see cref="CountTime"/> seconds.</summary>
internal static class AcquisitionBeamline
{
    public const double CountTime = 10;

    public static readonly WorldSettings World = new(new SourceSettings(), null,
        [new Response(ResponseShape.Gaussian, ["m"], 0.3, 0.15, 0.9, 0.1), new Response(ResponseShape.Edge, ["n"], -2, 0.1, 0.8, 0.2)],
        [new Response(ResponseShape.Lorentzian, ["r"], 0, 0.05, 1, 0.02)]);

    /// <summary>The diffracted signal of <see cref="World"/>, written out.</summary>
    public static double Raw(double m, double n, double r)
    {
        var u = (m - 0.3) / 0.15;
        var edge = 0.2 + 0.8 * 0.5 * (1 + MathNet.Numerics.SpecialFunctions.Erf((n + 2) / 0.1 / Math.Sqrt(2)));
        var v = r / 0.05;
        return (0.1 + 0.9 * Math.Exp(-u * u / 2)) * edge * (0.02 + 1 / (1 + v * v));
    }

    public static string Write(string dir)
    {
        var path = Path.Combine(dir, "world-bench.yaml");
        File.WriteAllText(path, """
            - class: world
              sample:
                - {along: m, shape: gaussian, centre: 0.3, width: 0.15, height: 0.9, background: 0.1}
                - {along: n, shape: edge, centre: -2, width: 0.1, height: 0.8, background: 0.2}
              rocking:
                - {along: r, shape: lorentzian, centre: 0, width: 0.05, height: 1, background: 0.02}
            - class: elmo
              name: m_ctrl
              udp: {url: "127.0.0.1:5001", timeout: 2}
              axes: [{name: m, unit: mm, steps_per_unit: 1000, velocity: 5, acceleration: 50}]
            - class: elmo
              name: n_ctrl
              udp: {url: "127.0.0.1:5002", timeout: 2}
              axes: [{name: n, unit: mm, steps_per_unit: 1000, velocity: 5, acceleration: 50}]
            - class: elmo
              name: r_ctrl
              udp: {url: "127.0.0.1:5003", timeout: 2}
              axes: [{name: r, unit: deg, steps_per_unit: 10000, velocity: 5, acceleration: 50}]
            - class: keithley
              name: kmon
              model: 6485
              serial: {url: "tcp://127.0.0.1:28001", baudrate: 38400, timeout: 2}
              sensors: [{name: mon, address: 1, nplc: 1, auto_range: true}]
              twin: {current: {signal: i0, amperes: 2.0e-9}, noise_seed: 3}
            - class: keithley
              name: kdio
              model: 6485
              serial: {url: "tcp://127.0.0.1:28002", baudrate: 38400, timeout: 2}
              sensors: [{name: dio, address: 1, nplc: 5, auto_range: true}]
              twin: {current: {signal: diffracted, amperes: 4.0e-8, dark: 1.0e-12}, noise_seed: 4}
            - class: simplon_detector
              name: det1
              http: {url: "http://127.0.0.1:8081"}
              data_root: data/det1
              twin: {width: 64, height: 64, dtype: uint16, mode: beam, seed: 3, beam: {follows: world, signal: diffracted, sigma_x: 5, sigma_y: 4, flux: 1.0e5}}
            """);
        return path;
    }
}
