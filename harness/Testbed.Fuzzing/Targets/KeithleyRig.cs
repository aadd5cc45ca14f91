using Testbed.Fuzzing.Engine;
using Testbed.Twin.Clock;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;

namespace Testbed.Fuzzing.Targets;

/// <summary>A fresh simulated 6485 or 6487 on a paused clock, for one input: what the SCPI, RFC 2217 and ser2net targets feed.</summary>
internal sealed class KeithleyRig
{
    private readonly SimulationClock _clock;

    public KeithleyRig(SimulationClock clock, int model)
    {
        _clock = clock;
        Instrument = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions { Model = model }, clock, new ConstantCurrent(1e-9)));
        Session = (KeithleyScpiSession)Instrument.OpenSession();
    }

    public KeithleyInstrument Instrument { get; }

    public KeithleyScpiSession Session { get; }

    /// <summary>After whatever came before: ^X, then <c>*IDN?</c> must still be answered (the instrument is never wedged).</summary>
    public void CheckAnswers()
    {
        Session.Receive("\x18*IDN?\n"u8);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var reply = System.Text.Encoding.Latin1.GetString(Session.TakeReady(out _));
        if (!reply.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 648", StringComparison.Ordinal))
            throw new FuzzInvariantException($"after the input, ^X *IDN? got {FuzzFinding.Escape(System.Text.Encoding.Latin1.GetBytes(reply), 80)}");
    }

    /// <summary>Lets simulated time pass so conversions finish, takes the replies, and checks every queued error is a SCPI error (−100…−499).</summary>
    public void Settle()
    {
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Session.TakeReady(out _);
        foreach (var error in Instrument.Errors.TakeAll())
            if (error.Code is > -100 or < -499)
                throw new FuzzInvariantException($"the error queue holds {error}, which is no SCPI error code");
    }
}
