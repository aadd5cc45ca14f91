using System.Globalization;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Encoding;

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
        return Status((await stream.GetAsync(raw - 1, ignorePlugin: true)).Values[0], stream.Name);
    }

    /// <summary>Last frame ready and last frame saved from one status event.</summary>
    internal static (long LastIndex, long LastIndexSaved) Status(JsonNode? status, string streamName)
    {
        var e = status as JsonObject ?? throw new BlissdataException($"stream '{streamName}': lima status event is not an object");
        var where = $"stream '{streamName}': lima status";
        return (JsonFields.Long(e["last_index"], $"{where} last_index") ?? throw new BlissdataException($"{where} has no last_index"),
                JsonFields.Long(e["last_index_saved"], $"{where} last_index_saved") ?? throw new BlissdataException($"{where} has no last_index_saved"));
    }

    public static async Task<long> LengthAsync(ScanStream stream) => (await StatusAsync(stream)).LastIndex + 1;

    /// <summary>File name and in-file index of frame <paramref name="frame"/>, from <c>lima_info</c>.</summary>
    public static LimaFrameReference Reference(ScanStream stream, long frame) => Reference(stream.Info, stream.Name, frame);

    /// <summary>The same from a stream's <c>info</c> object.</summary>
    internal static LimaFrameReference Reference(JsonObject info, string streamName, long frame)
    {
        var li = info["lima_info"] as JsonObject ?? throw new BlissdataException($"stream '{streamName}' has no lima_info");
        var where = $"stream '{streamName}': lima_info";
        var template = JsonFields.String(li["file_path"], $"{where}.file_path") ?? throw new BlissdataException($"{where} has no file_path (not saving)");
        var dataPath = JsonFields.String(li["data_path"], $"{where}.data_path") ?? "";
        var fpa = JsonFields.Long(li["frame_per_acquisition"], $"{where}.frame_per_acquisition") ?? 0;
        var fpf = JsonFields.Long(li["frame_per_file"], $"{where}.frame_per_file") ?? 0;
        var offset = JsonFields.Long(li["file_offset"], $"{where}.file_offset") ?? 0;
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
        if (spec.Length > 3 || (spec.Length > 0 && int.Parse(spec, CultureInfo.InvariantCulture) > 255))
            throw new BlissdataException($"lima file_path '{template}': field width {spec} is larger than a file name can be (255)");
        var text = spec.StartsWith('0') && spec.Length > 1
            ? n.ToString(new string('0', int.Parse(spec, CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture)
            : spec.Length > 0 ? n.ToString(CultureInfo.InvariantCulture).PadLeft(int.Parse(spec, CultureInfo.InvariantCulture)) : n.ToString(CultureInfo.InvariantCulture);
        return template[..i] + text + template[(j + 1)..];
    }
}
