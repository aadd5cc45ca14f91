using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary>Runs the real <c>testbed</c> command (the built testbed.dll) as a child process and watches its output.</summary>
internal sealed class TestbedProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ManualResetEventSlim _changed = new();

    private TestbedProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.Exited += (_, _) => _changed.Set();
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
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        if (!process.Start()) throw new InvalidOperationException("could not start testbed");
        return new TestbedProcess(process);
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears, or the process exits, or the timeout passes (real I/O).</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            _changed.Reset();
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal))) return true;
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output
                return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
            }
            var left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero || !_changed.Wait(left)) return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>The first port logged for <paramref name="controller"/> as <c>NAME: … at scheme://host:PORT</c> (a twin told to bind port 0 reports the one it got).</summary>
    public int LoggedPort(string controller)
    {
        var match = _lines.Select(l => Regex.Match(l, $@"\b{Regex.Escape(controller)}: .* at \w+://[^:\s]+:(\d+)")).FirstOrDefault(m => m.Success);
        Assert.That(match, Is.Not.Null, $"no address logged for {controller}:\n{Output}");
        return int.Parse(match!.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // the parameterless wait also drains the redirected output
        return true;
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt() => ExternalTool.Run("kill", ["-INT", _process.Id.ToString()], TimeSpan.FromSeconds(5));

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _changed.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        _changed.Set();
    }
}
