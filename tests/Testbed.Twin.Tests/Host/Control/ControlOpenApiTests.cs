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
        Assert.That(server.Routes, Has.Count.GreaterThanOrEqualTo(17), "devices ×3, clock ×5, metrics, faults ×5, transcripts ×3");
        Assert.That(server.Routes, Is.SupersetOf(new[] { "GET /api/faults", "GET /api/faults/types", "POST /api/faults", "DELETE /api/faults/{name}", "DELETE /api/faults",
            "GET /api/transcripts", "GET /api/transcripts/{name}", "PUT /api/transcripts/{name}/capacity" }));
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

        Assert.That(Props("FaultReport"), Is.EquivalentTo(new[]
            { "name", "type", "target", "device", "start", "duration", "parameters", "state", "fired_at", "cleared_at", "description" }));
        Assert.That(Props("FaultRequest"), Is.EquivalentTo(new[] { "type", "target", "name", "at", "on", "for", "parameters" }));
        Assert.That(Props("FaultTypeReport"), Is.EquivalentTo(new[] { "name", "scope", "classes", "meaning", "parameters", "targets" }));
        Assert.That(schemas.GetProperty("FaultReportState").GetProperty("enum").EnumerateArray().Select(e => e.GetString()),
            Is.EqualTo(new[] { "armed", "active", "over", "cleared" }));
        var inject = paths.GetProperty("/api/faults").GetProperty("post");
        Assert.That(inject.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
            Is.EqualTo("#/components/schemas/FaultRequest"));

        Assert.That(Props("TranscriptReport"), Is.EquivalentTo(new[] { "name", "address", "recorded", "capacity", "exchanges" }));
        Assert.That(Props("TranscriptExchange"), Is.EquivalentTo(new[] { "elapsed_seconds", "outcome", "request", "reply", "line" }));

        var bearer = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty(ControlHttpServer.BearerScheme);
        Assert.That((bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()), Is.EqualTo(("http", "bearer")));
        Assert.That(doc.TryGetProperty("security", out _), Is.False, "a loopback server without a token requires none");
    }

    [Test]
    public async Task A_server_with_a_token_requires_the_bearer_scheme_of_every_operation()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions(Token: "s3cret"));
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "s3cret");
        var doc = JsonDocument.Parse(await http.GetStringAsync(ControlHttpServer.OpenApiPath)).RootElement;

        Assert.That(doc.GetProperty("security").EnumerateArray().Single().EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { ControlHttpServer.BearerScheme }));
    }
}
