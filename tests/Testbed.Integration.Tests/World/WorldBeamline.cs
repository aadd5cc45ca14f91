using Testbed.TestSupport;

namespace Testbed.Integration.Tests.World;

/// <summary>A small physical beamline: a world (peak along m, edge along n), two Elmo axes, a monitor and a diode on raw TCP,
/// a 40×30 detector whose beam follows the transmitted signal.</summary>
internal static class WorldBeamline
{
    public const double PeakCentre = 0.3;

    public static string Write(TempDirectory dir, string sourceExtra = "")
    {
        var path = dir.File("world.yaml");
        File.WriteAllText(path, $$$"""
            - class: world
              seed: 5
              {{{sourceExtra}}}
              sample:
                - {along: m, shape: gaussian, centre: {{{PeakCentre}}}, width: 0.2, height: 0.9, background: 0.1}
                - {along: n, shape: edge, centre: -1, width: 0.1, height: 0.5, background: 0.5}
            - class: elmo
              name: m_ctrl
              udp: {url: "127.0.0.1:5001", timeout: 2}
              axes: [{name: m, unit: mm, steps_per_unit: 1000, velocity: 5, acceleration: 50}]
            - class: elmo
              name: n_ctrl
              udp: {url: "127.0.0.1:5002", timeout: 2}
              axes: [{name: n, steps_per_unit: 1000, velocity: 5, acceleration: 50}]
            - class: keithley
              name: kmon
              model: 6485
              serial: {url: "tcp://127.0.0.1:28001", baudrate: 38400, timeout: 2}
              sensors: [{name: mon, address: 1, nplc: 0.1, auto_range: true}]
              twin: {current: {signal: i0, amperes: 2.0e-9}, noise_seed: 3}
            - class: keithley
              name: kdio
              model: 6485
              serial: {url: "tcp://127.0.0.1:28002", baudrate: 38400, timeout: 2}
              sensors: [{name: dio, address: 1, nplc: 1, auto_range: true}]
              twin: {current: {signal: transmitted, amperes: 4.0e-8, dark: 1.0e-12}, noise_seed: 4}
            - class: simplon_detector
              name: det1
              http: {url: "http://127.0.0.1:8081"}
              data_root: data/det1
              twin: {width: 40, height: 30, dtype: uint16, mode: beam, seed: 3, beam: {follows: world, signal: transmitted, sigma_x: 4, sigma_y: 3, flux: 1.0e7}}
            """);
        return path;
    }
}
