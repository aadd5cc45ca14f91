using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;
using Testbed.Twin.Tests.Serial;

namespace Testbed.Twin.Tests.Keithley;

/// <summary>A simulated Keithley on a real pty in a temp folder, with a raw client on its link path.</summary>
internal sealed class PtyTwin : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("keithley");

    public PtyTwin(int model = 6485, bool paused = false, double rate = 1000, ICurrentSource? input = null, string replyEol = "\n",
        KeithleyOptions? options = null)
    {
        Clock = new SimulationClock(rate, paused: paused);
        Model = new KeithleyPicoammeter((options ?? new KeithleyOptions()) with { Model = model }, Clock, input ?? new ConstantCurrent(1.5e-9));
        Instrument = new KeithleyInstrument(Model, outputTerminator: replyEol);
        Port = new PtySerialPort(Instrument, _dir.File("run/ttyK"), Clock);
        Port.Start();
        Client = RawTty.Open(Port.LinkPath);
    }

    public SimulationClock Clock { get; }

    public KeithleyPicoammeter Model { get; }

    public KeithleyInstrument Instrument { get; }

    public PtySerialPort Port { get; }

    public RawTty Client { get; private set; }

    public void Send(string text) => Client.Write(text);

    /// <summary>Sends one line (LF) and returns the reply line without its terminator.</summary>
    public string Query(string line)
    {
        Client.Write(line + "\n");
        var reply = Client.ReadLine();
        Assert.That(reply, Does.EndWith("\n"), $"no complete reply to '{line}' (got '{reply}')");
        return reply.TrimEnd('\n');
    }

    /// <summary>Asserts that nothing was answered to what was sent so far: the reply to a following <c>*OPC?</c> is the next line.</summary>
    /// <remarks>The instrument answers in order, so a reply owed to earlier input would come first; no window of wall time is waited.</remarks>
    public void ExpectNoReply(string because)
    {
        Client.Write("*OPC?\n");
        Assert.That(Client.ReadLine(), Is.EqualTo("1\n"), because);
    }

    /// <summary>The next error-queue entry, via SYST:ERR?.</summary>
    public string NextError() => Query("SYST:ERR?");

    /// <summary>Waits (real I/O: the command crossing the pty) until the twin has executed a conversion, so a paused clock can be advanced past it.</summary>
    public void WaitForConversion() =>
        Eventually.Value(() => Model.LastReading, r => r is not null, "the twin receiving the conversion command");

    /// <summary>Waits until a reply is scheduled on the paused clock and returns when it falls due (as <see cref="SimulationClock.Elapsed"/>).</summary>
    public TimeSpan WaitForReplyDue() =>
        Eventually.Value(() => Clock.PendingDueTimes, d => d.Count > 0, "a reply scheduled on the twin clock").Single();

    public void Reopen()
    {
        Client.Dispose();
        Client = RawTty.Open(Port.LinkPath);
    }

    public void CloseClient() => Client.Dispose();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Port.DisposeAsync();
        Clock.Dispose();
        _dir.Dispose();
    }
}
