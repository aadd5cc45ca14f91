using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol.Commands;

/// <summary>6487 only: <c>SOURce[1]:VOLTage:…</c> (range, level, output state, interlock).</summary>
public static class SourceCommands
{
    public static void SetRange(KeithleyContext c, ScpiArguments a)
    {
        var s = c.Source;
        var volts = a.Expect(1).Number(0, 10, 500, 10);
        if (!s.TrySetRange(volts)) throw new ScpiException(ScpiError.DataOutOfRange);
    }

    public static string RangeQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Nr3(c.Source.Range);
    }

    public static void SetLevel(KeithleyContext c, ScpiArguments a)
    {
        var s = c.Source;
        var volts = a.Expect(1).Number(0, -VoltageSource.Limit(s.Range), VoltageSource.Limit(s.Range), 0);
        if (Math.Abs(volts) > VoltageSource.MaxLevel) throw new ScpiException(ScpiError.DataOutOfRange);
        s.SetLevel(volts);
    }

    public static string LevelQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Nr3(c.Source.Level);
    }

    // On the 50 V and 500 V ranges the output stays off while the interlock is open.
    public static void SetState(KeithleyContext c, ScpiArguments a)
    {
        var s = c.Source;
        if (!s.TrySetEnabled(a.Expect(1).Boolean(0))) throw new ScpiException(ScpiError.SettingsConflict);
    }

    public static string StateQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Bool(c.Source.Enabled);
    }

    /// <summary>1 while the interlock is open (the high ranges cannot source).</summary>
    public static string InterlockFailQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Bool(!c.Source.InterlockClosed);
    }
}
