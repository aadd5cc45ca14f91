using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Kinds;

/// <summary><c>hdf5_fallback</c> (§7.2): points in Redis; those trimmed are read from <c>file_path</c>[<c>data_path</c>].</summary>
public sealed class Hdf5FallbackKind : IStreamKind
{
    public const string PluginName = "hdf5_fallback";

    public string Name => PluginName;

    /// <summary>A saving scan's numeric stream with a <c>data_path</c> is one, even without <c>info.plugin</c>.</summary>
    public bool Claims(StreamModel model, bool scanSaves) => !model.Encoding.IsJson && scanSaves && model.Info.ContainsKey("data_path");

    public bool HasFileFallback => true;

    public StreamData? ReadFallback(ScanStream stream, long start, long count) => Files.Hdf5Fallback.Read(stream, start, count);
}
