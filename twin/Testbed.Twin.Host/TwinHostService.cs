using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Testbed.Twin.Host;

/// <summary>Starts every endpoint of a beamline when the host starts, logs where each one listens, and stops them on shutdown.</summary>
public sealed class TwinHostService(IReadOnlyList<ITwinEndpoint> endpoints, ILogger<TwinHostService> logger) : IHostedService
{
    public IReadOnlyList<ITwinEndpoint> Endpoints => endpoints;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await TwinEndpoints.StartAllAsync(endpoints,
            e => logger.LogInformation("{Name}: {Description} at {Address}", e.Name, e.Description, e.Address), cancellationToken);
        logger.LogInformation("twin ready: {Count} endpoint(s); Ctrl-C stops", endpoints.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await TwinEndpoints.StopAllAsync(endpoints, (e, error) => logger.LogWarning(error, "{Name}: error while stopping", e.Name));
        logger.LogInformation("twin stopped");
    }
}
