using System.Net;
using System.Text;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>Spec §5 framing and addressing items (35-38) over real UDP sockets.</summary>
public class ChecklistWireTests
{
    [Test]
    public void C35_two_commands_in_one_datagram_get_one_concatenated_reply()
    {
        using var t = ElmoTestTwin.Start();
        t.Ok("MO=1");
        t.Ok("PX=1000");
        t.Advance(100);
        t.Client.Send("PX;MS;");
        var replies = t.Client.Drain();
        Assert.That(replies, Has.Count.EqualTo(1));
        Assert.That(Encoding.ASCII.GetString(replies[0]), Is.EqualTo("PX;1000;MS;0;"));
    }

    [Test]
    public void C35_per_command_option_sends_one_datagram_per_command()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { MultiCommandReply = ElmoMultiCommandReply.DatagramPerCommand });
        t.Client.Send("PX;MS;UM;");
        var replies = t.Client.Drain().Select(Encoding.ASCII.GetString);
        Assert.That(replies, Is.EqualTo(new[] { "PX;0;", "MS;1;", "UM;5;" }));
    }

    [Test]
    public void C36_echo_keeps_the_terminator_that_was_received()
    {
        using var t = ElmoTestTwin.Start();
        Assert.That(t.Client.Exchange("UM;"), Is.EqualTo("UM;5;"));
        Assert.That(t.Client.Exchange("UM\r"), Is.EqualTo("UM\r5;"));
        Assert.That(t.Client.Exchange("SP=1000;AC=2000\r"), Is.EqualTo("SP=1000;;AC=2000\r;"));
        Assert.That(t.Client.Exchange("SP = 1000;"), Is.EqualTo("SP = 1000;;"), "spaces are echoed verbatim");
        Assert.That(t.Client.Exchange("\nUM\r\n"), Is.EqualTo("UM\r5;"), "LF is ignored and not echoed");
        Assert.That(t.Client.Exchange(";"), Is.EqualTo(";;"), "an empty statement answers echo + ';'");
    }

    [Test]
    public void C37_no_empty_no_unsolicited_datagrams_and_nothing_after_the_final_semicolon()
    {
        using var t = ElmoTestTwin.Start();
        string[] requests = ["PX\r", "", "MO", "\n", "MO=1\r", "XX\r", "BG\r", "PA=10\rBG\r", "VR\r", "PX\r"];
        var expectReply = requests.Count(r => r.Contains('\r') || r.Contains(';'));
        foreach (var r in requests) t.Client.Send(r);
        t.Advance(2000);
        var replies = t.Client.Drain();
        Assert.That(replies, Has.Count.EqualTo(expectReply), "one reply per datagram holding a terminated command, none otherwise");
        Assert.That(replies, Has.All.Property("Length").GreaterThan(0));
        foreach (var reply in replies) Assert.That(reply[^1], Is.EqualTo((byte)';'), Encoding.ASCII.GetString(reply));
    }

    [Test]
    public void C38_two_clients_interleaving_get_only_their_own_replies_from_the_server_port()
    {
        using var t = ElmoTestTwin.Start();
        t.Ok("MO=1");
        using var other = new RawUdpClient(t.Server.LocalEndPoint);
        Assert.That(other.LocalPort, Is.Not.EqualTo(t.Client.LocalPort));
        for (var i = 0; i < 20; i++)
        {
            t.Client.Send($"PX\r");
            other.Send($"SP={1000 + i}\r");
            other.Send("MS\r");
        }
        var mine = t.Client.Drain().Select(Encoding.ASCII.GetString).ToList();
        var theirs = other.Drain().Select(Encoding.ASCII.GetString).ToList();
        Assert.That(mine, Has.Count.EqualTo(20).And.All.EqualTo("PX\r0;"));
        Assert.That(theirs, Has.Count.EqualTo(40));
        Assert.That(theirs.Where((_, i) => i % 2 == 0), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"SP={1000 + i}\r;")));
        Assert.That(theirs.Where((_, i) => i % 2 == 1), Has.All.Matches<string>(s => s.StartsWith("MS\r", StringComparison.Ordinal)));
    }

    [Test]
    public void Replies_come_from_the_bound_port_to_a_reopened_client_port()
    {
        using var t = ElmoTestTwin.Start();
        for (var i = 0; i < 3; i++)
        {
            using var fresh = new RawUdpClient(t.Server.LocalEndPoint);
            fresh.Send("UM\r");
            var reply = fresh.Receive(TimeSpan.FromSeconds(5));
            Assert.That(reply, Is.Not.Null);
            Assert.That(reply!.Value.From, Is.EqualTo(new IPEndPoint(IPAddress.Loopback, t.Server.LocalEndPoint.Port)));
        }
    }

    [Test]
    public void Several_servers_run_at_once_on_different_ports()
    {
        using var a = ElmoTestTwin.Start();
        using var b = ElmoTestTwin.Start(new ElmoDriveSettings { Personality = ElmoPersonality.SimplIq });
        Assert.That(a.Server.LocalEndPoint.Port, Is.Not.EqualTo(b.Server.LocalEndPoint.Port));
        a.Ok("PX=111");
        b.Ok("PX=222");
        Assert.That(a.Number("PX"), Is.EqualTo(111));
        Assert.That(b.Number("PX"), Is.EqualTo(222));
        Assert.That(b.Query("VR"), Does.StartWith("Whistle"));
    }
}
