using System.Globalization;
using System.Text.Json.Nodes;

namespace Testbed.Blissdata.Reading;

/// <summary>Where a frame of a <c>lima</c> stream lives: file, dataset and index in the file (§7.1).</summary>
public sealed record LimaFrameReference(long Frame, string File, string DataPath, long IndexInFile);

/// <summary>Reader side of the <c>lima</c> plugin: status events and frame de-referencing.</summary>
public static class Lima
{
    /// <summary>The last status event: last frame ready and last frame saved (−1 if none); (−1, −1) before the first event.</summary>
    public static async Task<(long LastIndex, long LastIndexSaved)> StatusAsync(ScanStream stream)
    {
        var raw = await stream.RawLengthAsync();
        if (raw == 0) return (-1, -1);
        var e = (await stream.GetAsync(raw - 1, ignorePlugin: true)).Values[0] as JsonObject
                ?? throw new BlissdataException($"stream '{stream.Name}': lima status event is not an object");
        return ((long)e["last_index"]!, (long)e["last_index_saved"]!);
    }

    public static async Task<long> LengthAsync(ScanStream stream) => (await StatusAsync(stream)).LastIndex + 1;

    /// <summary>File name and in-file index of frame <paramref name="frame"/>, from <c>lima_info</c>.</summary>
    public static LimaFrameReference Reference(ScanStream stream, long frame)
    {
        var li = stream.Info["lima_info"] as JsonObject ?? throw new BlissdataException($"stream '{stream.Name}' has no lima_info");
        var template = (string?)li["file_path"] ?? throw new BlissdataException($"stream '{stream.Name}': lima_info has no file_path (not saving)");
        var dataPath = (string?)li["data_path"] ?? "";
        var fpa = (long?)li["frame_per_acquisition"] ?? 0;
        var fpf = (long?)li["frame_per_file"] ?? 0;
        var offset = (long?)li["file_offset"] ?? 0;
        var (acq, inAcq) = fpa > 0 ? (frame / fpa, frame % fpa) : (0, frame);
        var (fileInAcq, inFile) = fpf > 0 ? (inAcq / fpf, inAcq % fpf) : (0, inAcq);
        var filesPerAcq = fpa > 0 && fpf > 0 ? (fpa + fpf - 1) / fpf : 1;
        var number = acq * filesPerAcq + fileInAcq + offset;
        return new LimaFrameReference(frame, FormatPercent(template, number), dataPath, inFile);
    }

    /// <summary>Python's <c>template % n</c> for one integer placeholder (%d, %04d, %5d).</summary>
    public static string FormatPercent(string template, long n)
    {
        var i = template.IndexOf('%');
        if (i < 0) throw new BlissdataException($"lima file_path '{template}' has no %d placeholder");
        var j = i + 1;
        while (j < template.Length && char.IsDigit(template[j])) j++;
        if (j >= template.Length || template[j] != 'd') throw new BlissdataException($"lima file_path '{template}': only %d / %0Nd placeholders are supported");
        var spec = template[(i + 1)..j];
        var text = spec.StartsWith('0') && spec.Length > 1
            ? n.ToString(new string('0', int.Parse(spec, CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture)
            : spec.Length > 0 ? n.ToString(CultureInfo.InvariantCulture).PadLeft(int.Parse(spec, CultureInfo.InvariantCulture)) : n.ToString(CultureInfo.InvariantCulture);
        return template[..i] + text + template[(j + 1)..];
    }
}
