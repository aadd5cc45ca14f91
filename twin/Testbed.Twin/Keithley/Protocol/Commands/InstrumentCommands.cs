using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol.Commands;

/// <summary>The common commands that depend on the model: <c>*IDN?</c> and <c>*RST</c>.</summary>
public static class InstrumentCommands
{
    public static string Identify(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        var o = c.Model.Options;
        return $"KEITHLEY INSTRUMENTS INC.,MODEL {o.Model},{o.SerialNumber},{o.Firmware}";
    }

    public static void Reset(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Model.Reset();
    }
}
