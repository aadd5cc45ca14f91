using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Scans.Publishing;
using Testbed.Scans.ScanServer.Devices;
using Testbed.Scans.ScanServer.Scans;

namespace Testbed.Scans.ScanServer.Blissdata;

/// <summary>What a stream carries: a motor position, a counter value, or a camera's frames (file references).</summary>
public enum StreamKind
{
    Axis,
    Counter,
    Image,
}

/// <summary>One blissdata stream of a scan and the device signal that fills it.</summary>
/// <param name="Device">The device.</param>
/// <param name="Signal">Its signal in readings (DeviceMessage.signals key); <c>image</c> for camera frames.</param>
/// <param name="Name">Stream name.</param>
/// <param name="Kind">Axis, counter or image.</param>
/// <param name="Unit">Channel unit, or null.</param>
/// <param name="Lima">For images: the files the frames must be written to (the stream's lima_info).</param>
public sealed record AssignedStream(string Device, string Signal, string Name, StreamKind Kind, string? Unit, LimaFiles? Lima)
{
    public StreamDefinition Definition => Kind == StreamKind.Image ? StreamDefinition.LimaFiles(Name, Lima!) : StreamDefinition.Scalar(Name, DType.Float64);
}

/// <summary>One stream per channel, named as BLISS names them: positioners <c>axis:&lt;dev&gt;</c>, monitored signals
/// <c>&lt;controller&gt;:&lt;dev&gt;</c> (float64), cameras <c>&lt;dev&gt;:image</c> (lima file references, blissdata §7.5 option 1).
/// Baseline devices are not streamed (they are in scan_info's positioners).</summary>
public static class StreamAssignment
{
    /// <summary>The data path inside the frame files (AreaDetector NDFileHDF5 layout).</summary>
    public const string FrameDataPath = "/entry/data/data";

    /// <param name="job">The scan.</param>
    /// <param name="devices">The session's devices.</param>
    /// <param name="fileBase">The scan's file name without suffix (file_components[0]); frames go to <c>&lt;fileBase&gt;_&lt;camera&gt;_%04d.h5</c>.</param>
    public static IReadOnlyList<AssignedStream> Of(StepJob job, DeviceSet devices, string fileBase)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(devices);
        var streams = new List<AssignedStream>();
        foreach (var name in job.Devices.Monitored.Concat(job.Devices.Async))
        {
            if (devices.Find(name) is not { } d) continue;
            if (d.Image is { } image)
                streams.Add(new(d.Name, image.Signal, StepScanInfo.ImageStream(d.Name), StreamKind.Image, null, Frames(d, image, job, fileBase)));
            else if (job.Devices.Async.Contains(name))
                continue; // async non-cameras push their own data (BEC's async path); not streamed here
            else if (d.IsPositioner)
                streams.Add(new(d.Name, d.ValueSignal, StepScanInfo.AxisStream(d.Name), StreamKind.Axis, d.Unit, null));
            else
                streams.Add(new(d.Name, d.ValueSignal, $"{d.Controller}:{d.Name}", StreamKind.Counter, d.Unit, null));
        }
        return streams;
    }

    private static LimaFiles Frames(DeviceEntry camera, (string Signal, int Height, int Width) image, StepJob job, string fileBase)
    {
        var total = job.Readouts * job.FramesPerTrigger;
        var perFile = camera.DeviceConfig.GetOrNull("frames_per_file") is Bec.Values.BecInt n && n.Value > 0 ? n.Value : total;
        var dtype = camera.DeviceConfig.GetOrNull("pixel_type") is Bec.Values.BecStr t ? t.Value : "uint16";
        return new LimaFiles($"testbed/{camera.Name}", $"{fileBase}_{camera.Name}_%04d.h5", FrameDataPath, DType.FromName(dtype),
            image.Height, image.Width, Math.Max(total, 1), Math.Max(perFile, 1), FileOffset: 1).Validate();
    }
}
