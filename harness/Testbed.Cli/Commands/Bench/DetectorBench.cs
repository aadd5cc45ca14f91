using System.CommandLine;
using System.Globalization;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

namespace Testbed.Cli.Commands.Bench;

/// <summary><c>testbed bench detector</c>: HDF5 frame writing (NDFileHDF5 layout, PureHDF) against a raw sequential write of the same bytes to the same place.</summary>
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
        // Warm-up: JIT and page cache paths, not reported.
        Measure(targets[0].Path, frame, Math.Min(frames, 10), fsync, hdf5First: false);
        foreach (var (name, path, remove) in targets)
        {
            try
            {
                double bestRaw = double.MaxValue, bestH5 = double.MaxValue;
                for (var i = 0; i < repeat; i++)
                {
                    var (raw, h5) = Measure(path, frame, frames, fsync, hdf5First: i % 2 == 1);
                    bestRaw = Math.Min(bestRaw, raw);
                    bestH5 = Math.Min(bestH5, h5);
                }
                var mb = frames * (double)frame.ByteCount / 1e6;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12} {"raw",-6} {frames / bestRaw,10:F0} {mb / bestRaw,10:F0} {1.0,8:F2}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12} {"hdf5",-6} {frames / bestH5,10:F0} {mb / bestH5,10:F0} {bestRaw / bestH5,8:F2}"));
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

    /// <summary>One raw and one HDF5 file of the same frames in <paramref name="dir"/>; returns both durations in seconds.</summary>
    /// <remarks>The order alternates between calls so neither writer always meets a cold (or warm) page cache first.</remarks>
    private static (double Raw, double Hdf5) Measure(string dir, Frame frame, int frames, bool fsync, bool hdf5First)
    {
        Directory.CreateDirectory(dir);
        if (hdf5First)
        {
            var h = MeasureHdf5(dir, frame, frames, fsync);
            return (MeasureRaw(dir, frame, frames, fsync), h);
        }
        var r = MeasureRaw(dir, frame, frames, fsync);
        return (r, MeasureHdf5(dir, frame, frames, fsync));
    }

    private static double MeasureRaw(string dir, Frame frame, int frames, bool fsync)
    {
        var clock = TimeProvider.System;
        var raw = Path.Combine(dir, "raw.bin");
        var bytes = frame.Bytes.ToArray();
        var t0 = clock.GetTimestamp();
        using (var fs = new FileStream(raw, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            for (var i = 0; i < frames; i++) fs.Write(bytes);
            if (fsync) fs.Flush(flushToDisk: true);
        }
        var seconds = clock.GetElapsedTime(t0).TotalSeconds;
        File.Delete(raw);
        return seconds;
    }

    private static double MeasureHdf5(string dir, Frame frame, int frames, bool fsync)
    {
        var clock = TimeProvider.System;
        var h5 = Path.Combine(dir, "frames.h5");
        var t0 = clock.GetTimestamp();
        using (var file = Hdf5FrameFile.Create(h5, frame.Width, frame.Height, frame.Type, frames, single: false, clock))
        {
            for (var i = 0; i < frames; i++) file.Append(frame);
            file.Close();
        }
        if (fsync)
        {
            // fsync is per file: any descriptor flushes what PureHDF wrote.
            using var fs = new FileStream(h5, FileMode.Open, FileAccess.ReadWrite);
            fs.Flush(flushToDisk: true);
        }
        var seconds = clock.GetElapsedTime(t0).TotalSeconds;
        File.Delete(h5);
        return seconds;
    }

    private static Frame MakeFrame(int size)
    {
        var synth = new FrameSynthesizer(size, size, PixelType.UInt16, new SimulationSettings { Mode = SimMode.LinearRamp });
        return synth.Make(0, 1, 0.001, DateTimeOffset.UnixEpoch);
    }
}
