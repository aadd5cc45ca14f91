using Microsoft.Extensions.Logging;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Drivers.Registry;
using Testbed.Scans.Bus;
using Testbed.Scans.DeviceServer.Devices;
using Testbed.Scans.Publishing;

namespace Testbed.Scans.DeviceServer;

/// <summary>The device server (heartbeat <c>DeviceServer</c>): drives the beamline file's controllers through the drivers
/// (<see cref="DriverRegistry"/>), publishes them as BEC devices, carries out the scan server's instructions — concurrently across
/// devices, in order for each — and writes the scans' blissdata streams (docs/decisions/0010, 0011).</summary>
public sealed class DeviceServerService(DeviceServerOptions options) : BecService("DeviceServer", options)
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly InstructionLanes _lanes = new();
    private readonly List<BecSubscription> _subscriptions = [];
    private DriverSet? _drivers;
    private DeviceStreams? _streams;
    private InstructionRunner? _runner;
    private Dictionary<string, ServedDevice> _devices = [];

    /// <summary>The served devices by name (once <see cref="BecService.Ready"/>).</summary>
    public IReadOnlyDictionary<string, ServedDevice> Devices => _devices;

    // A camera's frames per file (the file's frames_per_file:, 0 = one file per series) is published in its deviceConfig,
    // where the scan server reads it for the lima stream.
    private long FramesPerFile(string name) =>
        options.Beamline.Controllers.FirstOrDefault(c => c.Name == name)?.Node.Long("frames_per_file") is { } n and > 0 ? n : 0;

    protected override async Task StartServiceAsync(CancellationToken ct)
    {
        _drivers = options.Drivers ?? DriverRegistry.Build(options.Beamline, new DriverContext(Time, options.WireTime, options.Beamline.BaseDirectory));
        var served = new List<ServedDevice>();
        served.AddRange(_drivers.Axes.Select(a => new AxisDevice(a, Time)));
        served.AddRange(_drivers.Counters.Select(c => new CounterDevice(c, Time, Logger)));
        served.AddRange(_drivers.Detectors.Select(d => new DetectorDevice(d, Time, options.DetectorTimeout, FramesPerFile(d.Name))));
        _devices = served.ToDictionary(d => d.Name, StringComparer.Ordinal);
        await Task.WhenAll(served.Select(d => InitializeAsync(d, ct)));

        var publish = new DevicePublisher(Bec);
        await publish.PublishDevicesAsync(served);
        foreach (var d in served.Where(d => d.Enabled)) await PublishStateAsync(publish, d, ct);
        _streams = new DeviceStreams(Bec, options.Blissdata);
        _runner = new InstructionRunner(Bec, _devices, publish, _streams, Logger);
        _subscriptions.Add(await Bec.SubscribeAsync(MessageEndpoints.DeviceInstructions(), m => OnInstructionAsync(m.Message)));
        _subscriptions.Add(await Bec.SubscribeAsync(MessageEndpoints.StopDevices(), m => StopDevicesAsync(m.Message)));
    }

    // A device server often starts with its controllers (a twin in the same process, drives powering up): a first contact that
    // finds no answer is tried again before the device is given up as disabled.
    private const int InitializeAttempts = 3;
    private static readonly TimeSpan InitializeRetry = TimeSpan.FromMilliseconds(500);

    private async Task InitializeAsync(ServedDevice device, CancellationToken ct)
    {
        for (var attempt = 1; attempt < InitializeAttempts; attempt++)
        {
            try
            {
                await device.InitializeAsync(ct);
                return;
            }
            catch (Exception e) when (InstructionRunner.IsExpected(e))
            {
                Logger.LogInformation("{Device}: not initialised ({Message}); trying again", device.Name, e.Message);
                await Task.Delay(InitializeRetry, options.WireTime, ct);
            }
        }
        try { await device.InitializeAsync(ct); }
        catch (Exception e) when (InstructionRunner.IsExpected(e))
        {
            // Published disabled: a scan naming it is refused with this reason instead of failing midway.
            device.Enabled = false;
            device.Problem = e.Message;
            Logger.LogWarning("{Device} is disabled: {Message}", device.Name, e.Message);
        }
    }

    private async Task PublishStateAsync(DevicePublisher publish, ServedDevice device, CancellationToken ct)
    {
        try
        {
            await publish.ReadbackAsync(device.Name, [], await device.ReadAsync(ct));
            await publish.ConfigurationAsync(device.Name, await device.ReadConfigurationAsync(ct));
        }
        catch (Exception e) when (InstructionRunner.IsExpected(e))
        {
            Logger.LogWarning("{Device}: no readback at start: {Message}", device.Name, e.Message);
        }
    }

    /// <summary>Acknowledges the instruction as taken and returns at once (the subscription delivers one message at a time): the work
    /// waits in its devices' lanes; a repeat of an instruction already taken (re-sent after a Redis outage) is answered, not carried out again.</summary>
    /// <remarks>Acknowledged on arrival, not when its lane reaches it: an instruction behind a long move of the same device (a move
    /// to a far start, a move slowed by a resent datagram) would otherwise look lost to the scan server once its acknowledgement
    /// timeout passed. Its later acknowledgements wait for this one, so they stay in order.</remarks>
    private Task OnInstructionAsync(DeviceInstructionMessage ins)
    {
        var runner = _runner!;
        if (runner.TakeAsync(ins) is not { } taken) return Task.CompletedTask;
        _ = _lanes.Enqueue(ins.DeviceList, async () =>
        {
            await taken;
            await runner.RunAsync(ins, _stopping.Token);
        });
        return Task.CompletedTask;
    }

    /// <summary><c>user/queue/stop_devices</c>: stops the named devices (every device when none is named) at once, beside whatever
    /// instruction is running on them (a move in progress ends early and is acknowledged).</summary>
    private async Task StopDevicesAsync(VariableMessage message)
    {
        var names = message.Value is BecList list ? list.Select(v => v.AsString()).ToList() : [];
        var targets = names.Count == 0 ? _devices.Values.ToList() : [.. names.Select(n => _devices.GetValueOrDefault(n)).OfType<ServedDevice>()];
        await Task.WhenAll(targets.Where(d => d.Enabled).Select(async d =>
        {
            try { await d.StopAsync(_stopping.Token); }
            catch (Exception e) when (InstructionRunner.IsExpected(e)) { Logger.LogWarning("stop {Device}: {Message}", d.Name, e.Message); }
        }));
        Logger.LogInformation("stopped {Devices}", string.Join(", ", targets.Select(t => t.Name)));
    }

    protected override async ValueTask StopServiceAsync()
    {
        foreach (var s in _subscriptions) await s.DisposeAsync();
        _subscriptions.Clear();
        await _stopping.CancelAsync();
        try { await _lanes.IdleAsync(); }
        catch (Exception e) { Logger.LogWarning("while stopping: {Message}", e.Message); }
        if (_streams is not null) await _streams.DisposeAsync();
        if (_drivers is not null)
        {
            try { await _drivers.DisposeAsync(); }
            catch (Exception e) { Logger.LogWarning("while closing the drivers: {Message}", e.Message); }
        }
        _stopping.Dispose();
    }
}
