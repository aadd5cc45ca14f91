using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Faults;
using Testbed.Twin.Tests.Elmo;
using Testbed.Twin.Tests.Serial;

namespace Testbed.Twin.Tests.Faults;

/// <summary>Delay, split, duplicate and reorder faults on the wire, raw bytes, on a paused twin clock: replies leave when twin time says.</summary>
public class ReplyTimingWireTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    private static FaultSpec Spec(string name, FaultKind kind, string device, params (string Key, double Value)[] numbers) =>
        new(name, kind, device, null, FaultStart.Now, null, numbers.ToDictionary(n => n.Key, n => n.Value), new Dictionary<string, string>());

    // Sends one datagram and waits until the drive has handed its reply to the link faults (its send time is then fixed).
    private static void SendShaped(ServedRig rig, RawUdpClient client, string request)
    {
        var before = rig.Drive.Server.RepliesShaped;
        client.Send(request);
        Eventually.Until(() => rig.Drive.Server.RepliesShaped > before, $"the drive handling {request.TrimEnd()}");
    }

    private static string? Text(RawUdpClient client, TimeSpan wait) => client.Receive(wait) is { } r ? Encoding.Latin1.GetString(r.Data) : null;

    [Test]
    public async Task A_delayed_elmo_reply_leaves_exactly_its_ms_of_twin_time_after_the_request_and_the_transcript_says_so()
    {
        await using var rig = await ServedRig.StartAsync("    - {name: slow, type: delay, target: m_ctrl, ms: 200}");
        using var client = rig.DriveClient();
        SendShaped(rig, client, "UM\r");
        Assert.That(Text(client, Quiet), Is.Null, "nothing while twin time stands still");
        rig.Advance(0.199);
        Assert.That(Text(client, Quiet), Is.Null, "not before 200 ms");
        rig.Advance(0.001);
        Assert.That(Text(client, TimeSpan.FromSeconds(5)), Is.EqualTo("UM\r5;"), "the reply, whole, once its delay is over");
        await Eventually.UntilAsync(() => rig.Drive.Transcript.Snapshot().Any(x => x.Reply.Contains("delayed 200 ms by fault 'slow'", StringComparison.Ordinal)),
            "the transcript naming the delay");
        rig.Faults.Clear("slow");
        Assert.That(rig.Exchange(client, "MO\r"), Is.EqualTo("MO\r0;"), "answered at once once cleared");
    }

    [Test]
    public async Task A_split_elmo_reply_arrives_as_parts_datagrams_gap_ms_apart_that_add_up_to_the_clean_reply()
    {
        await using var rig = await ServedRig.StartAsync();
        using var client = rig.DriveClient();
        var clean = rig.Exchange(client, "VR\r");
        rig.Faults.Inject(Spec("chop", FaultKind.Split, "m_ctrl", ("parts", 3), ("gap_ms", 5)));
        SendShaped(rig, client, "VR\r");
        var first = Text(client, TimeSpan.FromSeconds(5));
        Assert.That(Text(client, Quiet), Is.Null, "the second part waits for its gap");
        rig.Advance(0.005);
        var second = Text(client, TimeSpan.FromSeconds(5));
        rig.Advance(0.005);
        var third = Text(client, TimeSpan.FromSeconds(5));
        Assert.That(new[] { first, second, third }, Has.All.Not.Null.And.All.Not.Empty, "three datagrams, none empty (an empty one tears BLISS's socket down)");
        Assert.That(first + second + third, Is.EqualTo(clean));
        Assert.That(first!.Length - third!.Length, Is.InRange(0, 1), "nearly equal parts");
        Assert.That(Text(client, Quiet), Is.Null, "nothing more");
    }

    [Test]
    public async Task A_duplicated_elmo_reply_arrives_twice_and_partial_duplication_is_the_same_in_every_run()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: duplicate, target: m_ctrl}");
        using var client = rig.DriveClient();
        SendShaped(rig, client, "UM\r");
        Assert.That(Text(client, TimeSpan.FromSeconds(5)), Is.EqualTo("UM\r5;"));
        Assert.That(Text(client, TimeSpan.FromSeconds(5)), Is.EqualTo("UM\r5;"), "the same datagram again: a stray reply for a client that does not flush");
        Assert.That(Text(client, Quiet), Is.Null);
        await Eventually.UntilAsync(() => rig.Drive.Transcript.Snapshot().Any(x => x.Reply.Contains("sent twice by fault 'duplicate-1'", StringComparison.Ordinal)),
            "the transcript saying the reply went twice");

        static string Pattern()
        {
            var link = new LinkFaults("m_ctrl") { DuplicateFraction = 0.4 };
            return string.Concat(Enumerable.Range(0, 60).Select(_ => link.ShapeNextReply(6).Duplicated ? 'x' : '.'));
        }
        var pattern = Pattern();
        Assert.That(Pattern(), Is.EqualTo(pattern), "seeded draws keyed by (device, quantity, index)");
        Assert.That(pattern.Count(c => c == 'x'), Is.InRange(12, 36), "about 40 % of 60");
    }

    [Test]
    public async Task A_reordered_elmo_reply_follows_the_next_reply_or_leaves_alone_when_its_hold_runs_out()
    {
        await using var rig = await ServedRig.StartAsync("    - {name: swap, type: reorder, target: m_ctrl, ms: 1000}");
        using var client = rig.DriveClient();
        SendShaped(rig, client, "UM\r");
        Assert.That(Text(client, Quiet), Is.Null, "held back");
        SendShaped(rig, client, "MO\r");
        Assert.That(Text(client, TimeSpan.FromSeconds(5)), Is.EqualTo("MO\r0;"), "the later request's reply first");
        Assert.That(Text(client, TimeSpan.FromSeconds(5)), Is.EqualTo("UM\r5;"), "then the held one");
        SendShaped(rig, client, "SR\r");
        Assert.That(Text(client, Quiet), Is.Null, "held, and no next request comes");
        rig.Advance(1.0);
        Assert.That(Text(client, TimeSpan.FromSeconds(5)), Does.StartWith("SR\r"), "released when its hold runs out");
        await Eventually.UntilAsync(() => rig.Drive.Transcript.Snapshot().Any(x => x.Reply.Contains("sent after the reply to 'MO\\r'", StringComparison.Ordinal)),
            "the transcript saying which reply it followed");
    }

    [Test]
    public async Task A_delayed_keithley_reply_leaves_ms_of_twin_time_late_on_tcp()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: delay, target: kdio, ms: 300}");
        var link = rig.Keithley.Noise.Link!;
        using var socket = new RawSocket(rig.Keithley.Server!.Endpoint);
        var before = link.Shaped;
        socket.Send("*IDN?\n");
        await Eventually.UntilAsync(() => link.Shaped > before, "the Keithley answering");
        Thread.Sleep(Quiet);
        Assert.That(socket.Available, Is.Zero, "nothing while twin time stands still");
        rig.Advance(0.3);
        Assert.That(Encoding.ASCII.GetString(socket.ReadUntil("\n"u8.ToArray())), Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6485"));
        var idn = rig.Keithley.Transcript.Snapshot().Last();
        Assert.That(idn.Request, Is.EqualTo("*IDN?"));
        Assert.That(idn.Reply, Does.Contain("delayed 300 ms by fault 'delay-1'"), "the SCPI transcript says what the line did to the reply");
    }

    [Test]
    public async Task A_split_keithley_reply_arrives_in_parts_gap_ms_apart_and_adds_up_to_the_clean_line()
    {
        await using var rig = await ServedRig.StartAsync();
        var link = rig.Keithley.Noise.Link!;
        using var socket = new RawSocket(rig.Keithley.Server!.Endpoint);
        socket.Send("*IDN?\n");
        var clean = socket.ReadUntil("\n"u8.ToArray());
        rig.Faults.Inject(Spec("chop", FaultKind.Split, "kdio", ("parts", 4), ("gap_ms", 10)));
        var before = link.Shaped;
        socket.Send("*IDN?\n");
        await Eventually.UntilAsync(() => link.Shaped > before, "the Keithley answering");
        var quarter = (clean.Length + 3) / 4;
        var first = socket.Read(quarter);
        Thread.Sleep(Quiet);
        Assert.That(socket.Available, Is.Zero, "only the first part before its gap");
        rig.Advance(0.03);
        var rest = socket.ReadUntil("\n"u8.ToArray());
        Assert.That(first.Concat(rest), Is.EqualTo(clean));
        Assert.That(rig.Keithley.Transcript.Snapshot().Last().Reply, Does.Contain("split in 4 parts 10 ms apart by fault 'chop'"));
    }

    [Test]
    public async Task A_delayed_http_reply_comes_ms_of_twin_time_after_the_detector_handled_it()
    {
        await using var rig = await ServedRig.StartAsync(extra: ServedRig.SmallDetector);
        var det = rig.Detector;
        using var http = new HttpClient { BaseAddress = new Uri(det.Url) };
        const string State = "/detector/api/1.8.0/status/state";
        rig.Faults.Inject(Spec("slow", FaultKind.Delay, "det1", ("ms", 500)));
        var get = http.GetAsync(State);
        await Eventually.UntilAsync(() => det.Metrics.Snapshot().Requests > 0, "the detector handling the request");
        Assert.That(await Task.WhenAny(get, Task.Delay(Quiet)), Is.Not.SameAs(get), "no reply while twin time stands still");
        rig.Advance(0.5);
        Assert.That((await get.WaitAsync(TimeSpan.FromSeconds(5))).IsSuccessStatusCode, Is.True);
        Assert.That(det.Transcript.Snapshot().Last().Reply, Does.Contain("delayed 500 ms by fault 'slow'"));
    }
}
