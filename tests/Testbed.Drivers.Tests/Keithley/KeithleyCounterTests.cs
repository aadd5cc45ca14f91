using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Keithley;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Keithley;

/// <summary>The Keithley counter against scripted raw instruments (TCP socket and a real pty).</summary>
[TestFixture]
public sealed class KeithleyCounterTests
{
    private static readonly string[] BlissInit =
    [
        "FORM:ELEM READ", "CALC3:FORM MEAN", "TRAC:FEED SENS", "*RST", "*OPC?", "DISP:ENAB ON", "SYST:AZER OFF", "*OPC?",
        "SYST:ZCH OFF", "SYST:ZCOR OFF", "SENS1:CURR:NPLC 0.1", "SENS1:CURR:RANG:AUTO ON", "SYST:ERR?",
    ];

    private static KeithleyCounterSettings Settings(string url, int? model = 6485, double timeout = 1) => new()
    {
        ControllerName = "kctrl",
        SensorName = "mondio",
        Url = url,
        Model = model,
        Timeout = TimeSpan.FromSeconds(timeout),
    };

    [Test(Description = "BLISS's init sequence, then READ? parsed (reading first, unit suffix ignored)")]
    public async Task InitialisesLikeBlissAndReads()
    {
        await using var instrument = new ScriptedTcpInstrument(ScriptedResponder.Keithley());
        await using var counter = new KeithleyCounter(Settings(instrument.Url));
        var reading = await counter.ReadAsync();
        Assert.That(reading, Is.EqualTo(new CounterReading(1.234e-9, "A")));
        Assert.That(instrument.Responder.Received, Is.EqualTo(BlissInit.Append("READ?")));
        await counter.ReadAsync();
        Assert.That(instrument.Responder.Received.Skip(BlissInit.Length), Is.EqualTo(new[] { "READ?", "READ?" }), "later reads send only READ?");
    }

    [Test(Description = "without model: the driver asks *IDN? and takes the last word of field 2")]
    public async Task DiscoversTheModel()
    {
        await using var instrument = new ScriptedTcpInstrument(ScriptedResponder.Keithley("6487"));
        await using var counter = new KeithleyCounter(Settings(instrument.Url, model: null));
        await counter.InitializeAsync();
        Assert.That(counter.Model, Is.EqualTo(6487));
        Assert.That(instrument.Responder.Received[0], Is.EqualTo("*IDN?"));
    }

    [Test(Description = "a fixed range is sent as BLISS does: AUTO OFF then RANGe:UPPer with Python-style numbers")]
    public async Task FixedRangeIsSent()
    {
        await using var instrument = new ScriptedTcpInstrument(ScriptedResponder.Keithley());
        await using var counter = new KeithleyCounter(Settings(instrument.Url) with { Range = 2e-7, Nplc = 1 });
        await counter.InitializeAsync();
        Assert.That(instrument.Responder.Received, Does.Contain("SENS1:CURR:NPLC 1").And.Contain("SENS1:CURR:RANG:AUTO OFF").And.Contain("SENS1:CURR:RANGe:UPPer 2e-07"));
    }

    [Test(Description = "a silent instrument: timeout error names device, address, command and last bytes, exactly at the timeout")]
    public async Task TimeoutIsAClearError()
    {
        var script = ScriptedResponder.Keithley();
        await using var instrument = new ScriptedTcpInstrument(line => line == "READ?" ? null : script(line));
        var clock = new ManualClock();
        await using var counter = new KeithleyCounter(Settings(instrument.Url, timeout: 0.3), time: clock);
        await counter.InitializeAsync();
        var read = counter.ReadAsync();
        var timeout = TimeSpan.FromSeconds(0.3);
        await Eventually.ValueAsync(() => clock.PendingDueTimes, d => d.Contains(timeout), "the READ? reply awaited on the clock");
        clock.Advance(timeout - TimeSpan.FromTicks(1));
        Assert.That(read.IsCompleted, Is.False, "one tick before the timeout the read still waits");
        clock.Advance(TimeSpan.FromTicks(1));
        var e = Assert.ThrowsAsync<DeviceException>(() => read.WaitAsync(Eventually.DefaultDeadline));
        Assert.That(e!.Message, Does.Contain("keithley 'kctrl'").And.Contain(instrument.Url).And.Contain("'READ?'").And.Contain("no complete reply within 0.3 s")
            .And.Contain("last bytes received: none since the command was sent (before it: \"1\\n1\\n0,\"No error\"\\n\"). Check the line settings"),
            "the replies to earlier commands are shown as earlier, not as this one's");
    }

