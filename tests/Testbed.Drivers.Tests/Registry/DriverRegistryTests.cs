using Testbed.Beamline;
using Testbed.Drivers.Registry;

namespace Testbed.Drivers.Tests.Registry;

/// <summary>The driver registry: one factory per family builds every device of a beamline file; what it cannot drive is a config error.</summary>
public class DriverRegistryTests
{
    private const string File = """
        - class: world
          name: world
          sample: [{along: m, shape: gaussian, centre: 0, width: 1, height: 1}]
        - class: elmo
          name: m_ctrl
          udp: {url: "127.0.0.1:5001"}
          axes: [{name: m, unit: mm, steps_per_unit: 1000, velocity: 5, acceleration: 50}]
        - class: keithley
          name: kmon
          model: 6485
          serial: {url: "tcp://127.0.0.1:28001", baudrate: 38400}
          sensors: [{name: mon, address: 1}]
        - class: simplon_detector
          name: det1
          http: {url: "http://127.0.0.1:8081"}
          data_root: data/det1
        """;

    [Test]
    public async Task A_beamline_file_gives_its_axes_counters_and_detectors_in_file_order()
    {
        await using var drivers = DriverRegistry.Build(BeamlineConfig.Parse(File, "/beamlines/bl.yaml"), DriverContext.System("/beamlines"));
        Assert.That(drivers.Axes.Select(a => (a.Name, a.Unit)), Is.EqualTo(new[] { ("m", "mm") }));
        Assert.That(drivers.Counters.Select(c => (c.Name, c.Controller, c.Unit)), Is.EqualTo(new[] { ("mon", "kmon", "A") }), "BLISS's controller:counter");
        Assert.That(drivers.Detectors.Select(d => (d.Name, d.DataDirectory)), Is.EqualTo(new[] { ("det1", "/beamlines/data/det1") }));
        Assert.That(drivers.Names, Is.EqualTo(new[] { "m", "mon", "det1" }), "the world entry is the twin's own: no driver");
    }

    [Test]
    public void A_class_without_a_driver_is_a_config_error_naming_the_line_and_the_known_classes()
    {
        var config = BeamlineConfig.Parse(File + "\n- class: icepap\n  name: ice\n", "/beamlines/bl.yaml");
        var e = Assert.Throws<ConfigException>(() => DriverRegistry.Build(config, DriverContext.System("/beamlines")));
        Assert.That(e!.Message, Does.Contain("bl.yaml:17:").And.Contain("no driver for class 'icepap'").And.Contain("elmo, keithley, simplon_detector"));
    }

    [Test]
    public void Two_devices_of_one_name_are_refused()
    {
        var config = BeamlineConfig.Parse(File.Replace("name: mon,", "name: m,", StringComparison.Ordinal), "/beamlines/bl.yaml");
        var e = Assert.Throws<ConfigException>(() => DriverRegistry.Build(config, DriverContext.System("/beamlines")));
        Assert.That(e!.Message, Does.Contain("two devices are named 'm'"));
    }
}
