namespace Testbed.Twin.Detector.Files;

/// <summary>How a series is laid out on disk: the areaDetector NDFileHDF5/TIFF layout or the DECTRIS SIMPLON master/data files.</summary>
public enum FileLayout
{
    /// <summary>NDFileHDF5 / NDFileTIFF (B1, B2): names from FileTemplate, NDAttributes, every file self-contained.</summary>
    AreaDetector,

    /// <summary>SIMPLON FileWriter (B5.3): <c>&lt;pattern&gt;_data_NNNNNN.h5</c> with <c>/entry/data/data</c>, and a
    /// <c>&lt;pattern&gt;_master.h5</c> with the detector metadata and external links to them (or the data itself if nimages_per_file is 0).</summary>
    Simplon,
}

/// <summary>The configuration names of <see cref="FileLayout"/> (REST key <c>file_layout</c>, beamline <c>twin: file_layout</c>).</summary>
public static class FileLayouts
{
    public static readonly string[] Names = ["areadetector", "simplon"];

    public static string Name(this FileLayout layout) => Names[(int)layout];

    public static FileLayout? Parse(string name) => Array.IndexOf(Names, name) is var i and >= 0 ? (FileLayout)i : null;
}
