using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol.Commands;

/// <summary>Triggered readings: <c>READ?</c> (= INIT + FETCh?), <c>FETCh?</c>, <c>MEASure?</c>, <c>INITiate</c>, <c>ABORt</c>, <c>CONFigure</c>.</summary>
public static class MeasureCommands
{
    public static string Read(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        return Format(c, c.Convert());
    }

    // FETCh? returns the last reading without a new conversion; with none yet the instrument has no data (−230).
    public static string Fetch(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        var last = c.Model.LastReading ?? throw new ScpiException(new ScpiError(-230, "Data corrupt or stale"));
        return Format(c, last);
    }

    // MEAS? = CONF + READ?: the one-shot form restores auto range like CONFigure does.
    public static string Measure(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Model.AutoRange = true;
        return Format(c, c.Convert());
    }

    public static void Initiate(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Convert();
    }

    public static void Abort(ScpiContext c, ScpiArguments a) => a.Expect(0);

    public static void Configure(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Model.AutoRange = true;
    }

    private static string Format(ScpiContext c, KeithleyReading r)
    {
        var elements = c.Model.Elements == ReadingElements.None ? ReadingElements.Reading : c.Model.Elements;
        return ScpiFormat.Reading(r, elements);
    }
}
