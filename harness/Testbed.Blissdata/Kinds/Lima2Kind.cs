using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Kinds;

/// <summary><c>lima2</c> (§7.3): a numeric stream whose last value is the number of frames available (frames need the Lima2 conductor).</summary>
public sealed class Lima2Kind : IStreamKind
{
    public const string PluginName = "lima2";

    public string Name => PluginName;

    public bool Claims(StreamModel model, bool scanSaves) => model.Encoding.IsJson && JsonFields.StringOrNull(model.Info["format"]) == "lima_v2";

    public string? Problem(StreamModel model) =>
        JsonFields.IntOrNull(model.Info["protocol_version"]) != 2 ? "lima2 streams need info.protocol_version = 2" : null;

    public async Task<long> LengthAsync(ScanStream stream)
    {
        var raw = await stream.RawLengthAsync();
        if (raw == 0) return 0;
        var last = await stream.GetAsync(raw - 1, ignorePlugin: true);
        return (long)last.ToDoubles()[0];
    }

    public bool StatusOnly => true;
}
