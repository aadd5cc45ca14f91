using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Testbed.Bec;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Services;

namespace Testbed.Scans.Bus;

/// <summary>A BEC service as a hosted service: connects to the BEC Redis under its name, beats its heartbeat, sets itself up,
/// reports RUNNING, and runs until stopped.</summary>
/// <remarks>The heartbeat is BUSY while <see cref="StartServiceAsync"/> runs (as in BEC), RUNNING from <see cref="Ready"/> on.</remarks>
public abstract class BecService : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected BecService(string name, BecServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        ServiceOptions = options;
        Logger = options.LoggerFactory.CreateLogger(GetType());
    }

    /// <summary>The heartbeat name (ScanServer, ScanBundler, SciHub, FileWriterManager).</summary>
    public string Name { get; }

    public BecServiceOptions ServiceOptions { get; }

    /// <summary>Completes when the service is RUNNING; faults with the reason when it could not start.</summary>
    public Task Ready => _ready.Task;

    protected ILogger Logger { get; }

    protected TimeProvider Time => ServiceOptions.Time;

    /// <summary>The connection, once <see cref="StartServiceAsync"/> is called.</summary>
    protected BecConnector Bec { get; private set; } = null!;

    /// <summary>Subscribes and publishes what the service offers at start; the heartbeat says BUSY meanwhile.</summary>
    protected abstract Task StartServiceAsync(CancellationToken ct);

    /// <summary>Runs after RUNNING until the host stops (default: nothing but waiting).</summary>
    protected virtual Task RunServiceAsync(CancellationToken ct) => Task.Delay(Timeout.InfiniteTimeSpan, Time, ct);

    /// <summary>Undoes what <see cref="StartServiceAsync"/> set up (subscriptions, timers).</summary>
    protected virtual ValueTask StopServiceAsync() => ValueTask.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ServiceHeartbeat? beat = null;
        try
        {
            Bec = await BecConnector.ConnectAsync(ServiceOptions.RedisUrl, new BecConnectorOptions
            {
                Time = Time,
                OnError = e => Logger.LogWarning("{Service}: {Error}", Name, e),
            }, clientName: Name);
            beat = new ServiceHeartbeat(Bec, Name, new ServiceHeartbeatOptions
            {
                Time = Time, User = ServiceOptions.User, Hostname = ServiceOptions.Hostname,
            });
            beat.Start();
            await beat.BeatAsync();
            await StartServiceAsync(stoppingToken);
            await beat.SetStatusAsync(BecStatus.Running);
            Logger.LogInformation("{Service} running on {Redis}", Name, ServiceOptions.RedisUrl);
            _ready.TrySetResult();
            await RunServiceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(stoppingToken);
        }
        catch (Exception e) when (e is BecException or IOException)
        {
            Logger.LogError("{Service}: {Message}", Name, e.Message);
            _ready.TrySetException(e);
            throw;
        }
        catch (Exception e)
        {
            // A bug, not a condition of the bus: keep the details for whoever reads the log.
            Logger.LogError(e, "{Service} stopped: {Type}: {Message}", Name, e.GetType().Name, e.Message);
            _ready.TrySetException(e);
            throw;
        }
        finally
        {
            await StopServiceAsync();
            if (beat is not null) await beat.DisposeAsync();
            if (Bec is not null) await Bec.DisposeAsync();
        }
    }
}
