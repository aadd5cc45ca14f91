using System.Text;
using System.Text.Json.Nodes;
using Testbed.Bec.Codec;

namespace Testbed.Scans.Tests.Support;

/// <summary>One write of a service to Redis, in the form both the recording and a MONITOR capture give: op, key (ids masked), the
/// non-payload arguments (EX 1800, MAXLEN ~ 10000 *), message type and canonical body. A bundle counts as its messages.</summary>
public sealed record WireMessage(string Service, string Conn, string Op, string Key, string Args, string? Type, JsonNode? Body, string Where)
{
    public string Signature => $"{Op} {Key} {Args} {Type}".Replace("  ", " ", StringComparison.Ordinal);

    public override string ToString() => $"{Where}: {Signature}";
}

/// <summary>The writes of the scan server, bundler and file writer: recorded (what BEC's services did) and captured (what ours did),
/// and their comparison: the same writes, in the order each recorded connection made them, with the same fields.</summary>
public static class WireLog
{
    public static readonly string[] Services = ["ScanServer", "ScanBundler", "FileWriterManager"];
    private static readonly string[] Writes = ["SET", "PUBLISH", "LPUSH", "LTRIM", "XADD"];

    /// <summary>Heartbeats, metrics, logs and messaging-service notifications are not part of the scan protocol compared here.</summary>
    public static bool Compared(string key) =>
        !key.StartsWith("user/services/", StringComparison.Ordinal) && key != "user/log"
        && !key.StartsWith("user/dynamic_metrics/", StringComparison.Ordinal) && !key.StartsWith("internal/messaging_services/", StringComparison.Ordinal);

    public static IReadOnlyList<WireMessage> Recorded(RecordedSession session)
    {
        var list = new List<WireMessage>();
        foreach (var l in session.Lines.Where(l => Services.Contains(l.Client) && Writes.Contains(l.Op) && Compared(l.Key)))
            Add(list, l.Client, l.Conn, l.Op, Canonical.Key(l.Key), string.Join(' ', l.Args), l.MessageType, l.Payload is null ? null : Canonical.OfRecorded(l.Decoded), $"seq {l.Seq}");
        return list;
    }

    public static IReadOnlyList<WireMessage> Captured(IEnumerable<MonitoredCommand> commands, string dataRoot)
    {
        var list = new List<WireMessage>();
        var n = 0;
        foreach (var c in commands)
        {
            n++;
            if (c.Db != 0 || !Services.Contains(c.Client) || !Writes.Contains(c.Op) || c.Args.Count < 2) continue;
            var key = c.Arg(1);
            if (!Compared(key)) continue;
            var (payload, args) = c.Op switch
            {
                "LTRIM" => (null, string.Join(' ', c.Args.Skip(2).Select(Encoding.UTF8.GetString))),
                "XADD" => (c.Args[^1], string.Join(' ', c.Args.Skip(2).Take(c.Args.Count - 4).Select(Encoding.UTF8.GetString))),
                _ => (c.Args[2], string.Join(' ', c.Args.Skip(3).Select(Encoding.UTF8.GetString))),
            };
            var message = payload is null ? null : BecCodec.DecodeMessage(payload);
            Add(list, c.Client, c.Client, c.Op, Canonical.Key(key, dataRoot), args, message?.TypeName, message is null ? null : Canonical.OfWire(message, dataRoot), $"#{n}");
        }
        return list;
    }

    /// <summary>Every difference: writes missing or extra, out of the recorded order, or with other fields.</summary>
    public static IReadOnlyList<string> Compare(IReadOnlyList<WireMessage> expected, IReadOnlyList<WireMessage> actual)
    {
        var problems = new List<string>();
        foreach (var service in Services)
        {
            var e = expected.Where(m => m.Service == service).ToList();
            var a = actual.Where(m => m.Service == service).ToList();
            foreach (var sig in e.Select(m => m.Signature).Concat(a.Select(m => m.Signature)).Distinct())
            {
                var (ne, na) = (e.Count(m => m.Signature == sig), a.Count(m => m.Signature == sig));
                if (ne != na) problems.Add($"{service}: {na}× {sig}, recorded {ne}×");
            }
            // Order: the scan server's writes in the order of each recorded connection; the bundler's and writer's per key (their
            // interleaving across keys follows the 0.1 s bundle flushes, which is timing).
            var groups = service == "ScanServer" ? e.GroupBy(m => m.Conn) : e.GroupBy(m => (m.Conn, m.Key).ToString());
            foreach (var g in groups)
            {
                var at = 0;
                foreach (var m in g)
                {
                    var found = a.FindIndex(at, x => x.Signature == m.Signature);
                    if (found < 0)
                    {
                        problems.Add($"{service}: {m} ({g.Key}) does not come in the recorded order");
                        break;
                    }
                    at = found + 1;
                }
            }
            foreach (var sig in e.Select(m => m.Signature).Distinct())
            {
                var pairs = e.Where(m => m.Signature == sig).Zip(a.Where(m => m.Signature == sig));
                foreach (var (rec, ours) in pairs)
                    if (Canonical.Difference(rec.Body, ours.Body) is { } d) problems.Add($"{service}: {sig} ({rec.Where} vs {ours.Where}): {d}");
            }
        }
        return problems;
    }

    private static void Add(List<WireMessage> list, string service, string conn, string op, string key, string args, string? type, JsonNode? body, string where)
    {
        if (op == "PUBLISH" && type == "BundleMessage" && body?["messages"] is JsonArray items)
        {
            foreach (var item in items) list.Add(new WireMessage(service, conn, op, key, args, "ScanMessage (bundled)", item?.DeepClone(), where));
            return;
        }
        list.Add(new WireMessage(service, conn, op, key, args, type, body, where));
    }
}
