using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary>A small beamline file on free ports: two Elmo axes, a Keithley on raw TCP, a 40×30 uint16 SIMPLON detector (linear ramp).</summary>
/// <remarks>The demo's in-process twin binds free ports whatever the file says; the ports written here matter to <c>twin serve</c> only.</remarks>
internal static class DemoBeamline
{
    public const int Width = 40;
    public const int Height = 30;
    public const double Current = 2.5e-9;

    public static string Write(TempDirectory dir)
    {
        var path = dir.File("beamline.yaml");
        File.WriteAllText(path, $"""
            - class: elmo
              name: m_ctrl
              udp: {"{"}url: 127.0.0.1:{FreePort.Udp()}, timeout: 2{"}"}
              axes: [{"{"}name: m, unit: mm, steps_per_unit: 1000, velocity: 5, acceleration: 50{"}"}]
            - class: elmo
              name: n_ctrl
              udp: {"{"}url: 127.0.0.1:{FreePort.Udp()}, timeout: 2{"}"}
              axes: [{"{"}name: n, steps_per_unit: 1000, velocity: 5, acceleration: 50{"}"}]
            - class: keithley
              name: kctrl
              model: 6485
              serial: {"{"}url: "tcp://127.0.0.1:{FreePort.Tcp()}", baudrate: 38400, timeout: 2{"}"}
              sensors: [{"{"}name: mondio, address: 1, nplc: 0.1, auto_range: true{"}"}]
              twin: {"{"}current: 2.5e-9{"}"}
            - class: simplon_detector
              name: det1
              http: {"{"}url: "http://127.0.0.1:{FreePort.Tcp()}"{"}"}
              data_root: data/det1
              twin: {"{"}width: {Width}, height: {Height}, dtype: uint16, mode: linear_ramp, seed: 3{"}"}
            """);
        return path;
    }
}
