using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Keithley;

namespace Testbed.Twin.Tests.Keithley;

/// <summary>The twin host builds Keithleys from BLISS-style entries; bad entries are clear config errors.</summary>
[TestFixture]
public sealed class KeithleyTwinFactoryTests
{
    private static IReadOnlyList<ITwinEndpoint> Create(string yaml, string baseDirectory = "/beamline")
    {
        using var clock = new SimulationClock(1000);
        return TwinRegistry.CreateAll(BeamlineConfig.Parse(yaml, "demo.yaml"), new TwinContext(clock, NullLoggerFactory.Instance, baseDirectory));
    }

    [Test]
    public void UrlsMapToTransportsAndModels()
    {
        var endpoints = Create("""
            - class: keithley
              name: k1
              serial: {url: run/keithley1}
            - class: Keithley
              name: k2
              model: 6487
              serial: {url: "rfc2217://127.0.0.1:28001"}
            - class: keithley
              name: k3
              serial: {url: "ser2net://127.0.0.1:29000/dev/ttyRP11"}
            - class: keithley
              name: k4
              serial: {url: "tcp://127.0.0.1:0", eol: "\r\n"}
              twin: {line_frequency: 60}
            """).Cast<KeithleyTwinEndpoint>().ToList();
        Assert.That(endpoints.Select(e => e.Address), Is.EqualTo(new[]
        {
            "/beamline/run/keithley1", "rfc2217://127.0.0.1:28001", "ser2net://127.0.0.1:29000/dev/ttyRP11 (RFC 2217 on port ?)", "tcp://127.0.0.1:0",
        }));
        Assert.That(endpoints.Select(e => e.Instrument.Model.Options.Model), Is.EqualTo(new[] { 6485, 6487, 6485, 6485 }));
        Assert.That(endpoints[3].Instrument.OutputTerminator, Is.EqualTo("\r\n"));
        Assert.That(endpoints[3].Instrument.Model.MaxNplc, Is.EqualTo(6));
    }

    [TestCase("twin: {curent: 1e-9}", "demo.yaml:5:", "did you mean 'current'?")]
    [TestCase("model: 6517", "demo.yaml:3:", "6485 and 6487")]
    [TestCase("twin: {interlock: false}", "demo.yaml:5:", "only the 6487")]
    [TestCase("twin: {line_noise: {garble: 2}}", "demo.yaml:5:", "between 0 and 1")]
    [TestCase("twin: {line_frequency: 55}", "demo.yaml:5:", "50 or 60")]
    [TestCase("twin: {pty_mode: '06z0'}", "demo.yaml:5:", "not an octal file mode")] // found by fuzzing: was a FormatException
    [TestCase("twin: {pty_mode: '-1'}", "demo.yaml:5:", "not an octal file mode")] // was an ArgumentException
    public void BadEntriesAreClearErrors(string extra, string location, string problem)
    {
        var yaml = extra.StartsWith("model", StringComparison.Ordinal)
            ? $"- class: keithley\n  name: k\n  {extra}\n  serial: {{url: 'run/k'}}\n"
            : $"- class: keithley\n  name: k\n  model: 6485\n  serial: {{url: 'run/k'}}\n  {extra}\n";
        Assert.That(() => Create(yaml), Throws.TypeOf<ConfigException>().With.Message.Contains(location).And.Message.Contains(problem));
    }

    [TestCase("tango://id00/serialrp_1/11", "is not a serial line testbed knows")]
    [TestCase("rfc2217://127.0.0.1", "host:port")]
    [TestCase("ser2net://127.0.0.1:29000", "names no device")]
    [TestCase("tcp://127.0.0//127//127:1", "is not a host name or address")] // found by fuzzing: a resolver exception
    public void UnsupportedUrlsAreClearErrors(string url, string problem)
    {
        Assert.That(() => Create($"- class: keithley\n  name: k\n  serial: {{url: '{url}'}}\n"),
            Throws.TypeOf<ConfigException>().With.Message.Contains("serial.url").And.Message.Contains(problem));
    }

    [Test(Description = "the twin host serves a ser2net entry: control port lists the device, RFC 2217 port answers")]
    public async Task Ser2NetEntryServesBothPorts()
    {
        using var dir = new TempDirectory("k");
        // The control port comes from the url: a port taken since it was probed is retried with a fresh one.
        var endpoint = await FreePort.BindAsync(async port =>
        {
            var e = (KeithleyTwinEndpoint)Create($"- class: keithley\n  name: k\n  serial: {{url: 'ser2net://127.0.0.1:{port}/dev/ttyRP11'}}\n", dir.Path).Single();
            try { await e.StartAsync(CancellationToken.None); }
            catch
            {
                await e.DisposeAsync();
                throw;
            }
            return e;
        });
        try
        {
            Assert.That(endpoint.ControlPort!.ShowShortPort(), Does.Contain($"\n\r{endpoint.Server!.Endpoint.Port} "));
            Assert.That(endpoint.Address, Does.Contain($"RFC 2217 on port {endpoint.Server.Endpoint.Port}"));
        }
        finally { await endpoint.DisposeAsync(); }
    }
}
