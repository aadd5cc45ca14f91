using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Testbed.Dashboard.Live;

/// <summary>Writes a text/event-stream response: one <c>event:</c> name and one JSON <c>data:</c> line per event, flushed at once.</summary>
public sealed class ServerSentEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpResponse _response;

    private ServerSentEvents(HttpResponse response) => _response = response;

    public static async Task<ServerSentEvents> StartAsync(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx would otherwise hold events back.
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync();
        return new ServerSentEvents(response);
    }

    public async Task SendAsync<T>(string name, T data, CancellationToken ct)
    {
        var text = $"event: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n";
        await _response.WriteAsync(text, ct);
        await _response.Body.FlushAsync(ct);
    }

    /// <summary>A comment line: keeps idle connections open through proxies and shows a gone client early.</summary>
    public async Task KeepAliveAsync(CancellationToken ct)
    {
        await _response.WriteAsync(": keep-alive\n\n", ct);
        await _response.Body.FlushAsync(ct);
    }
}
