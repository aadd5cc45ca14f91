using System.IO.Ports;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;
using Testbed.Twin.Tests.Keithley;

namespace Testbed.Twin.Tests.Serial;

/// <summary>Checklist C1 items 1, 24–26: the pty transport as unmodified clients see it.</summary>
[TestFixture]
public sealed class PtyTransportTests
{
    private const uint ECHO = 0x8, ICANON = 0x2, OPOST = 0x1, ICRNL = 0x100;

    [Test(Description = "C1.24 the slave is raw before any client sets anything: no echo, no canonical mode, no CR/LF translation")]
    public async Task SlaveIsRawBeforeTheFirstClient()
    {
        await using var twin = new PtyTwin();
        var (local, output, input) = twin.Client.Flags();
        Assert.That(local & (ECHO | ICANON), Is.Zero);
        Assert.That(output & OPOST, Is.Zero);
        Assert.That(input & ICRNL, Is.Zero);
        twin.Send("*OPC?\n");
        Assert.That(twin.Client.ReadLine(), Is.EqualTo("1\n"), "no echo of the command, and LF is not turned into CRLF");
        // An echo would also feed the reply back to the instrument as a command: it would answer it or queue an error.
        twin.ExpectNoReply("nothing echoed");
        Assert.That(twin.NextError(), Is.EqualTo("0,\"No error\""), "no echoed bytes reached the instrument");
    }

