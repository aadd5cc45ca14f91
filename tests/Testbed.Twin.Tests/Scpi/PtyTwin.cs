using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Scpi;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Tests.Scpi;

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

    /// <summary>Asserts nothing arrives within a short window.</summary>
    public void ExpectSilence(string because, int milliseconds = 150) =>
        Assert.That(Encoding.Latin1.GetString(Client.ReadFor(TimeSpan.FromMilliseconds(milliseconds))), Is.Empty, because);

    /// <summary>The next error-queue entry, via SYST:ERR?.</summary>
    public string NextError() => Query("SYST:ERR?");

    /// <summary>Waits (real time, up to 5 s) until the twin has executed a conversion, so a paused clock can be advanced past it.</summary>
    public void WaitForConversion()
    {
        for (var i = 0; i < 500 && Model.LastReading is null; i++) Thread.Sleep(10);
        Assert.That(Model.LastReading, Is.Not.Null, "the twin never received the conversion command");
    }

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
