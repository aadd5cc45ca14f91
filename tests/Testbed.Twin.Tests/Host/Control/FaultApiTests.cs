using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Host.Control;
using Testbed.Twin.Host.Elmo;
using Testbed.Twin.Tests.Elmo;

namespace Testbed.Twin.Tests.Host.Control;

/// <summary>Fault injection over the control API's HTTP: a served beamline on free ports, raw datagrams to see the effect.</summary>
public class FaultApiTests
{
    [Test]
    public async Task A_drop_injected_over_HTTP_is_listed_active_loses_the_datagrams_and_once_cleared_they_are_answered()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = await Serve(rig);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        using var udp = new RawUdpClient(rig.Endpoint<ElmoTwinEndpoint>("m2").Server.LocalEndPoint);
        Assert.That(Exchange(rig, udp, "PX\r"), Is.EqualTo("PX\r0;"), "answered before the fault");

        var injected = await http.PostAsync("/api/faults", Json("""{"type": "drop", "target": "m2", "name": "cut"}"""));
        Assert.That(injected.StatusCode, Is.EqualTo(HttpStatusCode.OK), await injected.Content.ReadAsStringAsync());
        var record = await injected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((Text(record, "name"), Text(record, "state"), record.GetProperty("fired_at").GetDouble()), Is.EqualTo(("cut", "active", 0.0)));

        var listed = (await http.GetFromJsonAsync<JsonElement>("/api/faults")).EnumerateArray().Single();
        Assert.That((Text(listed, "name"), Text(listed, "type"), Text(listed, "target"), Text(listed, "state")), Is.EqualTo(("cut", "drop", "m2", "active")));
        Assert.That(listed.GetProperty("parameters").GetProperty("percent").GetDouble(), Is.EqualTo(100), "the type's default filled in");
        Assert.That(listed.GetProperty("duration").ValueKind, Is.EqualTo(JsonValueKind.Null), "until cleared");
        Assert.That(Exchange(rig, udp, "PX\r"), Is.Null, "the datagram is lost while the drop holds");

