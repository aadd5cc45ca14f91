using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Tests.Serial;

/// <summary>Checklist C1.2 and C1.27: the RFC 2217 server, byte for byte as BLISS's client drives it (A2.2, A3).</summary>
[TestFixture]
public sealed class Rfc2217ServerTests
{
    private static readonly byte[] BlissOptions = [0xFF, 0xFD, 0x01, 0xFF, 0xFB, 0x03, 0xFF, 0xFD, 0x03, 0xFF, 0xFD, 0x2C, 0xFF, 0xFB, 0x2C];
    private static readonly byte[] Greeting = [0xFF, 0xFB, 0x03, 0xFF, 0xFB, 0x01, 0xFF, 0xFE, 0x01, 0xFF, 0xFD, 0x00, 0xFF, 0xFD, 0x2C];

    private static readonly byte[] BlissSettings =
    [
        0xFF, 0xFA, 0x2C, 0x01, 0x00, 0x00, 0x96, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x02, 0x08, 0xFF, 0xF0,
        0xFF, 0xFA, 0x2C, 0x03, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x04, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x05, 0x01, 0xFF, 0xF0,
    ];

    private static readonly byte[] SettingsAcks =
    [
        0xFF, 0xFA, 0x2C, 0x65, 0x00, 0x00, 0x96, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x66, 0x08, 0xFF, 0xF0,
        0xFF, 0xFA, 0x2C, 0x67, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x68, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x69, 0x01, 0xFF, 0xF0,
    ];

