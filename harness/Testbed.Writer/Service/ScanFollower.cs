using Microsoft.Extensions.Logging;
using System.Text.Json.Nodes;
using Testbed.Blissdata;
using Testbed.Blissdata.Kinds;
using Testbed.Blissdata.Reading;
using Testbed.Writer.Hdf5;
using Testbed.Writer.Nexus;

namespace Testbed.Writer.Service;

/// <summary>Writes one scan while it runs: waits for PREPARED, opens (or resumes) its entry, appends every stream's new points,
/// flushes periodically, and at CLOSED links the frames and writes end_time and end_reason.</summary>
/// <param name="options">Settings.</param>
/// <param name="announcer">Who is told about files (BEC mode), or null.</param>
/// <param name="logger">Where refusals and failures go (one line each).</param>
/// <param name="rowsWritten">Told the number of rows after each append (progress).</param>
public sealed class ScanFollower(WriterOptions options, IFileAnnouncer? announcer, ILogger logger, Action<long>? rowsWritten = null)
{
    /// <summary>Whether the writer writes <paramref name="scan"/>: saving scans for the nexus writer, and in BEC mode every BEC scan.</summary>
    public static bool Wanted(Scan scan, bool becMode)
    {
        if (Text(scan.Info["filename"]) is not { Length: > 0 }) return false;
        if (becMode && Text(scan.Info["bec_scan_id"]) is not null) return true;
        return scan.Info["save"] is JsonValue v && v.TryGetValue<bool>(out var save) && save && Text(scan.Info["data_writer"]) == "nexus";
    }

    /// <summary>Follows the scan <paramref name="key"/> to its end; returns the file written, or null when the scan is not for this writer.</summary>
    /// <remarks>Cancelled: the file is closed as it is (no end_time: not complete) and a later run resumes it.</remarks>
    public async Task<string?> FollowAsync(DataStore store, string key, CancellationToken ct)
    {
        var scan = await store.LoadScanAsync(key);
        await scan.WaitForStateAsync(ScanState.Prepared, ct: ct);
        if (!Wanted(scan, options.Bec is not null)) return null;
        var path = Text(scan.Info["filename"])!;
        if (announcer is not null) await announcer.OpenedAsync(scan, path);
        NexusScanFile file;
        try { file = NexusScanFile.Open(path, scan, options.Swmr); }
        catch (IOException e)
        {
            logger.LogError("writer: scan {Number} ({Key}): {Message}", scan.Number, key, e.Message);
            if (announcer is not null) await announcer.ClosedAsync(scan, path, successful: false);
            return null;
        }
        var ok = false;
        try
        {
            if (file.Resumed) logger.LogInformation("writer: scan {Number}: resuming {Path}:/{Entry}", scan.Number, path, file.Entry);
            if (options.Swmr && !file.Swmr)
                logger.LogWarning("writer: scan {Number}: {Path}: SWMR could not start (a file made before --swmr or by another writer is not in the HDF5 1.10 format SWMR needs); written without SWMR", scan.Number, path);
            await CopyPointsAsync(scan, file, ct);
            while (scan.State < ScanState.Closed) await ThroughOutagesAsync(() => scan.WaitForStateAsync(ScanState.Closed, ct: ct), ct);
            var frames = new Dictionary<ScanStream, IReadOnlyList<VirtualSource>>();
            foreach (var p in file.Places.Where(p => p.Role == ChannelRole.Frames))
            {
                var (_, saved) = await ThroughOutagesAsync(() => Lima.StatusAsync(p.Stream), ct);
                frames[p.Stream] = file.FrameSources(p.Stream, saved + 1);
            }
            file.Finish(scan, frames, 0, 0);
            ok = true;
        }
        catch (IOException e)
        {
            logger.LogError("writer: scan {Number}: {Path}: {Message}", scan.Number, path, e.Message);
        }
        finally
        {
            file.Dispose();
        }
        if (announcer is not null) await announcer.ClosedAsync(scan, path, ok);
        return ok ? path : null;
    }

    private async Task CopyPointsAsync(Scan scan, NexusScanFile file, CancellationToken ct)
    {
        var streams = file.NumericStreams.ToList();
        if (streams.Count == 0) return;
        var group = new CursorGroup(streams.Select(s => s.Cursor(file.RowsWritten(s)))) { BatchSize = options.ReadBatch, ByteBudget = options.ReadBytes, CollectEvery = options.CollectEvery };
        var time = options.Time;
        var lastFlush = time.GetTimestamp();
        var closedSeen = false;
        Task<IReadOnlyDictionary<ScanStream, StreamView>> Read() => ThroughOutagesAsync(() => group.ReadAsync(options.ReadWait, ct: ct), ct);
        // The next block is read from Redis while this one is decoded and written: the copy then runs at the slower of the two
        // rates, not at their sum. The group's cursors advance only inside its read, and one read runs at a time.
        var next = Read();
        while (true)
        {
            IReadOnlyDictionary<ScanStream, StreamView> views;
            try { views = await next; }
            catch (Blissdata.EndOfStreamException) { break; }
            if (views.Count > 0) next = Read();
            foreach (var (stream, view) in views)
            {
                var data = view.GetData();
                file.Append(stream, data);
                rowsWritten?.Invoke(data.Count);
            }
            if (time.GetElapsedTime(lastFlush) >= options.FlushInterval)
            {
                file.Flush();
                lastFlush = time.GetTimestamp();
            }
            if (views.Count > 0) continue;
            // A publisher that died leaves streams unsealed: once the scan is closed and a read brings nothing, the copy is done.
            if (closedSeen) break;
            await ThroughOutagesAsync(() => scan.UpdateAsync(TimeSpan.Zero, ct), ct);
            closedSeen = scan.State == ScanState.Closed;
            next = Read();
        }
    }

    /// <summary>Runs a read of the scan again while Redis is away (a cursor advances only on a read that succeeded, so nothing is
    /// copied twice), until <see cref="WriterOutage.Limit"/> has passed (real time).</summary>
    private static async Task<T> ThroughOutagesAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        var since = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try { return await read(); }
            catch (Exception e) when (WriterOutage.IsTransient(e) && TimeProvider.System.GetElapsedTime(since) < WriterOutage.Limit)
            {
                await Task.Delay(WriterOutage.Pause, TimeProvider.System, ct);
            }
        }
    }

    private static Task ThroughOutagesAsync(Func<Task> read, CancellationToken ct) => ThroughOutagesAsync(async () =>
    {
        await read();
        return true;
    }, ct);

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
