using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Text;
using Testbed.Twin.Detector.Simplon;
using Testbed.Twin.Metrics;

namespace Testbed.Twin.Host.Detector;

/// <summary>HTTP transport of the SIMPLON API: a Kestrel minimal-API app that forwards every request to <see cref="SimplonApi"/>.</summary>
/// <param name="api">The detector's SIMPLON API.</param>
/// <param name="url">Where to listen.</param>
/// <param name="link">The link faults of the transport (disconnect, delay), or null.</param>
/// <param name="clock">The detector's clock (the simulation clock), for the times of <see cref="Transcript"/>; default the system clock.</param>
public sealed class SimplonHttpServer(SimplonApi api, string url = SimplonHttpServer.DefaultUrl, Testbed.Twin.Faults.LinkFaults? link = null, TimeProvider? clock = null)
    : IAsyncDisposable
{
    /// <summary>Characters of a request or reply body shown in <see cref="Transcript"/>.</summary>
    public const int BodyShown = 100;

    /// <summary>Loopback only, any free port: nothing is exposed beyond this machine unless the beamline file says so.</summary>
    public const string DefaultUrl = "http://127.0.0.1:0";

    private readonly string _url = url;
    private WebApplication? _app;

    /// <summary>Requests served: count, errors (status 400 and above) and latency.</summary>
    public Testbed.Twin.Metrics.EndpointMetrics Metrics { get; } = new();

    /// <summary>The last requests: method, path and the start of the body, and the status with the start of the reply body.</summary>
    public WireTranscript Transcript { get; } = new(clock ?? TimeProvider.System);

    /// <summary>The listening address with port 0 resolved, e.g. <c>http://127.0.0.1:41234</c>; final after start.</summary>
    public string Address { get; private set; } = url;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(_url);
        var app = builder.Build();
        Transcript.Begin();
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
            Transcript.Record($"{context.Request.Method} {context.Request.Path.Value}{context.Request.QueryString.Value}", null, WireOutcome.Dropped,
                link.DisconnectCause is { } cause ? $"connection cut by fault '{cause}'" : "connection cut by a disconnect fault");
            return;
        }
        var started = Metrics.Start();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var target = (context.Request.Path.Value ?? "/") + context.Request.QueryString.Value;
        var reply = await api.HandleAsync(context.Request.Method, target, body.ToArray());
        Metrics.Record(started, error: reply.Status >= 400);
        // A delay fault: the detector has acted on the request; its reply leaves that much twin time later.
        var handled = Transcript.Now();
        var shape = link is { ShapesReplies: true } ? link.ShapeNextReply(reply.Body.Length) : default;
        if (shape.Delay > TimeSpan.Zero) await Task.Delay(shape.Delay, Transcript.Clock, context.RequestAborted);
        Transcript.Record(Summary($"{context.Request.Method} {target}", body.GetBuffer().AsSpan(0, (int)body.Length), context.Request.ContentType),
            Summary(reply.Status.ToString(CultureInfo.InvariantCulture), reply.Body, reply.ContentType), note: shape.Note, at: handled);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        // SIMPLON clients (ADEiger) need Content-Length, not chunked encoding.
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }

    // "PUT /detector/api/1.8.0/config/count_time {"value":0.1}": text bodies cut at BodyShown characters, others as their size.
    private static string Summary(string head, ReadOnlySpan<byte> body, string? contentType)
    {
        if (body.IsEmpty) return head;
        var text = contentType is not null && (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase));
        if (!text) return string.Create(CultureInfo.InvariantCulture, $"{head} ({body.Length} bytes {contentType ?? "without content type"})");
        var shown = Encoding.UTF8.GetString(body[..Math.Min(body.Length, BodyShown)]);
        return body.Length > BodyShown ? string.Create(CultureInfo.InvariantCulture, $"{head} {shown}… ({body.Length} bytes)") : $"{head} {shown}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }
}
