using System.Text;

namespace Testbed.Twin.Detector.Files.Native;

/// <summary>Groups with NX_class and scalar or 1-D attributes (SWMR files write them all before SWMR mode starts: no object may be created after it).</summary>
internal static unsafe class H5Attributes
{
    /// <summary>Creates a group with an NX_class attribute and returns its id (the caller closes it).</summary>
    public static long Group(long parent, string name, string nxClass, string path)
    {
        var g = H5.Id(H5Native.H5Gcreate2(parent, name, H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT), "H5Gcreate2", $"group {name} in {path}");
        try
        {
            String(g, "NX_class", nxClass, path);
        }
        catch
        {
            H5.CloseQuietly(g, H5Native.H5Gclose);
            throw;
        }
        return g;
    }

    /// <summary>A scalar fixed-length ASCII string attribute, NUL-terminated (as NDFileHDF5 writes them).</summary>
    public static void String(long owner, string name, string value, string path)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        var type = H5.Id(H5Native.H5Tcopy(H5.Ids.CString), "H5Tcopy", $"string type for @{name} in {path}");
        try
        {
            H5.Check(H5Native.H5Tset_size(type, (nuint)bytes.Length), "H5Tset_size", $"@{name} in {path}");
            fixed (byte* p = bytes) Write(owner, name, type, type, scalar: true, 1, p, path);
        }
        finally
        {
            H5.CloseQuietly(type, H5Native.H5Tclose);
        }
    }

    /// <summary>A scalar int32 attribute.</summary>
    public static void Int(long owner, string name, int value, string path) =>
        Write(owner, name, H5.Ids.FileInt32, H5.Ids.NativeInt32, scalar: true, 1, &value, path);

    /// <summary>A scalar int64 attribute.</summary>
    public static void Long(long owner, string name, long value, string path) =>
        Write(owner, name, H5.Ids.FileInt64, H5.Ids.NativeInt64, scalar: true, 1, &value, path);

    /// <summary>A one-dimensional int32 attribute.</summary>
    public static void Ints(long owner, string name, int[] values, string path)
    {
        fixed (int* p = values) Write(owner, name, H5.Ids.FileInt32, H5.Ids.NativeInt32, scalar: false, (ulong)values.Length, p, path);
    }

    private static void Write(long owner, string name, long fileType, long memType, bool scalar, ulong length, void* value, string path)
    {
        var what = $"@{name} in {path}";
        var space = scalar
            ? H5.Id(H5Native.H5Screate(H5Native.H5S_SCALAR), "H5Screate", what)
            : H5.Id(H5Native.H5Screate_simple(1, &length, null), "H5Screate_simple", what);
        var attribute = -1L;
        try
        {
            attribute = H5.Id(H5Native.H5Acreate2(owner, name, fileType, space, H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT), "H5Acreate2", what);
            H5.Check(H5Native.H5Awrite(attribute, memType, value), "H5Awrite", what);
        }
        finally
        {
            H5.CloseQuietly(attribute, H5Native.H5Aclose);
            H5.CloseQuietly(space, H5Native.H5Sclose);
        }
    }
}
