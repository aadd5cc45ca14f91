using System.Text.Json.Nodes;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Simplon;

/// <summary>The PUT command handlers: one line per command.</summary>
internal static class DetectorCommands
{
    public static Dictionary<(string, string), Func<byte[], Task<SimplonReply>>> Table(DetectorTwin twin)
    {
        var m = twin.Model;
        return new()
        {
            [("detector", "initialize")] = async _ => { await m.InitializeAsync(); return SimplonReply.Empty(); },
            [("detector", "arm")] = async _ => Sequence(await Run(() => m.ArmAsync())),
            [("detector", "trigger")] = async body => { var t = SimplonApi.TriggerValue(body); await Run(async () => { await m.TriggerAsync(t); return 0; }); return SimplonReply.Empty(); },
            [("detector", "disarm")] = async _ => Sequence(await m.DisarmAsync()),
            [("detector", "cancel")] = async _ => Sequence(await m.CancelAsync()),
            [("detector", "abort")] = async _ => Sequence(await m.AbortAsync()),
            [("filewriter", "clear")] = _ => { twin.Writer.Clear(); return Task.FromResult(SimplonReply.Empty()); },
            [("monitor", "clear")] = _ => Task.FromResult(SimplonReply.Empty()),
        };
    }

    /// <summary>arm/disarm/cancel/abort reply: the sequence id under the key clients use, "sequence id" (with a space).</summary>
    private static SimplonReply Sequence(int id) => SimplonReply.Json(new JsonObject { ["sequence id"] = id });

    private static async Task<int> Run(Func<Task<int>> command)
    {
        try { return await command(); }
        catch (DetectorCommandException e) { throw new SimplonException(400, e.Message); }
    }
}
