using System.Globalization;

namespace Testbed.Twin.Scpi.Commands;

/// <summary><c>SYSTem:ERRor…</c> queries and <c>SYSTem:CLEar</c>.</summary>
public static class ErrorCommands
{
    public static string Next(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        return c.Errors.Next().ToString();
    }

    public static string All(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        var all = c.Errors.TakeAll();
        return all.Count == 0 ? ScpiError.None.ToString() : string.Join(',', all);
    }

    public static string Count(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        return c.Errors.Count.ToString(CultureInfo.InvariantCulture);
    }

    public static string CodeNext(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        return c.Errors.Next().Code.ToString(CultureInfo.InvariantCulture);
    }

    public static string CodeAll(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        var all = c.Errors.TakeAll();
        return all.Count == 0 ? "0" : string.Join(',', all.Select(e => e.Code.ToString(CultureInfo.InvariantCulture)));
    }

    public static void Clear(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Errors.Clear();
    }
}
