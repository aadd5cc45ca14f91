using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Selections;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Files;

/// <summary>Reader side of <c>hdf5_fallback</c> (§7.2): points trimmed from Redis are read from <c>file_path</c>[<c>data_path</c>], axis 0 = point index.</summary>
public static class Hdf5Fallback
{
    public static StreamData Read(ScanStream stream, long start, long count)
    {
        var file = (string?)stream.Info["file_path"] ?? stream.ScanFile;
        var path = (string?)stream.Info["data_path"];
        if (file is null || path is null)
            throw new IndexNoMoreThereException($"stream '{stream.Name}': points {start}… were trimmed and info has no file_path/data_path to read them from");
        var dtype = stream.Encoding.DType ?? throw new BlissdataException($"stream '{stream.Name}': hdf5_fallback needs a numeric stream");
        try
        {
            using var h5 = H5File.OpenRead(file);
            var ds = h5.Dataset(path);
            var dims = ds.Space.Dimensions;
            if (dims.Length == 0 || (ulong)(start + count) > dims[0])
                throw new IndexNoMoreThereException($"stream '{stream.Name}': {file}:{path} has {(dims.Length == 0 ? 0 : dims[0])} points, not up to {start + count}");
            var starts = new ulong[dims.Length];
            var blocks = (ulong[])dims.Clone();
            starts[0] = (ulong)start;
            blocks[0] = (ulong)count;
            var selection = new HyperslabSelection(dims.Length, starts, blocks);
            var bytes = ReadBytes(ds, dtype, selection);
            var pointShape = dims.Skip(1).Select(d => (int)d).ToArray();
            return new StreamData(start, [new NdArray(dtype, [(int)count, .. pointShape], bytes)], []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Exception { Source: "PureHDF" })
        {
            throw new IndexNoMoreThereException($"stream '{stream.Name}': points {start}…{start + count - 1} were trimmed from Redis and {file}:{path} cannot be read ({e.Message})");
        }
    }

    private static byte[] ReadBytes(IH5Dataset ds, DType d, Selection sel) => d.Name switch
    {
        "bool" or "uint8" => ds.Read<byte[]>(sel),
        "int8" => Bytes(ds.Read<sbyte[]>(sel)),
        "uint16" => Bytes(ds.Read<ushort[]>(sel)),
        "int16" => Bytes(ds.Read<short[]>(sel)),
        "uint32" => Bytes(ds.Read<uint[]>(sel)),
        "int32" => Bytes(ds.Read<int[]>(sel)),
        "uint64" => Bytes(ds.Read<ulong[]>(sel)),
        "int64" => Bytes(ds.Read<long[]>(sel)),
        "float32" => Bytes(ds.Read<float[]>(sel)),
        "float64" => Bytes(ds.Read<double[]>(sel)),
        _ => throw new BlissdataException($"hdf5_fallback: reading {d} from files is not supported"),
    };

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
