using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Testbed.Twin.Detector.Simplon;

namespace Testbed.Twin.Host.Detector;

/// <summary>HTTP transport of the SIMPLON API: a Kestrel minimal-API app that forwards every request to <see cref="SimplonApi"/>.</summary>
public sealed class SimplonHttpServer(SimplonApi api, string url = SimplonHttpServer.DefaultUrl, Testbed.Twin.Faults.LinkFaults? link = null) : IAsyncDisposable
{
    /// <summary>Loopback only, any free port: nothing is exposed beyond this machine unless the beamline file says so.</summary>
    public const string DefaultUrl = "http://127.0.0.1:0";

    private readonly string _url = url;
    private WebApplication? _app;

    /// <summary>Requests served: count, errors (status 400 and above) and latency.</summary>
    public Testbed.Twin.Metrics.EndpointMetrics Metrics { get; } = new();

    /// <summary>The listening address with port 0 resolved, e.g. <c>http://127.0.0.1:41234</c>; final after start.</summary>
    public string Address { get; private set; } = url;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(_url);
        var app = builder.Build();
        app.MapMethods("/{**path}", ["GET", "PUT", "DELETE", "POST"], Forward);
        await app.StartAsync(cancellationToken);
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _app = app;
    }

    private async Task Forward(HttpContext context)
    {
        // A disconnect fault: the request never reaches the detector and its connection is cut, unanswered.
        if (link?.IsDisconnected == true)
        {
            context.Abort();
            return;
        }
        var started = Metrics.Start();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var target = (context.Request.Path.Value ?? "/") + context.Request.QueryString.Value;
        var reply = await api.HandleAsync(context.Request.Method, target, body.ToArray());
        Metrics.Record(started, error: reply.Status >= 400);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        // SIMPLON clients (ADEiger) need Content-Length, not chunked encoding.
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }
}
