using Testbed.Beamline;
using Testbed.Drivers.Keithley;

namespace Testbed.Drivers.Tests.Keithley;

/// <summary>Reading the driver settings from a BLISS-style entry.</summary>
[TestFixture]
public sealed class KeithleyCounterSettingsTests
{
    [Test]
    public void ReadsBlissKeysAndResolvesRelativeTtyPaths()
    {
        const string yaml = """
            - class: keithley
              name: kctrl_mon
              model: 6487
              auto_zero: true
              serial:
                url: run/keithley1
                baudrate: 38400
                timeout: 2.5
              sensors:
                - name: mondio
                  address: 1
                  nplc: 0.5
                  range: 2e-7
            """;
        var controller = BeamlineConfig.Parse(yaml, "/beamlines/id00/demo.yaml").Controllers[0];
        var s = KeithleyCounterSettings.From(controller);
        Assert.That(s.Url, Is.EqualTo("/beamlines/id00/run/keithley1"));
        Assert.That((s.ControllerName, s.SensorName, s.Model, s.Line.BaudRate), Is.EqualTo(("kctrl_mon", "mondio", (int?)6487, 38400)));
        Assert.That((s.Nplc, s.Range, s.AutoRange, s.AutoZero), Is.EqualTo((0.5, (double?)2e-7, false, true)));
        Assert.That(s.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
    }

    [Test]
    public void UrlsAreKeptAndMissingSerialIsAClearError()
    {
        var ok = BeamlineConfig.Parse("- class: keithley\n  name: k\n  serial:\n    url: rfc2217://lid00a:28001\n", "b.yaml").Controllers[0];
        Assert.That(KeithleyCounterSettings.From(ok).Url, Is.EqualTo("rfc2217://lid00a:28001"));
        var bad = BeamlineConfig.Parse("- class: keithley\n  name: k\n", "b.yaml").Controllers[0];
        Assert.That(() => KeithleyCounterSettings.From(bad), Throws.TypeOf<ConfigException>().With.Message.Contains("b.yaml:1").And.Message.Contains("serial"));
    }

    // Found by fuzzing (testbed fuzz beamline-yaml): an IndexOutOfRangeException and an OverflowException before.
    [TestCase("parity: ''", "key 'k.serial.parity'", "is not one of: N, E, O, M, S")]
    [TestCase("parity: X", "key 'k.serial.parity'", "is not one of: N, E, O, M, S")]
    [TestCase("timeout: 1e300", "key 'k.serial.timeout'", "outside 0…1000000 s")]
    public void BadLineSettingsNameTheKey(string line, string key, string problem)
    {
        var c = BeamlineConfig.Parse($"- class: keithley\n  name: k\n  serial:\n    url: /dev/ttyS0\n    {line}\n", "b.yaml").Controllers[0];
        Assert.That(() => KeithleyCounterSettings.From(c), Throws.TypeOf<ConfigException>().With.Message.Contains(key).And.Message.Contains(problem));
        var lower = BeamlineConfig.Parse("- class: keithley\n  name: k\n  serial: {url: /dev/ttyS0, parity: e}\n", "b.yaml").Controllers[0];
        Assert.That(KeithleyCounterSettings.From(lower).Line.Parity, Is.EqualTo('E'));
    }
}
