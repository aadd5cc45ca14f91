using System.Runtime.InteropServices;
using System.Text;

namespace Testbed.Writer.Hdf5;

/// <summary>An HDF5 file opened through libhdf5 for writing: groups, string attributes and values, hard links, growing and
/// virtual data sets, addressed by paths from the root.</summary>
public sealed unsafe partial class Hdf5File : IDisposable
{
    private long _id;

    private Hdf5File(long id, string path)
    {
        _id = id;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Creates a new file; fails if one exists (H5F_ACC_EXCL: a file is never written over).</summary>
    /// <param name="path">The file.</param>
    /// <param name="latestFormat">The 1.10 file format, which SWMR needs (older readers than libhdf5 1.10 cannot open it).</param>
    public static Hdf5File Create(string path, bool latestFormat = false)
    {
        lock (H5Lib.Gate)
        {
            _ = H5Lib.Ids;
            var fapl = StrongClose(path);
            try
            {
                if (latestFormat) H5Lib.Check(H5Api.H5Pset_libver_bounds(fapl, H5Api.H5F_LIBVER_LATEST, H5Api.H5F_LIBVER_LATEST), "H5Pset_libver_bounds", path);
                return new(CloseOnExec.Apply(H5Lib.Id(H5Api.H5Fcreate(path, H5Api.H5F_ACC_EXCL, H5Api.H5P_DEFAULT, fapl), "H5Fcreate", path)), path);
            }
            finally { H5Api.H5Pclose(fapl); }
        }
    }

    /// <summary>Opens an existing file read-write (to add a scan entry or resume one).</summary>
    /// <remarks>A file in the 1.10 format that a SWMR writer left open when it was killed keeps "open for write" flags, and
    /// libhdf5 refuses it until they are cleared (what h5clear does): they are cleared here. The file lock libhdf5 takes still
    /// keeps a second writer out while one has the file open.</remarks>
    public static Hdf5File Open(string path)
    {
        lock (H5Lib.Gate)
        {
            _ = H5Lib.Ids;
            var fapl = StrongClose(path);
            // hbool_t is one byte in 1.10 builds with stdbool, four in others: a little-endian 1 reads as true in both.
            var clear = 1;
            if (H5Api.H5Pset(fapl, H5Api.ClearStatusFlags, &clear) < 0) H5Api.H5Eclear2(H5Api.H5E_DEFAULT);   // a libhdf5 without it: open as before
            try { return new(CloseOnExec.Apply(H5Lib.Id(H5Api.H5Fopen(path, H5Api.H5F_ACC_RDWR, fapl), "H5Fopen", path)), path); }
            finally { H5Api.H5Pclose(fapl); }
        }
    }

    // A file closed with an object still open in it would stay open and locked (libhdf5's default "weak" close): readers
    // (h5py) and the next scan sharing the file would find it locked. Strong close releases it whatever is left open.
    private static long StrongClose(string path)
    {
        var fapl = H5Lib.Id(H5Api.H5Pcreate(H5Lib.Ids.FileAccess), "H5Pcreate", path);
        H5Lib.Check(H5Api.H5Pset_fclose_degree(fapl, H5Api.H5F_CLOSE_STRONG), "H5Pset_fclose_degree", path);
        return fapl;
    }

    internal long Id => _id >= 0 ? _id : throw new ObjectDisposedException(Path);

    private string Where(string p) => $"{p} in {Path}";

    /// <summary>Whether every link of <paramref name="path"/> exists.</summary>
    public bool Exists(string path)
    {
        lock (H5Lib.Gate)
        {
            var sofar = "";
            foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                sofar = sofar.Length == 0 ? part : sofar + "/" + part;
                var r = H5Api.H5Lexists(Id, sofar, H5Api.H5P_DEFAULT);
                H5Lib.Check(r, "H5Lexists", Where(sofar));
                if (r == 0) return false;
            }
            return true;
        }
    }

    /// <summary>Creates a group with an <c>NX_class</c> attribute.</summary>
    public void Group(string path, string nxClass)
    {
        lock (H5Lib.Gate)
        {
            var g = H5Lib.Id(H5Api.H5Gcreate2(Id, path, H5Api.H5P_DEFAULT, H5Api.H5P_DEFAULT, H5Api.H5P_DEFAULT), "H5Gcreate2", Where(path));
            try { WriteStringAttribute(g, "NX_class", nxClass, path); }
            finally { H5Lib.CloseQuietly(g, H5Api.H5Gclose); }
        }
    }

