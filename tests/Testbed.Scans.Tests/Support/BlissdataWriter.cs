using System.Collections.Concurrent;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Blissdata.Files;
using Testbed.Scans.Publishing;

namespace Testbed.Scans.Tests.Support;

/// <summary>The scripted device server's blissdata role, through <see cref="DeviceStreams"/>: each monitored read into the streams
/// (flushed before the read is acknowledged), one frame announced per trigger, and at <c>complete</c> the frames written as
/// AreaDetector-style files where the stream says, announced as saved, and every stream sealed.</summary>
public sealed class BlissdataWriter(BecConnector bec) : IAsyncDisposable
{
    private readonly DeviceStreams _streams = new(bec);

    /// <summary>Frame files written, in order.</summary>
    public ConcurrentQueue<string> Files { get; } = new();

    /// <summary>Scans whose streams were sealed by this device server (at complete).</summary>
    public ConcurrentQueue<string> SealedScans { get; } = new();

    public async Task OnInstructionAsync(DeviceInstructionMessage ins) => await _streams.ForAsync(ins);

    public async Task OnReadAsync(DeviceInstructionMessage ins, Func<string, BecMap> reading)
    {
        if (ins.Metadata.GetOrNull(MetadataKeys.PointId) is not BecInt || await _streams.ForAsync(ins) is not { Sealed: false } s) return;
        foreach (var device in ins.DeviceList) await s.WriteReadingAsync(device, reading(device));
        await s.FlushAsync();
    }

    public async Task OnTriggerAsync(DeviceInstructionMessage ins)
    {
        if (await _streams.ForAsync(ins) is not { Sealed: false } s) return;
        foreach (var device in ins.DeviceList.Where(d => s.LimaInfo(d) is not null)) await s.FramesTakenAsync(device, 1);
        await s.FlushAsync();
    }

    public async Task OnCompleteAsync(DeviceInstructionMessage ins)
    {
        if (await _streams.ForAsync(ins) is not { Sealed: false } s) return;
        foreach (var device in ins.DeviceList)
        {
            if (s.LimaInfo(device) is not { } lima || s.Frames(device) == 0) continue;
            var template = lima["file_path"]!.GetValue<string>();
            var perFile = lima["frame_per_file"]!.GetValue<long>();
            var offset = lima["file_offset"]!.GetValue<long>();
            var frames = s.Frames(device);
            for (long first = 0, file = offset; first < frames; first += perFile, file++)
            {
                var path = Blissdata.Reading.Lima.FormatPercent(template, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var count = (int)Math.Min(perFile, frames - first);
                AreaDetectorFile.Write(path, 4, 5, [.. Enumerable.Range(0, count).Select(i => Enumerable.Repeat((ushort)(first + i), 20).ToArray())]);
                Files.Enqueue(path);
            }
            await s.AnnounceAsync(device, frames - 1);
        }
        await s.SealAsync();
        SealedScans.Enqueue(s.ScanId);
    }

    public ValueTask DisposeAsync() => _streams.DisposeAsync();
}
