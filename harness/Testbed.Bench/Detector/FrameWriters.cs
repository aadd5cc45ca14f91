using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Files.Native;
using Testbed.Twin.Detector.Files.Swmr;
using Testbed.Twin.Detector.Model;

namespace Testbed.Bench.Detector;

/// <summary>A way of writing <c>n</c> frames into a folder, timed: seconds taken (the file is deleted afterwards).</summary>
internal sealed record FrameWriter(string Name, Func<string, int, double> Seconds);

/// <summary>The writers compared: raw (the reference, first), hdf5 (PureHDF, the default writer), swmr (libhdf5, flush every 10 frames).</summary>
internal static class FrameWriters
{
    /// <summary>raw and hdf5, and swmr when libhdf5 loads (else <paramref name="unavailable"/> says why).</summary>
    public static List<FrameWriter> Create(Frame frame, bool fsync, TimeProvider time, out string? unavailable)
    {
        var list = new List<FrameWriter>
        {
            new("raw", (dir, n) => Raw(dir, frame, n, fsync, time)),
            new("hdf5", (dir, n) => Hdf5(dir, frame, n, fsync, time)),
        };
        unavailable = null;
        try
        {
            var probe = Path.Combine(Path.GetTempPath(), $"swmr-probe-{Guid.NewGuid():N}.h5");
            using (var f = SwmrFrameFile.Create(probe, 2, 2, frame.Type, time)) f.Close();
            File.Delete(probe);
            list.Add(new("swmr", (dir, n) => Swmr(dir, frame, n, fsync, time)));
        }
        catch (Hdf5UnavailableException e)
        {
            unavailable = $"swmr writer not measured: {e.Message}";
        }
        return list;
    }

    private static double Raw(string dir, Frame frame, int frames, bool fsync, TimeProvider time)
    {
        var raw = Path.Combine(dir, "raw.bin");
        var bytes = frame.Bytes.ToArray();
        return Timed(raw, fsync, time, () =>
        {
            using var fs = new FileStream(raw, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
            for (var i = 0; i < frames; i++) fs.Write(bytes);
        });
    }

    private static double Hdf5(string dir, Frame frame, int frames, bool fsync, TimeProvider time)
    {
        var h5 = Path.Combine(dir, "frames.h5");
        return Timed(h5, fsync, time, () =>
        {
            using var file = Hdf5FrameFile.Create(h5, frame.Width, frame.Height, frame.Type, frames, single: false, time);
            for (var i = 0; i < frames; i++) file.Append(frame);
            file.Close();
        });
    }

    private static double Swmr(string dir, Frame frame, int frames, bool fsync, TimeProvider time)
    {
        var h5 = Path.Combine(dir, "swmr.h5");
        return Timed(h5, fsync, time, () =>
        {
            using var file = SwmrFrameFile.Create(h5, frame.Width, frame.Height, frame.Type, time, framesPerFlush: 10);
            for (var i = 0; i < frames; i++) file.Append(frame);
            file.Close();
        });
    }

    /// <summary>Times <paramref name="write"/> (plus an fsync of <paramref name="path"/> when asked), then deletes the file.</summary>
    private static double Timed(string path, bool fsync, TimeProvider time, Action write)
    {
        var t0 = time.GetTimestamp();
        write();
        if (fsync)
        {
            // fsync is per file: any descriptor flushes what the writer wrote.
            using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            fs.Flush(flushToDisk: true);
        }
        var seconds = time.GetElapsedTime(t0).TotalSeconds;
        File.Delete(path);
        return seconds;
    }
}
