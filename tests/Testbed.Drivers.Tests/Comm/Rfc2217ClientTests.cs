using System.Net;
using System.Net.Sockets;
using Testbed.Drivers.Comm;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Comm;

/// <summary>The RFC 2217 client line against a scripted raw telnet server.</summary>
[TestFixture]
public sealed class Rfc2217ClientTests
{
    private static readonly byte[] ClientOptions = [0xFF, 0xFD, 0x01, 0xFF, 0xFB, 0x03, 0xFF, 0xFD, 0x03, 0xFF, 0xFD, 0x2C, 0xFF, 0xFB, 0x2C];
    private static readonly byte[] ServerGreeting = [0xFF, 0xFB, 0x03, 0xFF, 0xFB, 0x01, 0xFF, 0xFD, 0x00, 0xFF, 0xFD, 0x2C];

    private static readonly byte[] Settings38400 =
    [
        0xFF, 0xFA, 0x2C, 0x01, 0x00, 0x00, 0x96, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x02, 0x08, 0xFF, 0xF0,
        0xFF, 0xFA, 0x2C, 0x03, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x04, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x05, 0x01, 0xFF, 0xF0,
    ];

    [Test(Description = "negotiates like BLISS, answers DO BINARY, sends the five settings, un-doubles 0xFF and skips telnet commands in data")]
    public async Task NegotiatesAndMovesData()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var clientDone = new TaskCompletionSource();
        var server = Task.Run(async () =>
        {
            using var s = await listener.AcceptSocketAsync();
            Assert.That(await ReadExactly(s, ClientOptions.Length), Is.EqualTo(ClientOptions));
            s.Send(ServerGreeting);
            Assert.That(await ReadExactly(s, 3), Is.EqualTo(new byte[] { 0xFF, 0xFB, 0x00 }), "WILL BINARY in answer to DO BINARY");
            Assert.That(await ReadExactly(s, Settings38400.Length), Is.EqualTo(Settings38400));
            var acks = Settings38400.ToArray();
            for (var i = 0; i < acks.Length - 3; i++)
                if (acks[i] == 0xFA && acks[i + 1] == 0x2C) acks[i + 2] += 100;
            s.Send(acks);
            Assert.That(await ReadExactly(s, 6), Is.EqualTo(new byte[] { (byte)'A', 0xFF, 0xFF, (byte)'B', (byte)'?', (byte)'\n' }));
            // A modem-state notification in the data phase must not end up in the reply.
            s.Send([(byte)'1', 0xFF, 0xFA, 0x2C, 0x6B, 0x30, 0xFF, 0xF0, 0xFF, 0xFF, (byte)'2', (byte)'\n']);
            // The connection stays up until the client has read its reply.
            await clientDone.Task.WaitAsync(Eventually.DefaultDeadline);
        });
        await using var line = new Rfc2217SerialLine($"rfc2217://127.0.0.1:{port}", ("127.0.0.1", port), new SerialLineOptions { BaudRate = 38400 });
        await line.OpenAsync(CancellationToken.None);
        await line.WriteAsync(new byte[] { (byte)'A', 0xFF, (byte)'B', (byte)'?', (byte)'\n' }, CancellationToken.None);
        var reply = await line.ReadLineAsync("\n"u8.ToArray(), TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.That(reply, Is.EqualTo(new byte[] { (byte)'1', 0xFF, (byte)'2' }));
        clientDone.SetResult();
        await server;
    }

    [Test(Description = "a server that confirms a different baud rate is a clear error naming the setting")]
    public async Task RejectedSettingIsAnError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var clientDone = new TaskCompletionSource();
        var server = Task.Run(async () =>
        {
            using var s = await listener.AcceptSocketAsync();
            await ReadExactly(s, ClientOptions.Length);
            s.Send(ServerGreeting);
            await ReadExactly(s, 3 + Settings38400.Length);
            s.Send([0xFF, 0xFA, 0x2C, 0x65, 0x00, 0x00, 0x25, 0x80, 0xFF, 0xF0]);
            await clientDone.Task.WaitAsync(Eventually.DefaultDeadline);
        });
        // The clock never moves: the refusal must come from the server's answer, not from the open timeout.
        await using var line = new Rfc2217SerialLine($"rfc2217://127.0.0.1:{port}", ("127.0.0.1", port), new SerialLineOptions { BaudRate = 38400 }, new ManualClock());
        var e = Assert.ThrowsAsync<SerialLineException>(() => line.OpenAsync(CancellationToken.None).WaitAsync(Eventually.DefaultDeadline));
        Assert.That(e!.Message, Does.Contain("rejected the baud rate"));
        clientDone.SetResult();
        await server;
    }

    [Test(Description = "a plain TCP server that never negotiates: clear error exactly at the open timeout")]
    public async Task NonTelnetServerTimesOut()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptSocketAsync();
        var clock = new ManualClock();
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var line = new Rfc2217SerialLine($"rfc2217://127.0.0.1:{port}", ("127.0.0.1", port), new SerialLineOptions { OpenTimeout = timeout }, clock);
        var open = line.OpenAsync(CancellationToken.None);
        await Eventually.ValueAsync(() => clock.PendingDueTimes, d => d.SequenceEqual([timeout]), "the negotiation waiting for the server");
        clock.Advance(timeout - TimeSpan.FromTicks(1));
        Assert.That(open.IsCompleted, Is.False, "one tick before the open timeout the line still waits");
        clock.Advance(TimeSpan.FromTicks(1));
        var e = Assert.ThrowsAsync<SerialLineException>(() => open.WaitAsync(Eventually.DefaultDeadline));
        Assert.That(e!.Message, Does.Contain("BINARY and COM-PORT").And.Contain("within 0.3 s"));
        (await accept).Dispose();
    }

    private static async Task<byte[]> ReadExactly(Socket s, int count)
    {
        var buffer = new byte[count];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var got = 0;
        while (got < count)
        {
            var n = await s.ReceiveAsync(buffer.AsMemory(got), SocketFlags.None, cts.Token);
            if (n == 0) break;
            got += n;
        }
        return buffer[..got];
    }
}
