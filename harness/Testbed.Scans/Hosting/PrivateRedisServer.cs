using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Testbed.Scans.Hosting;

/// <summary>A private <c>redis-server</c> child process on a free loopback port, no persistence: what the main job and the benchmarks use
/// unless given <c>--redis URL</c>. It is killed when disposed (and dies with the process: it never outlives a run).</summary>
/// <remarks>Scenarios pause it (SIGSTOP: clients hang as on a hung server) and restart it on the same port; with <c>durable</c> its data
/// survives a restart (an append-only file in a private folder, fsync always), as a production Redis with persistence would.</remarks>
public sealed class PrivateRedisServer : IDisposable
{
    private readonly string _exe;
    private readonly string? _dataDir;
    private Process _process;

    private PrivateRedisServer(string exe, Process process, int port, string? dataDir)
    {
        _exe = exe;
        _process = process;
        Port = port;
        _dataDir = dataDir;
    }

    public int Port { get; }

    /// <summary>Database <paramref name="db"/> of the server.</summary>
    public string Url(int db = 0) => $"redis://127.0.0.1:{Port}/{db}";

    /// <summary>Starts one; throws <see cref="PrivateRedisException"/> when redis-server is missing or does not come up.</summary>
    /// <param name="durable">Keep the data across <see cref="Restart"/> (append-only file in a temporary folder, removed when disposed).</param>
    public static PrivateRedisServer Start(bool durable = false)
    {
        var exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                      .Concat(["/usr/bin", "/usr/local/bin"]).Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists)
                  ?? throw new PrivateRedisException("redis-server is not on PATH; install it (apt-get install redis-server) or pass --redis URL");
        var dataDir = durable ? Directory.CreateTempSubdirectory("testbed-redis-").FullName : null;
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        return new PrivateRedisServer(exe, Launch(exe, port, dataDir), port, dataDir);
    }

    /// <summary>Stops answering without closing connections (SIGSTOP), as a hung server; <see cref="Resume"/> continues it.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>Continues a paused server (SIGCONT).</summary>
    public void Resume() => Signal("-CONT");

    /// <summary>Kills the server (as a crash) and starts it again on the same port; without <c>durable</c> it comes back empty.</summary>
    public void Restart()
    {
        Kill();
        _process = Launch(_exe, Port, _dataDir);
    }

    private static Process Launch(string exe, int port, string? dataDir)
    {
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] persistence = dataDir is null
            ? ["--appendonly", "no"]
            : ["--dir", dataDir, "--appendonly", "yes", "--appendfsync", "always"];
        string[] args = ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", .. persistence, "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning"];
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new PrivateRedisException($"could not start {exe}");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        for (var i = 0; i < 200; i++)
        {
            if (p.HasExited) throw new PrivateRedisException($"redis-server exited at start (port {port})");
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return p;
            }
            catch (SocketException) { p.WaitForExit(25); }
        }
        p.Kill();
        throw new PrivateRedisException($"redis-server did not listen on port {port} within 5 s");
    }

    private void Signal(string signal)
    {
        if (_process.HasExited) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, _process.Id.ToString()]) { UseShellExecute = false })
            ?? throw new PrivateRedisException($"could not run kill {signal}");
        kill.WaitForExit();
    }

    private void Kill()
    {
        Resume();
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }

    public void Dispose()
    {
        Kill();
        if (_dataDir is not null)
        {
            try { Directory.Delete(_dataDir, recursive: true); }
            catch (IOException) { }
        }
    }
}

/// <summary>The private redis-server could not be started (not installed, or it exited).</summary>
public sealed class PrivateRedisException(string message) : IOException(message);
