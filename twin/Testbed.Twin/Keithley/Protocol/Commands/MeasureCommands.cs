using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol.Commands;

/// <summary>Triggered readings: <c>READ?</c> (= INIT + FETCh?), <c>FETCh?</c>, <c>MEASure?</c>, <c>INITiate</c>, <c>ABORt</c>, <c>CONFigure</c>.</summary>
public static class MeasureCommands
{
    public static string Read(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return Format(c, c.Convert());
    }

    // FETCh? returns the last reading without a new conversion; with none yet the instrument has no data (−230).
    public static string Fetch(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        var last = c.Model.LastReading ?? throw new ScpiException(new ScpiError(-230, "Data corrupt or stale"));
        return Format(c, last);
    }

    // MEAS? = CONF + READ?: the one-shot form restores auto range like CONFigure does.
    public static string Measure(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Model.AutoRange = true;
        return Format(c, c.Convert());
    }

    public static void Initiate(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Convert();
    }

    public static void Abort(KeithleyContext c, ScpiArguments a) => a.Expect(0);

    public static void Configure(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Model.AutoRange = true;
    }

    private static string Format(KeithleyContext c, KeithleyReading r) =>
        Elements(r, c.Model.Elements == ReadingElements.None ? ReadingElements.Reading : c.Model.Elements);

    // The elements of one reading in instrument order: READ (+A when UNIT), TIME, STAT.
    private static string Elements(KeithleyReading r, ReadingElements elements)
    {
        var parts = new List<string>(3);
        if (elements.HasFlag(ReadingElements.Reading))
            parts.Add(ScpiFormat.Signed(r.Value) + (elements.HasFlag(ReadingElements.Units) ? "A" : ""));
        if (elements.HasFlag(ReadingElements.Time)) parts.Add(ScpiFormat.Signed(r.Timestamp));
        if (elements.HasFlag(ReadingElements.Status)) parts.Add(ScpiFormat.Signed(r.Status));
        return string.Join(',', parts);
    }
}
