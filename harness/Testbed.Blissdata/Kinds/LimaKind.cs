using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Kinds;

/// <summary><c>lima</c> (§7.1): a JSON stream of cumulative status events; frames live in the detector's files.</summary>
public sealed class LimaKind : IStreamKind
{
    public const string PluginName = "lima";

    public string Name => PluginName;

    public bool Claims(StreamModel model, bool scanSaves) => model.Encoding.IsJson && JsonFields.StringOrNull(model.Info["format"]) == "lima_v1";

    public string? Problem(StreamModel model) =>
        JsonFields.IntOrNull((model.Info["lima_info"] as JsonObject)?["protocol_version"]) != 1 ? "lima_info.protocol_version must be 1" : null;

    public Task<long> LengthAsync(ScanStream stream) => Lima.LengthAsync(stream);

    public bool StatusOnly => true;
}