        var cleared = await http.DeleteAsync("/api/faults/cut");
        Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cleared.Content.ReadAsStringAsync());
        Assert.That(Text(await cleared.Content.ReadFromJsonAsync<JsonElement>(), "state"), Is.EqualTo("cleared"));
        Assert.That(Exchange(rig, udp, "PX\r"), Is.EqualTo("PX\r0;"), "answered again once cleared");
    }

    [Test]
    public async Task Starts_durations_and_nested_parameters_play_on_the_twin_clock_and_the_records_say_when()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = await Serve(rig);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        await Post(http, """{"type": "intensity_drop", "target": "world", "at": 1, "for": 0.5, "parameters": {"factor": 0.25}}""");
        await Post(http, """{"type": "stall", "target": "tx", "on": {"command": "PA=", "count": 2}}""");
        var faults = await http.GetFromJsonAsync<JsonElement>("/api/faults");
        Assert.That(faults.EnumerateArray().Select(f => (Text(f, "name"), Text(f, "state"))),
            Is.EqualTo(new[] { ("intensity_drop-1", "armed"), ("stall-2", "armed") }), "default names <type>-<n>; nothing fired yet");
        var stall = faults[1];
        Assert.That((Text(stall, "target"), Text(stall, "device")), Is.EqualTo(("tx", "tx_ctrl")), "an axis stands for its drive");
        Assert.That(stall.GetProperty("start").GetProperty("on").GetProperty("command").GetString(), Is.EqualTo("PA="));

        await http.PostAsJsonAsync("/api/clock/step", new { seconds = 1.2 });
        Assert.That(rig.Control.Get("world").State["signal.source"], Is.EqualTo(0.25).Within(1e-12), "the drop holds from 1 s");
        await http.PostAsJsonAsync("/api/clock/step", new { seconds = 1 });
        var over = (await http.GetFromJsonAsync<JsonElement>("/api/faults"))[0];
        Assert.That((Text(over, "state"), over.GetProperty("fired_at").GetDouble(), over.GetProperty("cleared_at").GetDouble()), Is.EqualTo(("over", 1.0, 1.5)),
            "its duration ran out at 1.5 s of twin time");
        Assert.That(rig.Control.Get("world").State["signal.source"], Is.EqualTo(1.0).Within(1e-12));

        var now = await http.PostAsync("/api/faults", Json("""{"type": "limit_switch", "target": "m2", "parameters": {"side": "reverse"}}"""));
        var limit = await now.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((limit.GetProperty("start").GetProperty("at").GetDouble(), limit.GetProperty("fired_at").GetDouble(), Text(limit, "state")),
            Is.EqualTo((2.2, 2.2, "active")).Using<(double, double, string)>((x, y) => Math.Abs(x.Item1 - y.Item1) < 1e-7 && Math.Abs(x.Item2 - y.Item2) < 1e-7 && x.Item3 == y.Item3),
            "without a start it fires now, and its start says when");
        Assert.That(Text(limit.GetProperty("parameters"), "side"), Is.EqualTo("reverse"));
        Assert.That(rig.Control.Get("m2").State["reverse_limit"], Is.EqualTo(true));

        var all = await http.DeleteAsync("/api/faults");
        Assert.That((await all.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(f => Text(f, "state")), Is.EqualTo(new[] { "over", "cleared", "cleared" }),
            "clear-all ends the armed stall and the active limit; the over one stays over");
        Assert.That(rig.Control.Get("m2").State["reverse_limit"], Is.EqualTo(false));
    }

    [Test]
    public async Task Bad_faults_are_400_naming_the_key_a_name_in_use_409_and_an_unknown_name_404_naming_the_known()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = await Serve(rig);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        Assert.That(await Refusal(http.PostAsync("/api/faults", Json("""{"type": "drop", "target": "m2", "percent": 150}"""))),
            Is.EqualTo((HttpStatusCode.BadRequest, "key 'percent': 150 is outside 0…100")));
        Assert.That(await Refusal(http.PostAsync("/api/faults", Json("""{"type": "drop", "target": "m2", "parameters": {"percnt": 5}}"""))),
            Is.EqualTo((HttpStatusCode.BadRequest, "key 'percnt': unknown key; did you mean 'percent'?")));
        Assert.That(await Refusal(http.PostAsync("/api/faults", Json("""{"type": "drop", "target": "pico"}"""))),
            Is.EqualTo((HttpStatusCode.BadRequest, "key 'target': a drop fault hits elmo or Elmo_whistle entries, and 'pico' is class keithley")));
        Assert.That((await Refusal(http.PostAsync("/api/faults", Json("""{"type": "smoke", "target": "m2"}""")))).Item2,
            Does.StartWith("key 'type': unknown fault type 'smoke'"));
        Assert.That((await Refusal(http.PostAsync("/api/faults", Json("{\"type\": ")))).Item2, Does.StartWith("the body is not JSON"));

        Assert.That((await Refusal(http.PostAsync("/api/faults", null))).Item2, Does.StartWith("the body is empty; send one fault"));
        Assert.That(rig.Served.Faults.All, Is.Empty, "nothing refused was armed");

        // As `curl -d` sends it, labelled a form: the body is read as JSON whatever its content type.
        var form = await http.PostAsync("/api/faults", new StringContent("""{"type": "stall", "target": "m2", "name": "jam"}""", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK), await form.Content.ReadAsStringAsync());
        Assert.That(await Refusal(http.PostAsync("/api/faults", Json("""{"type": "limit_switch", "target": "m2", "name": "jam"}"""))),
            Is.EqualTo((HttpStatusCode.Conflict, "a fault named 'jam' is already active; clear it first (DELETE /api/faults/jam) or give another name")));
        Assert.That(await Refusal(http.DeleteAsync("/api/faults/jm")), Is.EqualTo((HttpStatusCode.NotFound, "no fault 'jm'; faults: jam")));
    }

    [Test]
    public async Task The_types_list_what_each_hits_in_this_beamline_and_its_parameters()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = await Serve(rig);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        var types = (await http.GetFromJsonAsync<JsonElement>("/api/faults/types")).EnumerateArray().ToDictionary(t => Text(t, "name"));
        Assert.That(types.Keys, Is.EquivalentTo(Testbed.Beamline.Faults.FaultSchema.Types.Select(t => t.Name)));
        var drop = types["drop"];
        Assert.That(drop.GetProperty("classes").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "elmo", "Elmo_whistle" }));
        Assert.That(drop.GetProperty("targets").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "tx_ctrl", "tx", "m2" }));
        var percent = drop.GetProperty("parameters").EnumerateArray().Single();
        Assert.That((Text(percent, "key"), percent.GetProperty("min").GetDouble(), percent.GetProperty("max").GetDouble(), percent.GetProperty("default").GetDouble()),
            Is.EqualTo(("percent", 0.0, 100.0, 100.0)));
        Assert.That(types["limit_switch"].GetProperty("parameters")[0].GetProperty("allowed").EnumerateArray().Select(a => a.GetString()),
            Is.EqualTo(new[] { "forward", "reverse" }));
        Assert.That(types["beam_loss"].GetProperty("targets").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "world" }));
    }

    [Test]
    public async Task Off_loopback_the_fault_routes_need_the_token_too()
    {
        await using var rig = await ControlRig.StartAsync();
        await using var server = new ControlHttpServer(rig.Control, new ControlServerOptions("0.0.0.0", 0, "s3cret"));
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{new Uri(server.Url).Port}") };

        Assert.That((await http.GetAsync("/api/faults")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await http.PostAsync("/api/faults", Json("""{"type": "drop", "target": "m2"}"""))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(rig.Served.Faults.All, Is.Empty, "nothing armed without the token");

        using var client = new ControlClient(new Uri(http.BaseAddress!.ToString()), "s3cret");
        var record = await client.InjectAsync(["drop", "m2", "percent=50", "for=2"]);
        Assert.That((Text(record, "name"), record.GetProperty("parameters").GetProperty("percent").GetDouble(), record.GetProperty("duration").GetDouble()),
            Is.EqualTo(("drop-1", 50.0, 2.0)));
        Assert.That((await client.FaultsAsync()).GetArrayLength(), Is.EqualTo(1));
        var refused = Assert.ThrowsAsync<ControlRequestException>(() => client.ClearFaultAsync("nope"))!;
        Assert.That((refused.Status, refused.Message), Is.EqualTo(((HttpStatusCode?)HttpStatusCode.NotFound, "no fault 'nope'; faults: drop-1")));
        Assert.That(Text(await client.ClearFaultAsync("drop-1"), "state"), Is.EqualTo("cleared"));
    }

    [Test]
    public void Command_line_words_become_the_file_entry_keys()
    {
        Assert.That(ControlClient.FaultBody(["stall", "tx", "on.command=PA=", "on.count=5", "name=jam"]),
            Is.EqualTo("""{"type":"stall","target":"tx","on":{"command":"PA=","count":5},"name":"jam"}"""));
        Assert.That(ControlClient.FaultBody(["""{"type": "beam_loss", "target": "world"}"""]), Is.EqualTo("""{"type": "beam_loss", "target": "world"}"""));
        Assert.That(() => ControlClient.FaultBody(["drop", "percent=5", "m2"]), Throws.ArgumentException.With.Message.StartWith("'m2' is not key=value"));
    }

    private static async Task<ControlHttpServer> Serve(ControlRig rig)
    {
        var server = new ControlHttpServer(rig.Control, new ControlServerOptions());
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task Post(HttpClient http, string json)
    {
        var r = await http.PostAsync("/api/faults", Json(json));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode, string)> Refusal(Task<HttpResponseMessage> request)
    {
        using var r = await request;
        Assert.That(r.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return (r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!);
    }

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    // One datagram, waited for by the server's own counters: its reply, or null when the link lost it (nothing arrives then).
    private static string? Exchange(ControlRig rig, RawUdpClient udp, string request)
    {
        var drive = rig.Endpoint<ElmoTwinEndpoint>("m2").Server;
        var (received, dropped) = (drive.RequestsReceived, drive.RequestsDropped);
        udp.Send(request);
        Eventually.Until(() => drive.RequestsReceived > received, $"m2 receiving {request.TrimEnd()}");
        // The server counts a datagram as received before it decides to lose it: look for either outcome.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (udp.Receive(TimeSpan.FromMilliseconds(50)) is { } reply)
                return drive.RequestsDropped > dropped ? throw new AssertionException("a lost request was answered") : Encoding.Latin1.GetString(reply.Data);
            if (drive.RequestsDropped > dropped) return udp.Receive(TimeSpan.FromMilliseconds(200)) is null ? null : throw new AssertionException("a lost request was answered");
        }
        throw new AssertionException($"no reply to {request.TrimEnd()} within 5 s, and the drive did not lose it");
    }
}
