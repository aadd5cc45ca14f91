using PureHDF;
using PureHDF.Selections;
using Testbed.Blissdata;
using Testbed.Blissdata.Files;
using Testbed.Blissdata.Reading;

namespace Testbed.Dashboard.Frames;

/// <summary>Reads frame N of a detector stream: from its HDF5 file for a <c>lima</c> stream (§7.1, saved frames only), from Redis for a 2D stream.</summary>
public static class FrameReader
{
    /// <summary>The number of frames that can be read now: saved frames (lima) or points (2D stream).</summary>
    public static async Task<long> ReadableAsync(ScanStream stream) =>
        stream.Plugin == "lima" ? (await Lima.StatusAsync(stream)).LastIndexSaved + 1 : await stream.LengthAsync();

    /// <summary>Frame <paramref name="index"/>; a negative index counts from the last readable frame (−1: the latest).</summary>
    public static async Task<Frame> ReadAsync(ScanStream stream, long index)
    {
        var readable = await ReadableAsync(stream);
        var i = index < 0 ? readable + index : index;
        if (i < 0 || i >= readable)
            throw new IndexNotYetThereException(readable == 0
                ? $"stream '{stream.Name}': no frame is readable yet{(stream.Plugin == "lima" ? " (none saved to a file)" : "")}"
                : $"stream '{stream.Name}': frame {index} is not readable; frames 0…{readable - 1} are{(stream.Plugin == "lima" ? " (saved)" : "")}");
        if (stream.Plugin != "lima")
        {
            var point = (await stream.GetAsync(i)).Arrays[0].Point(0);
            return new Frame(i, point.Shape[1], point.Shape[0], point.ToDoubles(), $"{stream.Key}[{i}]");
        }
        var reference = Lima.Reference(stream, i);
        return ReadFile(reference, stream.DTypeName);
    }

    /// <summary>Frame <c>IndexInFile</c> of the [frame, y, x] dataset of a lima frame reference.</summary>
    public static Frame ReadFile(LimaFrameReference r, string dtype)
    {
        var dataPath = string.IsNullOrEmpty(r.DataPath) ? AreaDetectorFile.DataPath : r.DataPath;
        var where = $"{r.File}:{dataPath}[{r.IndexInFile}]";
        try
        {
            using var h5 = H5File.OpenRead(r.File);
            var ds = h5.Dataset(dataPath);
            var dims = ds.Space.Dimensions;
            if (dims.Length != 3) throw new BlissdataException($"{where}: dataset has {dims.Length} dimensions, not [frame, y, x]");
            if ((ulong)r.IndexInFile >= dims[0]) throw new BlissdataException($"{where}: the file holds {dims[0]} frames");
            var selection = new HyperslabSelection(3, [(ulong)r.IndexInFile, 0, 0], [1, dims[1], dims[2]]);
            return new Frame(r.Frame, (int)dims[2], (int)dims[1], Read(ds, dtype, selection, where), where);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Exception { Source: "PureHDF" })
        {
            throw new BlissdataException($"frame {r.Frame}: cannot read {where} ({e.Message}); is the detector's data folder mounted here?");
        }
    }

    private static double[] Read(IH5Dataset ds, string dtype, Selection s, string where) => dtype switch
    {
        "uint8" or "bool" => Doubles(ds.Read<byte[]>(s)),
        "int8" => Doubles(ds.Read<sbyte[]>(s)),
        "uint16" => Doubles(ds.Read<ushort[]>(s)),
        "int16" => Doubles(ds.Read<short[]>(s)),
        "uint32" => Doubles(ds.Read<uint[]>(s)),
        "int32" => Doubles(ds.Read<int[]>(s)),
        "uint64" => Doubles(ds.Read<ulong[]>(s)),
        "int64" => Doubles(ds.Read<long[]>(s)),
        "float32" => Doubles(ds.Read<float[]>(s)),
        "float64" => ds.Read<double[]>(s),
        _ => throw new BlissdataException($"{where}: frames of dtype {dtype} are not supported"),
    };

    private static double[] Doubles<T>(T[] values) where T : unmanaged, IConvertible =>
        Array.ConvertAll(values, v => v.ToDouble(System.Globalization.CultureInfo.InvariantCulture));
}
