using System.Globalization;
using System.Text;

using Testbed.Bec.Codec;

namespace Testbed.Bec.Values;

/// <summary>Renders values Python-like for logs and error messages (None, True, 'text', [..], {k: v}, Type(...)).</summary>
internal static class BecFormatter
{
    public static string Format(BecValue value, int max)
    {
        var sb = new StringBuilder();
        Write(sb, value, max);
        return sb.Length > max ? string.Concat(sb.ToString(0, Math.Max(0, max - 3)), "...") : sb.ToString();
    }

    private static void Write(StringBuilder sb, BecValue value, int max)
    {
        if (sb.Length > max) return;
        switch (value)
        {
            case BecNil: sb.Append("None"); break;
            case BecBool b: sb.Append(b.Value ? "True" : "False"); break;
            case BecInt i: sb.Append(i.Text); break;
            case BecFloat f: sb.Append(FormatDouble(f.Value)); break;
            case BecStr s: sb.Append('\'').Append(s.Value).Append('\''); break;
            case BecBin b: sb.Append("b'<").Append(b.Value.Length).Append(" bytes>'"); break;
            case BecExt e: sb.Append("ExtType(").Append(e.TypeCode).Append(", <").Append(e.Data.Length).Append(" bytes>)"); break;
            case BecList l:
                sb.Append('[');
                for (var i = 0; i < l.Count && sb.Length <= max; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, l[i], max);
                }
                sb.Append(']');
                break;
            case BecMap m:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in m)
                {
                    if (sb.Length > max) break;
                    if (!first) sb.Append(", ");
                    first = false;
                    Write(sb, k, max);
                    sb.Append(": ");
                    Write(sb, v, max);
                }
                sb.Append('}');
                break;
            case BecCodecValue c:
                var head = c.FormatHead();
                if (head is not null)
                {
                    sb.Append(head);
                    break;
                }
                sb.Append(c.TypeName).Append('(');
                Write(sb, c.EnvelopeData, max);
                sb.Append(')');
                break;
            default: sb.Append(value.Kind); break;
        }
    }

    public static string FormatDouble(double d) =>
        double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf"
        : d == Math.Floor(d) && Math.Abs(d) < 1e16 ? d.ToString("0.0", CultureInfo.InvariantCulture)
        : d.ToString("R", CultureInfo.InvariantCulture);
}
