using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Testbed.Dashboard.Tests.Support;

namespace Testbed.Dashboard.Tests.Twin;

/// <summary>The twin panel: the JSON a GET of --twin returns, passed to the page; a missing twin is said in one line.</summary>
public class TwinPanelTests
{
    [Test]
    public async Task The_twin_answer_is_passed_on_and_a_stopped_twin_is_a_502_naming_it()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var twin = builder.Build();
        twin.MapGet("/devices", () => Results.Json(new { m1 = new { position = 1.5, moving = false }, det = new { state = "idle" } }));
        await twin.StartAsync();
        var url = new Uri(new Uri(twin.Urls.First()), "/devices");
        try
        {
            await using var h = await DashboardHarness.StartAsync(o => o with { Twin = url });
            var devices = JsonDocument.Parse(await h.Http.GetStringAsync("api/twin")).RootElement;
            Assert.That(devices.GetProperty("m1").GetProperty("position").GetDouble(), Is.EqualTo(1.5));
            Assert.That(devices.GetProperty("det").GetProperty("state").GetString(), Is.EqualTo("idle"));
            var config = JsonDocument.Parse(await h.Http.GetStringAsync("api/config")).RootElement;
            Assert.That(config.GetProperty("twin").GetString(), Is.EqualTo(url.ToString()));

            await twin.StopAsync();
            using var gone = await h.Http.GetAsync("api/twin");
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(await gone.Content.ReadAsStringAsync(), Does.Contain(url.ToString()));
        }
        finally { await twin.DisposeAsync(); }
    }

    [Test]
    public async Task Without_a_twin_the_panel_route_says_how_to_get_one()
    {
        await using var h = await DashboardHarness.StartAsync();
        using var response = await h.Http.GetAsync("api/twin");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("--twin URL"));
    }
}
