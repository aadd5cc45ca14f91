using System.Text.Json;
using System.Text.Json.Nodes;

namespace Testbed.Dashboard.Twin;

/// <summary>What the twin's control API answers to a GET of the given URL: JSON shown as it comes (the page renders it as a table).</summary>
public sealed class TwinDevices(Uri url, HttpClient http)
{
    public Uri Url { get; } = url;

    /// <summary>The JSON answer; an <see cref="HttpRequestException"/> naming the URL when the twin is away or answers no JSON.</summary>
    public async Task<JsonNode?> GetAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var response = await http.GetAsync(Url, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"twin control API {Url} answered {(int)response.StatusCode} {response.ReasonPhrase}; check --twin");
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new HttpRequestException($"twin control API {Url} did not answer within 3 s; is the twin running?");
        }
        catch (HttpRequestException e) when (!e.Message.Contains(Url.ToString(), StringComparison.Ordinal))
        {
            throw new HttpRequestException($"twin control API {Url}: {e.Message}; is the twin running, and is --twin right?", e);
        }
        catch (JsonException e)
        {
            throw new HttpRequestException($"twin control API {Url} answered something that is not JSON ({e.Message}); check --twin");
        }
    }
}
