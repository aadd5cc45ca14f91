using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Host.Control;

namespace Testbed.Twin.Tests.Host.Control;

public class TranscriptApiTests
{
    [Test]
    public async Task The_transcript_route_shows_the_exchanges_a_drive_saw_on_its_wire_newest_last()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        Assert.That(rig.Udp("m2", "PX=250\r"), Is.EqualTo("PX=250\r;"));
        rig.Clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.That(rig.Udp("m2", "PX\r"), Is.EqualTo("PX\r250;"));
        Eventually.Until(() => rig.Control.Transcripts.Get("m2").Recorded == 2, "both exchanges recorded (each once its reply is out)");

        var list = await http.GetFromJsonAsync<JsonElement>("/api/transcripts");
        var m2 = list.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "m2");
        Assert.That(m2.GetProperty("recorded").GetInt64(), Is.EqualTo(2));
        Assert.That(list.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "tx_ctrl").GetProperty("recorded").GetInt64(), Is.Zero,
            "each endpoint counts its own wire");

        var last = await http.GetFromJsonAsync<JsonElement>("/api/transcripts/m2?last=1");
        var only = last.GetProperty("exchanges").EnumerateArray().Single();
        Assert.That((only.GetProperty("request").GetString(), only.GetProperty("reply").GetString(), only.GetProperty("outcome").GetString()),
            Is.EqualTo(("PX\\r", "PX\\r250;", "answered")));
        Assert.That(only.GetProperty("elapsed_seconds").GetDouble(), Is.EqualTo(1.5).Within(1e-6), "twin time since serving began");
        Assert.That(only.GetProperty("line").GetString(), Does.Contain("PX\\r  →  PX\\r250;"));
        var all = rig.Control.Transcripts.Get("m2");
        Assert.That(all.Exchanges.Select(e => e.Request), Is.EqualTo(new[] { "PX=250\\r", "PX\\r" }), "oldest first");
    }

    [Test]
    public async Task An_axis_names_its_drive_and_the_capacity_can_be_changed_at_run_time()
    {
        await using var rig = await ControlRig.StartAsync();
        for (var i = 0; i < 5; i++) rig.Udp("tx_ctrl", $"PX={i}\r");
        // The drive records an exchange once its reply is out: the last one may land just after the client read it.
        Eventually.Until(() => rig.Control.Transcripts.Get("tx_ctrl").Recorded == 5, "5 exchanges recorded");

        Assert.That(rig.Control.Transcripts.Get("tx").Name, Is.EqualTo("tx_ctrl"), "axis tx is served by tx_ctrl");
        var summary = rig.Control.Transcripts.SetCapacity("tx", 3);
        Assert.That((summary.Capacity, summary.Recorded), Is.EqualTo((3, 5L)));
        Assert.That(rig.Control.Transcripts.Get("tx_ctrl").Exchanges.Select(e => e.Request), Is.EqualTo(new[] { "PX=2\\r", "PX=3\\r", "PX=4\\r" }),
            "the newest that fit are kept");
        rig.Udp("tx_ctrl", "PX\r");
        Assert.That(rig.Control.Transcripts.Get("tx_ctrl").Exchanges, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Bad_names_and_values_are_refused_in_one_line()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        async Task<(HttpStatusCode, string)> Problem(HttpResponseMessage r) =>
            (r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!);

        Assert.That(await Problem(await http.GetAsync("/api/transcripts/m9")), Is.EqualTo((HttpStatusCode.NotFound,
            "no served device 'm9'; devices with a wire: tx_ctrl, m2, pico, det1 (or one of their axes)")));
        Assert.That(await Problem(await http.GetAsync("/api/transcripts/m2?last=0")), Is.EqualTo((HttpStatusCode.BadRequest,
            "last: 0 is not a positive number of exchanges")));
        Assert.That(await Problem(await http.PutAsJsonAsync("/api/transcripts/m2/capacity", new { capacity = 0 })), Is.EqualTo((HttpStatusCode.BadRequest,
            $"capacity: 0 is outside 1…{TranscriptControl.MaxCapacity} exchanges")));
    }
}
