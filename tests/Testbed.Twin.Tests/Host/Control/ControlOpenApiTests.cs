using System.Text.Json;
using Testbed.Twin.Host.Control;

namespace Testbed.Twin.Tests.Host.Control;

public class ControlOpenApiTests
{
    [Test]
    public async Task The_OpenAPI_description_lists_every_route_served_with_sane_schemas()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var doc = JsonDocument.Parse(await http.GetStringAsync(ControlHttpServer.OpenApiPath)).RootElement;

        Assert.That(doc.GetProperty("openapi").GetString(), Does.StartWith("3."));
        Assert.That(server.Routes, Has.Count.GreaterThanOrEqualTo(9), "devices ×3, clock ×5, metrics");
        var paths = doc.GetProperty("paths");
        var listed = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToList();
        Assert.That(listed, Is.EquivalentTo(server.Routes), "every route served is described, and nothing else");

        foreach (var path in paths.EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                var where = $"{op.Name} {path.Name}";
                Assert.That(op.Value.GetProperty("summary").GetString(), Is.Not.Empty, where);
                var ok = op.Value.GetProperty("responses").GetProperty("200");
                Assert.That(ok.GetProperty("content").TryGetProperty("application/json", out _), Is.True, $"{where} answers JSON");
                foreach (var p in path.Name.Split('/').Where(s => s.StartsWith('{')))
                    Assert.That(op.Value.GetProperty("parameters").EnumerateArray().Select(x => x.GetProperty("name").GetString()), Does.Contain(p.Trim('{', '}')), where);
            }

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        string[] Props(string schema) => [.. schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name)];
        Assert.That(Props("DeviceReport"), Is.EquivalentTo(new[] { "name", "kind", "address", "state", "settable" }));
        Assert.That(Props("DeviceSummary"), Is.EquivalentTo(new[] { "name", "kind", "address", "description" }));
        Assert.That(Props("ClockReport"), Is.EquivalentTo(new[] { "elapsed_seconds", "paused", "rate", "now", "pending_timers" }));
        Assert.That(Props("SetRequest"), Is.EquivalentTo(new[] { "value" }));
        Assert.That(Props("StepRequest"), Is.EquivalentTo(new[] { "seconds" }));
        Assert.That(Props("MetricsSnapshot"), Is.EquivalentTo(new[] { "requests", "errors", "mean_latency_microseconds", "latency" }));
        var put = paths.GetProperty("/api/devices/{name}/{key}").GetProperty("put");
        Assert.That(put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
            Is.EqualTo("#/components/schemas/SetRequest"));
    }
}
