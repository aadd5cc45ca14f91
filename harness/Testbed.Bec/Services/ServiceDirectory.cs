using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;

namespace Testbed.Bec.Services;

/// <summary>The services that announce themselves (BEC's service_status / wait_for_service).</summary>
public static class ServiceDirectory
{
    /// <summary>Every live heartbeat: KEYS <c>user/services/status/*</c>, then GET of each (keys that expired in between are skipped).</summary>
    public static async Task<IReadOnlyList<StatusMessage>> GetAllAsync(BecConnector connector)
    {
        var prefix = MessageEndpoints.ServiceStatus("").Endpoint;
        var list = new List<StatusMessage>();
        foreach (var key in await connector.KeysAsync(MessageEndpoints.ServiceStatus("*")))
            if (await connector.GetAsync(MessageEndpoints.ServiceStatus(key[prefix.Length..])) is { } status) list.Add(status);
        return list;
    }

    /// <summary>Waits (polling every 50 ms on the connector's clock, as BEC) until <paramref name="name"/> reports <paramref name="status"/>.</summary>
    public static async Task WaitForServiceAsync(BecConnector connector, string name, BecStatus status, TimeSpan timeout, CancellationToken ct = default)
    {
        var time = connector.Options.Time;
        var started = time.GetTimestamp();
        while (true)
        {
            var current = await connector.GetAsync(MessageEndpoints.ServiceStatus(name));
            if (current?.Status == status) return;
            if (time.GetElapsedTime(started) >= timeout)
                throw new TimeoutException($"service {name} did not report {status} within {timeout.TotalSeconds:0.#} s (last: {current?.Status.ToString() ?? "no heartbeat"}); is it running against this Redis?");
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
    }
}
