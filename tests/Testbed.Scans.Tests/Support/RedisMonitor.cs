using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Scans.Tests.Support;

/// <summary>One command as MONITOR showed it: when, which database and client connection, and its arguments as bytes.</summary>
public sealed record MonitoredCommand(double Time, int Db, string Address, string Client, IReadOnlyList<byte[]> Args)
{
    public string Op => Encoding.ASCII.GetString(Args[0]).ToUpperInvariant();

    public string Arg(int i) => Encoding.UTF8.GetString(Args[i]);

    public override string ToString() => $"{Client} {string.Join(' ', Args.Take(3).Select(a => a.Length > 60 ? "<payload>" : Encoding.UTF8.GetString(a)))}";
}

/// <summary>Every command a private Redis receives, through Redis's own MONITOR on a raw socket (as the fixtures were recorded),
/// each attributed to the client connection's name (CLIENT SETNAME: ScanServer, ScanBundler, …).</summary>
public sealed class RedisMonitor : IAsyncDisposable
{
    private readonly PrivateRedis _redis;
    private readonly TcpClient _socket;
    private readonly StreamReader _reader;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _marker = $"monitor-end-{Guid.NewGuid():N}";
    private readonly Task _pump;

    private RedisMonitor(PrivateRedis redis, TcpClient socket, StreamReader reader)
    {
        _redis = redis;
        _socket = socket;
        _reader = reader;
        _pump = Task.Run(PumpAsync);
    }

    public static async Task<RedisMonitor> StartAsync(PrivateRedis redis)
    {
        var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", redis.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        var reader = new StreamReader(stream, Encoding.ASCII);
        var ok = await reader.ReadLineAsync();
        if (ok != "+OK") throw new InvalidOperationException($"MONITOR answered {ok}");
        return new RedisMonitor(redis, socket, reader);
    }

    /// <summary>Stops and returns every command seen, in order, with the names of the connections that sent them.</summary>
    public async Task<IReadOnlyList<MonitoredCommand>> StopAsync()
    {
        var names = await ClientNamesAsync();
        await _redis.Bec.ExecuteAsync("ECHO", _marker);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!_lines.Any(l => l.Contains(_marker, StringComparison.Ordinal))) await Task.Delay(5, cts.Token);
        var commands = new List<MonitoredCommand>();
        foreach (var line in _lines)
        {
            if (line.Contains(_marker, StringComparison.Ordinal)) break;
            if (Parse(line, names) is { } c) commands.Add(c);
        }
        return commands;
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync() is { } line) _lines.Enqueue(line);
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task<Dictionary<string, string>> ClientNamesAsync()
    {
        var list = (string)(await _redis.Bec.ExecuteAsync("CLIENT", "LIST"))!;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in list.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = row.Split(' ').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
            if (fields.TryGetValue("addr", out var addr)) names[addr] = fields.GetValueOrDefault("name", "");
        }
        return names;
    }

    private static MonitoredCommand? Parse(string line, Dictionary<string, string> names)
    {
        var open = line.IndexOf('[', StringComparison.Ordinal);
        var close = line.IndexOf(']', open + 1);
        if (open < 0 || close < 0) return null;
        var where = line[(open + 1)..close].Split(' ');
        var args = Unquote(line[(close + 1)..]);
        if (args.Count == 0) return null;
        return new MonitoredCommand(double.Parse(line[..open].Trim(), CultureInfo.InvariantCulture), int.Parse(where[0], CultureInfo.InvariantCulture),
            where[1], names.GetValueOrDefault(where[1], "?"), args);
    }

    /// <summary>MONITOR's quoted arguments back to bytes (its escapes: \\ \" \n \r \t \a \b \xHH).</summary>
    private static List<byte[]> Unquote(string text)
    {
        var args = new List<byte[]>();
        var current = new List<byte>();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!quoted)
            {
                if (c == '"') quoted = true;
                continue;
            }
            if (c == '"')
            {
                args.Add([.. current]);
                current.Clear();
                quoted = false;
                continue;
            }
            if (c != '\\' || i + 1 >= text.Length)
            {
                current.Add((byte)c);
                continue;
            }
            var e = text[++i];
            switch (e)
            {
                case 'n': current.Add((byte)'\n'); break;
                case 'r': current.Add((byte)'\r'); break;
                case 't': current.Add((byte)'\t'); break;
                case 'a': current.Add(7); break;
                case 'b': current.Add(8); break;
                case 'x':
                    current.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                default: current.Add((byte)e); break;
            }
        }
        return args;
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        try { await _pump; } catch (IOException) { }
        _reader.Dispose();
    }
}
