using System.Text;
using Testbed.Twin.Clock;
using Testbed.Twin.Scpi;
using Testbed.Twin.Scpi.Commands;

namespace Testbed.Twin.Tests.Scpi;

/// <summary>The SCPI engine serves an instrument other than the Keithley: its own context and table, the engine's status and error handlers.</summary>
public class ScpiEngineTests
{
    // A one-register instrument: SOURce:LEVel[?], and a slow MEASure? that takes 1 s of simulated time.
    private sealed class ToyContext(ScpiErrorQueue errors, TimeProvider clock) : ScpiContext(errors, clock, new object())
    {
        public double Level { get; set; }
    }

    private static readonly IReadOnlyList<ScpiCommand<ToyContext>> Table =
    [
        new("*CLS", CommonCommands.Clear),
        new("*ESR", query: CommonCommands.EventStatusQuery),
        new("SYSTem:ERRor[:NEXT]", query: ErrorCommands.Next),
        new("SOURce[1]:LEVel", (c, a) => c.Level = a.Expect(1).Number(0), (c, a) =>
        {
            a.Expect(0);
            return ScpiFormat.Nr3(c.Level);
        }),
        new("SOURce[1]:LEVel:STEP", (c, a) => c.Level += a.Expect(1).Number(0)),
        new("MEASure", query: (c, a) =>
        {
            a.Expect(0);
            c.Cursor += TimeSpan.FromSeconds(1);
            return ScpiFormat.Signed(c.Level);
        }),
    ];

    private static (ScpiSession<ToyContext> Session, ToyContext Context) Open(SimulationClock clock)
    {
        var context = new ToyContext(new ScpiErrorQueue(), clock);
        return (new ScpiSession<ToyContext>(new ScpiCommandTable<ToyContext>(Table), context, "\r\n"), context);
    }

    private static string Send(ScpiSession<ToyContext> session, string text)
    {
        session.Receive(Encoding.ASCII.GetBytes(text));
        return Encoding.ASCII.GetString(session.TakeReady(out _));
    }

    [Test]
    public void Compound_headers_resolve_relative_to_the_previous_path_and_replies_use_the_instruments_terminator()
    {
        using var clock = new SimulationClock(paused: true);
        var (session, context) = Open(clock);
        Assert.That(Send(session, "SOUR:LEV 2;LEV:STEP 0.5;:SOUR:LEV?\n"), Is.EqualTo("2.500000E+00\r\n"));
        Assert.That(context.Level, Is.EqualTo(2.5));
    }

    [Test]
    public void An_unknown_header_queues_minus_113_and_sets_the_command_error_bit_through_the_engines_handlers()
    {
        using var clock = new SimulationClock(paused: true);
        var (session, _) = Open(clock);
        Assert.That(Send(session, "SOUR:CURR 1\n"), Is.Empty);
        Assert.That(Send(session, "*ESR?\n"), Is.EqualTo("32\r\n"));
        Assert.That(Send(session, "SYST:ERR?\n"), Is.EqualTo("-113,\"Undefined header\"\r\n"));
        Assert.That(Send(session, "SYST:ERR?\n"), Is.EqualTo("0,\"No error\"\r\n"));
    }

    [Test]
    public void A_reply_is_released_when_simulated_time_reaches_the_end_of_the_command()
    {
        using var clock = new SimulationClock(paused: true);
        var (session, _) = Open(clock);
        session.Receive("SOUR:LEV 3\nMEAS?\n"u8);
        Assert.That(session.TakeReady(out var due), Is.Empty);
        Assert.That(due, Is.EqualTo(TimeSpan.FromSeconds(1)));
        clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.That(session.TakeReady(out _), Is.Empty);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.That(Encoding.ASCII.GetString(session.TakeReady(out _)), Is.EqualTo("+3.000000E+00\r\n"));
    }
}
