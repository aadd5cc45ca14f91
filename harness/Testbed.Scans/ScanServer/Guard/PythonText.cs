using System.Globalization;
using Testbed.Bec.Codec;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Guard;

/// <summary>Values as a user typed them in a BEC session (Python literals; devices by name).</summary>
public static class PythonText
{
    public static string Of(BecValue value) => value switch
    {
        BecNil => "None",
        BecBool b => b.Value ? "True" : "False",
        BecInt i => i.Value.ToString(CultureInfo.InvariantCulture),
        BecFloat f => Number(f.Value),
        DeviceRef d => d.Name,
        BecStr s => $"'{s.Value}'",
        BecList l => "[" + string.Join(", ", l.Select(Of)) + "]",
        BecMap m => "{" + string.Join(", ", m.Entries.Select(e => $"{Of(e.Key)}: {Of(e.Value)}")) + "}",
        _ => value.Describe(40),
    };

    /// <summary>Python's repr of a float: shortest round trip, with ".0" for whole numbers.</summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