    [Test(Description = "C1.27 BLISS's exact negotiation: greeting with DO BINARY + DO COM-PORT, five identical acks in one write, then data")]
    public async Task BlissNegotiationByteForByte()
    {
        await using var server = await Start(new KeithleyOptions());
        using var client = new RawSocket(server.Server.Endpoint);
        client.Send(BlissOptions);
        Assert.That(client.Read(Greeting.Length), Is.EqualTo(Greeting));
        client.Send(0xFF, 0xFB, 0x00);
        client.Send(BlissSettings);
        // The server handles the connection's bytes in order: an answer to BLISS's option requests would come before the acks.
        Assert.That(client.Read(SettingsAcks.Length), Is.EqualTo(SettingsAcks),
            "nothing more for BLISS's option requests (the greeting satisfies them), then code+100 with the requested bytes, SET-CONTROL included");
        client.Send("*IDN?\n");
        Assert.That(Encoding.Latin1.GetString(client.ReadUntil("\n"u8.ToArray())), Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6485,"));
    }

    [Test(Description = "C1.27 query values (0) return the current settings; other SET-CONTROL requests are answered too")]
    public async Task QueriesAndControlRequestsAreAnswered()
    {
        await using var server = await Start(new KeithleyOptions());
        using var client = new RawSocket(server.Server.Endpoint);
        client.Read(Greeting.Length);
        client.Send(0xFF, 0xFA, 0x2C, 0x01, 0, 0, 0, 0, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x03, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x05, 0x00, 0xFF, 0xF0,
            0xFF, 0xFA, 0x2C, 0x05, 0x07, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x0B, 0xFF, 0xFF, 0xFF, 0xF0);
        Assert.That(client.Read(10 + 7 + 7 + 7 + 8), Is.EqualTo(new byte[]
        {
            0xFF, 0xFA, 0x2C, 0x65, 0x00, 0x00, 0x96, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x67, 0x01, 0xFF, 0xF0,
            0xFF, 0xFA, 0x2C, 0x69, 0x01, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x69, 0x08, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x6F, 0xFF, 0xFF, 0xFF, 0xF0,
        }), "38400 baud, no parity, no flow control, DTR on; a mask of 255 is echoed with its 0xFF doubled");
    }

    [Test(Description = "C1.27 PURGE-DATA is always answered (BLISS's flush waits for it) and drops pending output")]
    public async Task PurgeIsAnsweredAndDropsPendingOutput()
    {
        using var clock = new SimulationClock(1, paused: true);
        await using var server = await Start(new KeithleyOptions(), clock);
        using var client = new RawSocket(server.Server.Endpoint);
        client.Read(Greeting.Length);
        client.Send("READ?\n");
        Eventually.Value(() => clock.PendingDueTimes, d => d.Count == 1, "the READ? reply waiting for its conversion on the twin clock");
        client.Send(0xFF, 0xFA, 0x2C, 0x0C, 0x01, 0xFF, 0xF0);
        Assert.That(client.Read(7), Is.EqualTo(new byte[] { 0xFF, 0xFA, 0x2C, 0x70, 0x01, 0xFF, 0xF0 }), "the purge answer, and no READ? reply before it");
        clock.Advance(TimeSpan.FromSeconds(1));
        client.Send("*OPC?\n");
        Assert.That(Encoding.Latin1.GetString(client.ReadUntil("\n"u8.ToArray())), Is.EqualTo("1\n"), "the purged READ? reply is never sent: the next line answers *OPC?");
    }

    [Test(Description = "C1.27 0xFF is doubled in data both ways; no telnet command appears in the data phase")]
    public async Task IacIsEscapedInDataAndNothingUnsolicitedFollows()
    {
        using var clock = new SimulationClock(paused: true);
        await using var server = new TcpSerialServer(new EchoDevice(), new IPEndPoint(IPAddress.Loopback, 0), clock, TcpSerialProtocol.Rfc2217);
        server.Start();
        using var client = new RawSocket(server.Endpoint);
        Assert.That(client.Read(Greeting.Length), Is.EqualTo(Greeting));
        client.Send(0x41, 0xFF, 0xFF, 0x42, 0x0A);
        Assert.That(client.Read(5), Is.EqualTo(new byte[] { 0x41, 0xFF, 0xFF, 0x42, 0x0A }), "the device got A,0xFF,B and its echo is escaped again");
        // Nothing unsolicited: nothing is scheduled on the clock, and after an hour of it the next bytes are still the echo of ours.
        Assert.That(clock.PendingDueTimes, Is.Empty, "no notification scheduled");
        clock.Advance(TimeSpan.FromHours(1));
        client.Send(0x43);
        Assert.That(client.Read(1), Is.EqualTo(new byte[] { 0x43 }), "no line-state or modem-state notifications after negotiation");
    }

    [Test(Description = "C1.2 38400 8N1 by default; a client asking for another baud gets it acknowledged and the mismatch is logged")]
    public async Task LineSettingMismatchIsLogged()
    {
        var log = new ListLogger();
        using var clock = new SimulationClock(1000);
        var instrument = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(0)));
        Assert.That(instrument.Line.ToString(), Is.EqualTo("38400 8N1"));
        await using var server = new TcpSerialServer(instrument, new IPEndPoint(IPAddress.Loopback, 0), clock, TcpSerialProtocol.Rfc2217, logger: log);
        server.Start();
        using var client = new RawSocket(server.Endpoint);
        client.Read(Greeting.Length);
        client.Send(0xFF, 0xFA, 0x2C, 0x01, 0x00, 0x00, 0x25, 0x80, 0xFF, 0xF0);
        Assert.That(client.Read(10), Is.EqualTo(new byte[] { 0xFF, 0xFA, 0x2C, 0x65, 0x00, 0x00, 0x25, 0x80, 0xFF, 0xF0 }));
        Assert.That(log.Messages, Has.Some.Contains("baud rate 9600").And.Contains("38400"));
    }

    [Test(Description = "a port already in use is a clear error naming the address")]
    public async Task PortInUseIsAClearError()
    {
        await using var first = await Start(new KeithleyOptions());
        using var clock = new SimulationClock(1000);
        var instrument = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(0)));
        await using var second = new TcpSerialServer(instrument, first.Server.Endpoint, clock, TcpSerialProtocol.Rfc2217);
        Assert.That(() => second.Start(), Throws.InstanceOf<IOException>().With.Message.Contains($"cannot listen on {first.Server.Endpoint}"));
    }

    private static async Task<Served> Start(KeithleyOptions options, SimulationClock? clock = null)
    {
        var owned = clock is null;
        clock ??= new SimulationClock(1000);
        var instrument = new KeithleyInstrument(new KeithleyPicoammeter(options, clock, new ConstantCurrent(1e-9)));
        var server = new TcpSerialServer(instrument, new IPEndPoint(IPAddress.Loopback, 0), clock, TcpSerialProtocol.Rfc2217);
        server.Start();
        await Task.CompletedTask;
        return new Served(server, owned ? clock : null);
    }

    private sealed record Served(TcpSerialServer Server, SimulationClock? OwnedClock) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            OwnedClock?.Dispose();
        }
    }
}

/// <summary>A device whose session echoes every byte it receives: isolates transport framing from SCPI.</summary>
internal sealed class EchoDevice : ISerialDevice, ISerialSession
{
    private readonly List<byte> _pending = [];

    public string Description => "echo";

    public SerialLineSettings Line => SerialLineSettings.Default;

    public ISerialSession OpenSession() => this;

    public void Receive(ReadOnlySpan<byte> data)
    {
        lock (_pending) _pending.AddRange(data.ToArray());
    }

    public byte[] TakeReady(out TimeSpan? nextDue)
    {
        nextDue = null;
        lock (_pending)
        {
            var bytes = _pending.ToArray();
            _pending.Clear();
            return bytes;
        }
    }

    public void PurgeInput() { }

    public void PurgeOutput()
    {
        lock (_pending) _pending.Clear();
    }
}

/// <summary>Collects log entries: level, formatted message and the exception passed with it.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<string> Messages { get { lock (_entries) return _entries.Select(e => e.Message).ToList(); } }

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries { get { lock (_entries) return _entries.ToList(); } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, formatter(state, exception), exception));
    }
}
