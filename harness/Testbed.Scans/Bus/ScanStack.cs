using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Testbed.Scans.Bundler;
using Testbed.Scans.DeviceServer;
using Testbed.Scans.FileWriter;
using Testbed.Scans.ScanServer;
using Testbed.Scans.SciHub;

namespace Testbed.Scans.Bus;

/// <summary>The BEC-side services of the scan stack around one Redis — scan server, scan bundler, SciHub and file writer stand-ins —
/// and, given a beamline file, the device server — ready to be hosted together (<see cref="AddTo"/>, the static StartAsync),
/// or one by one as separate processes.</summary>
/// <remarks>Another file writer (the NeXus writer of Testbed.Writer in BEC mode) can be hosted instead of the stand-in.</remarks>
public sealed class ScanStack : IAsyncDisposable
{
    private ScanStack(DeviceServerService? deviceServer, ScanServerService scanServer, ScanBundlerService bundler, SciHubService sciHub, FileWriterService? fileWriter,
        FileWriterHost? hosted)
    {
        DeviceServer = deviceServer;
        ScanServer = scanServer;
        Bundler = bundler;
        SciHub = sciHub;
        FileWriter = fileWriter;
        HostedFileWriter = hosted;
    }

    /// <summary>The device server, when the options named a beamline file.</summary>
    public DeviceServerService? DeviceServer { get; }

    public ScanServerService ScanServer { get; }

    public ScanBundlerService Bundler { get; }

    public SciHubService SciHub { get; }

    /// <summary>The stand-in file writer; null when <see cref="HostedFileWriter"/> is hosted instead.</summary>
    public FileWriterService? FileWriter { get; }

    /// <summary>The file writer hosted instead of the stand-in, or null.</summary>
    public FileWriterHost? HostedFileWriter { get; }

    /// <summary>The BEC services of this stack, in start order (the device server first, the scan server last); the hosted file writer aside.</summary>
    public IReadOnlyList<BecService> Services =>
        [.. DeviceServer is null ? [] : new BecService[] { DeviceServer }, SciHub, Bundler, .. FileWriter is null ? [] : new BecService[] { FileWriter }, ScanServer];

    /// <summary>The names the services heartbeat as, in start order, the hosted file writer's (<c>FileWriterManager</c>) included.</summary>
    public IReadOnlyList<string> ServiceNames => HostedFileWriter is null
        ? [.. Services.Select(s => s.Name)]
        : [.. Services.Where(s => s != ScanServer).Select(s => s.Name), "FileWriterManager", ScanServer.Name];

    /// <summary>Everything hosted, in start order (the file writer before the scan server, so no scan's file is missed).</summary>
    public IReadOnlyList<IHostedService> HostedServices => HostedFileWriter is { } h
        ? [.. Services.Where(s => s != ScanServer), h.Service, ScanServer]
        : [.. Services];

    /// <summary>The services on <paramref name="options"/>' Redis (the device server too with <see cref="ScanServerOptions.Beamline"/>);
    /// they share its clock and logging.</summary>
    /// <param name="options">The scan server's settings (Redis, clock, logging, user, host; the beamline for the device server).</param>
    /// <param name="fileWriter">Builds the file writer to host instead of the stand-in (it gets the common settings), or null.</param>
    public static ScanStack Create(ScanServerOptions options, Func<BecServiceOptions, FileWriterHost>? fileWriter = null)
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
        var hosted = fileWriter?.Invoke(common);
        var standIn = hosted is null
            ? new FileWriterService(new FileWriterOptions
            {
                RedisUrl = common.RedisUrl, Time = common.Time, LoggerFactory = common.LoggerFactory, User = common.User, Hostname = common.Hostname,
            })
            : null;
        return new ScanStack(deviceServer, new ScanServerService(options), new ScanBundlerService(common), new SciHubService(common), standIn, hosted);
    }

    /// <summary>One call from options to a running stack: creates the services, starts them and waits until every one is RUNNING;
    /// when one cannot start, the others are stopped and its error is thrown (e.g. Redis unreachable, a beamline file's device class unknown).</summary>
    public static async Task<ScanStack> StartAsync(ScanServerOptions options, CancellationToken ct = default, Func<BecServiceOptions, FileWriterHost>? fileWriter = null)
    {
        var stack = Create(options, fileWriter);
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
        foreach (var s in HostedServices) services.AddSingleton<IHostedService>(s);
        return services;
    }

    /// <summary>Completes when every service is RUNNING; faults with the first that could not start.</summary>
    public Task WhenReadyAsync() => Task.WhenAll([.. Services.Select(s => s.Ready), HostedFileWriter?.Ready ?? Task.CompletedTask]);

    /// <summary>Starts every service without a host (tests, tools); stop with <see cref="StopAsync"/>.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        foreach (var s in HostedServices) await s.StartAsync(ct);
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        foreach (var s in HostedServices.Reverse()) await s.StopAsync(ct);
    }

    /// <summary>Stops every service (the device server last, after the scan server) and releases them.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var s in Services) s.Dispose();
    }
}

/// <summary>A file writer hosted in the stack instead of the stand-in: the service and when it is ready.</summary>
public sealed record FileWriterHost(IHostedService Service, Task Ready);
