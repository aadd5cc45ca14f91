using System.Text;

namespace Testbed.Twin.Detector.Files.Native;

/// <summary>Scalar data sets (one number or string each), optionally with a <c>@units</c> string attribute.</summary>
internal static unsafe class H5Values
{
    public static void Double(long parent, string name, double value, string? units, string path) =>
        Write(parent, name, H5.Ids.FileDouble, H5.Ids.NativeDouble, &value, units, path);

    public static void UInt32(long parent, string name, uint value, string? units, string path) =>
        Write(parent, name, H5.Ids.FileUInt32, H5.Ids.NativeUInt32, &value, units, path);

    public static void UInt64(long parent, string name, ulong value, string? units, string path) =>
        Write(parent, name, H5.Ids.FileUInt64, H5.Ids.NativeUInt64, &value, units, path);

    /// <summary>A fixed-length NUL-terminated string, the same string type as <see cref="H5Attributes.String"/>.</summary>
    public static void String(long parent, string name, string value, string? units, string path)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        var type = H5.Id(H5Native.H5Tcopy(H5.Ids.CString), "H5Tcopy", $"string type for {name} in {path}");
        try
        {
            H5.Check(H5Native.H5Tset_size(type, (nuint)bytes.Length), "H5Tset_size", $"{name} in {path}");
            fixed (byte* p = bytes) Write(parent, name, type, type, p, units, path);
        }
        finally
        {
            H5.CloseQuietly(type, H5Native.H5Tclose);
        }
    }

    private static void Write(long parent, string name, long fileType, long memType, void* value, string? units, string path)
    {
        var what = $"{name} in {path}";
        var space = H5.Id(H5Native.H5Screate(H5Native.H5S_SCALAR), "H5Screate", what);
        var dataset = -1L;
        try
        {
            dataset = H5.Id(H5Native.H5Dcreate2(parent, name, fileType, space, H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT), "H5Dcreate2", what);
            H5.Check(H5Native.H5Dwrite(dataset, memType, H5Native.H5S_ALL, H5Native.H5S_ALL, H5Native.H5P_DEFAULT, value), "H5Dwrite", what);
            if (units is not null) H5Attributes.String(dataset, "units", units, $"{name} in {path}");
        }
        finally
        {
            H5.CloseQuietly(dataset, H5Native.H5Dclose);
            H5.CloseQuietly(space, H5Native.H5Sclose);
        }
    }
}