    /// <summary>A scalar UTF-8 string attribute on the object at <paramref name="path"/> ("/" = the root).</summary>
    public void Attribute(string path, string name, string value)
    {
        lock (H5Lib.Gate)
        {
            var o = OpenObject(path);
            try { WriteStringAttribute(o.Id, name, value, path); }
            finally { H5Lib.CloseQuietly(o.Id, o.Close); }
        }
    }

    /// <summary>A string attribute's value, or null when the object or the attribute is absent.</summary>
    public string? ReadAttribute(string path, string name)
    {
        if (path != "/" && !Exists(path)) return null;
        lock (H5Lib.Gate)
        {
            var o = OpenObject(path);
            long a = -1, t = -1;
            try
            {
                var exists = H5Api.H5Aexists(o.Id, name);
                H5Lib.Check(exists, "H5Aexists", Where($"{path}@{name}"));
                if (exists == 0) return null;
                a = H5Lib.Id(H5Api.H5Aopen(o.Id, name, H5Api.H5P_DEFAULT), "H5Aopen", Where($"{path}@{name}"));
                t = H5Lib.Id(H5Api.H5Aget_type(a), "H5Aget_type", Where($"{path}@{name}"));
                if (H5Api.H5Tis_variable_str(t) > 0)
                {
                    IntPtr text;
                    H5Lib.Check(H5Api.H5Aread(a, t, &text), "H5Aread", Where($"{path}@{name}"));
                    try { return Marshal.PtrToStringUTF8(text) ?? ""; }
                    finally { H5Api.H5free_memory(text); }
                }
                var size = (int)H5Api.H5Tget_size(t);
                var bytes = new byte[Math.Max(size, 1)];
                fixed (byte* p = bytes) H5Lib.Check(H5Api.H5Aread(a, t, p), "H5Aread", Where($"{path}@{name}"));
                return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
            }
            finally
            {
                H5Lib.CloseQuietly(t, H5Api.H5Tclose);
                H5Lib.CloseQuietly(a, H5Api.H5Aclose);
                H5Lib.CloseQuietly(o.Id, o.Close);
            }
        }
    }

