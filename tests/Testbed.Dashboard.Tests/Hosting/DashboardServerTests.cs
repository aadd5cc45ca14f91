using System.Net;
using System.Net.Http.Headers;
using Testbed.Dashboard.Hosting;
using Testbed.Dashboard.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Dashboard.Tests.Hosting;

/// <summary>The server: refuses to start off loopback without a token, checks the token, serves the page and its vendored assets.</summary>
public class DashboardServerTests
{
    [Test]
    public async Task It_refuses_to_start_on_all_interfaces_without_a_token()
    {
        var redis = await RedisTestServer.RequireAsync();
        await using var db = await redis.NewDatabaseAsync();
        var e = Assert.ThrowsAsync<ArgumentException>(() => DashboardServer.StartAsync(new DashboardOptions { Redis = db.Url, Listen = "0.0.0.0:0" }));
        Assert.That(e!.Message, Does.Contain("--token"));
    }

    [Test]
    public async Task With_a_token_every_api_request_needs_it_as_bearer_or_query()
    {
        await using var h = await DashboardHarness.StartAsync(o => o with { Token = "s3cret" });
        using (var none = await h.Http.GetAsync("api/scans"))
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await none.Content.ReadAsStringAsync(), Does.Contain("?token=T"));
        }
        using (var wrong = await h.Http.GetAsync("api/scans?token=guess")) Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using (var events = await h.Http.GetAsync("api/scans/live", HttpCompletionOption.ResponseHeadersRead)) Assert.That(events.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        // The page and its script load without it (they hold no data); the page passes ?token= on to the API.
        using (var page = await h.Http.GetAsync("")) Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var script = await h.Http.GetAsync("static/dashboard.js")) Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var query = await h.Http.GetAsync("api/scans?token=s3cret")) Assert.That(query.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/scans");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        using var bearer = await h.Http.SendAsync(request);
        Assert.That(bearer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_page_and_the_vendored_plotting_library_are_served_by_the_app()
    {
        await using var h = await DashboardHarness.StartAsync();
        var page = await h.Http.GetStringAsync("");
        Assert.That(page, Does.Contain("static/vendor/uplot/uPlot.iife.min.js").And.Contain("static/dashboard.js"));
        Assert.That(page, Does.Not.Contain("http://").And.Not.Contain("https://"), "no CDN");
        using var js = await h.Http.GetAsync("static/vendor/uplot/uPlot.iife.min.js");
        Assert.That(js.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
        Assert.That((await js.Content.ReadAsByteArrayAsync()).Length, Is.GreaterThan(40_000));
        Assert.That(await h.Http.GetStringAsync("static/vendor/uplot/LICENSE"), Does.Contain("MIT License"));
        using var missing = await h.Http.GetAsync("static/nothing.js");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
