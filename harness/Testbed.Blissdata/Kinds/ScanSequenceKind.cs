using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Kinds;

/// <summary><c>scan_sequence</c> (§7.4): a JSON stream of sub-scan keys.</summary>
public sealed class ScanSequenceKind : IStreamKind
{
    public const string PluginName = "scan_sequence";

    public string Name => PluginName;

    public bool Claims(StreamModel model, bool scanSaves) => model.Encoding.IsJson && JsonFields.StringOrNull(model.Info["format"]) == "subscan";
}
