using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Files.Layout;
using Testbed.Twin.Detector.Files.Swmr;

namespace Testbed.Twin.Detector.Simplon;

/// <summary>filewriter/api/1.8.0/config and status keys: SIMPLON's mode, name_pattern, nimages_per_file plus the areaDetector naming keys.</summary>
internal static class FileWriterConfigTable
{
    private static readonly string[] Modes = ["enabled", "disabled"];
    private static readonly string[] Formats = ["hdf5", "tiff"];
    private static readonly string[] WriteModes = ["single", "capture", "stream"];

    public static SimplonTable Config(DetectorTwin twin)
    {
        var w = twin.Writer;
        var s = w.Settings;
        Action<JsonElement> Idle(string key, Action<JsonElement> set) => v =>
        {
            if (w.State == "acquire") throw new SimplonException(400, $"cannot set {key} while a series is being written; disarm first");
            DetectorConfigTable.Guard(() => set(v));
        };
        return new SimplonTable(
        [
            new("mode", "string", () => s.Enabled ? "enabled" : "disabled", Idle("mode", v => s.Enabled = v.GetString() == "enabled")) { AllowedValues = Modes },
            new("name_pattern", "string", () => s.NamePattern, Idle("name_pattern", v => s.NamePattern = v.GetString()!)),
            new("nimages_per_file", "uint", () => s.FramesPerFile, Idle("nimages_per_file", v => s.FramesPerFile = (int)v.GetInt64())) { Min = 0, Max = 1_000_000 },
            new("nimages_per_chunk", "uint", () => s.FramesPerChunk, Idle("nimages_per_chunk", v => s.FramesPerChunk = (int)v.GetInt64())) { Min = 1, Max = 100_000 },
            new("file_path", "string", () => s.FilePath, Idle("file_path", v => s.FilePath = v.GetString()!)),
            new("file_number", "uint", () => s.FileNumber, Idle("file_number", v => s.FileNumber = v.GetInt64())) { Min = 0, Max = int.MaxValue },
            new("auto_increment", "bool", () => s.AutoIncrement, Idle("auto_increment", v => s.AutoIncrement = v.GetBoolean())),
            new("file_template", "string", () => s.Template.Text, Idle("file_template", v => s.Template = InsideRoot(w, FileTemplate.Parse(v.GetString()!)))),
            new("file_format", "string", () => Formats[(int)s.Format], Idle("file_format", v => s.Format = (FileFormat)Array.IndexOf(Formats, v.GetString()))) { AllowedValues = Formats },
            new("file_write_mode", "string", () => WriteModes[(int)s.WriteMode], Idle("file_write_mode", v => s.WriteMode = (FileWriteMode)Array.IndexOf(WriteModes, v.GetString()))) { AllowedValues = WriteModes },
            new("temp_suffix", "string", () => s.TempSuffix, Idle("temp_suffix", v => s.TempSuffix = CheckSuffix(v.GetString()!))),
            new("file_layout", "string", () => s.Layout.Name(), Idle("file_layout", v => s.Layout = FileLayouts.Parse(v.GetString()!)!.Value)) { AllowedValues = FileLayouts.Names },
            new("image_nr_start", "uint", () => s.ImageNrStart, Idle("image_nr_start", v => s.ImageNrStart = v.GetInt64())) { Min = 0, Max = int.MaxValue },
            new("swmr_mode", "bool", () => s.SwmrMode, Idle("swmr_mode", v => { if (v.GetBoolean()) SwmrStream.RequireLibrary(); s.SwmrMode = v.GetBoolean(); })),
            new("num_frames_flush", "uint", () => s.FramesPerFlush, Idle("num_frames_flush", v => s.FramesPerFlush = (int)v.GetInt64())) { Min = 1, Max = 1_000_000 },
            new("create_directories", "bool", () => s.CreateDirectories, Idle("create_directories", v => s.CreateDirectories = v.GetBoolean())),
            new("create_directory", "int", () => s.CreateDirectory, Idle("create_directory", v => s.CreateDirectory = (int)v.GetInt64())) { Min = -FilePathCreation.MaxDepth, Max = FilePathCreation.MaxDepth },
            new("xml_file_name", "string", () => s.XmlFileName, Idle("xml_file_name", v => s.SetXmlFileName(v.GetString()!, w.Root))),
            new("data_path", "string", () => s.Layout == FileLayout.AreaDetector ? s.Hdf5Layout.DataPath : Hdf5FrameFile.DataPath),
        ]);
    }

    public static SimplonTable Status(DetectorTwin twin)
    {
        var w = twin.Writer;
        return new SimplonTable(
        [
            new("state", "string", () => w.State),
            new("error", "list", () => w.Error is { } e ? new JsonArray(e) : new JsonArray()),
            new("files", "list", () => Files(twin)),
            new("full_file_name", "string", () => w.FullFileName is { } f ? w.Root.Relative(f) : ""),
            new("file_path_exists", "bool", () => Directory.Exists(w.Root.Resolve(w.Settings.FilePath))),
            new("buffer_free", "uint", () => 1L << 30),
            new("xml_valid", "bool", () => w.Settings.XmlError is null),
            new("xml_error_message", "string", () => w.Settings.XmlError ?? ""),
            // Twin extensions, areaDetector's counters: frames lost before the writer (DroppedArrays), accepted (NumCaptured), waiting for the disk.
            new("dropped", "uint", () => w.Dropped),
            new("num_captured", "uint", () => w.Captured),
            new("queued", "uint", () => w.Queued),
        ]);
    }

    public static JsonArray Files(DetectorTwin twin) => new([.. twin.Writer.Files.Select(f => (JsonNode)f.RelativePath)]);

    /// <summary>Refuses a template whose names would leave the data root (absolute text, '..', a truncated path).</summary>
    private static FileTemplate InsideRoot(FileSeriesWriter w, FileTemplate template)
    {
        var dir = w.Root.Resolve(w.Settings.FilePath) + "/";
        var sample = Path.GetFullPath(template.Format(dir, "name", 1));
        if (!sample.StartsWith(w.Root.Path + "/", StringComparison.Ordinal))
            throw new ArgumentException($"file_template '{template}' builds '{sample}', outside the data root; start it with %s%s");
        return template;
    }

    private static string CheckSuffix(string suffix) =>
        suffix.Contains('/') || suffix.Contains('\\') ? throw new ArgumentException($"temp_suffix '{suffix}' must not contain a path separator") : suffix;
}
