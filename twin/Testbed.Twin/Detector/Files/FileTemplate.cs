using System.Globalization;
using System.Text;

namespace Testbed.Twin.Detector.Files;

/// <summary>areaDetector's FileTemplate: a C printf format applied to (FilePath, FileName, FileNumber), e.g. <c>%s%s_%3.3d.h5</c>.</summary>
/// <remarks>Supports literal text, <c>%%</c>, and conversions <c>s</c>, <c>d</c>/<c>i</c>/<c>u</c> with flags <c>-0</c>, width and precision.
/// The conversions must take the arguments in their C order: string, string, integer (a prefix of it is allowed).</remarks>
public sealed class FileTemplate
{
    private readonly List<Part> _parts;

    private FileTemplate(string text, List<Part> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>Parses a template; throws <see cref="FormatException"/> naming the position of the problem.</summary>
    public static FileTemplate Parse(string text)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var conversions = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%') { literal.Append(text[i]); continue; }
            var start = i++;
            if (i < text.Length && text[i] == '%') { literal.Append('%'); continue; }
            bool left = false, zero = false;
            for (; i < text.Length && (text[i] == '-' || text[i] == '0'); i++)
                if (text[i] == '-') left = true; else zero = true;
            var width = ReadNumber(text, ref i);
            int? precision = null;
            if (i < text.Length && text[i] == '.') { i++; precision = ReadNumber(text, ref i) ?? 0; }
            if (i >= text.Length) throw new FormatException($"file template '{text}': conversion at position {start + 1} is incomplete");
            var kind = text[i] switch
            {
                's' => 's',
                'd' or 'i' or 'u' => 'd',
                _ => throw new FormatException($"file template '{text}': conversion '%{text[i]}' at position {start + 1} is not supported (use %s and %d)"),
            };
            var expected = conversions switch { 0 or 1 => 's', 2 => 'd', _ => '?' };
            if (kind != expected)
                throw new FormatException($"file template '{text}': conversion {conversions + 1} must be {(expected == '?' ? "absent (only path, name and number are passed)" : "%" + expected)}; arguments are (path string, name string, number int)");
            conversions++;
            if (literal.Length > 0) { parts.Add(new Part(literal.ToString(), ' ', false, false, null, null)); literal.Clear(); }
            parts.Add(new Part(null, kind, left, zero, width, precision));
        }
        if (literal.Length > 0) parts.Add(new Part(literal.ToString(), ' ', false, false, null, null));
        return new FileTemplate(text, parts);
    }

    /// <summary>Builds a file name as printf would.</summary>
    public string Format(string path, string name, long number)
    {
        var sb = new StringBuilder();
        var strings = new[] { path, name };
        var next = 0;
        foreach (var p in _parts)
        {
            if (p.Literal is not null) { sb.Append(p.Literal); continue; }
            string s;
            if (p.Kind == 's')
            {
                s = strings[next++];
                if (p.Precision is { } max && s.Length > max) s = s[..max];
            }
            else
            {
                var digits = Math.Abs(number).ToString(CultureInfo.InvariantCulture);
                if (p.Precision is { } min && digits.Length < min) digits = digits.PadLeft(min, '0');
                var sign = number < 0 ? "-" : "";
                if (p.ZeroPad && !p.Left && p.Precision is null && p.Width is { } w && sign.Length + digits.Length < w)
                    digits = digits.PadLeft(w - sign.Length, '0');
                s = sign + digits;
            }
            if (p.Width is { } width && s.Length < width) s = p.Left ? s.PadRight(width) : s.PadLeft(width);
            sb.Append(s);
        }
        return sb.ToString();
    }

    public override string ToString() => Text;

    /// <summary>Largest field width or precision: no file name is longer (NAME_MAX).</summary>
    public const int MaxField = 255;

    private static int? ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i == start) return null;
        if (!int.TryParse(text.AsSpan(start, i - start), CultureInfo.InvariantCulture, out var n) || n > MaxField)
            throw new FormatException($"file template '{text}': field size {text[start..i]} at position {start + 1} is larger than a file name can be ({MaxField})");
        return n;
    }

    private sealed record Part(string? Literal, char Kind, bool Left, bool ZeroPad, int? Width, int? Precision);
}
