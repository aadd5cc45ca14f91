using System.Globalization;

namespace Testbed.Twin.Scpi;

/// <summary>How the instrument writes numbers and booleans in replies.</summary>
public static class ScpiFormat
{
    /// <summary>NR3 with a sign, e.g. <c>-1.031250E-11</c>, <c>+2.345678E+02</c> (reading elements).</summary>
    public static string Signed(double value) =>
        value.ToString("+0.000000E+00;-0.000000E+00;+0.000000E+00", CultureInfo.InvariantCulture);

    /// <summary>NR3 without a leading plus, e.g. <c>1.000000E-01</c> (setting queries).</summary>
    public static string Nr3(double value) =>
        value.ToString("0.000000E+00;-0.000000E+00;0.000000E+00", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "1" : "0";
}
