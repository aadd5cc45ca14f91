using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Testbed.Dashboard.Hosting;

/// <summary>The page, its script and the vendored plotting library, served from this assembly's embedded <c>wwwroot/</c>.</summary>
public static class StaticAssets
{
    private static readonly Assembly Assembly = typeof(StaticAssets).Assembly;

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [""] = "text/plain; charset=utf-8",
    };

    /// <summary>The names of every served file, relative to wwwroot (e.g. <c>vendor/uplot/uPlot.iife.min.js</c>).</summary>
    public static IEnumerable<string> Names => Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)).Select(n => n["wwwroot/".Length..]);

    /// <summary>Writes the asset <paramref name="name"/>, or 404.</summary>
    public static async Task ServeAsync(HttpContext context, string name)
    {
        await using var stream = Assembly.GetManifestResourceStream("wwwroot/" + name);
        if (stream is null || name.Contains("..", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        context.Response.Headers.CacheControl = "no-cache";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
