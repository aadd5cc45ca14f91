using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Testbed.Bench.Running;

/// <summary>A <c>redis-server</c> child process on a free loopback port (no persistence) for benchmarks without <c>--redis</c>.</summary>
public sealed class PrivateRedis : IDisposable
{
    private readonly Process _process;

    private PrivateRedis(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}/0";

    public static PrivateRedis Start()
    {
        var exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                      .Concat(["/usr/bin", "/usr/local/bin"]).Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists)
                  ?? throw new BenchException("redis-server is not on PATH; install it (apt-get install redis-server) or pass --redis URL");
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new BenchException($"could not start {exe}");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        for (var i = 0; i < 200; i++)
        {
            if (p.HasExited) throw new BenchException($"redis-server exited at start (port {port})");
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return new PrivateRedis(p, port);
            }
            catch (SocketException) { p.WaitForExit(25); }
        }
        p.Kill();
        throw new BenchException($"redis-server did not listen on port {port} within 5 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
