using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Testbed.Scans.Hosting;

/// <summary>A private <c>redis-server</c> child process on a free loopback port, no persistence: what the main job and the benchmarks use
/// unless given <c>--redis URL</c>. It is killed when disposed (and dies with the process: it never outlives a run).</summary>
public sealed class PrivateRedisServer : IDisposable
{
    private readonly Process _process;

    private PrivateRedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Database <paramref name="db"/> of the server.</summary>
    public string Url(int db = 0) => $"redis://127.0.0.1:{Port}/{db}";

    /// <summary>Starts one; throws <see cref="PrivateRedisException"/> when redis-server is missing or does not come up.</summary>
    public static PrivateRedisServer Start()
    {
        var exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                      .Concat(["/usr/bin", "/usr/local/bin"]).Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists)
                  ?? throw new PrivateRedisException("redis-server is not on PATH; install it (apt-get install redis-server) or pass --redis URL");
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning" })
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
                return new PrivateRedisServer(p, port);
            }
            catch (SocketException) { p.WaitForExit(25); }
        }
        p.Kill();
        throw new PrivateRedisException($"redis-server did not listen on port {port} within 5 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}

/// <summary>The private redis-server could not be started (not installed, or it exited).</summary>
public sealed class PrivateRedisException(string message) : IOException(message);
