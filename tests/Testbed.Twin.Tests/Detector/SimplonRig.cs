using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Detector;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;
using Testbed.Twin.Host.Detector;

namespace Testbed.Twin.Tests.Detector;

/// <summary>A detector twin served over HTTP on 127.0.0.1:0, with a raw HttpClient.</summary>
internal sealed class SimplonRig : IAsyncDisposable
{
    private readonly SimplonHttpServer _server;

    private SimplonRig(string root, int width, int height, SimulationSettings sim, bool paused)
    {
        Clock = paused ? new SimulationClock(paused: true) : new SimulationClock(rate: 1000);
        Twin = new DetectorTwin(Clock, TimeProvider.System, new DataRoot(root), width, height, PixelType.UInt16, sim);
        _server = new SimplonHttpServer(Twin.Api, "http://127.0.0.1:0");
    }

    public TempDirectory? Temp { get; private init; }

    public SimulationClock Clock { get; }

    public DetectorTwin Twin { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Base => _server.Address;

    /// <summary>Starts a rig whose clock runs at 1000× real time, or stands still until the test advances it (<paramref name="paused"/>).</summary>
    public static async Task<SimplonRig> StartAsync(string? root = null, int width = 32, int height = 16, SimulationSettings? sim = null, bool paused = false)
    {
        var temp = root is null ? new TempDirectory("simplon") : null;
        var rig = new SimplonRig(root ?? temp!.Path, width, height, sim ?? new SimulationSettings { Seed = 5 }, paused) { Temp = temp };
        await rig._server.StartAsync(CancellationToken.None);
        return rig;
    }

    public async Task<(int Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, Base + path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        else if (method == HttpMethod.Put) request.Content = new ByteArrayContent([]);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var doc = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, doc);
    }

    public Task<(int Status, JsonElement Json)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(int Status, JsonElement Json)> PutAsync(string path, string? json = null) => SendAsync(HttpMethod.Put, path, json);

    public async Task<string> StateAsync() => (await GetAsync("/detector/api/1.8.0/status/state")).Json.GetProperty("value").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Http.Dispose();
        Clock.Dispose();
        Temp?.Dispose();
    }
}
