namespace Testbed.Twin.Host;

/// <summary>Starting and stopping a beamline's endpoints as one unit.</summary>
public static class TwinEndpoints
{
    /// <summary>Starts every endpoint in order; if one fails, stops all of them (the failed one included) and rethrows, so no pty link or port is left behind.</summary>
    public static async Task StartAllAsync(IReadOnlyList<ITwinEndpoint> endpoints, Action<ITwinEndpoint>? onStarted, CancellationToken cancellationToken)
    {
        for (var i = 0; i < endpoints.Count; i++)
        {
            try
            {
                await endpoints[i].StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
            {
                await StopAllAsync(endpoints.Take(i + 1).ToList(), null);
                throw new TwinStartException(endpoints[i], e);
            }
            catch
            {
                await StopAllAsync(endpoints.Take(i + 1).ToList(), null);
                throw;
            }
            onStarted?.Invoke(endpoints[i]);
        }
    }

    /// <summary>Stops endpoints in reverse order; a failure to stop one is reported and does not keep the others running.</summary>
    public static async Task StopAllAsync(IReadOnlyList<ITwinEndpoint> endpoints, Action<ITwinEndpoint, Exception>? onError)
    {
        foreach (var endpoint in endpoints.Reverse())
        {
            try { await endpoint.DisposeAsync(); }
            catch (Exception e) when (e is ObjectDisposedException or IOException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                onError?.Invoke(endpoint, e);
            }
        }
    }
}

/// <summary>An endpoint could not start (port taken, path not writable …); names the endpoint and its address.</summary>
public sealed class TwinStartException(ITwinEndpoint endpoint, Exception inner)
    : IOException($"{endpoint.Name}: cannot start at {endpoint.Address}: {inner.Message}", inner)
{
    /// <summary>True when the port is taken, typically by a running <c>testbed twin serve</c>.</summary>
    public bool AddressInUse => InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
        || InnerException?.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse };
}
