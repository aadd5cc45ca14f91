using Testbed.Blissdata;
using Testbed.Blissdata.Reading;
using Testbed.Dashboard.Frames;
using Testbed.Dashboard.Scans;

namespace Testbed.Dashboard.Live;

/// <summary>The live feed of one scan: its state changes, layout, new points of motor and channels and detector progress, read with blissdata cursors.</summary>
/// <remarks>Events: <c>state</c>, <c>layout</c> (once PREPARED), <c>points</c>, <c>frame</c>, and <c>end</c> once every stream is sealed and the scan CLOSED.</remarks>
public sealed class ScanFeed(Scan scan, ServerSentEvents events, TimeSpan wait)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await SendStateAsync(ct);
        while (scan.State < ScanState.Prepared)
            if (await scan.UpdateAsync(wait, ct)) await SendStateAsync(ct);
            else await events.KeepAliveAsync(ct);
        var layout = ScanLayout.Of(scan);
        await events.SendAsync("layout", layout, ct);
        var streams = layout.Curves.Prepend(layout.Motor).Concat(layout.Images).OfType<string>().Select(n => scan.Streams[n]).ToList();
        if (streams.Count > 0) await FollowAsync(new CursorGroup(streams), ct);
        while (scan.State < ScanState.Closed)
            if (await scan.UpdateAsync(wait, ct)) await SendStateAsync(ct);
            else await events.KeepAliveAsync(ct);
        await events.SendAsync("end", new { scan.Key }, ct);
    }

    private async Task FollowAsync(CursorGroup group, CancellationToken ct)
    {
        while (true)
        {
            IReadOnlyDictionary<ScanStream, StreamView> views;
            try { views = await group.ReadAsync(wait, ct: ct); }
            catch (Blissdata.EndOfStreamException) { return; }
            foreach (var (stream, view) in views)
            {
                if (stream.Plugin == "lima")
                {
                    var (last, saved) = await Lima.StatusAsync(stream);
                    await events.SendAsync("frame", new FrameEvent(stream.Name, last, saved), ct);
                }
                else if (stream.Shape.Length == 2)
                    await events.SendAsync("frame", new FrameEvent(stream.Name, view.Index + view.Length - 1, await FrameReader.ReadableAsync(stream) - 1), ct);
                else
                    await events.SendAsync("points", new PointsEvent(stream.Name, view.Index, Finite(view.GetData().ToDoubles())), ct);
            }
            if (views.Count == 0) await events.KeepAliveAsync(ct);
            if (scan.State < ScanState.Closed && await scan.UpdateAsync(TimeSpan.Zero, ct)) await SendStateAsync(ct);
        }
    }

    private Task SendStateAsync(CancellationToken ct) => events.SendAsync("state", State(scan), ct);

    public static StateEvent State(Scan scan) => new(scan.Key, scan.State.ToString().ToUpperInvariant(),
        ScanSummary.Long(scan.Info["npoints"]), ScanSummary.Text(scan.Info["end_reason"]), ScanSummary.Text(scan.Info["title"]));

    private static double?[] Finite(double[] values) => Array.ConvertAll(values, v => double.IsFinite(v) ? v : (double?)null);
}
