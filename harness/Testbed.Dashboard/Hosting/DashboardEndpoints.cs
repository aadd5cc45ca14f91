using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Testbed.Blissdata;
using Testbed.Dashboard.Export;
using Testbed.Dashboard.Frames;
using Testbed.Dashboard.Live;
using Testbed.Dashboard.Plots;
using Testbed.Dashboard.Twin;

namespace Testbed.Dashboard.Hosting;

/// <summary>The routes: the page and its assets, the scan list, one scan's live feed, its frames (PNG and numbers), the twin's devices.</summary>
public static class DashboardEndpoints
{
    /// <summary>How long a feed waits for news before it sends a keep-alive and checks the scan's state.</summary>
    private static readonly TimeSpan FeedWait = TimeSpan.FromMilliseconds(500);

    public static void Map(WebApplication app, DataStore store, TwinDevices? twin, TimeProvider time)
    {
        app.MapGet("/", context => StaticAssets.ServeAsync(context, "index.html"));
        app.MapGet("/static/{**name}", (HttpContext context, string name) => StaticAssets.ServeAsync(context, name));
        app.MapGet("/api/config", () => Results.Json(new { twin = twin?.Url.ToString(), colourMaps = FramePlot.ColourMaps }));
        app.MapGet("/api/scans", async () => Results.Json(await ScanListFeed.ListAsync(store)));
        app.MapGet("/api/scans/live", async (HttpContext context) =>
        {
            var events = await ServerSentEvents.StartAsync(context.Response);
            await Quietly(() => ScanListFeed.RunAsync(store, events, TimeSpan.FromMilliseconds(500), time, context.RequestAborted));
        });
        app.MapGet("/api/scan/{key}/events", async (HttpContext context, string key) =>
        {
            var scan = await Guarded(context, () => store.LoadScanAsync(key));
            if (scan is null) return;
            var events = await ServerSentEvents.StartAsync(context.Response);
            await Quietly(() => new ScanFeed(scan, events, FeedWait).RunAsync(context.RequestAborted));
        });
        app.MapGet("/api/scan/{key}/frame.png", async (HttpContext context, string key) =>
        {
            var q = context.Request.Query;
            var result = await Guarded(context, async () =>
            {
                var (stream, frame) = await FrameOf(store, key, q);
                return FramePlot.Png(frame, $"{stream} frame {frame.Index}", q["cmap"].FirstOrDefault() ?? "viridis",
                    Number(q["min"]), Number(q["max"]), Roi.Parse(q["roi"]));
            });
            if (result is not null) await Results.Bytes(result, "image/png").ExecuteAsync(context);
        });
        app.MapGet("/api/scan/{key}/frame.json", async (HttpContext context, string key) =>
        {
            var q = context.Request.Query;
            var result = await Guarded(context, async () =>
            {
                var (stream, frame) = await FrameOf(store, key, q);
                var roi = Roi.Parse(q["roi"]);
                return new { stream, frame.Index, frame.Width, frame.Height, frame.Min, frame.Max, Sum = frame.Sum(), RoiSum = roi is null ? (double?)null : frame.Sum(roi), frame.Source };
            });
            if (result is not null) await Results.Json(result).ExecuteAsync(context);
        });
        app.MapGet("/api/twin", async (HttpContext context) =>
        {
            if (twin is null)
            {
                await Results.Text("dashboard: no twin control API was given (start with --twin URL)\n", statusCode: 404).ExecuteAsync(context);
                return;
            }
            try { await Results.Json(await twin.GetAsync(context.RequestAborted)).ExecuteAsync(context); }
            catch (HttpRequestException e) { await Results.Text($"dashboard: {e.Message}\n", statusCode: 502).ExecuteAsync(context); }
        });
    }

    private static async Task<(string Stream, Frame Frame)> FrameOf(DataStore store, string key, IQueryCollection q)
    {
        var scan = await store.LoadScanAsync(key);
        var stream = ScanExport.ImageStream(scan, q["stream"].FirstOrDefault());
        var index = long.TryParse(q["index"].FirstOrDefault(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : -1;
        return (stream.Name, await FrameReader.ReadAsync(stream, index));
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    /// <summary>Runs <paramref name="body"/>; a user-facing failure becomes a one-line text answer (404, 409, 400, 422) and null.</summary>
    private static async Task<T?> Guarded<T>(HttpContext context, Func<Task<T>> body) where T : class
    {
        (int Status, string Text) failure;
        try { return await body(); }
        catch (ScanNotFoundException e) { failure = (404, e.Message); }
        catch (IndexNotYetThereException e) { failure = (409, e.Message); }
        catch (ArgumentException e) { failure = (400, e.Message); }
        catch (BlissdataException e) { failure = (422, e.Message); }
        await Results.Text($"dashboard: {failure.Text}\n", statusCode: failure.Status).ExecuteAsync(context);
        return null;
    }

    /// <summary>A feed ends when its client goes away; that is not an error.</summary>
    private static async Task Quietly(Func<Task> feed)
    {
        try { await feed(); }
        catch (OperationCanceledException) { }
        catch (IOException) { }
    }
}
