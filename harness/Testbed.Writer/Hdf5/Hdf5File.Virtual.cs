namespace Testbed.Writer.Hdf5;

/// <summary>One block of frames of a virtual data set: <paramref name="Count"/> frames from <paramref name="File"/>:<paramref name="Dataset"/>, starting at <paramref name="First"/> there.</summary>
public sealed record VirtualSource(string File, string Dataset, long First, long Count);

public sealed unsafe partial class Hdf5File
{
    /// <summary>A virtual data set of frames [N, height, width] mapped onto the detector's own files (no pixel is copied).</summary>
    /// <remarks>Source file names relative to this file's folder are resolved by libhdf5 relative to that folder, so the pair can move together.</remarks>
    public void Virtual(string path, string dtype, int height, int width, IReadOnlyList<VirtualSource> sources)
    {
        lock (H5Lib.Gate)
        {
            var (fileType, _) = GrowingDataset.Types(dtype, path);
            var total = (ulong)sources.Sum(s => s.Count);
            ulong* dims = stackalloc ulong[] { total, (ulong)height, (ulong)width };
            long vspace = -1, dcpl = -1, id = -1;
            try
            {
                vspace = H5Lib.Id(H5Api.H5Screate_simple(3, dims, null), "H5Screate_simple", path);
                dcpl = H5Lib.Id(H5Api.H5Pcreate(H5Lib.Ids.DatasetCreate), "H5Pcreate", path);
                ulong at = 0;
                ulong* srcDims = stackalloc ulong[3];
                ulong* start = stackalloc ulong[3];
                ulong* count = stackalloc ulong[3];
                ulong* vstart = stackalloc ulong[3];
                foreach (var s in sources)
                {
                    var src = -1L;
                    try
                    {
                        (srcDims[0], srcDims[1], srcDims[2]) = ((ulong)(s.First + s.Count), (ulong)height, (ulong)width);
                        src = H5Lib.Id(H5Api.H5Screate_simple(3, srcDims, null), "H5Screate_simple", s.File);
                        (start[0], start[1], start[2]) = ((ulong)s.First, 0, 0);
                        (count[0], count[1], count[2]) = ((ulong)s.Count, (ulong)height, (ulong)width);
                        H5Lib.Check(H5Api.H5Sselect_hyperslab(src, H5Api.H5S_SELECT_SET, start, null, count, null), "H5Sselect_hyperslab", s.File);
                        (vstart[0], vstart[1], vstart[2]) = (at, 0, 0);
                        H5Lib.Check(H5Api.H5Sselect_hyperslab(vspace, H5Api.H5S_SELECT_SET, vstart, null, count, null), "H5Sselect_hyperslab", path);
                        H5Lib.Check(H5Api.H5Pset_virtual(dcpl, vspace, s.File, s.Dataset, src), "H5Pset_virtual", $"{path} ← {s.File}:{s.Dataset}");
                    }
                    finally { H5Lib.CloseQuietly(src, H5Api.H5Sclose); }
                    at += (ulong)s.Count;
                }
                id = H5Lib.Id(H5Api.H5Dcreate2(Id, path, fileType, vspace, H5Api.H5P_DEFAULT, dcpl, H5Api.H5P_DEFAULT), "H5Dcreate2", Where(path));
            }
            finally
            {
                H5Lib.CloseQuietly(id, H5Api.H5Dclose);
                H5Lib.CloseQuietly(dcpl, H5Api.H5Pclose);
                H5Lib.CloseQuietly(vspace, H5Api.H5Sclose);
            }
        }
    }
}
