using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.TestSupport;

namespace Testbed.Dashboard.Tests.Browser;

/// <summary>Debian's headless Chromium driven over the DevTools protocol (one page, a WebSocket): navigate, evaluate, screenshot.</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private Task? _receiver;
    private int _nextId;

    private HeadlessChromium(Process process, TempDirectory profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Starts Chromium, or ignores the test when it is not installed.</summary>
    public static async Task<HeadlessChromium> StartAsync(int width = 1280, int height = 900)
    {
        var exe = ExternalTool.Find("chromium") ?? ExternalTool.Find("chromium-browser");
        if (exe is null) Assert.Ignore("chromium is not installed; apt-get install -y chromium (setup.sh installs it)");
        var profile = new TempDirectory("chromium");
        var psi = new ProcessStartInfo(exe!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
                     "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile.Path}", $"--window-size={width},{height}", "about:blank" })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var browser = new HeadlessChromium(process, profile);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => browser.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await browser.ConnectAsync();
            // The viewport itself, so screenshots have the asked size whatever the window decorations.
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _stderr.Enqueue(line);
        while (_stderr.Count > 64) _stderr.TryDequeue(out _);
    }

    private async Task ConnectAsync()
    {
        // Chromium writes the port it bound to this file of its profile. Starts slower than 30 s were seen on a loaded machine (the
        // same launch took 4 s a minute later), hence 60 s.
        var portFile = Path.Combine(_profile.Path, "DevToolsActivePort");
        try
        {
            await Eventually.UntilAsync(() => File.Exists(portFile) && File.ReadAllLines(portFile).Length >= 1, "Chromium's DevToolsActivePort file", TimeSpan.FromSeconds(60));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Say why: Chromium's own last words (its D-Bus complaints are noise in a container).
            var said = _stderr.Where(l => !l.Contains("dbus", StringComparison.OrdinalIgnoreCase)).TakeLast(8);
            throw new InvalidOperationException($"{e.Message}; Chromium {(_process.HasExited ? $"exited with {_process.ExitCode}" : "still running")}, " +
                $"its last output: {string.Join(" | ", said)}", e);
        }
        var port = int.Parse(File.ReadAllLines(portFile)[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var page = await Eventually.QueryAsync(async () => JsonNode.Parse(await http.GetStringAsync("json/list"))!.AsArray()
            .FirstOrDefault(t => (string?)t!["type"] == "page"), t => t is not null, "a page target");
        await _socket.ConnectAsync(new Uri((string)page!["webSocketDebuggerUrl"]!), CancellationToken.None);
        _receiver = Task.Run(ReceiveAsync);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _pending.TryRemove((int)id, out var waiter)) waiter.TrySetResult(json);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        foreach (var w in _pending.Values) w.TrySetException(new IOException("Chromium's DevTools connection closed"));
    }

    /// <summary>Sends one DevTools command and returns its <c>result</c>.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var waiter = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = waiter;
        var text = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] }.ToJsonString();
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (reply["error"] is { } error) Assert.Fail($"DevTools {method}: {error.ToJsonString()}");
        return reply["result"]!.AsObject();
    }

    public Task NavigateAsync(Uri url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });

    /// <summary>The value of a JavaScript expression in the page (JSON-serialisable values only).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        return result["result"]?["value"]?.DeepClone();
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String((string)result["data"]!);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_receiver is not null) await _receiver;
        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _stop.Dispose();
        _profile.Dispose();
    }
}
