using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;

namespace Testbed.Twin.Host.Control;

/// <summary>The control API over HTTP: Kestrel minimal APIs on <see cref="TwinControl"/>, JSON in and out, errors as problem details,
/// a bearer token when one is set, its OpenAPI description at <c>/openapi/v1.json</c>.</summary>
public sealed class ControlHttpServer(TwinControl control, ControlServerOptions options) : IAsyncDisposable
{
    /// <summary>Where the OpenAPI description is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    private WebApplication? _app;

    /// <summary>The listening URL with port 0 resolved, e.g. <c>http://127.0.0.1:41234</c>; final after start.</summary>
    public string Url { get; private set; } = options.BindUrl;

    /// <summary>Binds and serves; a non-loopback address without a token is refused (<see cref="ArgumentException"/>) before anything binds.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        options.Check();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.BindUrl);
        builder.Services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Testbed twin control API";
            document.Info.Description = "State, clock, metrics and faults of a served twin (testbed twin serve), separate from every device protocol. " +
                                        "On a non-loopback address every request needs `Authorization: Bearer <token>`.";
            Secure(document);
            return Task.CompletedTask;
        }));
        var app = builder.Build();
        app.Use(RefuseBadRequests);
        if (options.Token is { } token) app.Use((context, next) => Authorize(context, next, token));
        app.MapOpenApi(OpenApiPath);
        ControlRoutes.Map(app, control);
        app.MapFallback((HttpContext c) => Problem(StatusCodes.Status404NotFound, "no such route",
            $"no route {c.Request.Method} {c.Request.Path}; the routes are listed at {OpenApiPath}"));
        await app.StartAsync(cancellationToken);
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        Routes = [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))];
        _app = app;
    }

    /// <summary>Every API route as served, e.g. <c>GET /api/devices/{name}</c> (what the OpenAPI description must list); after start.</summary>
    public IReadOnlyList<string> Routes { get; private set; } = [];

    /// <summary>The JSON conventions of the API (snake_case names, enums as strings), shared with its client.</summary>
    public static void Configure(JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    /// <summary>The name of the bearer scheme in the OpenAPI description.</summary>
    public const string BearerScheme = "bearer";

    // The scheme is always described (the rule holds for any address); it is required of every operation only when this server has a token.
    private void Secure(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The --control-token the twin was served with; required on any non-loopback address, not needed on loopback without one.",
        };
        if (options.Token is not null) document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
    }

    internal static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    // Malformed JSON, a missing body: one line saying what the route takes, not an empty 400.
    private static async Task RefuseBadRequests(HttpContext context, Func<Task> next)
    {
        try { await next(); }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Problem(e.StatusCode, "bad request", $"{context.Request.Method} {context.Request.Path}: the body is missing or not the JSON this route takes; its schema is at {OpenApiPath}")
                .ExecuteAsync(context);
        }
    }

    private static async Task Authorize(HttpContext context, Func<Task> next, string token)
    {
        var given = context.Request.Headers.Authorization.ToString();
        var expected = "Bearer " + token;
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            await next();
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Problem(StatusCodes.Status401Unauthorized, "unauthorized", given.Length == 0
            ? "this control API needs a bearer token: send `Authorization: Bearer <token>` (testbed twin ctl --token)"
            : "the bearer token is not this twin's; use the --control-token it was served with").ExecuteAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }
}