    /// <summary>A scalar UTF-8 string data set.</summary>
    public void Text(string path, string value, string? units = null)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        lock (H5Lib.Gate)
        {
            var type = StringType(path);
            try
            {
                fixed (byte* p = bytes)
                {
                    var text = p;
                    Scalar(path, type, type, &text, units);
                }
            }
            finally { H5Lib.CloseQuietly(type, H5Api.H5Tclose); }
        }
    }

    /// <summary>A scalar float64 data set.</summary>
    public void Number(string path, double value, string? units = null)
    {
        lock (H5Lib.Gate)
        {
            var (file, memory) = H5Lib.Ids.Numbers["float64"];
            Scalar(path, file, memory, &value, units);
        }
    }

    /// <summary>A scalar int64 data set.</summary>
    public void Integer(string path, long value)
    {
        lock (H5Lib.Gate)
        {
            var (file, memory) = H5Lib.Ids.Numbers["int64"];
            Scalar(path, file, memory, &value, null);
        }
    }

    /// <summary>A hard link at <paramref name="link"/> to the existing object <paramref name="target"/>.</summary>
    public void Link(string target, string link)
    {
        lock (H5Lib.Gate)
            H5Lib.Check(H5Api.H5Lcreate_hard(Id, target, Id, link, H5Api.H5P_DEFAULT, H5Api.H5P_DEFAULT), "H5Lcreate_hard", Where($"{link} → {target}"));
    }

    /// <summary>Switches to single-writer/multiple-reader mode: from now on readers that open the file with SWMR read see each
    /// flush consistently while it is open, and no object (group, data set, attribute, link) can be added until it is reopened.</summary>
    /// <returns>False when the file is not in the 1.10 format (created by another writer, or before SWMR was asked for).</returns>
    public bool StartSwmr()
    {
        lock (H5Lib.Gate)
        {
            if (H5Api.H5Fstart_swmr_write(Id) >= 0) return true;
            H5Api.H5Eclear2(H5Api.H5E_DEFAULT);
            return false;
        }
    }

    /// <summary>Makes what is written so far reach the file (readers that open it after see it).</summary>
    public void Flush()
    {
        lock (H5Lib.Gate) H5Lib.Check(H5Api.H5Fflush(Id, H5Api.H5F_SCOPE_GLOBAL), "H5Fflush", Path);
    }

    public void Dispose()
    {
        lock (H5Lib.Gate)
        {
            if (_id < 0) return;
            var id = _id;
            _id = -1;
            H5Lib.Check(H5Api.H5Fclose(id), "H5Fclose", Path);
        }
    }

    private (long Id, Func<long, int> Close) OpenObject(string path) => path == "/"
        ? (H5Lib.Id(H5Api.H5Gopen2(Id, "/", H5Api.H5P_DEFAULT), "H5Gopen2", Where(path)), H5Api.H5Gclose)
        : H5Api.H5Gopen2(Id, path, H5Api.H5P_DEFAULT) is var g and >= 0
            ? (g, H5Api.H5Gclose)
            : ClearThen(() => (H5Lib.Id(H5Api.H5Dopen2(Id, path, H5Api.H5P_DEFAULT), "H5Dopen2", Where(path)), (Func<long, int>)H5Api.H5Dclose));

    private static T ClearThen<T>(Func<T> f)
    {
        H5Api.H5Eclear2(H5Api.H5E_DEFAULT);
        return f();
    }

    /// <summary>A variable-length UTF-8 string type, as h5py writes <c>str</c> (h5py reads such attributes back as <c>str</c>).</summary>
    private long StringType(string what)
    {
        var type = H5Lib.Id(H5Api.H5Tcopy(H5Lib.Ids.CString), "H5Tcopy", Where(what));
        H5Lib.Check(H5Api.H5Tset_size(type, H5Api.H5T_VARIABLE), "H5Tset_size", Where(what));
        H5Lib.Check(H5Api.H5Tset_cset(type, H5Api.H5T_CSET_UTF8), "H5Tset_cset", Where(what));
        return type;
    }

    private void WriteStringAttribute(long owner, string name, string value, string path)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        var what = Where($"{path}@{name}");
        var type = StringType($"{path}@{name}");
        long space = -1, attribute = -1;
        try
        {
            space = H5Lib.Id(H5Api.H5Screate(H5Api.H5S_SCALAR), "H5Screate", what);
            attribute = H5Lib.Id(H5Api.H5Acreate2(owner, name, type, space, H5Api.H5P_DEFAULT, H5Api.H5P_DEFAULT), "H5Acreate2", what);
            fixed (byte* p = bytes)
            {
                var text = p;
                H5Lib.Check(H5Api.H5Awrite(attribute, type, &text), "H5Awrite", what);
            }
        }
        finally
        {
            H5Lib.CloseQuietly(attribute, H5Api.H5Aclose);
            H5Lib.CloseQuietly(space, H5Api.H5Sclose);
            H5Lib.CloseQuietly(type, H5Api.H5Tclose);
        }
    }

    private void Scalar(string path, long fileType, long memType, void* value, string? units)
    {
        var space = H5Lib.Id(H5Api.H5Screate(H5Api.H5S_SCALAR), "H5Screate", Where(path));
        var dataset = -1L;
        try
        {
            dataset = H5Lib.Id(H5Api.H5Dcreate2(Id, path, fileType, space, H5Api.H5P_DEFAULT, H5Api.H5P_DEFAULT, H5Api.H5P_DEFAULT), "H5Dcreate2", Where(path));
            H5Lib.Check(H5Api.H5Dwrite(dataset, memType, H5Api.H5S_ALL, H5Api.H5S_ALL, H5Api.H5P_DEFAULT, value), "H5Dwrite", Where(path));
            if (units is not null) WriteStringAttribute(dataset, "units", units, path);
        }
        finally
        {
            H5Lib.CloseQuietly(dataset, H5Api.H5Dclose);
            H5Lib.CloseQuietly(space, H5Api.H5Sclose);
        }
    }
}
