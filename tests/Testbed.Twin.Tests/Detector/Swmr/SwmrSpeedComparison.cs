using System.Globalization;
using Testbed.TestSupport;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector.Swmr;

/// <summary>Speed of <c>SwmrFrameFile</c> against the PureHDF writer and a raw write of the same bytes, printed, never asserted
/// (run on request: <c>--filter FullyQualifiedName~SwmrSpeedComparison</c>; ADR 0005 records a run).</summary>
[Explicit("a measurement, 400 MB per file; run on request")]
[NonParallelizable]
public class SwmrSpeedComparison
{
    private const int Frames = 200;
    private const int Size = 1024;

    [TestCase("/dev/shm")]
    [TestCase(".")]
    public void Swmr_vs_PureHDF_vs_raw_for_200_frames_of_1024x1024_uint16(string where)
    {
        if (!Directory.Exists(where)) Assert.Ignore($"{where} does not exist");
        var dir = Path.Combine(Path.GetFullPath(where), $"swmr-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var frame = SwmrFrames.Make(0, Size, Size, PixelType.UInt16);
            var bytes = frame.Bytes.ToArray();
            var clock = TimeProvider.System;
            double Time(Action write)
            {
                var best = double.MaxValue;
                for (var i = 0; i < 3; i++)
                {
                    var t0 = clock.GetTimestamp();
                    write();
                    best = Math.Min(best, clock.GetElapsedTime(t0).TotalSeconds);
                }
                return best;
            }
            var path = Path.Combine(dir, "f");
            var raw = Time(() =>
            {
                using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
                for (var i = 0; i < Frames; i++) fs.Write(bytes);
            });
            var pure = Time(() =>
            {
                using var f = Hdf5FrameFile.Create(path, Size, Size, PixelType.UInt16, Frames, single: false, clock);
                for (var i = 0; i < Frames; i++) f.Append(frame);
                f.Close();
            });
            double Swmr(int flush) => Time(() =>
            {
                using var f = SwmrFrameFileTests.CreateOrIgnore(path, PixelType.UInt16, flush, Size, Size);
                for (var i = 0; i < Frames; i++) f.Append(frame);
                f.Close();
            });
            var swmr1 = Swmr(1);
            var swmr10 = Swmr(10);
            Assert.That(new FileInfo(path).Length, Is.GreaterThanOrEqualTo((long)Frames * bytes.Length), "the last file holds every frame");
            var mb = Frames * (double)bytes.Length / 1e6;
            string Line(string name, double s) => string.Create(CultureInfo.InvariantCulture, $"{name,-22} {mb / s,8:F0} MB/s {raw / s,6:F2}× raw");
            TestContext.Out.WriteLine($"{Frames} frames of {Size}×{Size} uint16 in {where}, best of 3");
            TestContext.Out.WriteLine(Line("raw", raw));
            TestContext.Out.WriteLine(Line("PureHDF", pure));
            TestContext.Out.WriteLine(Line("SWMR flush every 1", swmr1));
            TestContext.Out.WriteLine(Line("SWMR flush every 10", swmr10));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
