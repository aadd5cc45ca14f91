using System.Text.Json;
using Testbed.Dashboard.Live;

namespace Testbed.Dashboard.Tests.Support;

/// <summary>Follows one SSE route of the dashboard in the background and keeps every event received, for tests to wait on.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedEvent> _events = [];
    private readonly Task _reader;

    private SseClient(HttpResponseMessage response)
    {
        _reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in EventStreamReader.ReadAsync(await response.Content.ReadAsStreamAsync(_stop.Token), _stop.Token))
                    lock (_events) _events.Add(e);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException) { }
            finally { response.Dispose(); }
        });
    }

    public static async Task<SseClient> OpenAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await Peek(response));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        return new SseClient(response);
    }

    private static async Task<string> Peek(HttpResponseMessage r) => r.IsSuccessStatusCode ? "" : await r.Content.ReadAsStringAsync();

    public IReadOnlyList<ReceivedEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public IEnumerable<JsonElement> Data(string name) => Events.Where(e => e.Name == name).Select(e => JsonDocument.Parse(e.Data).RootElement);

    /// <summary>Every value received for a stream, placed by index.</summary>
    public double?[] Values(string stream)
    {
        var values = new SortedDictionary<long, double?>();
        foreach (var p in Data("points").Where(p => p.GetProperty("stream").GetString() == stream))
        {
            var index = p.GetProperty("index").GetInt64();
            foreach (var v in p.GetProperty("values").EnumerateArray())
                values[index++] = v.ValueKind == JsonValueKind.Null ? null : v.GetDouble();
        }
        return [.. values.Values];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
    }
}
