using System.Text.Json.Nodes;

namespace Testbed.Bec.Tests.Fixtures;

/// <summary>One payload of the recorded BEC 3.165.1 sessions: the exact bytes on the wire and bec_lib's decoded structure.</summary>
public sealed record RecordedPayload(string Session, int Seq, string Client, string Op, string Key, string? MessageType, byte[] Bytes, JsonNode? Decoded)
{
    public override string ToString() => $"{Session} seq {Seq} ({Op} {Key})";
}

/// <summary>The recorded sessions (tests/…/Fixtures/bec-3.165.1, JSONL as described in its README).</summary>
public static class Recording
{
    /// <summary>Payloads the recording's README says it wrote (sum over the sessions).</summary>
    public const int RecordedPayloadCount = 920;

    private static readonly Lazy<IReadOnlyList<RecordedPayload>> AllPayloads = new(() => [.. Sessions.SelectMany(Load)]);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "bec-3.165.1");

    /// <summary>The session names (file names without .jsonl), in order.</summary>
    public static IReadOnlyList<string> Sessions =>
        [.. System.IO.Directory.GetFiles(Directory, "*.jsonl").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<RecordedPayload> Payloads => AllPayloads.Value;

    public static IEnumerable<RecordedPayload> Of(string session) => Payloads.Where(p => p.Session == session);

    /// <summary>Every line of a session as JSON, in MONITOR order.</summary>
    public static IEnumerable<JsonObject> Lines(string session) =>
        File.ReadLines(Path.Combine(Directory, session + ".jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject());

    private static IEnumerable<RecordedPayload> Load(string session)
    {
        foreach (var line in Lines(session))
        {
            var seq = (int)line["seq"]!;
            var client = (string?)line["client"] ?? "";
            var op = (string)line["op"]!;
            var key = (string?)line["key"] ?? "";
            var type = (string?)line["message_type"];
            if (line["payload_b64"] is { } b64)
                yield return new(session, seq, client, op, key, type, Convert.FromBase64String((string)b64!), line["decoded"]);
            // Commands with several values (none in these sessions) list them under "payloads".
            if (line["payloads"] is JsonArray many)
            {
                foreach (var item in many)
                {
                    if (item is JsonObject o)
                        yield return new(session, seq, client, op, key, (string?)o["message_type"] ?? type, Convert.FromBase64String((string)o["payload_b64"]!), o["decoded"]);
                    else
                        yield return new(session, seq, client, op, key, type, Convert.FromBase64String((string)item!), null);
                }
            }
        }
    }
}
