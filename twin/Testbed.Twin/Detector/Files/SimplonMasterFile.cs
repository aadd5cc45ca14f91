using PureHDF;

namespace Testbed.Twin.Detector.Files;

/// <summary>The SIMPLON master file: /entry (NXentry) with instrument/detector metadata and /entry/data (NXdata) holding the data.</summary>
/// <remarks>
/// /entry/data/data_NNNNNN are external links to <c>/entry/data/data</c> in <c>&lt;pattern&gt;_data_NNNNNN.h5</c> (one per
/// data file), or, with nimages_per_file 0, a data set in the master itself (<see cref="SimplonDataFile"/>).
/// /entry/instrument/detector: count_time, frame_time, bit_depth_image, beam_center_x/y, detector_distance,
/// x/y_pixel_size, sensor_material, sensor_thickness, description, detector_number; detectorSpecific (NXcollection):
/// countrate_correction_count_cutoff, nimages, ntrigger, x/y_pixels_in_detector.
/// </remarks>
public static class SimplonMasterFile
{
    /// <summary>The data set name of data file <paramref name="index"/> (1-based) inside /entry/data.</summary>
    public static string LinkName(int index) => $"data_{index:D6}";

    /// <summary>Writes a master whose /entry/data links to the given data files (names relative to the master's folder).</summary>
    public static void Write(string path, SimplonMetadata metadata, IReadOnlyList<string> dataFiles)
    {
        var data = new H5Group { Attributes = new() { ["NX_class"] = "NXdata" } };
        for (var i = 0; i < dataFiles.Count; i++) data[LinkName(i + 1)] = ExternalLinks.Placeholder(dataFiles[i], Hdf5FrameFile.DataPath);
        using var buffer = new MemoryStream();
        Tree(metadata, data).Write(buffer);
        var bytes = buffer.ToArray();
        try
        {
            for (var i = 0; i < dataFiles.Count; i++) ExternalLinks.Convert(bytes, LinkName(i + 1), dataFiles[i], Hdf5FrameFile.DataPath);
        }
        catch (InvalidDataException e)
        {
            // Surfaces as a writer error (detector state error): the master is not written.
            throw new IOException($"cannot write the external links of master file '{Path.GetFileName(path)}': {e.Message}", e);
        }
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    /// <summary>The master's tree with <paramref name="data"/> as /entry/data.</summary>
    public static H5File Tree(SimplonMetadata m, H5Group data) => new()
    {
        ["entry"] = new H5Group
        {
            Attributes = new() { ["NX_class"] = "NXentry" },
            ["data"] = data,
            ["instrument"] = new H5Group
            {
                Attributes = new() { ["NX_class"] = "NXinstrument" },
                ["detector"] = new H5Group
                {
                    Attributes = new() { ["NX_class"] = "NXdetector" },
                    ["count_time"] = Value(m.CountTime, "s"),
                    ["frame_time"] = Value(m.FrameTime, "s"),
                    ["bit_depth_image"] = Value((uint)m.BitDepthImage),
                    ["beam_center_x"] = Value(m.BeamCenterX, "pixel"),
                    ["beam_center_y"] = Value(m.BeamCenterY, "pixel"),
                    ["detector_distance"] = Value(m.DetectorDistance, "m"),
                    ["x_pixel_size"] = Value(m.XPixelSize, "m"),
                    ["y_pixel_size"] = Value(m.YPixelSize, "m"),
                    ["sensor_material"] = Value(m.SensorMaterial),
                    ["sensor_thickness"] = Value(m.SensorThickness, "m"),
                    ["description"] = Value(m.Description),
                    ["detector_number"] = Value(m.DetectorNumber),
                    ["detectorSpecific"] = new H5Group
                    {
                        Attributes = new() { ["NX_class"] = "NXcollection" },
                        ["countrate_correction_count_cutoff"] = Value((uint)Math.Min(m.CountrateCorrectionCountCutoff, uint.MaxValue)),
                        ["nimages"] = Value((ulong)m.NImages),
                        ["ntrigger"] = Value((ulong)m.NTrigger),
                        ["x_pixels_in_detector"] = Value((uint)m.XPixelsInDetector),
                        ["y_pixels_in_detector"] = Value((uint)m.YPixelsInDetector),
                    },
                },
            },
        },
    };

    private static H5Dataset Value<T>(T value, string? units = null)
    {
        // Each value gets its own data set object: PureHDF hard-links repeated objects.
        var d = new H5Dataset<T>(value);
        if (units is not null) d.Attributes["units"] = units;
        return d;
    }
}
