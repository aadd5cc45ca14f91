using System.Net.Sockets;
using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Faults;
using Testbed.Twin.Tests.Serial;

namespace Testbed.Twin.Tests.Faults;

/// <summary>Link faults on the wire, raw bytes: lost datagrams, corrupted serial bytes, dead links (UDP and TCP).</summary>
public class LinkFaultWireTests
{
    private static FaultSpec Spec(string name, FaultKind kind, string device, double? percent = null) =>
        new(name, kind, device, null, FaultStart.Now, null,
            percent is { } p ? new Dictionary<string, double> { ["percent"] = p } : new Dictionary<string, double>(), new Dictionary<string, string>());

    [Test]
    public async Task A_declared_drop_loses_every_datagram_from_its_start_for_its_duration_and_records_when()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: drop, target: m_ctrl, at: 1, for: 0.5, percent: 100}");
        using var client = rig.DriveClient();
        Assert.That(rig.Exchange(client, "VR\r"), Does.StartWith("VR\r"), "answered before the fault");
        rig.Advance(1);
        Assert.That(rig.Exchange(client, "VR\r"), Is.Null, "lost: the drive never answers");
        Assert.That(rig.Exchange(client, "UM\r"), Is.Null);
        rig.Advance(0.5);
        Assert.That(rig.Exchange(client, "UM\r"), Is.EqualTo("UM\r5;"), "answered again once it is over");
        var record = rig.Faults.Fired.Single();
        Assert.That((record.Name, record.FiredAt, record.ClearedAt), Is.EqualTo(("drop-1", (TimeSpan?)TimeSpan.FromSeconds(1), (TimeSpan?)TimeSpan.FromSeconds(1.5))));
        Assert.That(rig.Drive.Server.Link.Lost, Is.EqualTo(2));
    }

    [Test]
    public async Task A_partial_drop_loses_the_same_datagrams_in_every_run()
    {
        async Task<string> Run()
        {
            await using var rig = await ServedRig.StartAsync("    - {type: drop, target: m_ctrl, percent: 40}");
            using var client = rig.DriveClient();
            var seen = string.Concat(Enumerable.Range(0, 40).Select(_ => rig.Exchange(client, "UM\r") is null ? 'x' : '.'));
            // The twin's own record of what the fault lost: a reply that a loaded machine delivered too late for the client is
            // still an answered request, and the loss pattern is the fault's, not the host's.
            Testbed.TestSupport.Eventually.Until(() => rig.Drive.Transcript.Recorded == 40, "40 requests recorded");
            var lost = string.Concat(rig.Drive.Transcript.Snapshot().Select(e => e.Outcome == Testbed.Twin.Metrics.WireOutcome.Dropped ? 'x' : '.'));
            Assert.That(seen.Select((c, i) => c == 'x' || lost[i] == '.'), Is.All.True, $"every request the fault lost went unanswered: {seen} vs {lost}");
            return lost;
        }
        var first = await Run();
        TestContext.Out.WriteLine(first);
        Assert.That(await Run(), Is.EqualTo(first));
        Assert.That(first.Count(c => c == 'x'), Is.InRange(6, 26), "about 40 % of 40");
    }

    [Test]
    public async Task An_injected_udp_disconnect_answers_nothing_until_cleared()
    {
        await using var rig = await ServedRig.StartAsync();
        using var client = rig.DriveClient();
        rig.Faults.Inject(Spec("cut", FaultKind.Disconnect, "m_ctrl"));
        Assert.That(rig.Exchange(client, "MO\r"), Is.Null);
        Assert.That(rig.Faults.Active.Single().Name, Is.EqualTo("cut"));
        Assert.That(rig.Faults.Clear("cut"), Is.True);
        Assert.That(rig.Exchange(client, "MO\r"), Is.EqualTo("MO\r0;"));
        Assert.That(rig.Faults.Active, Is.Empty);
    }

    [Test]
    public async Task Garble_corrupts_every_byte_the_keithley_sends_at_100_percent_and_nothing_once_cleared()
    {
        await using var rig = await ServedRig.StartAsync();
        using var socket = new RawSocket(rig.Keithley.Server!.Endpoint);
        socket.Send("*IDN?\n");
        var clean = socket.ReadUntil("\n"u8.ToArray());
        Assert.That(Encoding.ASCII.GetString(clean), Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6485"));
        rig.Faults.Inject(Spec("noise", FaultKind.Garble, "kdio", percent: 100));
        socket.Send("*IDN?\n");
        var garbled = socket.Read(clean.Length);
        Assert.That(garbled, Has.Length.EqualTo(clean.Length), "garbling keeps the byte count");
        Assert.That(garbled.Zip(clean).Count(p => p.First == p.Second), Is.Zero, "every byte differs");
        rig.Faults.Clear("noise");
        socket.Send("*IDN?\n");
        Assert.That(socket.ReadUntil("\n"u8.ToArray()), Is.EqualTo(clean));
    }

    [Test]
    public async Task A_tcp_disconnect_cuts_the_open_connection_refuses_new_ones_and_lets_them_in_once_cleared()
    {
        await using var rig = await ServedRig.StartAsync();
        var endpoint = rig.Keithley.Server!.Endpoint;
        using var open = new Socket(SocketType.Stream, ProtocolType.Tcp);
        open.Connect(endpoint);
        open.Send("*IDN?\n"u8);
        Assert.That(ReadToEnd(open, stopAt: (byte)'\n'), Does.StartWith("KEITHLEY"));
        rig.Faults.Inject(Spec("unplugged", FaultKind.Disconnect, "kdio"));
        Assert.That(ReadToEnd(open), Is.Empty, "the server closed the connection (end of stream)");
        using (var refused = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            refused.Connect(endpoint);
            // The reset may come before the request goes out: either way, nothing is answered.
            try { refused.Send("*IDN?\n"u8); }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset) { }
            Assert.That(ReadToEnd(refused), Is.Empty, "a new connection is closed at once, unanswered");
        }
        rig.Faults.Clear("unplugged");
        using var again = new Socket(SocketType.Stream, ProtocolType.Tcp);
        again.Connect(endpoint);
        again.Send("*IDN?\n"u8);
        Assert.That(ReadToEnd(again, stopAt: (byte)'\n'), Does.StartWith("KEITHLEY"));
    }

    [Test]
    public async Task An_http_disconnect_cuts_every_request_unanswered_and_the_detector_never_sees_it()
    {
        await using var rig = await ServedRig.StartAsync(extra: ServedRig.SmallDetector);
        var det = rig.Detector;
        using var http = new HttpClient { BaseAddress = new Uri(det.Url) };
        const string State = "/detector/api/1.8.0/status/state";
        Assert.That((await http.GetAsync(State)).IsSuccessStatusCode, Is.True);
        var before = det.Detector.Model.State;
        rig.Faults.Inject(Spec("cut", FaultKind.Disconnect, "det1"));
        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(State), "the connection is aborted: no status line at all");
        Assert.ThrowsAsync<HttpRequestException>(() => http.PutAsync("/detector/api/1.8.0/command/initialize", null));
        Assert.That(det.Detector.Model.State, Is.EqualTo(before), "the initialize never reached the detector");
        rig.Faults.Clear("cut");
        Assert.That((await http.GetAsync(State)).IsSuccessStatusCode, Is.True);
    }

    // Reads until the peer closes (or resets), or until stopAt arrives; a 5 s receive timeout guards against a hang.
    private static string ReadToEnd(Socket socket, byte? stopAt = null)
    {
        socket.ReceiveTimeout = 5000;
        var text = new StringBuilder();
        var buffer = new byte[256];
        while (true)
        {
            int n;
            try { n = socket.Receive(buffer); }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset) { return text.ToString(); }
            if (n == 0) return text.ToString();
            text.Append(Encoding.Latin1.GetString(buffer, 0, n));
            if (stopAt is { } b && buffer.AsSpan(0, n).Contains(b)) return text.ToString();
        }
    }
}
