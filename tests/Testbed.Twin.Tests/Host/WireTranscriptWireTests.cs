using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Faults;
using Testbed.Twin.Host.Detector;
using Testbed.Twin.Metrics;
using Testbed.Twin.Tests.Faults;
using Testbed.Twin.Tests.Serial;

namespace Testbed.Twin.Tests.Host;

/// <summary>Every served endpoint's wire transcript, fed by real traffic: raw UDP to a drive, SCPI over TCP, HTTP to a detector.</summary>
public class WireTranscriptWireTests
{
    private static FaultSpec Spec(string name, FaultKind kind, string device, double? percent = null) =>
        new(name, kind, device, null, FaultStart.Now, null,
            percent is { } p ? new Dictionary<string, double> { ["percent"] = p } : new Dictionary<string, double>(), new Dictionary<string, string>());

    // Replies are recorded once sent, so the client may hold a reply a moment before its entry is in.
    private static IReadOnlyList<WireExchange> AwaitEntries(WireTranscript transcript, long recorded)
    {
        Eventually.Until(() => transcript.Recorded >= recorded, $"{recorded} exchange(s) in the transcript");
        return transcript.Snapshot();
    }

    [Test]
    public async Task A_drive_keeps_each_datagram_and_its_reply_in_order_on_the_twin_clock()
    {
        await using var rig = await ServedRig.StartAsync();
        using var client = rig.DriveClient();
        var px = rig.Exchange(client, "PX\r");
        rig.Advance(1.5);
        var mo = rig.Exchange(client, "MO=1\r");
        var entries = AwaitEntries(rig.Drive.Transcript, 2);
        Assert.That(entries.Select(e => (e.Request, e.Reply, e.Outcome)), Is.EqualTo(new[]
        {
            ("PX\\r", WireTranscript.Escape(Encoding.Latin1.GetBytes(px!)), WireOutcome.Answered),
            ("MO=1\\r", WireTranscript.Escape(Encoding.Latin1.GetBytes(mo!)), WireOutcome.Answered),
        }));
        Assert.That(px, Is.EqualTo("PX\r0;"));
        Assert.That(entries.Select(e => e.Elapsed), Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1.5) }), "virtual time since serving began");
        Assert.That(rig.Drive.Transcript.Format(), Does.StartWith("   0.000 s  PX\\r  →  PX\\r0;\n   1.500 s  MO=1\\r  →  "));
    }

    [Test]
    public async Task A_dropped_or_garbled_datagram_names_the_fault_that_did_it()
    {
        await using var rig = await ServedRig.StartAsync();
        using var client = rig.DriveClient();
        rig.Faults.Inject(Spec("drop-it", FaultKind.Drop, "m_ctrl", percent: 100));
        Assert.That(rig.Exchange(client, "UM\r"), Is.Null);
        rig.Faults.Clear("drop-it");
        rig.Faults.Inject(Spec("noise", FaultKind.Garble, "m_ctrl", percent: 100));
        var garbled = rig.Exchange(client, "UM\r");
        rig.Faults.Clear("noise");
        Assert.That(rig.Exchange(client, "UM\r"), Is.EqualTo("UM\r5;"));
        var entries = AwaitEntries(rig.Drive.Transcript, 3);
        Assert.That(entries.Select(e => (e.Request, e.Reply, e.Outcome)), Is.EqualTo(new[]
        {
            ("UM\\r", "(no reply: dropped by fault 'drop-it')", WireOutcome.Dropped),
            ("UM\\r", WireTranscript.Escape(Encoding.Latin1.GetBytes(garbled!)) + "  (garbled by fault 'noise')", WireOutcome.Garbled),
            ("UM\\r", "UM\\r5;", WireOutcome.Answered),
        }));
        Assert.That(garbled, Is.Not.EqualTo("UM\r5;"), "the bytes shown are the corrupted ones that left");
    }

    [Test]
    public async Task A_drive_transcript_keeps_only_the_last_n_exchanges()
    {
        await using var rig = await ServedRig.StartAsync();
        rig.Drive.Transcript.Capacity = 3;
        using var client = rig.DriveClient();
        string[] requests = ["VR\r", "UM\r", "MO\r", "PX\r", "SR\r"];
        foreach (var r in requests) rig.Exchange(client, r);
        var entries = AwaitEntries(rig.Drive.Transcript, requests.Length);
        Assert.That(entries.Select(e => e.Request), Is.EqualTo(new[] { "MO\\r", "PX\\r", "SR\\r" }));
        Assert.That(rig.Drive.Transcript.Format(), Does.StartWith("  (… 2 earlier exchange(s) not kept)\n"));
    }

    [Test]
    public async Task The_served_beamline_formats_the_transcripts_of_the_devices_named()
    {
        await using var rig = await ServedRig.StartAsync();
        using var client = rig.DriveClient();
        rig.Exchange(client, "UM\r");
        AwaitEntries(rig.Drive.Transcript, 1);
        var report = rig.Served.FormatTranscripts(["m_ctrl", "kdio", "nobody"]);
        Assert.That(report, Is.EqualTo(
            $"m_ctrl ({rig.Drive.Address}), wire transcript (last 64 exchanges):\n   0.000 s  UM\\r  →  UM\\r5;\n\n" +
            $"kdio ({rig.Keithley.Address}), wire transcript (last 64 exchanges):\n  (no exchanges)\n\n" +
            "nobody: no such served device\n"));
    }

    [Test]
    public async Task A_keithley_over_tcp_keeps_each_command_line_and_its_reply()
    {
        await using var rig = await ServedRig.StartAsync();
        using var socket = new RawSocket(rig.Keithley.Server!.Endpoint);
        socket.Send("*IDN?\n");
        var idn = Encoding.Latin1.GetString(socket.ReadUntil("\n"u8.ToArray()));
        socket.Send("*CLS\nNOPE?\n");
        var entries = AwaitEntries(rig.Keithley.Transcript, 3);
        Assert.That(idn, Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6485"));
        Assert.That(entries.Select(e => (e.Request, e.Reply, e.Outcome)), Is.EqualTo(new[]
        {
            ("*IDN?", idn.Replace("\n", "\\n", StringComparison.Ordinal), WireOutcome.Answered),
            ("*CLS", "(no reply)", WireOutcome.NoReply),
            ("NOPE?", "(no reply: error -113 queued)", WireOutcome.NoReply),
        }));
    }

    [Test]
    public async Task A_detector_keeps_method_path_status_and_the_start_of_the_bodies()
    {
        await using var rig = await ServedRig.StartAsync(extra: ServedRig.SmallDetector);
        var det = rig.Detector;
        using var http = new HttpClient { BaseAddress = new Uri(det.Url) };
        const string State = "/detector/api/1.8.0/status/state";
        Assert.That((await http.GetAsync(State)).IsSuccessStatusCode, Is.True);
        var put = await http.PutAsync("/detector/api/1.8.0/config/count_time", new StringContent("""{"value": 0.5}""", Encoding.UTF8, "application/json"));
        var missing = await http.GetAsync("/detector/api/1.8.0/nowhere");
        rig.Faults.Inject(Spec("cut", FaultKind.Disconnect, "det1"));
        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(State));
        var entries = det.Transcript.Snapshot();
        TestContext.Out.WriteLine(det.Transcript.Format());
        static string Status(HttpResponseMessage r) => ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // HttpClient may send a request cut on a reused connection once more, on a new one: each try is on the wire.
        Assert.That(entries, Has.Count.InRange(4, 5));
        Assert.That(entries[0].Request, Is.EqualTo("GET " + State));
        Assert.That(entries[0].Reply, Does.StartWith("200 {").And.Contain("\"value\""));
        Assert.That(entries[1].Request, Is.EqualTo("PUT /detector/api/1.8.0/config/count_time {\"value\": 0.5}"));
        Assert.That(entries[1].Reply, Does.StartWith(Status(put)));
        Assert.That((entries[2].Request, entries[2].Reply[..3]), Is.EqualTo(("GET /detector/api/1.8.0/nowhere", Status(missing))));
        Assert.That(Status(missing), Is.EqualTo("404"));
        Assert.That(entries.Skip(3).Select(e => (e.Request, e.Reply, e.Outcome)),
            Has.All.EqualTo(("GET " + State, "(no reply: connection cut by fault 'cut')", WireOutcome.Dropped)));
    }
}
