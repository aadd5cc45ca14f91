using System.Net;
using System.Text;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Detector;

/// <summary>A scripted HTTP responder (HttpListener on loopback): replies per "METHOD /path" from a table, records every request.</summary>
internal sealed class ScriptedSimplonServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Dictionary<string, Func<string, (int Status, string Body)>> _routes = [];
    private readonly List<string> _log = [];
    private readonly Task _loop;

    public ScriptedSimplonServer()
    {
        // HttpListener cannot bind port 0: a probed port may be taken before it binds, so a taken one is retried.
        (_listener, Url) = FreePort.Bind(port =>
        {
            var url = $"http://127.0.0.1:{port}";
            var listener = new HttpListener();
            listener.Prefixes.Add(url + "/");
            try { listener.Start(); }
            catch { listener.Close(); throw; }
            return (listener, url);
        });
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Requests seen, as "METHOD /path body".</summary>
    public IReadOnlyList<string> Log { get { lock (_log) return [.. _log]; } }

    /// <summary>Sets the reply for "METHOD /path"; the function gets the request body.</summary>
    public void On(string route, Func<string, (int, string)> reply) { lock (_routes) _routes[route] = reply; }

    public void On(string route, int status, string body) => On(route, _ => (status, body));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var route = $"{ctx.Request.HttpMethod} {ctx.Request.Url!.AbsolutePath}";
            lock (_log) _log.Add(body.Length == 0 ? route : $"{route} {body}");
            Func<string, (int, string)>? handler;
            lock (_routes) _routes.TryGetValue(route, out handler);
            var (status, text) = handler?.Invoke(body) ?? (404, """{"error": "not scripted"}""");
            var bytes = Encoding.UTF8.GetBytes(text);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }
}
