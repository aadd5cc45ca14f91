using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Drivers.Keithley;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Keithley;

namespace Testbed.Integration.Tests.Keithley;

/// <summary>One beamline file with one Keithley, served by the twin host and read by the driver from the same entry.</summary>
internal sealed class KeithleyBeamline : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("keithley-it");

    private KeithleyBeamline(string yaml, double rate)
    {
        Clock = new SimulationClock(rate);
        var path = _dir.File("beamline.yaml");
        File.WriteAllText(path, yaml);
        Config = BeamlineConfig.Load(path);
        Endpoint = (KeithleyTwinEndpoint)TwinRegistry.CreateAll(Config, new TwinContext(Clock, NullLoggerFactory.Instance, _dir.Path)).Single();
    }

    public SimulationClock Clock { get; }

    public BeamlineConfig Config { get; }

    public KeithleyTwinEndpoint Endpoint { get; }

    public string Folder => _dir.Path;

    /// <summary>A started twin for a <c>serial:</c> url; <c>{port}</c> in the url is replaced by a free TCP port.</summary>
    /// <remarks>The twin binds the port from the file, so a port taken since it was probed is retried with a fresh one.</remarks>
    public static Task<KeithleyBeamline> StartAsync(string url, string extra = "", double rate = 1000, int model = 6485) =>
        FreePort.BindAsync(port => StartOnAsync(url.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), extra, rate, model));

    private static async Task<KeithleyBeamline> StartOnAsync(string url, string extra, double rate, int model)
    {
        var yaml = $"""
            - class: keithley
              name: kctrl
              model: {model}
              serial:
                url: {url}
                baudrate: 38400
                timeout: 1
              sensors:
                - name: mondio
                  address: 1
                  nplc: 0.1
                  auto_range: true
              twin:
                current: 2.5e-9
            {extra}
            """;
        var beamline = new KeithleyBeamline(yaml, rate);
        try
        {
            await beamline.Endpoint.StartAsync(CancellationToken.None);
        }
        catch
        {
            await beamline.DisposeAsync();
            throw;
        }
        return beamline;
    }

    /// <summary>The driver for the file's entry, measuring its timeouts on <paramref name="time"/> (default: the system clock).</summary>
    public KeithleyCounter Counter(TimeProvider? time = null) => new(KeithleyCounterSettings.From(Config.Controllers[0]), time: time);

    public async ValueTask DisposeAsync()
    {
        await Endpoint.DisposeAsync();
        Clock.Dispose();
        _dir.Dispose();
    }
}
