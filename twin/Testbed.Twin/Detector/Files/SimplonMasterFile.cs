using Testbed.Twin.Detector.Files.Native;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>The SIMPLON master file, written through libhdf5: /entry (NXentry) with instrument/detector metadata and
/// /entry/data (NXdata) holding the data.</summary>
/// <remarks>
/// /entry/data/data_NNNNNN are external links (H5Lcreate_external) to <c>/entry/data/data</c> in <c>&lt;pattern&gt;_data_NNNNNN.h5</c>
/// (one per data file), or, with nimages_per_file 0, a data set in the master itself (<see cref="SimplonFramesInMaster"/>).
/// /entry/instrument/detector: count_time, frame_time, bit_depth_image, beam_center_x/y, detector_distance,
/// x/y_pixel_size, sensor_material, sensor_thickness, description, detector_number; detectorSpecific (NXcollection):
/// countrate_correction_count_cutoff, nimages, ntrigger, x/y_pixels_in_detector.
/// </remarks>
public static class SimplonMasterFile
{
    /// <summary>The data set name of data file <paramref name="index"/> (1-based) inside /entry/data.</summary>
    public static string LinkName(int index) => $"data_{index:D6}";

    /// <summary>Throws <see cref="DetectorCommandException"/> (a 400 at arm) when libhdf5 cannot be loaded; the message names the package.</summary>
    public static void RequireLibrary()
    {
        try { _ = H5.Ids; }
        catch (Hdf5UnavailableException e) { throw new DetectorCommandException("file_layout simplon: " + e.Message); }
    }

    /// <summary>Writes a master whose /entry/data links to the given data files (names relative to the master's folder).</summary>
    /// <exception cref="IOException">libhdf5 failed (the message names the call and its error) or is not installed.</exception>
    public static void Write(string path, SimplonMetadata metadata, IReadOnlyList<string> dataFiles)
    {
        lock (H5.Gate)
        {
            var file = Create(path);
            var entry = -1L;
            var data = -1L;
            try
            {
                entry = H5Attributes.Group(file, "entry", "NXentry", path);
                data = H5Attributes.Group(entry, "data", "NXdata", path);
                for (var i = 0; i < dataFiles.Count; i++)
                    H5.Check(H5Native.H5Lcreate_external(dataFiles[i], Hdf5FrameFile.DataPath, data, LinkName(i + 1), H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT),
                        "H5Lcreate_external", $"/entry/data/{LinkName(i + 1)} → {dataFiles[i]}:{Hdf5FrameFile.DataPath} in {path}");
                Instrument(entry, metadata, path);
                H5.Check(H5Native.H5Gclose(data), "H5Gclose", "/entry/data in " + path);
                data = -1;
                H5.Check(H5Native.H5Gclose(entry), "H5Gclose", "/entry in " + path);
                entry = -1;
                var closing = file;
                file = -1;
                H5.Check(H5Native.H5Fclose(closing), "H5Fclose", path);
            }
            catch
            {
                H5.CloseQuietly(data, H5Native.H5Gclose);
                H5.CloseQuietly(entry, H5Native.H5Gclose);
                H5.CloseQuietly(file, H5Native.H5Fclose);
                throw;
            }
        }
        FlushToDisk(path);
    }

    /// <summary>Creates (overwriting) an HDF5 file in the default, widely readable format; the caller holds <see cref="H5.Gate"/>.</summary>
    internal static long Create(string path)
    {
        H5.Enter();
        // Strong close: a file closed with an object still open in it would stay open and locked, and the flush to disk that
        // follows (an exclusive open) would fail and put the detector in error instead of announcing the master.
        var fapl = H5.Id(H5Native.H5Pcreate(H5.Ids.FileAccess), "H5Pcreate", path);
        try
        {
            H5.Check(H5Native.H5Pset_fclose_degree(fapl, H5Native.H5F_CLOSE_STRONG), "H5Pset_fclose_degree", path);
            return CloseOnExec.Apply(H5.Id(H5Native.H5Fcreate(path, H5Native.H5F_ACC_TRUNC, H5Native.H5P_DEFAULT, fapl), "H5Fcreate", path));
        }
        finally { H5.CloseQuietly(fapl, H5Native.H5Pclose); }
    }

    /// <summary>libhdf5 leaves the closed file in the page cache; the master is announced as complete, so it goes to the disk first.</summary>
    internal static void FlushToDisk(string path)
    {
        Native.DiskSync.File(path);
    }

    /// <summary>Writes /entry/instrument (NXinstrument) with detector (NXdetector) and detectorSpecific (NXcollection).</summary>
    internal static void Instrument(long entry, SimplonMetadata m, string path)
    {
        var instrument = H5Attributes.Group(entry, "instrument", "NXinstrument", path);
        var detector = -1L;
        var specific = -1L;
        try
        {
            detector = H5Attributes.Group(instrument, "detector", "NXdetector", path);
            var at = "/entry/instrument/detector in " + path;
            H5Values.Double(detector, "count_time", m.CountTime, "s", at);
            H5Values.Double(detector, "frame_time", m.FrameTime, "s", at);
            H5Values.UInt32(detector, "bit_depth_image", (uint)m.BitDepthImage, null, at);
            H5Values.Double(detector, "beam_center_x", m.BeamCenterX, "pixel", at);
            H5Values.Double(detector, "beam_center_y", m.BeamCenterY, "pixel", at);
            H5Values.Double(detector, "detector_distance", m.DetectorDistance, "m", at);
            H5Values.Double(detector, "x_pixel_size", m.XPixelSize, "m", at);
            H5Values.Double(detector, "y_pixel_size", m.YPixelSize, "m", at);
            H5Values.String(detector, "sensor_material", m.SensorMaterial, null, at);
            H5Values.Double(detector, "sensor_thickness", m.SensorThickness, "m", at);
            H5Values.String(detector, "description", m.Description, null, at);
            H5Values.String(detector, "detector_number", m.DetectorNumber, null, at);
            specific = H5Attributes.Group(detector, "detectorSpecific", "NXcollection", path);
            at = "/entry/instrument/detector/detectorSpecific in " + path;
            H5Values.UInt32(specific, "countrate_correction_count_cutoff", (uint)Math.Clamp(m.CountrateCorrectionCountCutoff, 0, uint.MaxValue), null, at);
            H5Values.UInt64(specific, "nimages", (ulong)m.NImages, null, at);
            H5Values.UInt64(specific, "ntrigger", (ulong)m.NTrigger, null, at);
            H5Values.UInt32(specific, "x_pixels_in_detector", (uint)m.XPixelsInDetector, null, at);
            H5Values.UInt32(specific, "y_pixels_in_detector", (uint)m.YPixelsInDetector, null, at);
        }
        finally
        {
            H5.CloseQuietly(specific, H5Native.H5Gclose);
            H5.CloseQuietly(detector, H5Native.H5Gclose);
            H5.CloseQuietly(instrument, H5Native.H5Gclose);
        }
    }
}
