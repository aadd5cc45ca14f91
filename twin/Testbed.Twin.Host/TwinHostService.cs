using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Testbed.Twin.Host;

/// <summary>Starts every endpoint of a beamline when the host starts, logs where each one listens, and stops them on shutdown.</summary>
public sealed class TwinHostService(IReadOnlyList<ITwinEndpoint> endpoints, ILogger<TwinHostService> logger) : IHostedService
{
    private readonly List<ITwinEndpoint> _started = [];

    public IReadOnlyList<ITwinEndpoint> Endpoints => endpoints;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in endpoints)
        {
            await endpoint.StartAsync(cancellationToken);
            _started.Add(endpoint);
            logger.LogInformation("{Name}: {Description} at {Address}", endpoint.Name, endpoint.Description, endpoint.Address);
        }
        logger.LogInformation("twin ready: {Count} endpoint(s); Ctrl-C stops", _started.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in Enumerable.Reverse(_started))
        {
            try { await endpoint.DisposeAsync(); }
            catch (Exception e) when (e is ObjectDisposedException or IOException or InvalidOperationException)
            {
                logger.LogWarning(e, "{Name}: error while stopping", endpoint.Name);
            }
        }
        _started.Clear();
        logger.LogInformation("twin stopped");
    }
}
