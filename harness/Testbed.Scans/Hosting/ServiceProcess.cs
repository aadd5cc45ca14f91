using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Testbed.Scans.Bus;
using Testbed.Scans.DeviceServer;
using Testbed.Scans.ScanServer;

namespace Testbed.Scans.Hosting;

/// <summary>Runs scan-stack services as one process around a Redis until cancelled: the device server, the BEC-side services, or both,
/// as hosted services of a Microsoft.Extensions.Hosting host.</summary>
public static class ServiceProcess
{
    /// <summary>Starts the services of <paramref name="role"/>, calls <paramref name="running"/> with their names once every one is RUNNING,
    /// and stops them when <paramref name="ct"/> is cancelled. A service that cannot start (Redis unreachable, a device class unknown) throws.</summary>
    public static async Task RunAsync(ServedRole role, ScanServerOptions options, Action<IReadOnlyList<string>> running, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (role != ServedRole.ScanServer && options.Beamline is null)
            throw new ArgumentException($"the {(role == ServedRole.Stack ? "stack" : "device server")} needs a beamline file (the controllers it drives)", nameof(options));
        var services = role switch
        {
            ServedRole.DeviceServer => [new DeviceServerService(new DeviceServerOptions
            {
                RedisUrl = options.RedisUrl, Time = options.Time, LoggerFactory = options.LoggerFactory, User = options.User, Hostname = options.Hostname,
                Beamline = options.Beamline!,
            })],
            ServedRole.ScanServer => ScanStack.Create(options with { Beamline = null }).Services,
            _ => ScanStack.Create(options).Services,
        };
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(options.LoggerFactory);
        foreach (var s in services) builder.Services.AddSingleton<IHostedService>(s);
        using var host = builder.Build();
        await host.StartAsync(ct);
        try
        {
            await Task.WhenAll(services.Select(s => s.Ready)).WaitAsync(ct);
            running([.. services.Select(s => s.Name)]);
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stopping.Token);
            foreach (var s in services) s.Dispose();
        }
    }
}
