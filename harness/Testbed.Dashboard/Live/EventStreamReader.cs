namespace Testbed.Dashboard.Live;

/// <summary>One server-sent event as a client receives it: its name and its data line(s).</summary>
public sealed record ReceivedEvent(string Name, string Data);

/// <summary>Reads a text/event-stream body into events (the client side of <see cref="ServerSentEvents"/>; used by the benchmark and tests).</summary>
public static class EventStreamReader
{
    public static async IAsyncEnumerable<ReceivedEvent> ReadAsync(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(body);
        string name = "message";
        var data = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0) yield return new ReceivedEvent(name, string.Join('\n', data));
                name = "message";
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Add(line[5..].TrimStart());
        }
    }
}
