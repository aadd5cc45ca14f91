using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Testbed.Drivers.Detector;

/// <summary>HTTP client for SIMPLON REST 1.8.0: config/status GET, config PUT (returns the changed keys), commands.</summary>
public sealed class SimplonClient : IDisposable
{
    public const string Version = "1.8.0";
    private readonly HttpClient _http;
    private readonly SimplonDetectorOptions _options;
    private readonly TimeProvider _time;

    /// <param name="options">Where the detector is and the request timeout.</param>
    /// <param name="handler">The HTTP stack (a scripted one in tests); sockets by default.</param>
    /// <param name="time">Measures request timeouts (the system clock by default).</param>
    public SimplonClient(SimplonDetectorOptions options, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        // Per-request timeouts: a trigger lasts as long as its images.
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The <c>value</c> of a config or status key.</summary>
    public async Task<JsonElement> GetValueAsync(string module, string task, string key, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(HttpMethod.Get, $"/{module}/api/{Version}/{task}/{key}", null, _options.RequestTimeout, cancellationToken);
        var json = Parse(reply, HttpMethod.Get, $"/{module}/api/{Version}/{task}/{key}");
        return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("value", out var v) ? v.Clone()
            : throw new SimplonRequestException($"{_options.Name}: GET {_options.Url}/{module}/api/{Version}/{task}/{key} replied without \"value\": {Encoding.UTF8.GetString(reply)}");
    }

    /// <summary>The <c>value</c> of a key that holds a string (null for JSON null); any other type is a <see cref="SimplonRequestException"/>.</summary>
    public async Task<string?> GetStringAsync(string module, string task, string key, CancellationToken cancellationToken = default)
    {
        var v = await GetValueAsync(module, task, key, cancellationToken);
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => throw WrongType(module, task, key, "a string", v),
        };
    }

    /// <summary>The <c>value</c> of a key that holds a 32-bit integer.</summary>
    public async Task<int> GetInt32Async(string module, string task, string key, CancellationToken cancellationToken = default)
    {
        var v = await GetValueAsync(module, task, key, cancellationToken);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : throw WrongType(module, task, key, "an integer", v);
    }

    /// <summary>The <c>value</c> of a key that holds a list of strings.</summary>
    public async Task<IReadOnlyList<string>> GetStringListAsync(string module, string task, string key, CancellationToken cancellationToken = default)
    {
        var v = await GetValueAsync(module, task, key, cancellationToken);
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw WrongType(module, task, key, "a list of strings", v);
        return [.. v.EnumerateArray().Select(e => e.GetString()!)];
    }

    private SimplonRequestException WrongType(string module, string task, string key, string expected, JsonElement value) =>
        new($"{_options.Name}: GET {_options.Url}/{module}/api/{Version}/{task}/{key} replied with {Shorten(value.GetRawText())}, not {expected}");

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    /// <summary>PUT <c>{"value": v}</c>; returns the keys the detector reports as changed.</summary>
    public async Task<IReadOnlyList<string>> SetAsync(string module, string key, JsonNode value, CancellationToken cancellationToken = default)
    {
        var path = $"/{module}/api/{Version}/config/{key}";
        var reply = await SendAsync(HttpMethod.Put, path, new JsonObject { ["value"] = value }.ToJsonString(), _options.RequestTimeout, cancellationToken);
        if (reply.Length == 0) return [key];
        var json = Parse(reply, HttpMethod.Put, path);
        if (json.ValueKind != JsonValueKind.Array) return [key];
        return json.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. json.EnumerateArray().Select(e => e.GetString()!)]
            : throw new SimplonRequestException($"{_options.Name}: PUT {_options.Url}{path} replied with {Shorten(json.GetRawText())}, not the list of changed keys");
    }

    /// <summary>PUT a command; returns the reply JSON (e.g. <c>{"sequence id": 3}</c>) or null for an empty reply.</summary>
    public async Task<JsonElement?> CommandAsync(string module, string command, JsonNode? body = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var path = $"/{module}/api/{Version}/command/{command}";
        var reply = await SendAsync(HttpMethod.Put, path, body?.ToJsonString(), timeout ?? _options.RequestTimeout, cancellationToken);
        return reply.Length == 0 ? null : Parse(reply, HttpMethod.Put, path);
    }

    /// <summary>GET raw bytes (monitor images); null for 408 (no image yet).</summary>
    public async Task<byte[]?> GetBytesOrNullAsync(string path, CancellationToken cancellationToken = default)
    {
        try { return await SendAsync(HttpMethod.Get, path, null, _options.RequestTimeout, cancellationToken); }
        catch (SimplonRequestException e) when (e.Status == 408) { return null; }
    }

    private async Task<byte[]> SendAsync(HttpMethod method, string path, string? json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = _options.Url + path;
        using var request = new HttpRequestMessage(method, url);
        // SIMPLON servers want Content-Length on every PUT, also an empty one.
        request.Content = json is null ? (method == HttpMethod.Put ? new ByteArrayContent([]) : null) : new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var limit = new CancellationTokenSource(timeout, _time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cts.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SimplonRequestException($"{_options.Name}: {method} {url} got no reply within {timeout.TotalSeconds:0.###} s", null, e);
        }
        catch (HttpRequestException e)
        {
            throw new SimplonRequestException($"{_options.Name}: {method} {url} failed: {e.Message}; is the detector (or its twin) running at {_options.Url}?", null, e);
        }
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            if (!response.IsSuccessStatusCode)
                throw new SimplonRequestException($"{_options.Name}: {method} {url}{(json is null ? "" : " " + json)} → HTTP {(int)response.StatusCode}: {ErrorText(body)}", (int)response.StatusCode);
            return body;
        }
    }

    private JsonElement Parse(byte[] reply, HttpMethod method, string path)
    {
        // JsonDocument checks UTF-8 only when a string is read; refuse such a reply here, where the request is known.
        if (!System.Text.Unicode.Utf8.IsValid(reply))
            throw new SimplonRequestException($"{_options.Name}: {method} {_options.Url}{path} replied with bytes that are not UTF-8: {Shorten(Encoding.UTF8.GetString(reply))}");
        try { return JsonDocument.Parse(reply).RootElement.Clone(); }
        catch (JsonException e)
        {
            throw new SimplonRequestException($"{_options.Name}: {method} {_options.Url}{path} replied with invalid JSON ({e.Message}): {Encoding.UTF8.GetString(reply)}", null, e);
        }
    }

    private static string ErrorText(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (!System.Text.Unicode.Utf8.IsValid(body)) return text;
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var e)) return e.ToString();
        }
        catch (JsonException) { }
        return text.Length == 0 ? "(empty reply)" : text;
    }

    public void Dispose() => _http.Dispose();
}
