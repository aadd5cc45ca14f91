using System.Globalization;
using System.Text;
using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Detector;

/// <summary>The names a series' files will get, known before arm when the caller fixes the file template, name and first number.</summary>
public static class FileNaming
{
    /// <summary>The absolute path of every file of the series as a template with one integer placeholder (<c>%04d</c>, <c>%d</c>, <c>%6d</c>),
    /// as blissdata's lima <c>file_path</c> takes it: file <c>n</c> of the series is <c>template % (FileNumber + n)</c>.</summary>
    /// <param name="dataDirectory">This machine's path of the detector's data root.</param>
    /// <param name="settings">Settings with <see cref="AreaDetectorSettings.FileTemplate"/> and <see cref="AreaDetectorSettings.FileNumber"/> set
    /// and a <see cref="AreaDetectorSettings.NamePattern"/> without <c>$id</c> (the sequence id is only known at arm).</param>
    /// <exception cref="ArgumentException">The names are not fixed by the settings, or the template cannot be expressed with one placeholder.</exception>
    public static string PercentTemplate(string dataDirectory, AreaDetectorSettings settings)
    {
        if (settings.FileTemplate is not { } template || settings.FileNumber is null)
            throw new ArgumentException("file names are only known in advance with FileTemplate and FileNumber set", nameof(settings));
        if (settings.NamePattern.Contains("$id", StringComparison.Ordinal))
            throw new ArgumentException($"name pattern '{settings.NamePattern}' contains $id, which the detector fills in only at arm; use a fixed name", nameof(settings));
        var directory = Path.GetFullPath(Path.Combine(dataDirectory, settings.FilePath)).TrimEnd('/') + "/";
        string[] strings = [directory, settings.NamePattern];
        var sb = new StringBuilder();
        var conversions = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '%') { sb.Append(template[i]); continue; }
            var start = i++;
            var flags = Take(template, ref i, c => c is '-' or '0' or '+' or ' ' or '#');
            var width = Take(template, ref i, char.IsAsciiDigit);
            string? precision = null;
            if (i < template.Length && template[i] == '.') { i++; precision = Take(template, ref i, char.IsAsciiDigit); }
            var kind = i < template.Length ? template[i] : '\0';
            if (conversions < 2 && kind == 's' && flags.Length + width.Length == 0 && precision is null)
                sb.Append(strings[conversions]);
            else if (conversions == 2 && kind is 'd' or 'i' or 'u' && flags is "" or "0")
                sb.Append(Placeholder(template, flags, width, precision));
            else
                throw new ArgumentException($"file template '{template}': conversion at position {start + 1} cannot be announced as a file name template " +
                                            "(expected plain %s for the directory, plain %s for the name, then one %d, %0Nd or %N.Nd)", nameof(settings));
            conversions++;
        }
        if (conversions != 3)
            throw new ArgumentException($"file template '{template}' has {conversions} conversion(s); a series of announced files needs %s%s and one number, e.g. %s%s_%04d.h5", nameof(settings));
        return Collapse(sb.ToString());
    }

    /// <summary>printf's <c>%0Nd</c> and <c>%.Nd</c> both zero-pad non-negative numbers to N digits; <c>%Nd</c> pads with spaces.</summary>
    private static string Placeholder(string template, string flags, string width, string? precision)
    {
        if (precision is not null)
        {
            var digits = precision.Length == 0 ? 0 : int.Parse(precision, CultureInfo.InvariantCulture);
            if (width.Length > 0 && int.Parse(width, CultureInfo.InvariantCulture) > digits)
                throw new ArgumentException($"file template '{template}': a width wider than the precision cannot be announced; write %0{Math.Max(digits, 1)}d");
            return digits > 1 ? $"%0{digits}d" : "%d";
        }
        return width.Length == 0 ? "%d" : flags == "0" ? $"%0{width}d" : $"%{width}d";
    }

    private static string Take(string text, ref int i, Func<char, bool> accept)
    {
        var start = i;
        while (i < text.Length && accept(text[i])) i++;
        return text[start..i];
    }

    /// <summary>A template written as <c>%s/%s</c> yields a doubled separator; the file list never has one.</summary>
    private static string Collapse(string path)
    {
        while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/", StringComparison.Ordinal);
        return path;
    }
}
