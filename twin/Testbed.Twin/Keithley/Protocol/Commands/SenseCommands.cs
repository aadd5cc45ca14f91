using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol.Commands;

/// <summary><c>[:SENSe[1]]:CURRent[:DC]:…</c>: integration time and ranges.</summary>
public static class SenseCommands
{
    public static void SetNplc(KeithleyContext c, ScpiArguments a)
    {
        var m = c.Model;
        var nplc = a.Expect(1).Number(0, KeithleyPicoammeter.MinNplc, m.MaxNplc, m.MaxNplc);
        if (!m.TrySetNplc(nplc)) throw new ScpiException(ScpiError.DataOutOfRange);
    }

    public static string NplcQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Nr3(c.Model.Nplc);
    }

    public static void SetRange(KeithleyContext c, ScpiArguments a)
    {
        var amps = a.Expect(1).Number(0, CurrentRange.Ranges[0], CurrentRange.Ranges[^1], CurrentRange.Ranges[^1]);
        if (!c.Model.TrySetRange(amps)) throw new ScpiException(ScpiError.DataOutOfRange);
    }

    public static string RangeQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Nr3(c.Model.Range);
    }

    public static void SetAutoRange(KeithleyContext c, ScpiArguments a) => c.Model.AutoRange = a.Expect(1).Boolean(0);

    public static string AutoRangeQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return ScpiFormat.Bool(c.Model.AutoRange);
    }
}
