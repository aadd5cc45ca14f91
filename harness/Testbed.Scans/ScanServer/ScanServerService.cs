using Testbed.Bec.Endpoints;
using Testbed.Bec.Redis;
using Testbed.Blissdata;
using Testbed.Scans.Bus;
using Testbed.Scans.Publishing;
using Testbed.Scans.ScanServer.Blissdata;
using Testbed.Scans.ScanServer.Catalogue;
using Testbed.Scans.ScanServer.Guard;
using Testbed.Scans.ScanServer.Instructions;
using Testbed.Scans.ScanServer.Queue;

namespace Testbed.Scans.ScanServer;

/// <summary>The scan server (heartbeat <c>ScanServer</c>): publishes the scan catalogue and the start-up keys a BEC client reads, closes
/// scans a previous run left open, checks and queues requests, runs them as v4 instruction sequences for the device server, and
/// publishes every scan with blissdata.</summary>
public sealed class ScanServerService(ScanServerOptions options) : BecService("ScanServer", options)
{
    private readonly List<BecSubscription> _subscriptions = [];
    private ScanServerRuntime? _runtime;
    private DataStore? _store;

    public ScanServerOptions Options { get; } = options;

    protected override async Task StartServiceAsync(CancellationToken ct)
    {
        var catalogue = ScanCatalogue.Load();
        if (Options.BlissdataUrl is { } url)
        {
            try
            {
                _store = await StepScanPublisher.ConnectAsync(url, new DataStoreOptions { Time = Time }, note => Logger.LogNote(note));
            }
            catch (BlissdataException e)
            {
                throw new IOException($"ScanServer: blissdata Redis {url}: {e.Message}", e);
            }
        }
        var instructions = await InstructionChannel.OpenAsync(Bec, Time, Options.AckTimeout, Options.CompletionTimeout, Logger);
        _runtime = new ScanServerRuntime(Bec, instructions, new ScanQueue(Bec), new ScanNumbers(Bec, Options.FileBasePath), Options, _store, Logger);
        await AbandonedScans.StopLeftoverItemsAsync(Bec);
        await AbandonedScans.CloseAsync(Bec, _store, Options.BlissdataSession, Time, Logger);
        await Bec.SetAndPublishAsync(MessageEndpoints.AvailableScans(), catalogue.Message);
        await _runtime.Queue.PublishAsync();
        await _runtime.Numbers.InitAsync();
        await StartupKeys.PublishAsync(Bec);
        var guard = new ScanGuard(_runtime, catalogue);
        var modifications = new QueueModifications(_runtime);
        _subscriptions.Add(await Bec.SubscribeAsync(MessageEndpoints.ScanQueueRequest("*"), guard.HandleAsync));
        _subscriptions.Add(await Bec.SubscribeAsync(MessageEndpoints.ScanQueueModificationRequest(), m => modifications.HandleAsync(m.Message)));
    }

    protected override Task RunServiceAsync(CancellationToken ct) => new QueueWorker(_runtime!).RunAsync(ct);

    protected override async ValueTask StopServiceAsync()
    {
        foreach (var s in _subscriptions) await s.DisposeAsync();
        _subscriptions.Clear();
        if (_runtime is not null) await _runtime.Instructions.DisposeAsync();
        if (_store is not null) await _store.DisposeAsync();
    }
}
