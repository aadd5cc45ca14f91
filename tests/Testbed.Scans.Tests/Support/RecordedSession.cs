using System.Text.Json.Nodes;
using Testbed.Bec.Codec;
using Testbed.Bec.Messages;

namespace Testbed.Scans.Tests.Support;

/// <summary>One command of a recorded BEC 3.165.1 session (fixtures README): who sent it on which connection, and its payload.</summary>
public sealed record RecordedLine(int Seq, string Client, string Conn, string Op, string Key, IReadOnlyList<string> Args, string? MessageType,
    byte[]? Payload, JsonNode? Decoded)
{
    public BecMessage Message => BecCodec.DecodeMessage(Payload ?? throw new InvalidOperationException($"seq {Seq} has no payload"));

    public override string ToString() => $"seq {Seq} {Client} {Op} {Key}";
}

/// <summary>A recorded session (tests/…/Fixtures/bec-3.165.1/NN-name.jsonl), payloads resolved through payload_same_as_seq.</summary>
public sealed class RecordedSession
{
    private RecordedSession(string name, IReadOnlyList<RecordedLine> lines)
    {
        Name = name;
        Lines = lines;
    }

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "bec-3.165.1");

    public string Name { get; }

    public IReadOnlyList<RecordedLine> Lines { get; }

    public RecordedLine this[int seq] => Lines.First(l => l.Seq == seq);

    public IEnumerable<RecordedLine> By(string client) => Lines.Where(l => l.Client == client);

    public static RecordedSession Load(string name)
    {
        var raw = File.ReadLines(Path.Combine(Directory, name + ".jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var bySeq = raw.ToDictionary(o => (int)o["seq"]!);
        var lines = new List<RecordedLine>();
        foreach (var o in raw)
        {
            var source = o;
            while (source["payload_same_as_seq"] is { } same) source = bySeq[(int)same];
            var payload = source["payload_b64"] is { } b64 ? Convert.FromBase64String((string)b64!) : null;
            lines.Add(new RecordedLine((int)o["seq"]!, (string?)o["client"] ?? "", (string?)o["conn"] ?? "", (string)o["op"]!, (string?)o["key"] ?? "",
                o["args"] is JsonArray a ? [.. a.Select(x => (string)x!)] : [], (string?)o["message_type"], payload, source["decoded"]?.DeepClone()));
        }
        return new RecordedSession(name, lines);
    }
}
