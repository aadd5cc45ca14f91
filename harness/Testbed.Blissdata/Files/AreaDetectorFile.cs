using PureHDF;
using PureHDF.Selections;

namespace Testbed.Blissdata.Files;

/// <summary>Writes frames in the NDFileHDF5 default layout: <c>/entry/data/data</c> [frame, y, x], one frame per chunk, NeXus classes.</summary>
/// <remarks>The same dataset is also linked as <c>/entry/instrument/detector/data</c>, as AreaDetector does. The file is complete
/// (and readable by others) only when <see cref="Write{T}"/> returns: report frames as saved only after that.</remarks>
public static class AreaDetectorFile
{
    public const string DataPath = "/entry/data/data";

    /// <summary>Writes <paramref name="frames"/> (each height × width, C order) to a new file at <paramref name="path"/>.</summary>
    public static void Write<T>(string path, int height, int width, IReadOnlyList<T[]> frames) where T : unmanaged
    {
        if (frames.Count == 0) throw new ArgumentException("an AreaDetector file needs at least one frame");
        foreach (var f in frames)
            if (f.Length != height * width)
                throw new ArgumentException($"frame of {f.Length} pixels does not match {height}×{width}");
        var data = new H5Dataset<T[]>(fileDims: [(ulong)frames.Count, (ulong)height, (ulong)width], chunks: [1, (uint)height, (uint)width])
        {
            Attributes = new() { ["signal"] = 1 },
        };
        var file = new H5File
        {
            ["entry"] = new H5Group
            {
                Attributes = new() { ["NX_class"] = "NXentry" },
                ["instrument"] = new H5Group
                {
                    Attributes = new() { ["NX_class"] = "NXinstrument" },
                    ["detector"] = new H5Group { Attributes = new() { ["NX_class"] = "NXdetector" }, ["data"] = data },
                },
                ["data"] = new H5Group { Attributes = new() { ["NX_class"] = "NXdata", ["signal"] = "data" }, ["data"] = data },
            },
        };
        var temp = path + ".part";
        using (var writer = file.BeginWrite(temp))
        {
            for (var i = 0; i < frames.Count; i++)
                writer.Write(data, frames[i], fileSelection: new HyperslabSelection(3, [(ulong)i, 0, 0], [1, (ulong)height, (ulong)width]));
        }
        // Readers must never see a half-written file under its final name.
        File.Move(temp, path, overwrite: true);
    }
}
