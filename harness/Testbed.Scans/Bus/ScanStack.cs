using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Testbed.Scans.Bundler;
using Testbed.Scans.FileWriter;
using Testbed.Scans.ScanServer;
using Testbed.Scans.SciHub;

namespace Testbed.Scans.Bus;

/// <summary>The BEC-side services of the scan stack around one Redis — scan server, scan bundler, SciHub and file writer stand-ins —
/// ready to be hosted together (<see cref="AddTo"/>), or one by one as separate processes. The device server is hosted beside them.</summary>
public sealed class ScanStack
{
    private ScanStack(ScanServerService scanServer, ScanBundlerService bundler, SciHubService sciHub, FileWriterService fileWriter)
    {
        ScanServer = scanServer;
        Bundler = bundler;
        SciHub = sciHub;
        FileWriter = fileWriter;
    }

    public ScanServerService ScanServer { get; }

    public ScanBundlerService Bundler { get; }

    public SciHubService SciHub { get; }

    public FileWriterService FileWriter { get; }

    public IReadOnlyList<BecService> Services => [SciHub, Bundler, FileWriter, ScanServer];

    /// <summary>The four services on <paramref name="options"/>' Redis; the bundler, SciHub and file writer share its clock and logging.</summary>
    public static ScanStack Create(ScanServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var common = new BecServiceOptions
        {
            RedisUrl = options.RedisUrl, Time = options.Time, LoggerFactory = options.LoggerFactory, User = options.User, Hostname = options.Hostname,
        };
        return new ScanStack(new ScanServerService(options), new ScanBundlerService(common), new SciHubService(common),
            new FileWriterService(new FileWriterOptions
            {
                RedisUrl = common.RedisUrl, Time = common.Time, LoggerFactory = common.LoggerFactory, User = common.User, Hostname = common.Hostname,
            }));
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
}
