using System.Text.Json.Nodes;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Publishing;

/// <summary>What a new stream is: name, encoding and <c>info</c> (§6.6), with factories for the standard kinds and plugins (§7).</summary>
public sealed record StreamDefinition(string Name, StreamEncoding Encoding, JsonObject Info)
{
    /// <summary>Extra string keys to create at prepare (the lima <c>server_url</c> counter, §7.5).</summary>
    public IReadOnlyDictionary<string, string> KeysAtPrepare { get; init; } = new Dictionary<string, string>();

    /// <summary>A numeric stream; <c>info</c> gets <c>dtype</c> (numpy name) and <c>shape</c>.</summary>
    public static StreamDefinition Numeric(string name, DType dtype, int[] shape, JsonObject? info = null)
    {
        var i = info is null ? new JsonObject() : (JsonObject)info.DeepClone();
        i["dtype"] = dtype.Name;
        i["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray());
        return new StreamDefinition(name, StreamEncoding.Numeric(dtype, shape), i);
    }

    public static StreamDefinition Scalar(string name, DType dtype, JsonObject? info = null) => Numeric(name, dtype, [], info);

    /// <summary>A plain JSON stream (blisswriter refuses kind=json in saved scans: prefer plugin streams there).</summary>
    public static StreamDefinition Json(string name, JsonObject? info = null) =>
        new(name, StreamEncoding.Json, info is null ? new JsonObject() : (JsonObject)info.DeepClone());

    /// <summary>A numeric stream in Redis whose trimmed points readers take from <paramref name="filePath"/>[<paramref name="dataPath"/>] (§7.2).</summary>
    public static StreamDefinition Hdf5Fallback(string name, DType dtype, int[] shape, string filePath, string dataPath)
    {
        var d = Numeric(name, dtype, shape);
        d.Info["plugin"] = Kinds.Hdf5FallbackKind.PluginName;
        d.Info["save"] = true;
        d.Info["file_path"] = filePath;
        d.Info["data_path"] = dataPath;
        return d;
    }

    /// <summary>A sequence's stream of sub-scan keys (§7.4): events <c>{"key": …}</c>.</summary>
    public static StreamDefinition ScanSequence(string name) =>
        Json(name, new JsonObject { ["format"] = "subscan", ["plugin"] = Kinds.ScanSequenceKind.PluginName });

    /// <summary>A <c>lima</c> stream referencing frames in HDF5 files only (§7.5 option 1, for non-Lima detectors).</summary>
    public static StreamDefinition LimaFiles(string name, LimaFiles files)
    {
        var info = new JsonObject
        {
            ["format"] = "lima_v1",
            ["plugin"] = Kinds.LimaKind.PluginName,
            ["dtype"] = files.DType.Name,
            ["shape"] = new JsonArray(files.Height, files.Width),
            ["lima_info"] = new JsonObject
            {
                ["protocol_version"] = 1,
                ["server_url"] = files.ServerUrl,
                ["buffer_max_number"] = 0,
                ["frame_per_acquisition"] = files.TotalFrames,
                ["acquisition_offset"] = 0,
                ["file_path"] = files.FilePathTemplate,
                ["data_path"] = files.DataPath,
                ["file_format"] = "hdf5",
                ["file_offset"] = files.FileOffset,
                ["frame_per_file"] = files.FramesPerFile,
            },
        };
        return new StreamDefinition(name, StreamEncoding.Json, info) { KeysAtPrepare = new Dictionary<string, string> { [files.ServerUrl] = "0" } };
    }
}

/// <summary>The files of a file-only <c>lima</c> stream: template with one %d, dataset path, frame geometry.</summary>
public sealed record LimaFiles(string ServerUrl, string FilePathTemplate, string DataPath, DType DType, int Height, int Width,
    long TotalFrames, long FramesPerFile, long FileOffset = 0)
{
    public LimaFiles Validate()
    {
        if (!FilePathTemplate.Contains('%')) throw new EncodingException($"lima file_path '{FilePathTemplate}' needs one %d placeholder (readers crash without)");
        if (FramesPerFile < 1) throw new EncodingException("lima frame_per_file must be at least 1");
        return this;
    }
}
