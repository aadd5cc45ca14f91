using System.CommandLine;
using System.Globalization;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

namespace Testbed.Cli.Commands.Bench;

/// <summary><c>testbed bench detector</c>: HDF5 frame writing (NDFileHDF5 layout; PureHDF, and libhdf5 in SWMR mode) against a raw sequential write of the same bytes to the same place.</summary>
internal static class DetectorBench
{
    public static Command Create()
    {
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Folder on the data disk (default: a temp folder under the current directory)." };
        var frames = new Option<int>("--frames") { Description = "Frames per file.", DefaultValueFactory = _ => 200 };
        var size = new Option<int>("--size") { Description = "Frame width = height in pixels (uint16).", DefaultValueFactory = _ => 1024 };
        var repeat = new Option<int>("--repeat") { Description = "Runs per target; the best is reported.", DefaultValueFactory = _ => 3 };
        var fsync = new Option<bool>("--fsync") { Description = "Include an fsync of each file in the time (both HDF5 and raw)." };
        var command = new Command("detector", "Frames/s and MB/s of 2D frames into HDF5 on the data disk and on tmpfs (/dev/shm), vs raw writes.")
            { dir, frames, size, repeat, fsync };
        command.SetAction(parse => Run(parse.GetValue(dir), parse.GetValue(frames), parse.GetValue(size), parse.GetValue(repeat), parse.GetValue(fsync)));
        return command;
    }

    private static int Run(DirectoryInfo? dir, int frames, int size, int repeat, bool fsync)
    {
        if (frames < 1 || size < 1 || repeat < 1)
        {
            Console.Error.WriteLine("testbed: --frames, --size and --repeat must be ≥ 1");
            return 2;
        }
        var frame = MakeFrame(size);
        Console.WriteLine($"{frames} frames of {size}×{size} uint16 ({frame.ByteCount / 1e6:F2} MB each) per file, best of {repeat}{(fsync ? ", fsync included" : "")}");
        var targets = new List<(string Name, string Path, bool Remove)>();
        var disk = dir?.FullName ?? Path.Combine(Environment.CurrentDirectory, $".bench-detector-{Guid.NewGuid():N}");
        targets.Add(("data disk", disk, dir is null));
        Console.WriteLine($"data disk: {disk}; tmpfs: /dev/shm");
        Console.WriteLine($"{"target",-12} {"writer",-6} {"frames/s",10} {"MB/s",10} {"vs raw",8}");
        if (Directory.Exists("/dev/shm")) targets.Add(("tmpfs", Path.Combine("/dev/shm", $"bench-detector-{Guid.NewGuid():N}"), true));
        var writers = Writers(frame, frames, fsync);
        foreach (var (name, path, remove) in targets)
        {
            try
            {
                Directory.CreateDirectory(path);
                // Warm-up: JIT and page-cache paths, not reported.
                foreach (var w in writers) w.Seconds(path, Math.Min(frames, 10));
                var best = writers.Select(_ => double.MaxValue).ToArray();
                for (var i = 0; i < repeat; i++)
                    // The order rotates between repetitions so no writer always meets a cold (or warm) page cache first.
                    for (var k = 0; k < writers.Count; k++)
                    {
                        var j = (k + i) % writers.Count;
                        best[j] = Math.Min(best[j], writers[j].Seconds(path, frames));
                    }
                var mb = frames * (double)frame.ByteCount / 1e6;
                for (var j = 0; j < writers.Count; j++)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-12} {writers[j].Name,-6} {frames / best[j],10:F0} {mb / best[j],10:F0} {best[0] / best[j],8:F2}"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"testbed: cannot write in {path}: {e.Message}");
                return 1;
            }
            finally
            {
                if (remove && Directory.Exists(path)) Directory.Delete(path, recursive: true);
            }
        }
        return 0;
    }

    private sealed record Writer(string Name, Func<string, int, double> Seconds);

    /// <summary>raw (the reference, first), hdf5 (PureHDF, the default writer) and swmr (libhdf5, flush every 10 frames) when libhdf5 loads.</summary>
    private static List<Writer> Writers(Frame frame, int frames, bool fsync)
    {
        var list = new List<Writer>
        {
            new("raw", (dir, n) => MeasureRaw(dir, frame, n, fsync)),
            new("hdf5", (dir, n) => MeasureHdf5(dir, frame, n, fsync)),
        };
        try
        {
            var probe = Path.Combine(Path.GetTempPath(), $"swmr-probe-{Guid.NewGuid():N}.h5");
            using (var f = Testbed.Twin.Detector.Files.Swmr.SwmrFrameFile.Create(probe, 2, 2, frame.Type, TimeProvider.System)) f.Close();
            File.Delete(probe);
            list.Add(new("swmr", (dir, n) => MeasureSwmr(dir, frame, n, fsync)));
        }
        catch (Testbed.Twin.Detector.Files.Native.Hdf5UnavailableException e)
        {
            Console.WriteLine($"swmr writer not measured: {e.Message}");
        }
        return list;
    }

    private static double MeasureRaw(string dir, Frame frame, int frames, bool fsync)
    {
        var raw = Path.Combine(dir, "raw.bin");
        var bytes = frame.Bytes.ToArray();
        return Timed(raw, fsync, () =>
        {
            using var fs = new FileStream(raw, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
            for (var i = 0; i < frames; i++) fs.Write(bytes);
        });
    }

    private static double MeasureHdf5(string dir, Frame frame, int frames, bool fsync)
    {
        var h5 = Path.Combine(dir, "frames.h5");
        return Timed(h5, fsync, () =>
        {
            using var file = Hdf5FrameFile.Create(h5, frame.Width, frame.Height, frame.Type, frames, single: false, TimeProvider.System);
            for (var i = 0; i < frames; i++) file.Append(frame);
            file.Close();
        });
    }

    private static double MeasureSwmr(string dir, Frame frame, int frames, bool fsync)
    {
        var h5 = Path.Combine(dir, "swmr.h5");
        return Timed(h5, fsync, () =>
        {
            using var file = Testbed.Twin.Detector.Files.Swmr.SwmrFrameFile.Create(h5, frame.Width, frame.Height, frame.Type, TimeProvider.System, framesPerFlush: 10);
            for (var i = 0; i < frames; i++) file.Append(frame);
            file.Close();
        });
    }

    /// <summary>Times <paramref name="write"/> (plus an fsync of <paramref name="path"/> when asked), then deletes the file.</summary>
    private static double Timed(string path, bool fsync, Action write)
    {
        var clock = TimeProvider.System;
        var t0 = clock.GetTimestamp();
        write();
        if (fsync)
        {
            // fsync is per file: any descriptor flushes what the writer wrote.
            using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            fs.Flush(flushToDisk: true);
        }
        var seconds = clock.GetElapsedTime(t0).TotalSeconds;
        File.Delete(path);
        return seconds;
    }

    private static Frame MakeFrame(int size)
    {
        var synth = new FrameSynthesizer(size, size, PixelType.UInt16, new SimulationSettings { Mode = SimMode.LinearRamp });
        return synth.Make(0, 1, 0.001, DateTimeOffset.UnixEpoch);
    }
}
