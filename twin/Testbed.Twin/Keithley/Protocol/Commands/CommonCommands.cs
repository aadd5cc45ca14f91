using System.Globalization;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol.Commands;

/// <summary>IEEE 488.2 common commands (<c>*IDN?</c>, <c>*RST</c>, <c>*OPC?</c>, <c>*CLS</c>, status bytes).</summary>
public static class CommonCommands
{
    public static string Identify(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        var o = c.Model.Options;
        return $"KEITHLEY INSTRUMENTS INC.,MODEL {o.Model},{o.SerialNumber},{o.Firmware}";
    }

    public static void Reset(ScpiContext c, ScpiArguments a)
    {
        a.Expect(0);
        c.Model.Reset();
    }

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
