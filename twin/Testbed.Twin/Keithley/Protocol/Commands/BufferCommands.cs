using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol.Commands;

/// <summary><c>CALCulate3:FORMat</c>, <c>TRACe:FEED</c> and <c>FORMat:ELEMents</c>.</summary>
public static class BufferCommands
{
    public static void SetStatistic(KeithleyContext c, ScpiArguments a) =>
        c.Model.BufferStatistic = a.Expect(1).Choice(0, ("MEAN", "MEAN"), ("SDEV", "SDEVIATION"), ("MAX", "MAXIMUM"), ("MIN", "MINIMUM"), ("PKPK", "PKPK"));

    public static string StatisticQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return c.Model.BufferStatistic;
    }

    public static void SetFeed(KeithleyContext c, ScpiArguments a) =>
        c.Model.TraceFeed = a.Expect(1).Choice(0, ("SENS", "SENSE"), ("SENS", "SENS1"), ("SENS", "SENSE1"), ("CALC", "CALCULATE"), ("CALC", "CALC1"), ("NONE", "NONE"));

    public static string FeedQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        return c.Model.TraceFeed;
    }

    public static void SetElements(KeithleyContext c, ScpiArguments a)
    {
        if (a.Count == 0) throw new ScpiException(ScpiError.MissingParameter);
        var elements = ReadingElements.None;
        for (var i = 0; i < a.Count; i++)
        {
            elements |= a.Choice(i, ("READ", "READING"), ("UNIT", "UNITS"), ("TIME", "TIME"), ("STAT", "STATUS")) switch
            {
                "READ" => ReadingElements.Reading,
                "UNIT" => ReadingElements.Units,
                "TIME" => ReadingElements.Time,
                _ => ReadingElements.Status,
            };
        }
        c.Model.Elements = elements;
    }

    public static string ElementsQuery(KeithleyContext c, ScpiArguments a)
    {
        a.Expect(0);
        var e = c.Model.Elements;
        var names = new List<string>();
        if (e.HasFlag(ReadingElements.Reading)) names.Add("READ");
        if (e.HasFlag(ReadingElements.Units)) names.Add("UNIT");
        if (e.HasFlag(ReadingElements.Time)) names.Add("TIME");
        if (e.HasFlag(ReadingElements.Status)) names.Add("STAT");
        return string.Join(',', names);
    }
}
