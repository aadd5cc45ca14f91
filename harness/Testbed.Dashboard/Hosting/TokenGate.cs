using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Testbed.Dashboard.Hosting;

/// <summary>Lets an API request through only with the dashboard's token, as <c>Authorization: Bearer T</c> or <c>?token=T</c>.</summary>
/// <remarks>The query form exists because the browser's EventSource cannot set headers; the page passes it on to its own requests.</remarks>
public sealed class TokenGate(string token)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public bool Allows(HttpRequest request)
    {
        string? given = null;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) given = header["Bearer ".Length..].Trim();
        else if (request.Query.TryGetValue("token", out var q)) given = q.ToString();
        // Constant-time, so the token cannot be guessed byte by byte from response times.
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Allows(context.Request))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsync("dashboard: this dashboard needs its token: open the page with ?token=T or send 'Authorization: Bearer T'\n");
    }
}
