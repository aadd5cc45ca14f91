using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Testbed.Twin.Host.Control;

/// <summary>A small client of the control API (what <c>testbed twin ctl</c> uses): one method per route, replies as JSON.</summary>
/// <remarks>Refusals throw <see cref="ControlRequestException"/> with the server's one-line message; an unreachable twin throws it too,
/// saying where it looked.</remarks>
public sealed class ControlClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = Options();
    private readonly HttpClient _http;

    /// <param name="url">The control API's URL as <c>testbed twin serve</c> printed it, e.g. <c>http://127.0.0.1:41234</c>.</param>
    /// <param name="token">The bearer token, when the twin was served with one.</param>
    /// <param name="timeout">How long one request may take.</param>
    public ControlClient(Uri url, string? token = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        _http = new HttpClient { BaseAddress = new Uri(url.ToString().TrimEnd('/') + "/"), Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        if (token is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri Url { get; }

    public Task<JsonElement> DevicesAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Get, "api/devices", null, ct);

    public Task<JsonElement> GetAsync(string device, CancellationToken ct = default) => SendAsync(HttpMethod.Get, $"api/devices/{Uri.EscapeDataString(device)}", null, ct);

    /// <summary>Sets a key; <paramref name="value"/> goes as a JSON number or boolean when it reads as one, else as a string.</summary>
    public Task<JsonElement> SetAsync(string device, string key, string value, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/devices/{Uri.EscapeDataString(device)}/{Uri.EscapeDataString(key)}", new { value = Literal(value) }, ct);

    public Task<JsonElement> ClockAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Get, "api/clock", null, ct);

    public Task<JsonElement> PauseAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Post, "api/clock/pause", null, ct);

    public Task<JsonElement> ResumeAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Post, "api/clock/resume", null, ct);

    public Task<JsonElement> StepAsync(double seconds, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "api/clock/step", new { seconds }, ct);

    public Task<JsonElement> RateAsync(double rate, CancellationToken ct = default) => SendAsync(HttpMethod.Put, "api/clock/rate", new { rate }, ct);

    public Task<JsonElement> MetricsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Get, "api/metrics", null, ct);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ControlRequestException(null, $"cannot reach the twin's control API at {Url}: {e.Message}; is `testbed twin serve` running, and is this the URL it printed?");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ControlRequestException(null, $"the twin's control API at {Url} did not answer {method} /{path} within {_http.Timeout.TotalSeconds:0.#} s");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement? json = null;
            try { json = JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone(); }
            catch (JsonException) { }
            if (response.IsSuccessStatusCode && json is { } ok) return ok;
            var detail = json is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String
                ? d.GetString()!
                : $"{(int)response.StatusCode} {response.ReasonPhrase} from {Url} (is this a testbed twin's control API?)";
            throw new ControlRequestException(response.StatusCode, detail);
        }
    }

    private static object Literal(string value)
    {
        if (value is "true" or "false") return value == "true";
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : d;
        return value;
    }

    private static JsonSerializerOptions Options()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ControlHttpServer.Configure(o);
        return o;
    }
}

/// <summary>A control request that failed: the server's refusal (with its status) or no answer at all (status null).</summary>
public sealed class ControlRequestException(HttpStatusCode? status, string message) : IOException(message)
{
    /// <summary>The HTTP status, or null when the twin was not reached.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>True when the twin refused the request itself (a 4xx: an unknown device, a bad value, a missing token).</summary>
    public bool Refused => Status is { } s && (int)s is >= 400 and < 500;
}
