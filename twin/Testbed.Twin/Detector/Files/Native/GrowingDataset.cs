namespace Testbed.Twin.Detector.Files.Native;

/// <summary>A chunked data set whose first dimension is unlimited and grows by whole rows (one frame, one attribute value).</summary>
internal sealed unsafe class GrowingDataset
{
    private readonly ulong[] _row;
    private readonly long _memType;
    private readonly string _what;
    private long _id = -1;
    private long _rowSpace = -1;

    /// <summary>Creates an empty data set; <paramref name="row"/> is the shape of one row ([Y, X] for frames, [] for one value
    /// per frame), <paramref name="chunkRows"/> the rows per chunk on the growing axis.</summary>
    public GrowingDataset(long parent, string name, long fileType, long memType, ulong[] row, ulong chunkRows, string path)
    {
        _row = row;
        _memType = memType;
        _what = $"{name} in {path}";
        var rank = row.Length + 1;
        ulong[] dims = [0, .. row];
        ulong[] max = [H5Native.H5S_UNLIMITED, .. row];
        ulong[] chunk = [chunkRows, .. row];
        var space = -1L;
        var dcpl = -1L;
        try
        {
            fixed (ulong* d = dims, m = max, c = chunk, r = _row)
            {
                space = H5.Id(H5Native.H5Screate_simple(rank, d, m), "H5Screate_simple", _what);
                dcpl = H5.Id(H5Native.H5Pcreate(H5.Ids.DatasetCreate), "H5Pcreate", _what);
                H5.Check(H5Native.H5Pset_chunk(dcpl, rank, c), "H5Pset_chunk", _what);
                _id = H5.Id(H5Native.H5Dcreate2(parent, name, fileType, space, H5Native.H5P_DEFAULT, dcpl, H5Native.H5P_DEFAULT), "H5Dcreate2", _what);
                ulong one = 1;
                _rowSpace = row.Length == 0
                    ? H5.Id(H5Native.H5Screate_simple(1, &one, null), "H5Screate_simple", _what)
                    : H5.Id(H5Native.H5Screate_simple(row.Length, r, null), "H5Screate_simple", _what);
            }
        }
        catch
        {
            Close();
            throw;
        }
        finally
        {
            H5.CloseQuietly(dcpl, H5Native.H5Pclose);
            H5.CloseQuietly(space, H5Native.H5Sclose);
        }
    }

    /// <summary>The data set id, for attributes and links while the file is being laid out.</summary>
    public long Id => _id;

    /// <summary>Rows written.</summary>
    public ulong Count { get; private set; }

    /// <summary>Grows the data set by one row and writes <paramref name="row"/> (memory type elements, row-major) into it.</summary>
    public void Append(void* row)
    {
        var rank = _row.Length + 1;
        ulong[] size = [Count + 1, .. _row];
        ulong[] start = new ulong[rank];
        start[0] = Count;
        ulong[] count = [1, .. _row];
        fixed (ulong* s = size, st = start, c = count)
        {
            H5.Check(H5Native.H5Dset_extent(_id, s), "H5Dset_extent", _what);
            var fileSpace = H5.Id(H5Native.H5Dget_space(_id), "H5Dget_space", _what);
            try
            {
                H5.Check(H5Native.H5Sselect_hyperslab(fileSpace, H5Native.H5S_SELECT_SET, st, null, c, null), "H5Sselect_hyperslab", _what);
                H5.Check(H5Native.H5Dwrite(_id, _memType, _rowSpace, fileSpace, H5Native.H5P_DEFAULT, row), "H5Dwrite", $"row {Count} of {_what}");
            }
            finally
            {
                H5.CloseQuietly(fileSpace, H5Native.H5Sclose);
            }
        }
        Count++;
    }

    /// <summary>Writes this data set's raw data and metadata to the file, so SWMR readers see its new extent.</summary>
    public void Flush() => H5.Check(H5Native.H5Dflush(_id), "H5Dflush", _what);

    /// <summary>Releases the ids; safe to call more than once and after a failure.</summary>
    public void Close()
    {
        H5.CloseQuietly(_rowSpace, H5Native.H5Sclose);
        _rowSpace = -1;
        H5.CloseQuietly(_id, H5Native.H5Dclose);
        _id = -1;
    }
}
