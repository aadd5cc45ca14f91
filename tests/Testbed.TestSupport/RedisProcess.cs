using System.Diagnostics;
using System.Net.Sockets;

namespace Testbed.TestSupport;

/// <summary>A private <c>redis-server</c> child process on a free loopback port, killed on dispose.</summary>
/// <remarks>Persistence is off unless asked for (tests that kill and restart the server need it on).</remarks>
public sealed class RedisProcess : IDisposable
{
    private readonly string _executable;
    private readonly string _dataDir;
    private readonly bool _persistence;
    private Process? _process;

    private RedisProcess(string executable, int port, string dataDir, bool persistence)
    {
        _executable = executable;
        Port = port;
        _dataDir = dataDir;
        _persistence = persistence;
    }

    public int Port { get; }

    /// <summary>The connection string for StackExchange.Redis.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server, or returns null when no <c>redis-server</c> is installed.</summary>
    public static RedisProcess? TryStart(bool persistence = false)
    {
        var exe = ExternalTool.Find("redis-server");
        if (exe is null) return null;
        var dir = Path.Combine(Path.GetTempPath(), $"testbed-redis-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        // A port taken between probing and binding makes redis exit at once; try a few.
        for (var attempt = 0; ; attempt++)
        {
            var server = new RedisProcess(exe, FreePort.Tcp(), dir, persistence);
            try
            {
                server.Start();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 4)
            {
                server.Kill();
            }
        }
    }

    /// <summary>Starts (or restarts after <see cref="Kill"/>) the server on the same port and data directory.</summary>
    public void Start()
    {
        var psi = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataDir,
        };
        string[] args =
        [
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _dataDir, "--databases", "256",
            "--save", "", "--appendonly", _persistence ? "yes" : "no", "--appendfsync", "always",
            "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning",
        ];
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Waits for the child to accept connections (real I/O), retrying the connect every 20 ms up to 10 s.
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited at start (port {Port} taken?)");
            try
            {
                using var c = new TcpClient();
                c.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(20); }
        }
        throw new InvalidOperationException($"redis-server did not listen on port {Port} within 10 s");
    }

    /// <summary>Stops the server without closing its sockets (SIGSTOP): commands sent now wait for an answer, as on a hung server.</summary>
    public void Freeze()
    {
        if (_process is not { HasExited: false }) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-STOP", _process.Id.ToString()]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not run kill -STOP");
        kill.WaitForExit();
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
