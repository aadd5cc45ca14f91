using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Host.Control;
using Testbed.Twin.Host.Elmo;

namespace Testbed.Twin.Tests.Host.Control;

public class ControlHttpTests
{
    [Test]
    public async Task On_loopback_no_token_is_needed_and_a_position_put_over_HTTP_is_what_PX_answers()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        var devices = await http.GetFromJsonAsync<JsonElement>("/api/devices");
        Assert.That(devices.EnumerateArray().Select(d => d.GetProperty("name").GetString()), Is.EqualTo(new[] { "tx_ctrl", "m2", "pico", "det1", "world" }));

        var put = await http.PutAsJsonAsync("/api/devices/m2/position", new { value = 4321 });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var state = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state");
        Assert.That(state.GetProperty("position").GetInt64(), Is.EqualTo(4321));
        Assert.That(rig.Udp("m2", "PX\r"), Is.EqualTo("PX\r4321;"));

        var step = await http.PostAsJsonAsync("/api/clock/step", new { seconds = 0.25 });
        Assert.That((await step.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("elapsed_seconds").GetDouble(), Is.EqualTo(0.25).Within(1e-7));
        Assert.That(rig.Clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(0.25)));
    }

    [Test]
    public async Task Errors_are_problem_details_with_one_line_in_user_terms()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        async Task<(HttpStatusCode, string?, string)> Problem(HttpResponseMessage r)
        {
            var body = await r.Content.ReadFromJsonAsync<JsonElement>();
            return (r.StatusCode, r.Content.Headers.ContentType?.MediaType, body.GetProperty("detail").GetString()!);
        }

        Assert.That(await Problem(await http.GetAsync("/api/devices/m9")),
            Is.EqualTo((HttpStatusCode.NotFound, "application/problem+json", "no device 'm9'; devices: tx_ctrl, m2, pico, det1, world")));
        Assert.That(await Problem(await http.PutAsJsonAsync("/api/devices/m2/position", new { value = "far" })),
            Is.EqualTo((HttpStatusCode.BadRequest, "application/problem+json", "position: 'far' is not a whole number")));
        var (status, _, detail) = await Problem(await http.PutAsync("/api/devices/m2/position", new StringContent("{not json", Encoding.UTF8, "application/json")));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(detail, Is.EqualTo("PUT /api/devices/m2/position: the body is missing or not the JSON this route takes; its schema is at /openapi/v1.json"));
        Assert.That(await Problem(await http.GetAsync("/api/nothing")),
            Is.EqualTo((HttpStatusCode.NotFound, "application/problem+json", "no route GET /api/nothing; the routes are listed at /openapi/v1.json")));
    }

    [Test]
    public async Task Off_loopback_the_server_refuses_to_start_without_a_token_and_answers_401_without_it()
    {
        await using var rig = await ControlRig.StartAsync();
        await using (var open = new ControlHttpServer(rig.Control, new ControlServerOptions("0.0.0.0")))
        {
            var e = Assert.ThrowsAsync<ArgumentException>(() => open.StartAsync(CancellationToken.None))!;
            Assert.That(e.Message, Does.Contain("give a bearer token (--control-token)"));
        }

        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions("0.0.0.0", 0, "s3cret"));
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{new Uri(server.Url).Port}") };

        var none = await http.GetAsync("/api/devices");
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(none.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        Assert.That((await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("Authorization: Bearer"));

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/devices") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        Assert.That((await http.SendAsync(wrong)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var right = new HttpRequestMessage(HttpMethod.Put, "/api/devices/m2/position")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") },
            Content = JsonContent.Create(new { value = 7 }),
        };
        Assert.That((await http.SendAsync(right)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rig.Udp("m2", "PX\r"), Is.EqualTo("PX\r7;"));
    }

    [Test]
    public async Task Metrics_over_HTTP_count_the_datagrams_the_drive_received()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var port = rig.Endpoint<ElmoTwinEndpoint>("tx_ctrl").Server.LocalEndPoint.Port;
        using (var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            for (var i = 0; i < 4; i++) await udp.SendAsync("PX\r"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));

        var requests = await Eventually.QueryAsync(async () =>
        {
            var all = await http.GetFromJsonAsync<JsonElement>("/api/metrics");
            return all.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "tx_ctrl").GetProperty("metrics").GetProperty("requests").GetInt64();
        }, n => n == 4, "tx_ctrl counted 4 requests");
        Assert.That(requests, Is.EqualTo(4));
    }

    [Test]
    public void A_control_address_is_read_as_the_option_is_written()
    {
        Assert.That(ControlServerOptions.Parse("8700", null), Is.EqualTo(new ControlServerOptions("127.0.0.1", 8700)));
        Assert.That(ControlServerOptions.Parse("0.0.0.0:0", "t"), Is.EqualTo(new ControlServerOptions("0.0.0.0", 0, "t")));
        Assert.That(ControlServerOptions.Parse("[::1]:9", null).IsLoopback, Is.True);
        Assert.That(ControlServerOptions.Parse("localhost", null).IsLoopback, Is.True);
        Assert.That(() => ControlServerOptions.Parse("host:port", null), Throws.ArgumentException.With.Message.Contains("'port' is not a port"));
        Assert.That(() => ControlServerOptions.Parse("10.0.0.1:8700", null).Check(), Throws.ArgumentException);
    }
}
