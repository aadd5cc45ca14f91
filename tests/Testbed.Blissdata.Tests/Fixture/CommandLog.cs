using System.Net.Sockets;

using Testbed.TestSupport;

namespace Testbed.Blissdata.Tests.Fixture;

/// <summary>Records the commands one database receives, through Redis' own MONITOR on a raw socket.</summary>
public sealed class CommandLog : IDisposable
{
    private readonly RedisTestDatabase _db;
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly string _marker = $"commandlog-end-{Guid.NewGuid():N}";

    public CommandLog(RedisTestDatabase db)
    {
        _db = db;
        var (host, port) = Split(db.Server.Endpoint);
        _client = new TcpClient(host, port);
        var stream = _client.GetStream();
        stream.Write(System.Text.Encoding.ASCII.GetBytes("MONITOR\r\n"));
        _reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var ok = _reader.ReadLine();
        if (ok != "+OK") throw new InvalidOperationException($"MONITOR answered {ok}");
    }

    /// <summary>Stops recording and returns the commands of this database, each as its quoted arguments.</summary>
    public async Task<List<string>> StopAsync()
    {
        await _db.Database.ExecuteAsync("ECHO", _marker);
        var lines = new List<string>();
        var prefix = $"[{_db.Index} ";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.Contains(_marker)) break;
            var at = line.IndexOf(prefix, StringComparison.Ordinal);
            if (at < 0) continue;
            lines.Add(line[(line.IndexOf("] ", at, StringComparison.Ordinal) + 2)..]);
        }
        return lines;
    }

    private static (string, int) Split(string endpoint)
    {
        var i = endpoint.LastIndexOf(':');
        return (endpoint[..i], int.Parse(endpoint[(i + 1)..]));
    }

    public void Dispose()
    {
        _reader.Dispose();
        _client.Dispose();
    }
}
