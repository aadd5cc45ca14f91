namespace Testbed.Writer.Hdf5;

/// <summary>A chunked data set with an unlimited first axis (one row per scan point) that rows are appended to.</summary>
public sealed unsafe class GrowingDataset : IDisposable
{
    private readonly Hdf5File _file;
    private readonly long _memType;
    private readonly ulong[] _pointShape;
    private long _id;

    private GrowingDataset(Hdf5File file, string path, long id, long memType, ulong[] pointShape, long length, int itemSize)
    {
        _file = file;
        Path = path;
        _id = id;
        _memType = memType;
        _pointShape = pointShape;
        Length = length;
        RowBytes = itemSize * (long)pointShape.Aggregate(1UL, (a, b) => a * b);
    }

    public string Path { get; }

    /// <summary>Rows written so far (on open: rows in the file).</summary>
    public long Length { get; private set; }

    /// <summary>Bytes of one row.</summary>
    public long RowBytes { get; }

    /// <summary>Creates the data set (rows of <paramref name="pointShape"/>, numpy dtype name <paramref name="dtype"/>) with about 64 KiB chunks.</summary>
    public static GrowingDataset Create(Hdf5File file, string path, string dtype, int[] pointShape, int itemSize, string? units = null)
    {
        lock (H5Lib.Gate)
        {
            var (fileType, memType) = Types(dtype, path);
            var shape = pointShape.Select(d => (ulong)d).ToArray();
            var rank = shape.Length + 1;
            var dims = new ulong[rank];
            var max = new ulong[rank];
            var chunk = new ulong[rank];
            max[0] = H5Api.H5S_UNLIMITED;
            var row = Math.Max(1L, itemSize * (long)shape.Aggregate(1UL, (a, b) => a * b));
            chunk[0] = (ulong)Math.Clamp(65536 / row, 1, 4096);
            for (var i = 0; i < shape.Length; i++) dims[i + 1] = max[i + 1] = chunk[i + 1] = Math.Max(shape[i], 1);
            long space = -1, dcpl = -1, id = -1;
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
            var ds = new GrowingDataset(file, path, id, memType, shape, 0, itemSize);
            if (units is not null) file.Attribute(path, "units", units);
            return ds;
        }
    }

    /// <summary>Opens a data set written by an earlier run; <see cref="Length"/> is the number of rows it holds.</summary>
    public static GrowingDataset Open(Hdf5File file, string path, string dtype, int[] pointShape, int itemSize)
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
                return new GrowingDataset(file, path, id, memType, pointShape.Select(d => (ulong)d).ToArray(), (long)dims[0], itemSize);
            }
            finally { H5Lib.CloseQuietly(space, H5Api.H5Sclose); }
        }
    }

    /// <summary>Appends <paramref name="rows"/> rows given as little-endian bytes (their count × <see cref="RowBytes"/>).</summary>
    public void Append(ReadOnlySpan<byte> bytes, long rows)
    {
        if (rows == 0) return;
        if (bytes.Length != rows * RowBytes) throw new ArgumentException($"{Path}: {bytes.Length} bytes are not {rows} rows of {RowBytes} bytes");
        lock (H5Lib.Gate)
        {
            var rank = _pointShape.Length + 1;
            var size = new ulong[rank];
            var start = new ulong[rank];
            var count = new ulong[rank];
            size[0] = (ulong)(Length + rows);
            start[0] = (ulong)Length;
            count[0] = (ulong)rows;
            for (var i = 0; i < _pointShape.Length; i++) size[i + 1] = count[i + 1] = Math.Max(_pointShape[i], 1);
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
            Length += rows;
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
