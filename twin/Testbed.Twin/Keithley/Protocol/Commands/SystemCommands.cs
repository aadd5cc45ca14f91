using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol.Commands;

/// <summary><c>SYSTem:…</c> (zero check/correct, auto zero, timestamp, line frequency) and <c>DISPlay:ENABle</c>.</summary>
public static class SystemCommands
{
    public static void SetZeroCheck(KeithleyContext c, ScpiArguments a) => c.Model.ZeroCheck = a.Expect(1).Boolean(0);

    public static string ZeroCheckQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Bool(c.Model.ZeroCheck);
    }

    public static void SetZeroCorrect(KeithleyContext c, ScpiArguments a) => c.Model.ZeroCorrect = a.Expect(1).Boolean(0);

    public static string ZeroCorrectQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Bool(c.Model.ZeroCorrect);
    }

    // The offset is measured with the input shorted, so acquisition needs zero check on.
    public static void AcquireZeroCorrect(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        if (!c.Model.ZeroCheck) throw new ScpiException(ScpiError.SettingsConflict);
        c.Model.AcquireZeroCorrection(c.Cursor);
    }

    public static void SetAutoZero(KeithleyContext c, ScpiArguments a) => c.Model.AutoZero = a.Expect(1).Boolean(0);

    public static string AutoZeroQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Bool(c.Model.AutoZero);
    }

    public static void SetDisplay(KeithleyContext c, ScpiArguments a) => c.Model.DisplayEnabled = a.Expect(1).Boolean(0);

    public static string DisplayQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Bool(c.Model.DisplayEnabled);
    }

    public static void ResetTime(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Model.ResetTimestamp(c.Cursor);
    }

    public static string LineFrequencyQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ((int)c.Model.Options.LineFrequency).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
