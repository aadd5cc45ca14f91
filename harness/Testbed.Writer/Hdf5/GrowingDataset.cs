namespace Testbed.Writer.Hdf5;

/// <summary>A chunked data set with an unlimited first axis (one row per scan point) that rows are appended to; point axes of
/// unknown length (variable-shape streams, −1) are unlimited too and grow to the longest point (shorter ones are padded with 0).</summary>
public sealed unsafe class GrowingDataset : IDisposable
{
    private readonly Hdf5File _file;
    private readonly long _memType;
    private readonly int _itemSize;
    private readonly ulong[] _extent;
    private long _id;

    private GrowingDataset(Hdf5File file, string path, long id, long memType, ulong[] extent, int itemSize)
    {
        _file = file;
        Path = path;
        _id = id;
        _memType = memType;
        _extent = extent;
        _itemSize = itemSize;
    }

    public string Path { get; }

    /// <summary>Rows written so far (on open: rows in the file).</summary>
    public long Length => (long)_extent[0];

    /// <summary>Creates the data set (rows of <paramref name="pointShape"/>, numpy dtype name <paramref name="dtype"/>) with about 64 KiB chunks.</summary>
    public static GrowingDataset Create(Hdf5File file, string path, string dtype, int[] pointShape, int itemSize, string? units = null)
    {
        lock (H5Lib.Gate)
        {
            var (fileType, memType) = Types(dtype, path);
            var rank = pointShape.Length + 1;
            var dims = new ulong[rank];
            var max = new ulong[rank];
            var chunk = new ulong[rank];
            max[0] = H5Api.H5S_UNLIMITED;
            long row = itemSize;
            for (var i = 0; i < pointShape.Length; i++)
            {
                var known = pointShape[i] >= 0;
                dims[i + 1] = known ? (ulong)pointShape[i] : 0;
                max[i + 1] = known ? (ulong)pointShape[i] : H5Api.H5S_UNLIMITED;
                chunk[i + 1] = known ? Math.Max((ulong)pointShape[i], 1) : 256;
                row *= (long)chunk[i + 1];
            }
            chunk[0] = (ulong)Math.Clamp(65536 / Math.Max(row, 1), 1, 4096);
            long space = -1, dcpl = -1, id;
            try
            {
                fixed (ulong* d = dims) fixed (ulong* m = max) space = H5Lib.Id(H5Api.H5Screate_simple(rank, d, m), "H5Screate_simple", path);
                dcpl = H5Lib.Id(H5Api.H5Pcreate(H5Lib.Ids.DatasetCreate), "H5Pcreate", path);
                fixed (ulong* c = chunk) H5Lib.Check(H5Api.H5Pset_chunk(dcpl, rank, c), "H5Pset_chunk", path);
                id = H5Lib.Id(H5Api.H5Dcreate2(file.Id, path, fileType, space, H5Api.H5P_DEFAULT, dcpl, H5Api.H5P_DEFAULT), "H5Dcreate2", $"{path} in {file.Path}");
            }
            finally
            {
                H5Lib.CloseQuietly(dcpl, H5Api.H5Pclose);
                H5Lib.CloseQuietly(space, H5Api.H5Sclose);
            }
            var ds = new GrowingDataset(file, path, id, memType, dims, itemSize);
            if (units is not null) file.Attribute(path, "units", units);
            return ds;
        }
    }

    /// <summary>Opens a data set written by an earlier run; <see cref="Length"/> is the number of rows it holds.</summary>
    public static GrowingDataset Open(Hdf5File file, string path, string dtype, int itemSize)
    {
        lock (H5Lib.Gate)
        {
            var (_, memType) = Types(dtype, path);
            var id = H5Lib.Id(H5Api.H5Dopen2(file.Id, path, H5Api.H5P_DEFAULT), "H5Dopen2", $"{path} in {file.Path}");
            var space = H5Lib.Id(H5Api.H5Dget_space(id), "H5Dget_space", path);
            try
            {
                var rank = H5Api.H5Sget_simple_extent_ndims(space);
                var dims = new ulong[Math.Max(rank, 1)];
                fixed (ulong* d = dims) H5Lib.Check(H5Api.H5Sget_simple_extent_dims(space, d, null), "H5Sget_simple_extent_dims", path);
                return new GrowingDataset(file, path, id, memType, dims, itemSize);
            }
            finally { H5Lib.CloseQuietly(space, H5Api.H5Sclose); }
        }
    }

    /// <summary>Appends <paramref name="rows"/> rows of <paramref name="pointShape"/>, given as little-endian bytes.</summary>
    public void Append(ReadOnlySpan<byte> bytes, long rows, int[] pointShape)
    {
        if (rows == 0) return;
        var rank = _extent.Length;
        if (pointShape.Length != rank - 1) throw new ArgumentException($"{Path}: points of rank {pointShape.Length}, the data set holds rank {rank - 1}");
        var count = new ulong[rank];
        count[0] = (ulong)rows;
        for (var i = 1; i < rank; i++) count[i] = (ulong)pointShape[i - 1];
        var expected = count.Aggregate((ulong)_itemSize, (a, b) => a * b);
        if ((ulong)bytes.Length != expected) throw new ArgumentException($"{Path}: {bytes.Length} bytes are not {rows} rows of [{string.Join(",", pointShape)}]");
        lock (H5Lib.Gate)
        {
            var size = (ulong[])_extent.Clone();
            size[0] += (ulong)rows;
            for (var i = 1; i < rank; i++) size[i] = Math.Max(size[i], count[i]);
            var start = new ulong[rank];
            start[0] = _extent[0];
            long fileSpace = -1, memSpace = -1;
            try
            {
                fixed (ulong* s = size) H5Lib.Check(H5Api.H5Dset_extent(Id, s), "H5Dset_extent", Path);
                fileSpace = H5Lib.Id(H5Api.H5Dget_space(Id), "H5Dget_space", Path);
                fixed (ulong* st = start) fixed (ulong* c = count)
                {
                    H5Lib.Check(H5Api.H5Sselect_hyperslab(fileSpace, H5Api.H5S_SELECT_SET, st, null, c, null), "H5Sselect_hyperslab", Path);
                    memSpace = H5Lib.Id(H5Api.H5Screate_simple(rank, c, null), "H5Screate_simple", Path);
                }
                fixed (byte* p = bytes) H5Lib.Check(H5Api.H5Dwrite(Id, _memType, memSpace, fileSpace, H5Api.H5P_DEFAULT, p), "H5Dwrite", $"{Path} in {_file.Path}");
            }
            finally
            {
                H5Lib.CloseQuietly(memSpace, H5Api.H5Sclose);
                H5Lib.CloseQuietly(fileSpace, H5Api.H5Sclose);
            }
            size.CopyTo(_extent, 0);
        }
    }

    private long Id => _id >= 0 ? _id : throw new ObjectDisposedException(Path);

    public void Dispose()
    {
        lock (H5Lib.Gate)
        {
            if (_id < 0) return;
            H5Lib.CloseQuietly(_id, H5Api.H5Dclose);
            _id = -1;
        }
    }

    internal static (long File, long Memory) Types(string dtype, string path) =>
        H5Lib.Ids.Numbers.TryGetValue(dtype, out var t) ? t : throw new IOException($"{path}: dtype {dtype} cannot be written to HDF5 by this writer");
}
