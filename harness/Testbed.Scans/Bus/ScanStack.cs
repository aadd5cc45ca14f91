using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Testbed.Scans.Bundler;
using Testbed.Scans.FileWriter;
using Testbed.Scans.ScanServer;
using Testbed.Scans.SciHub;

namespace Testbed.Scans.Bus;

/// <summary>The BEC-side services of the scan stack around one Redis — scan server, scan bundler, SciHub and file writer stand-ins —
/// ready to be hosted together (<see cref="AddTo"/>), or one by one as separate processes. The device server is hosted beside them.</summary>
/// <remarks>Another file writer (the NeXus writer of Testbed.Writer in BEC mode) can be hosted instead of the stand-in.</remarks>
public sealed class ScanStack
{
    private ScanStack(ScanServerService scanServer, ScanBundlerService bundler, SciHubService sciHub, FileWriterService? fileWriter, FileWriterHost? hosted)
    {
        ScanServer = scanServer;
        Bundler = bundler;
        SciHub = sciHub;
        FileWriter = fileWriter;
        HostedFileWriter = hosted;
    }

    public ScanServerService ScanServer { get; }

    public ScanBundlerService Bundler { get; }

    public SciHubService SciHub { get; }

    /// <summary>The stand-in file writer; null when <see cref="HostedFileWriter"/> is hosted instead.</summary>
    public FileWriterService? FileWriter { get; }

    /// <summary>The file writer hosted instead of the stand-in, or null.</summary>
    public FileWriterHost? HostedFileWriter { get; }

    public IReadOnlyList<BecService> Services => FileWriter is null ? [SciHub, Bundler, ScanServer] : [SciHub, Bundler, FileWriter, ScanServer];

    /// <summary>Everything hosted, in start order (the file writer before the scan server, so no scan's file is missed).</summary>
    private IReadOnlyList<IHostedService> Hosted => HostedFileWriter is { } h ? [SciHub, Bundler, h.Service, ScanServer] : [.. Services];

    /// <summary>The four services on <paramref name="options"/>' Redis; the bundler, SciHub and file writer share its clock and logging.</summary>
    /// <param name="options">The scan server's settings (Redis, clock, logging, user, host).</param>
    /// <param name="fileWriter">Builds the file writer to host instead of the stand-in (it gets the common settings), or null.</param>
    public static ScanStack Create(ScanServerOptions options, Func<BecServiceOptions, FileWriterHost>? fileWriter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var common = new BecServiceOptions
        {
            RedisUrl = options.RedisUrl, Time = options.Time, LoggerFactory = options.LoggerFactory, User = options.User, Hostname = options.Hostname,
        };
        var hosted = fileWriter?.Invoke(common);
        var standIn = hosted is null
            ? new FileWriterService(new FileWriterOptions
            {
                RedisUrl = common.RedisUrl, Time = common.Time, LoggerFactory = common.LoggerFactory, User = common.User, Hostname = common.Hostname,
            })
            : null;
        return new ScanStack(new ScanServerService(options), new ScanBundlerService(common), new SciHubService(common), standIn, hosted);
    }

    /// <summary>Registers the services as hosted services (and as singletons, so callers can await their <see cref="BecService.Ready"/>).</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(this);
        foreach (var s in Hosted) services.AddSingleton<IHostedService>(s);
        return services;
    }

    /// <summary>Completes when every service is RUNNING; faults with the first that could not start.</summary>
    public Task WhenReadyAsync() => Task.WhenAll([.. Services.Select(s => s.Ready), HostedFileWriter?.Ready ?? Task.CompletedTask]);

    /// <summary>Starts every service without a host (tests, tools); stop with <see cref="StopAsync"/>.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        foreach (var s in Hosted) await s.StartAsync(ct);
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        foreach (var s in Hosted.Reverse()) await s.StopAsync(ct);
    }
}

/// <summary>A file writer hosted in the stack instead of the stand-in: the service and when it is ready.</summary>
public sealed record FileWriterHost(IHostedService Service, Task Ready);
