using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Testbed.Blissdata;
using Testbed.Dashboard.Twin;

namespace Testbed.Dashboard.Hosting;

/// <summary>The running dashboard: a Kestrel server with the page, its API and live feeds, over one blissdata connection.</summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DataStore _store;
    private readonly HttpClient _http;

    private DashboardServer(WebApplication app, DataStore store, HttpClient http, Uri url)
    {
        _app = app;
        _store = store;
        _http = http;
        Url = url;
    }

    /// <summary>The address the page is served at (the actual port when 0 was asked for), without the token.</summary>
    public Uri Url { get; }

    /// <summary>Checks the options, connects to Redis and starts listening; refuses a non-loopback address without a token.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, ILoggerFactory? logging = null, CancellationToken ct = default)
    {
        var endpoint = ListenAddress.Parse(options.Listen);
        if (ListenAddress.Refusal(endpoint, options.Token) is { } refusal) throw new ArgumentException(refusal);
        var store = await DataStore.ConnectAsync(options.Redis, new DataStoreOptions
        {
            Time = options.Time,
            PollInterval = options.PollInterval,
            Logger = logging?.CreateLogger("blissdata") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        });
        var http = new HttpClient();
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint));
            builder.Services.AddSingleton(store);
            app = builder.Build();
            if (!string.IsNullOrEmpty(options.Token))
            {
                var gate = new TokenGate(options.Token);
                // The page and its assets hold no data (and a browser fetches them without the token); every /api route needs it.
                app.Use((context, next) => context.Request.Path.StartsWithSegments("/api") ? gate.InvokeAsync(context, next) : next(context));
            }
            var twin = options.Twin is null ? null : new TwinDevices(options.Twin, http);
            DashboardEndpoints.Map(app, store, twin, options.Time);
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new DashboardServer(app, store, http, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal)));
        }
        catch (IOException e)
        {
            if (app is not null) await app.DisposeAsync();
            await store.DisposeAsync();
            http.Dispose();
            throw new IOException($"dashboard cannot listen on {endpoint}: {e.Message.TrimEnd('.')}; choose another --listen port", e);
        }
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled (Ctrl-C).</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try { await _app.StopAsync(stop.Token); }
            catch (OperationCanceledException) { }
        }
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _http.Dispose();
    }
}
