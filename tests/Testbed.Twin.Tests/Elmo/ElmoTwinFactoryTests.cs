using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Twin.Clock;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Elmo;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>Beamline YAML → Elmo twins: addresses, twin: keys, and config errors that name file:line and key.</summary>
public class ElmoTwinFactoryTests
{
    private static IReadOnlyList<ITwinEndpoint> Create(string yaml, SimulationClock clock) =>
        TwinRegistry.CreateAll(BeamlineConfig.Parse(yaml, "test.yaml"), new TwinContext(clock, NullLoggerFactory.Instance, "."));

    [Test]
    public async Task Elmo_entry_serves_a_drive_on_its_udp_url_with_the_twin_settings()
    {
        using var clock = new SimulationClock(paused: true);
        const string yaml = """
            - class: elmo
              name: rot_ctrl
              udp:
                url: 127.0.0.1:0
                timeout: 1.0
              axes:
                - name: rot
              twin:
                personality: gold
                fls: 5000000
                rls: -5000000
                home_switch: [-1000, 1000]
                index_period: 4096
                settle_ms: 20
                seed: 3
            """;
        var endpoint = (ElmoTwinEndpoint)Create(yaml, clock).Single();
        var s = endpoint.Drive.Settings;
        Assert.That((s.Personality, s.ForwardLimitPosition, s.ReverseLimitPosition, s.HomeSwitch, s.IndexPeriod, s.TargetTimeMs, s.Seed),
            Is.EqualTo((ElmoPersonality.Gold, (long?)5000000, (long?)-5000000, ((long, long)?)(-1000, 1000), 4096L, 20L, 3)));
        await endpoint.StartAsync(CancellationToken.None);
        try
        {
            var port = endpoint.Server.LocalEndPoint.Port;
            Assert.That(endpoint.Address, Is.EqualTo($"udp://127.0.0.1:{port}"));
            using var client = new RawUdpClient(endpoint.Server.LocalEndPoint);
            Assert.That(client.Exchange("UM\r"), Is.EqualTo("UM\r5;"));
        }
        finally
        {
            await endpoint.DisposeAsync();
        }
    }

    [Test]
    public void Missing_port_means_5001_and_whistle_gets_the_SimplIq_personality()
    {
        using var clock = new SimulationClock(paused: true);
        const string yaml = """
            - class: elmo
              name: a
              udp: {url: 127.0.0.1}
            - class: Elmo_whistle
              name: b
              serial: {url: /dev/ttyS0}
              twin: {udp_url: "127.0.0.1:5009", loss: 0.25, error_code_byte: true}
            """;
        var endpoints = Create(yaml, clock).Cast<ElmoTwinEndpoint>().ToList();
        Assert.That(endpoints[0].Address, Is.EqualTo("udp://127.0.0.1:5001"));
        Assert.That(endpoints[1].Address, Is.EqualTo("udp://127.0.0.1:5009"));
        Assert.That(endpoints[1].Drive.Settings.Personality, Is.EqualTo(ElmoPersonality.SimplIq));
        Assert.That(endpoints[1].Drive.Settings.DatagramLossProbability, Is.EqualTo(0.25));
        Assert.That(endpoints[1].Drive.Settings.ErrorReplyIncludesCodeByte, Is.True);
    }

    [Test]
    public void Demo_beamline_builds_three_Elmo_endpoints()
    {
        var dir = TestContext.CurrentContext.TestDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Testbed.sln"))) dir = Path.GetDirectoryName(dir);
        Assert.That(dir, Is.Not.Null, "repository root not found above the test directory");
        using var clock = new SimulationClock(paused: true);
        var beamline = BeamlineConfig.Load(Path.Combine(dir!, "scenarios", "beamlines", "demo.yaml"));
        var elmo = beamline.OfClass("elmo").ToList();
        var factory = new ElmoTwinFactory();
        var endpoints = elmo.SelectMany(c => factory.Create(c, new TwinContext(clock, NullLoggerFactory.Instance, "."))).ToList();
        // In the file's order: tx and ty (the sample stage), then rot.
        Assert.That(endpoints.Select(e => e.Address), Is.EqualTo(new[] { "udp://127.0.0.1:5002", "udp://127.0.0.1:5003", "udp://127.0.0.1:5001" }));
        Assert.That(((ElmoTwinEndpoint)endpoints[2]).Drive.Settings.HomeSwitch, Is.EqualTo(((long, long)?)(52000, 54000)), "rot's home switch");
    }

    [TestCase("flss: 5", "rot_ctrl.twin.flss", "did you mean 'fls'")]
    [TestCase("home_switch: [5]", "rot_ctrl.twin.home_switch", "[start, end]")]
    [TestCase("home_switch: [10, -10]", "rot_ctrl.twin.home_switch", "start 10 is above end -10")]
    [TestCase("personality: bronze", "rot_ctrl.twin.personality", "gold, simpliq")]
    [TestCase("loss: 1.5", "rot_ctrl.twin.loss", "not a probability")]
    [TestCase("sd: 5", "rot_ctrl.twin.sd", "100 .. 1e9")]
    [TestCase("fls: abc", "rot_ctrl.twin.fls", "not a whole number")]
    [TestCase("fls: -10\n    rls: 10", "rot_ctrl.twin", "reverse limit must lie below")]
    [TestCase("lag_ms: 1e300", "rot_ctrl.twin.lag_ms", "longer than 1000000 s")] // found by fuzzing: was an OverflowException
    [TestCase("seed: 4294967296", "rot_ctrl.twin.seed", "out of range")] // was an OverflowException
    public void Twin_block_errors_name_file_line_and_key(string twinLine, string key, string problem)
    {
        using var clock = new SimulationClock(paused: true);
        var yaml = $"""
            - class: elmo
              name: rot_ctrl
              udp: {"{"}url: 127.0.0.1:0{"}"}
              twin:
                {twinLine}
            """;
        var e = Assert.Throws<ConfigException>(() => Create(yaml, clock));
        Assert.That(e!.Message, Does.StartWith("test.yaml:5:").Or.StartWith("test.yaml:6:"));
        Assert.That(e.Key, Is.EqualTo(key));
        Assert.That(e.Message, Does.Contain(problem));
    }

    [TestCase("udp: {url: '127.0.0.1:99999'}", "is not a port number")]
    [TestCase("serial: {url: /dev/ttyS0}", "over UDP only")]
    [TestCase("udp: {url: '127.0.0//1:5001'}", "is not host[:port]")] // found by fuzzing: a resolver exception
    public void Address_errors_say_what_to_write(string line, string problem)
    {
        using var clock = new SimulationClock(paused: true);
        var yaml = $"- class: elmo\n  name: x\n  {line}\n";
        var e = Assert.Throws<ConfigException>(() => Create(yaml, clock));
        Assert.That(e!.Message, Does.StartWith("test.yaml:").And.Contain(problem));
    }

    [Test]
    public void Host_name_longer_than_DNS_allows_is_refused_without_asking_DNS()
    {
        // The resolver threw ArgumentOutOfRangeException for names over 255 characters (found by fuzzing).
        using var clock = new SimulationClock(paused: true);
        var e = Assert.Throws<ConfigException>(() => Create($"- class: elmo\n  name: x\n  udp: {{url: '{new string('a', 300)}:5001'}}\n", clock));
        Assert.That(e!.Message, Does.Contain("is not a host name or address"));
    }
}