    [Test(Description = "C1.1 .NET SerialPort opens the link path at any baud rate and talks to the twin")]
    public async Task DotNetSerialPortOpensTheLink([Values(9600, 38400)] int baud)
    {
        await using var twin = new PtyTwin();
        twin.CloseClient();
        using var port = new SerialPort(twin.Port.LinkPath, baud) { NewLine = "\n", ReadTimeout = 3000 };
        port.Open();
        port.Write("*IDN?\n");
        Assert.That(port.ReadLine(), Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6485,"));
    }

    [Test(Description = "C1.2 a client that sets another baud rate on the pty is served, and the mismatch is logged")]
    public async Task BaudMismatchOnThePtyIsLogged()
    {
        using var dir = new TempDirectory("pty");
        using var clock = new SimulationClock(1000);
        var log = new ListLogger();
        var device = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(0)));
        await using var pty = new PtySerialPort(device, dir.File("ttyK"), clock, logger: log);
        pty.Start();
        using (var port = new SerialPort(pty.LinkPath, 38400) { NewLine = "\n", ReadTimeout = 3000 })
        {
            port.Open();
            port.Write("*OPC?\n");
            Assert.That(port.ReadLine(), Is.EqualTo("1"));
        }
        Assert.That(log.Messages, Has.None.Contains("baud rate"), "38400 matches the instrument");
        using (var port = new SerialPort(pty.LinkPath, 9600) { NewLine = "\n", ReadTimeout = 3000 })
        {
            port.Open();
            port.Write("*OPC?\n");
            Assert.That(port.ReadLine(), Is.EqualTo("1"));
        }
        Assert.That(log.Messages, Has.One.Contains("client set baud rate 9600 but the instrument uses 38400"));
    }

    [Test(Description = "C1.25 no client = POLLHUP/EIO: nothing is written, and a reply meant for a client that left never reaches the next one")]
    public async Task RepliesForAClientThatLeftAreDropped()
    {
        await using var twin = new PtyTwin(paused: true);
        await Eventually.UntilAsync(() => twin.Port.IsConnected, "the twin seeing the client");
        twin.Send("READ?\n");
        twin.WaitForConversion();
        twin.CloseClient();
        await Eventually.UntilAsync(() => !twin.Port.IsConnected, "the twin seeing the client leave");
        twin.Clock.Advance(TimeSpan.FromSeconds(1));
        twin.Reopen();
        twin.ExpectNoReply("no stale READ? reply for the new client: its first line answers its own query");
        Assert.That(twin.Port.Connections, Is.EqualTo(2));
    }

    [Test(Description = "C1.25 bytes already queued when the client closes are flushed, not delivered to the next client")]
    public async Task QueuedBytesAreFlushedWhenTheClientLeaves()
    {
        await using var twin = new PtyTwin();
        var idn = twin.Query("*IDN?").Length + 1;
        twin.Send("*IDN?\n*IDN?\n*IDN?\n");
        await Eventually.ValueAsync(() => twin.Client.Available, n => n == 3 * idn, "the three replies queued for the client");
        twin.CloseClient();
        await Eventually.UntilAsync(() => !twin.Port.IsConnected, "the twin seeing the client leave");
        twin.Reopen();
        twin.ExpectNoReply("the queued replies were flushed, not delivered to the next client");
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    [Test(Description = "C1.26 the link is recreated on every start (a stale link is replaced), removed on stop; the slave is open to other users")]
    public async Task StableLinkIsRecreatedAndRemoved()
    {
        using var dir = new TempDirectory("pty");
        using var clock = new SimulationClock(1000);
        var device = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(0)));
        var link = dir.File("sub/ttyK");
        Directory.CreateDirectory(dir.File("sub"));
        File.CreateSymbolicLink(link, "/dev/pts/does-not-exist");
        string first;
        await using (var port = new PtySerialPort(device, link, clock))
        {
            port.Start();
            first = port.SlavePath;
            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(first), "the stale link was replaced");
            Assert.That((int)File.GetUnixFileMode(first) & 0b110_110_110, Is.EqualTo(0b110_110_110), "rw for owner, group and others");
        }
        Assert.That(new FileInfo(link).LinkTarget, Is.Null, "the link is removed on stop");
        await using (var port = new PtySerialPort(device, link, clock))
        {
            port.Start();
            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(port.SlavePath));
            using var client = RawTty.Open(link);
            client.Write("*OPC?\n");
            Assert.That(client.ReadLine(), Is.EqualTo("1\n"));
        }
    }

    [Test(Description = "a regular file at the link path is never deleted: clear error instead")]
    public void RegularFileAtTheLinkPathIsAnError()
    {
        using var dir = new TempDirectory("pty");
        using var clock = new SimulationClock(1000);
        var device = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(0)));
        File.WriteAllText(dir.File("ttyK"), "keep me");
        var port = new PtySerialPort(device, dir.File("ttyK"), clock);
        Assert.That(() => port.Start(), Throws.InstanceOf<IOException>().With.Message.Contains("not a symlink"));
        Assert.That(File.ReadAllText(dir.File("ttyK")), Is.EqualTo("keep me"));
    }

    [Test(Description = "baud pacing: a reply takes ≈10 bits per character at the configured baud (simulated time)")]
    public async Task BaudPacingDelaysReplies()
    {
        using var dir = new TempDirectory("pty");
        using var clock = new SimulationClock(1, paused: true);
        var device = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(0)), new SerialLineSettings { BaudRate = 1200 });
        await using var port = new PtySerialPort(device, dir.File("ttyK"), clock, pacing: true);
        port.Start();
        using var client = RawTty.Open(port.LinkPath);
        client.Write("*OPC?\n");
        var due = Eventually.Value(() => clock.PendingDueTimes, d => d.Count > 0, "the reply paced on the twin clock").Single();
        Assert.That(due, Is.EqualTo(TimeSpan.FromSeconds(2 * 10 / 1200.0)).Within(TimeSpan.FromTicks(1)), "2 characters at 1200 baud (10 bits each) take 16.7 ms of simulated time");
        clock.Advance(due - TimeSpan.FromTicks(1));
        Assert.That(clock.PendingDueTimes, Is.EqualTo(new[] { due }), "one tick earlier the reply is still on its way");
        Assert.That(client.Available, Is.Zero);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.That(client.ReadLine(), Is.EqualTo("1\n"));
    }
}
