using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Elmo;

namespace Testbed.Twin.Tests.World;

/// <summary>The world entry couples the twins: drives feed it positions, picoammeters and detectors see its signals.</summary>
public class WorldWiringTests
{
    private const string Elmo = """
        - class: elmo
          name: m_ctrl
          udp: {url: "127.0.0.1:0"}
          axes: [{name: m, steps_per_unit: 1000, velocity: 5, acceleration: 50, sign: -1, offset: 2}]
        """;

    private const string World = """
        - class: world
          sample: [{along: m, shape: gaussian, centre: 2.0, width: 0.1, height: 1, background: 0}]
        """;

    private static TwinBuild Build(string yaml, SimulationClock clock) =>
        TwinRegistry.Build(BeamlineConfig.Parse(yaml, "/b/w.yaml"), new TwinContext(clock, NullLoggerFactory.Instance, "/b"));

    [Test]
    public async Task A_picoammeter_on_a_world_signal_reads_what_the_drive_position_gives_over_its_line()
    {
        using var clock = new SimulationClock(rate: 1000);
        var build = Build(World + "\n" + Elmo + "\n" + """
            - class: keithley
              name: kd
              model: 6485
              serial: {url: "tcp://127.0.0.1:0"}
              twin: {current: {signal: transmitted, amperes: 1.0e-8, dark: 1.0e-12}, noise_fraction: 0}
            """, clock);
        await TwinEndpoints.StartAllAsync(build.Endpoints, null, CancellationToken.None);
        try
        {
            var drive = ((ElmoTwinEndpoint)build.Endpoints[0]).Drive;
            var port = new Uri(build.Endpoints[1].Url).Port;
            // user = -1 · counts/1000 + 2: at 0 counts the axis is on the peak (user 2.0); at -100 counts one σ off it.
            Assert.That(await ReadAsync(port), Is.EqualTo(1.0e-8 + 1e-12).Within(0.5).Percent);
            drive.SetPosition(-100);
            Assert.That(await ReadAsync(port), Is.EqualTo(1.0e-8 * Math.Exp(-0.5) + 1e-12).Within(0.5).Percent);
            Assert.That(build.World!.Snapshot().Positions["m"], Is.EqualTo(2.1).Within(1e-9), "the world reads the drive model, user units");
        }
        finally { await TwinEndpoints.StopAllAsync(build.Endpoints, null); }
    }

    [Test]
    public void A_signal_without_a_world_entry_says_to_add_one()
    {
        using var clock = new SimulationClock(paused: true);
        var e = Assert.Throws<ConfigException>(() => Build(Elmo + "\n" + """
            - class: keithley
              name: kd
              serial: {url: "tcp://127.0.0.1:0"}
              twin: {current: {signal: i0, amperes: 1.0e-9}}
            """, clock))!;
        Assert.That(e.Message, Does.Contain("kd.twin").And.Contain("needs the beamline's world: add a `class: world` entry"));
    }

    [TestCase("sample: [{along: q, shape: step}]", "the world reads axis 'q', which no drive of the beamline has; axes: m")]
    [TestCase("sample: [{along: m, shape: spike}]", "'spike' is not one of: gaussian, lorentzian, step, edge, map")]
    [TestCase("sample: [{along: m, shape: gaussian, widht: 1}]", "did you mean 'width'?")]
    [TestCase("sample: [{along: m, shape: map}]", "a map lies along two axes")]
    [TestCase("source: {top_up_s: 600}", "a top-up refills a decaying beam; give lifetime_h too")]
    public void World_mistakes_name_the_entry_and_what_to_write(string line, string problem)
    {
        using var clock = new SimulationClock(paused: true);
        var e = Assert.Throws<ConfigException>(() => Build($"- class: world\n  {line}\n" + Elmo, clock))!;
        Assert.That(e.Message, Does.StartWith("/b/w.yaml:").And.Contain(problem));
    }

    [Test]
    public void A_detector_beam_following_an_axis_no_drive_has_is_refused()
    {
        using var clock = new SimulationClock(paused: true);
        var e = Assert.Throws<ConfigException>(() => Build(World + "\n" + Elmo + "\n" + """
            - class: simplon_detector
              name: det1
              http: {url: "http://127.0.0.1:0"}
              twin: {width: 8, height: 8, beam: {follows: world, x_axis: z, x_per_unit: 10}}
            """, clock))!;
        Assert.That(e.Message, Does.Contain("no drive of the beamline has axis 'z'; axes: m"));
    }

    private static async Task<double> ReadAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("SYST:ZCH OFF\nREAD?\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return double.Parse(line!.Split(',')[0].TrimEnd('A'), System.Globalization.CultureInfo.InvariantCulture);
    }
}
