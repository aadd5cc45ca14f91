using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;

namespace Testbed.Bec.Services;

/// <summary>Settings of a <see cref="ServiceHeartbeat"/>; the defaults are BEC's.</summary>
public sealed class ServiceHeartbeatOptions
{
    /// <summary>The clock the beats run on (a SimulationClock in tests and accelerated scenarios).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Status SET EX this long …</summary>
    public TimeSpan StatusExpiry { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>… and refreshed this often.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether to publish ServiceMetricMessages too (BEC: every second, EX 30).</summary>
    public bool PublishMetrics { get; init; } = true;

    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MetricsExpiry { get; init; } = TimeSpan.FromSeconds(30);

    public string User { get; init; } = Environment.UserName;

    public string Hostname { get; init; } = Environment.MachineName;

    /// <summary>What ServiceInfo.versions reports: the BEC wire version spoken here for bec_lib and bec_server, "Not found" for
    /// the Python packages that are not part of these services.</summary>
    public Func<ServiceVersions> Versions { get; init; } = static () => new ServiceVersions
    {
        BecLib = BecWire.Version,
        BecServer = BecWire.Version,
        BecIpythonClient = ServiceVersions.NotFound,
        BecWidgets = ServiceVersions.NotFound,
        OphydDevices = ServiceVersions.NotFound,
    };
}

/// <summary>A service's presence on the bus, as every BEC service shows it: a StatusMessage SET EX 6 + PUBLISH on
/// <c>user/services/status/&lt;name&gt;</c> every 3 s and at each status change, and a ServiceMetricMessage on
/// <c>user/services/metrics/&lt;name&gt;</c> every second (EX 30).</summary>
/// <remarks>As in BEC the status is BUSY until the service sets it, and the first periodic beat comes one interval after
/// <see cref="Start"/>; a service that is ready calls <see cref="SetStatusAsync"/>(Running), which beats at once. Beats that
/// fail (Redis away) are reported to the connector's OnError and retried at the next interval; the key then expires,
/// which is how BEC clients see a service gone.</remarks>
public sealed class ServiceHeartbeat : IAsyncDisposable
{
    private readonly BecConnector _connector;
    private readonly ServiceMetrics _metrics;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private ITimer? _statusTimer;
    private ITimer? _metricsTimer;
    private volatile BecStatus _status = BecStatus.Busy;

    public ServiceHeartbeat(BecConnector connector, string name, ServiceHeartbeatOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a service needs a name (e.g. DeviceServer)", nameof(name));
        _connector = connector;
        Name = name;
        Options = options ?? new ServiceHeartbeatOptions();
        _metrics = new ServiceMetrics(Options.Time);
    }

    /// <summary>The service id: DeviceServer, ScanServer, … or Name/uuid for non-unique services.</summary>
    public string Name { get; }

    public ServiceHeartbeatOptions Options { get; }

    public BecStatus Status => _status;

    /// <summary>Starts the periodic beats (and metrics); calling it again does nothing.</summary>
    public void Start()
    {
        var time = Options.Time;
        _statusTimer ??= time.CreateTimer(_ => _ = BeatQuietlyAsync(), null, Options.StatusInterval, Options.StatusInterval);
        if (Options.PublishMetrics)
            _metricsTimer ??= time.CreateTimer(_ => _ = MetricsQuietlyAsync(), null, Options.MetricsInterval, Options.MetricsInterval);
    }

    /// <summary>Changes the status and publishes it at once (BEC's status setter).</summary>
    public Task SetStatusAsync(BecStatus status)
    {
        _status = status;
        return BeatAsync();
    }

    /// <summary>One heartbeat now: SET EX + PUBLISH in one MULTI/EXEC.</summary>
    public async Task BeatAsync()
    {
        var message = CreateStatusMessage();
        await _sending.WaitAsync();
        try
        {
            await _connector.SetAndPublishAsync(MessageEndpoints.ServiceStatus(Name), message, Options.StatusExpiry);
        }
        finally
        {
            _sending.Release();
        }
    }

    private volatile bool _stopped;

    /// <summary>One ServiceMetricMessage now (SET EX 30 + PUBLISH).</summary>
    public Task PublishMetricsAsync() =>
        _connector.SetAndPublishAsync(MessageEndpoints.Metrics(Name), CreateMetricMessage(), Options.MetricsExpiry);

    /// <summary>The StatusMessage as the next beat sends it; ServiceInfo.timestamp is the clock's now.</summary>
    public StatusMessage CreateStatusMessage() => new()
    {
        Name = Name,
        Status = _status,
        Info = new ServiceInfo
        {
            User = Options.User,
            Hostname = Options.Hostname,
            Timestamp = BecTime.Now(Options.Time),
            Versions = Options.Versions(),
        },
    };

    /// <summary>The ServiceMetricMessage with this process's figures, in BEC's key order.</summary>
    public ServiceMetricMessage CreateMetricMessage() => new()
    {
        Name = Name,
        Metrics = _metrics.Sample(Options.User, Options.Hostname),
    };

    /// <summary>Stops the beats; the status key expires after <see cref="ServiceHeartbeatOptions.StatusExpiry"/>, as when a BEC service stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        if (_statusTimer is not null) await _statusTimer.DisposeAsync();
        if (_metricsTimer is not null) await _metricsTimer.DisposeAsync();
        _statusTimer = null;
        _metricsTimer = null;
    }

    private async Task BeatQuietlyAsync()
    {
        try
        {
            await BeatAsync();
        }
        // A beat that was under way while the service stopped is cut short by it: not an error worth telling.
        catch (Exception e) when (e is BecException or ObjectDisposedException && !_stopped)
        {
            _connector.Options.OnError(new BecConnectorError(MessageEndpoints.ServiceStatus(Name).Endpoint, $"heartbeat not sent: {e.Message}", e));
        }
        catch (Exception e) when (e is BecException or ObjectDisposedException)
        {
        }
    }

    private async Task MetricsQuietlyAsync()
    {
        try
        {
            await PublishMetricsAsync();
        }
        catch (Exception e) when (e is BecException or ObjectDisposedException && !_stopped)
        {
            _connector.Options.OnError(new BecConnectorError(MessageEndpoints.Metrics(Name).Endpoint, $"metrics not sent: {e.Message}", e));
        }
        catch (Exception e) when (e is BecException or ObjectDisposedException)
        {
        }
    }
}
