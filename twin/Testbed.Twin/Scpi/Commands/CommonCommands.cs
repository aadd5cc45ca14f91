using System.Globalization;

namespace Testbed.Twin.Scpi.Commands;

/// <summary>IEEE 488.2 common commands every simulated instrument answers the same way (<c>*OPC?</c>, <c>*CLS</c>, status bytes, <c>*TST?</c>).</summary>
/// <remarks><c>*IDN?</c> and <c>*RST</c> depend on the instrument and live with its model.</remarks>
public static class CommonCommands
{
    // Replies are released only when the cursor (end of pending conversions) is reached, so "1" means complete.
    public static string OperationCompleteQuery(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        return "1";
    }

    public static void OperationComplete(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.EventStatus |= 1;
    }

    public static void Wait(ScpiContext c, ScpiArguments a) => a.Expect(0);

    public static void Clear(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Errors.Clear();
        c.EventStatus = 0;
    }

    public static string SelfTest(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        return "0";
    }

    public static string EventStatusQuery(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        var value = c.EventStatus;
        c.EventStatus = 0;
        return value.ToString(CultureInfo.InvariantCulture);
    }

    public static void SetEventStatusEnable(ScpiContext c, ScpiArguments a) => c.EventStatusEnable = Byte(a);

    public static string EventStatusEnableQuery(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        return c.EventStatusEnable.ToString(CultureInfo.InvariantCulture);
    }

    public static void SetServiceRequestEnable(ScpiContext c, ScpiArguments a) => c.ServiceRequestEnable = Byte(a);

    public static string ServiceRequestEnableQuery(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        return c.ServiceRequestEnable.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Status byte: bit 2 = error queue not empty, bit 5 = enabled standard events pending.</summary>
    public static string StatusByteQuery(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        var stb = (c.Errors.Count > 0 ? 4 : 0) | ((c.EventStatus & c.EventStatusEnable) != 0 ? 32 : 0);
        return stb.ToString(CultureInfo.InvariantCulture);
    }

    private static int Byte(ScpiArguments a)
    {
        var v = a.Expect(1).Number(0);
        if (v < 0 || v > 255) throw new ScpiException(ScpiError.DataOutOfRange);
        return (int)Math.Round(v);
    }
}
