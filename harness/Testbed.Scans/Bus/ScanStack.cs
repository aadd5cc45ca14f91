using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Testbed.Scans.Bundler;
using Testbed.Scans.DeviceServer;
using Testbed.Scans.FileWriter;
using Testbed.Scans.ScanServer;
using Testbed.Scans.SciHub;

namespace Testbed.Scans.Bus;

/// <summary>The BEC-side services of the scan stack around one Redis — scan server, scan bundler, SciHub and file writer stand-ins —
/// and, given a beamline file, the device server — ready to be hosted together (<see cref="AddTo"/>, <see cref="StartAsync(ScanServerOptions, CancellationToken)"/>),
/// or one by one as separate processes.</summary>
public sealed class ScanStack : IAsyncDisposable
{
    private ScanStack(DeviceServerService? deviceServer, ScanServerService scanServer, ScanBundlerService bundler, SciHubService sciHub, FileWriterService fileWriter)
    {
        DeviceServer = deviceServer;
        ScanServer = scanServer;
        Bundler = bundler;
        SciHub = sciHub;
        FileWriter = fileWriter;
    }

    /// <summary>The device server, when the options named a beamline file.</summary>
    public DeviceServerService? DeviceServer { get; }

    public ScanServerService ScanServer { get; }

    public ScanBundlerService Bundler { get; }

    public SciHubService SciHub { get; }

    public FileWriterService FileWriter { get; }

    public IReadOnlyList<BecService> Services => DeviceServer is null ? [SciHub, Bundler, FileWriter, ScanServer] : [DeviceServer, SciHub, Bundler, FileWriter, ScanServer];

    /// <summary>The services on <paramref name="options"/>' Redis (the device server too with <see cref="ScanServerOptions.Beamline"/>);
    /// they share its clock and logging.</summary>
    public static ScanStack Create(ScanServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var common = new BecServiceOptions
        {
            RedisUrl = options.RedisUrl, Time = options.Time, LoggerFactory = options.LoggerFactory, User = options.User, Hostname = options.Hostname,
        };
        var deviceServer = options.Beamline is { } beamline
            ? new DeviceServerService(new DeviceServerOptions
            {
                RedisUrl = common.RedisUrl, Time = common.Time, LoggerFactory = common.LoggerFactory, User = common.User, Hostname = common.Hostname,
                Beamline = beamline,
            })
            : null;
        return new ScanStack(deviceServer, new ScanServerService(options), new ScanBundlerService(common), new SciHubService(common),
            new FileWriterService(new FileWriterOptions
            {
                RedisUrl = common.RedisUrl, Time = common.Time, LoggerFactory = common.LoggerFactory, User = common.User, Hostname = common.Hostname,
            }));
    }

    /// <summary>One call from options to a running stack: creates the services, starts them and waits until every one is RUNNING;
    /// when one cannot start, the others are stopped and its error is thrown (e.g. Redis unreachable, a beamline file's device class unknown).</summary>
    public static async Task<ScanStack> StartAsync(ScanServerOptions options, CancellationToken ct = default)
    {
        var stack = Create(options);
        try
        {
            await stack.StartAsync(ct);
            await stack.WhenReadyAsync().WaitAsync(ct);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers the services as hosted services (and as singletons, so callers can await their <see cref="BecService.Ready"/>).</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(this);
        foreach (var s in Services) services.AddSingleton<IHostedService>(s);
        return services;
    }

    /// <summary>Completes when every service is RUNNING; faults with the first that could not start.</summary>
    public Task WhenReadyAsync() => Task.WhenAll(Services.Select(s => s.Ready));

    /// <summary>Starts every service without a host (tests, tools); stop with <see cref="StopAsync"/>.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        foreach (var s in Services) await s.StartAsync(ct);
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        foreach (var s in Services.Reverse()) await s.StopAsync(ct);
    }

    /// <summary>Stops every service (the device server last, after the scan server) and releases them.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var s in Services) s.Dispose();
    }
}
