using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    public Task<JsonElement> FaultsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Get, "api/faults", null, ct);

    public Task<JsonElement> FaultTypesAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Get, "api/faults/types", null, ct);

    /// <summary>Injects one fault given as a JSON object, or as words (see <see cref="FaultBody"/>).</summary>
    public Task<JsonElement> InjectAsync(IReadOnlyList<string> fault, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/faults", new StringContent(FaultBody(fault), System.Text.Encoding.UTF8, "application/json"), ct);

    public Task<JsonElement> ClearFaultAsync(string name, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"api/faults/{Uri.EscapeDataString(name)}", null, ct);

    public Task<JsonElement> ClearAllFaultsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "api/faults", null, ct);

    public Task<JsonElement> TranscriptsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Get, "api/transcripts", null, ct);

    /// <summary>The last <paramref name="last"/> exchanges of one endpoint (every one kept when null).</summary>
    public Task<JsonElement> TranscriptAsync(string device, int? last = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/transcripts/{Uri.EscapeDataString(device)}{(last is { } n ? $"?last={n.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "")}", null, ct);

    public Task<JsonElement> TranscriptCapacityAsync(string device, int capacity, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/transcripts/{Uri.EscapeDataString(device)}/capacity", new { capacity }, ct);

    /// <summary>The inject body for command-line words: one JSON object as it is, or <c>[TYPE [TARGET]] key=value …</c> with
    /// <c>on.command=PA=</c>-style keys for the event (values as JSON numbers or booleans when they read as one).</summary>
    /// <exception cref="ArgumentException">A word that is neither, saying what to write.</exception>
    public static string FaultBody(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 1 && words[0].TrimStart().StartsWith('{')) return words[0];
        var fault = new JsonObject();
        string[] positional = ["type", "target"];
        var bare = 0;
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                if (bare >= positional.Length || fault.Count > bare)
                    throw new ArgumentException($"'{word}' is not key=value; write e.g. drop tx_ctrl percent=50 for=2 (type and target first), or one JSON object");
                fault[positional[bare++]] = word;
                continue;
            }
            var (key, value) = (word[..eq], Literal(word[(eq + 1)..]) switch
            {
                bool b => JsonValue.Create(b),
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                var text => JsonValue.Create((string)text),
            });
            var into = fault;
            if (key.StartsWith("on.", StringComparison.Ordinal))
            {
                into = fault["on"] as JsonObject ?? (JsonObject)(fault["on"] = new JsonObject());
                key = key[3..];
            }
            if (into.ContainsKey(key)) throw new ArgumentException($"'{word}': {key} is given twice");
            into[key] = value;
        }
        return fault.ToJsonString();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body, options: Json);
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
