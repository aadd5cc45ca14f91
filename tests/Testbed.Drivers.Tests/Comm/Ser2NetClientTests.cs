using System.Net;
using System.Net.Sockets;
using System.Text;
using Testbed.Drivers.Comm;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Comm;

/// <summary>The ser2net:// line asks a scripted control port for the device's TCP port.</summary>
[TestFixture]
public sealed class Ser2NetClientTests
{
    [Test(Description = "the device must be a whole column: /dev/ttyRP1 does not match a /dev/ttyRP11 line listed first")]
    public async Task LooksUpTheExactDevice()
    {
        using var control = new TcpListener(IPAddress.Loopback, 0);
        control.Start();
        using var rfc = new TcpListener(IPAddress.Loopback, 0);
        rfc.Start();
        var rfcPort = ((IPEndPoint)rfc.LocalEndpoint).Port;
        var controlPort = ((IPEndPoint)control.LocalEndpoint).Port;
        var received = new StringBuilder();
        var clientDone = new TaskCompletionSource();
        var script = Task.Run(async () =>
        {
            using var s = await control.AcceptSocketAsync();
            s.Send([0xFF, 0xFB, 0x03, 0xFF, 0xFB, 0x01, 0xFF, 0xFE, 0x01, .. "-> "u8.ToArray()]);
            var buffer = new byte[256];
            while (!received.ToString().Contains('\r', StringComparison.Ordinal))
                received.Append(Encoding.ASCII.GetString(buffer, 0, await s.ReceiveAsync(buffer, SocketFlags.None)));
            s.Send(Encoding.ASCII.GetBytes("showshortport\n\rPort name   Type   Device\n\r" +
                                           $"{rfcPort + 1}  telnet  /dev/ttyRP11  38400 NONE\n\r{rfcPort}  telnet  /dev/ttyRP1  38400 NONE\n\r-> "));
            // The control connection stays up until the client is done with it.
            await clientDone.Task.WaitAsync(Eventually.DefaultDeadline);
        });
        var accepted = rfc.AcceptSocketAsync();
        var clock = new ManualClock();
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var line = SerialLines.Create($"ser2net://127.0.0.1:{controlPort}/dev/ttyRP1", new SerialLineOptions { OpenTimeout = timeout }, clock);
        var open = line.OpenAsync(CancellationToken.None);
        using (var serial = await accepted.WaitAsync(Eventually.DefaultDeadline))
        {
            Assert.That(((IPEndPoint)serial.LocalEndPoint!).Port, Is.EqualTo(rfcPort), "connected to the /dev/ttyRP1 port");
            await Eventually.ValueAsync(() => clock.PendingDueTimes, d => d.SequenceEqual([timeout]), "the negotiation waiting on the RFC 2217 port");
            clock.Advance(timeout);
            Assert.ThrowsAsync<SerialLineException>(() => open.WaitAsync(Eventually.DefaultDeadline), "the scripted RFC 2217 port never negotiates");
        }
        Assert.That(received.ToString(), Is.EqualTo("showshortport\r\n"));
        clientDone.SetResult();
        await script;
    }
}
