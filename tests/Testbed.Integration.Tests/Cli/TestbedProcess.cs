using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary>Runs the real <c>testbed</c> command (the built testbed.dll) as a child process and watches its output.</summary>
internal sealed class TestbedProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private TestbedProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static TestbedProcess Start(params string[] args)
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "testbed.dll");
        var psi = new ProcessStartInfo(ExternalTool.Find("dotnet") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return new TestbedProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start testbed"));
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears, or the process exits, or the timeout passes.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal))) return true;
            if (_process.HasExited) return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
            Thread.Sleep(20);
        }
        return false;
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // the parameterless wait also drains the redirected output
        return true;
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt() => ExternalTool.Run("kill", ["-INT", _process.Id.ToString()], TimeSpan.FromSeconds(5));

    /// <summary>A UDP port that was free on 127.0.0.1 a moment ago.</summary>
    public static int FreeUdpPort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