    [Test(Description = "instrument error during set-up (e.g. NPLC out of range) is reported with its SCPI code")]
    public async Task SetupErrorIsReported()
    {
        var script = ScriptedResponder.Keithley();
        await using var instrument = new ScriptedTcpInstrument(line => line == "SYST:ERR?" ? "-222,\"Parameter data out of range\"" : script(line));
        await using var counter = new KeithleyCounter(Settings(instrument.Url) with { Nplc = 50 });
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.InitializeAsync());
        Assert.That(e!.Message, Does.Contain("-222").And.Contain("nplc"));
    }

    [Test(Description = "garbage on the line: a clear error, then the next read discards the leftovers and succeeds")]
    public async Task RecoversAfterGarbage()
    {
        var script = ScriptedResponder.Keithley();
        var garbage = true;
        await using var instrument = new ScriptedTcpInstrument(line => line == "READ?" && garbage ? "\u0001#~garbled" : script(line));
        await using var counter = new KeithleyCounter(Settings(instrument.Url, timeout: 0.3));
        await counter.InitializeAsync();
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync());
        Assert.That(e!.Message, Does.Contain("does not start with a number").And.Contain("\\x01#~garbled"));
        instrument.Inject("half a line without terminator"u8.ToArray());
        garbage = false;
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(1.234e-9));
    }

    [Test(Description = "overflow (+9.9E37) is a reading with Overflow status, not a number to plot")]
    public async Task OverflowIsFlagged()
    {
        await using var instrument = new ScriptedTcpInstrument(ScriptedResponder.Keithley(reading: "+9.900000E+37A,+1.0E+00,+0.0E+00"));
        await using var counter = new KeithleyCounter(Settings(instrument.Url));
        var reading = await counter.ReadAsync();
        Assert.That(reading.Status, Is.EqualTo(CounterStatus.Overflow));
        Assert.That(reading.IsValid, Is.False);
    }

    [Test(Description = "overflow and NAN codes reach the caller as NaN, with a line naming device, address and the reading sent")]
    public async Task OverflowAndNanCodesAreNaNWithAReason()
    {
        var reading = "+9.900000E+37A,+1.0E+00,+0.0E+00";
        await using var instrument = new ScriptedTcpInstrument(line => ScriptedResponder.Keithley(reading: reading)(line));
        await using var counter = new KeithleyCounter(Settings(instrument.Url));
        var overflow = await counter.ReadAsync();
        Assert.That(double.IsNaN(overflow.Value), Is.True, "never 9.9e37 as a current");
        Assert.That(overflow.Problem, Does.StartWith($"keithley 'kctrl' at {instrument.Url}: command 'READ?': the reading +9.900000E+37A is the instrument's overflow value"));
        reading = "+9.910000E+37,+1.0E+00,+0.0E+00";
        var invalid = await counter.ReadAsync();
        Assert.That((invalid.Status, double.IsNaN(invalid.Value)), Is.EqualTo((CounterStatus.Invalid, true)));
        Assert.That(invalid.Problem, Does.Contain("the reading +9.910000E+37 is the instrument's NAN value"));
        reading = "+1.5E-09A";
        Assert.That(await counter.ReadAsync(), Is.EqualTo(new CounterReading(1.5e-9, "A")), "a measurement has no problem line");
    }

    [Test(Description = "a query the instrument leaves unanswered: the driver reads SYST:ERR? and puts the instrument's text in the error")]
    public async Task AnUnansweredQueryIsReportedWithTheErrorQueueEntry()
    {
        var script = ScriptedResponder.Keithley();
        var refused = false;
        string? Respond(string line)
        {
            if (line == "READ?") refused = true; // no reply, an entry in the error queue
            else if (line == "SYST:ERR?" && refused) return "-241,\"Hardware missing\"";
            return line == "READ?" ? null : script(line);
        }
        await using var instrument = new ScriptedTcpInstrument(Respond);
        await using var counter = new KeithleyCounter(Settings(instrument.Url, timeout: 0.3));
        await counter.InitializeAsync();
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync())!;
        Assert.That(e.Problem, Is.EqualTo("no complete reply within 0.3 s; the instrument refused it: SYST:ERR? reads -241,\"Hardware missing\""));
        Assert.That(e.Message, Does.Contain("keithley 'kctrl'").And.Contain(instrument.Url).And.Contain("'READ?'"));
    }

    [Test(Description = "the connection drops: clear error, then the next read reconnects (no re-init: the instrument kept its state)")]
    public async Task ReconnectsAfterTheLineDrops()
    {
        await using var instrument = new ScriptedTcpInstrument(ScriptedResponder.Keithley());
        await using var counter = new KeithleyCounter(Settings(instrument.Url));
        await counter.ReadAsync();
        // Whether or not the close has reached the client yet, its next exchange on the dead connection fails.
        instrument.Drop();
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync());
        Assert.That(e!.Message, Does.Contain("closed").Or.Contain("failed"));
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(1.234e-9));
        Assert.That(instrument.Connections, Is.EqualTo(2));
        Assert.That(instrument.Responder.Received.Count(l => l == "*RST"), Is.EqualTo(1));
    }

    [Test(Description = "6487 source: numbers on the wire (1/0, never True), errors from SYST:ERR? reported")]
    public async Task SourceCommandsUseNumbers()
    {
        var script = ScriptedResponder.Keithley("6487");
        var reject = false;
        await using var instrument = new ScriptedTcpInstrument(line => line == "SYST:ERR?" && reject ? "-221,\"Settings conflict\"" : script(line));
        await using var counter = new KeithleyCounter(Settings(instrument.Url, model: 6487));
        await counter.SetSourceLevelAsync(5);
        await counter.SetSourceEnabledAsync(true);
        Assert.That(instrument.Responder.Received, Does.Contain("SOUR1:VOLT 5").And.Contain("SOUR1:VOLT:STAT 1"));
        reject = true;
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.SetSourceRangeAsync(500));
        Assert.That(e!.Message, Does.Contain("-221").And.Contain("interlock"));
    }

    [Test(Description = "a local tty (real pty) through System.IO.Ports: init and read")]
    public async Task ReadsOverALocalPty()
    {
        using var pty = new ScriptedPty(ScriptedResponder.Keithley());
        await using var counter = new KeithleyCounter(Settings(pty.SlavePath) with { Line = new() { BaudRate = 38400 } });
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(1.234e-9));
        Assert.That(pty.Responder.Received, Is.EqualTo(BlissInit.Append("READ?")));
    }

    [Test(Description = "the pty disappears under the client: a clear error at once, not after the timeout, no hang")]
    public async Task PtyClosedUnderTheClient()
    {
        var pty = new ScriptedPty(ScriptedResponder.Keithley());
        // The clock never moves: a read that waited for its timeout would never end.
        var clock = new ManualClock();
        await using var counter = new KeithleyCounter(Settings(pty.SlavePath, timeout: 1), time: clock);
        await counter.ReadAsync();
        pty.CloseMaster();
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync().WaitAsync(Eventually.DefaultDeadline));
        Assert.That(e!.Message, Does.Contain(pty.SlavePath).And.Contain("READ?"));
        var again = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync());
        Assert.That(again!.Message, Does.Contain("cannot open the line"), "reopening a vanished pty fails clearly too");
    }

    [Test(Description = "an unreachable address: clear error naming it")]
    public async Task UnreachableAddressIsAClearError()
    {
        await using var counter = new KeithleyCounter(Settings("tcp://127.0.0.1:1"));
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync());
        Assert.That(e!.Message, Does.Contain("tcp://127.0.0.1:1").And.Contain("cannot open the line"));
    }
}
