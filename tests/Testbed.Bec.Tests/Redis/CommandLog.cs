using System.Net.Sockets;
using System.Text;

using Testbed.TestSupport;

namespace Testbed.Bec.Tests.Redis;

/// <summary>The commands one database receives, through Redis's own MONITOR on a raw socket; each command as its arguments
/// (still in MONITOR's escaped form, which is enough to compare payloads).</summary>
public sealed class CommandLog : IDisposable
{
    private readonly RedisTestDatabase _db;
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly string _marker = $"commandlog-end-{Guid.NewGuid():N}";

    public CommandLog(RedisTestDatabase db)
    {
        _db = db;
        var at = db.Server.Endpoint.LastIndexOf(':');
        _client = new TcpClient(db.Server.Endpoint[..at], int.Parse(db.Server.Endpoint[(at + 1)..]));
        var stream = _client.GetStream();
        stream.Write("MONITOR\r\n"u8);
        _reader = new StreamReader(stream, Encoding.UTF8);
        var ok = _reader.ReadLine();
        if (ok != "+OK") throw new InvalidOperationException($"MONITOR answered {ok}");
    }

    /// <summary>Stops recording; returns this database's commands in order (without SELECT).</summary>
    public async Task<List<string[]>> StopAsync()
    {
        await _db.Database.ExecuteAsync("ECHO", _marker);
        var commands = new List<string[]>();
        var prefix = $"[{_db.Index} ";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.Contains(_marker, StringComparison.Ordinal)) break;
            var at = line.IndexOf(prefix, StringComparison.Ordinal);
            if (at < 0) continue;
            var command = Split(line[(line.IndexOf("] ", at, StringComparison.Ordinal) + 2)..]);
            // The shared multiplexer SELECTs between databases of parallel tests: bookkeeping, not protocol.
            if (command is ["SELECT", ..]) continue;
            commands.Add(command);
        }
        return commands;
    }

    /// <summary>The commands on <paramref name="key"/> and every MULTI/EXEC, as text; BEC envelopes (msgpack maps) shown as &lt;msg&gt;.</summary>
    public static List<string> On(IEnumerable<string[]> commands, string key) =>
        [.. commands.Where(c => c[0] is "MULTI" or "EXEC" || (c.Length > 1 && c[1] == key))
            .Select(c => string.Join(' ', c.Select(a => a.StartsWith("\\x81\\xad__bec_codec__", StringComparison.Ordinal) ? "<msg>" : a)))];

    private static string[] Split(string text)
    {
        var args = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!quoted)
            {
                if (c == '"') quoted = true;
                continue;
            }
            if (c == '\\' && i + 1 < text.Length)
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (c == '"')
            {
                args.Add(sb.ToString());
                sb.Clear();
                quoted = false;
                continue;
            }
            sb.Append(c);
        }
        return [.. args];
    }

    public void Dispose()
    {
        _reader.Dispose();
        _client.Dispose();
    }
}
