using System.Text.Json.Nodes;

namespace Testbed.Blissdata.Publishing;

/// <summary>Events of plugin streams: lima status (§7.1) and scan_sequence sub-scan keys (§7.4).</summary>
public static class PluginEvents
{
    /// <summary>Cumulative lima status: last frame ready and last frame in a closed file (−1 if none) — exactly these two keys.</summary>
    public static ValueTask SendLimaStatusAsync(this DataStreamWriter writer, long lastIndex, long lastIndexSaved)
    {
        if ((string?)writer.Info["plugin"] != Kinds.LimaKind.PluginName) throw new EncodingException($"stream '{writer.Name}' is not a lima stream");
        if (lastIndexSaved > lastIndex) throw new EncodingException($"lima status: last_index_saved {lastIndexSaved} is beyond last_index {lastIndex}");
        return writer.SendJsonAsync(new JsonObject { ["last_index"] = lastIndex, ["last_index_saved"] = lastIndexSaved });
    }

    /// <summary>Announces a sub-scan of a sequence.</summary>
    public static ValueTask SendSubscanAsync(this DataStreamWriter writer, string scanKey)
    {
        if ((string?)writer.Info["plugin"] != Kinds.ScanSequenceKind.PluginName) throw new EncodingException($"stream '{writer.Name}' is not a scan_sequence stream");
        return writer.SendJsonAsync(new JsonObject { ["key"] = scanKey });
    }
}
