using System.Runtime.InteropServices;

namespace Testbed.Twin.Detector.Files.Native;

/// <summary>The libhdf5 1.10 C functions the SWMR writer and the SIMPLON master call (hid_t = int64, herr_t/htri_t = int, hsize_t = uint64).</summary>
/// <remarks>Callers go through <see cref="H5"/>, which loads the library, checks every return value and serialises calls:
/// Debian's serial build is not thread-safe.</remarks>
internal static unsafe partial class H5Native
{
    public const string Library = "libhdf5_serial.so.103";

    public const uint H5F_ACC_TRUNC = 0x0002;
    public const int H5F_LIBVER_LATEST = 2; // H5F_LIBVER_V110 in 1.10
    public const int H5F_SCOPE_LOCAL = 0;
    public const int H5S_SCALAR = 0;
    public const int H5S_SELECT_SET = 0;
    public const int H5E_WALK_DOWNWARD = 0;
    public const long H5P_DEFAULT = 0;
    public const long H5S_ALL = 0;
    public const long H5E_DEFAULT = 0;
    public const ulong H5S_UNLIMITED = ulong.MaxValue;

    /// <summary>H5E_error2_t: one entry of the error stack.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ErrorEntry
    {
        public long ClassId;
        public long Major;
        public long Minor;
        public uint Line;
        public IntPtr FunctionName;
        public IntPtr FileName;
        public IntPtr Description;
    }

    [LibraryImport(Library)] public static partial int H5open();
    [LibraryImport(Library)] public static partial int H5get_libversion(out uint major, out uint minor, out uint release);
    [LibraryImport(Library)] public static partial int H5Eset_auto2(long stack, IntPtr func, IntPtr clientData);
    [LibraryImport(Library)] public static partial int H5Ewalk2(long stack, int direction, delegate* unmanaged<uint, ErrorEntry*, IntPtr, int> func, IntPtr clientData);
    [LibraryImport(Library)] public static partial int H5Eclear2(long stack);

    [LibraryImport(Library)] public static partial long H5Pcreate(long cls);
    [LibraryImport(Library)] public static partial int H5Pset_libver_bounds(long plist, int low, int high);
    [LibraryImport(Library)] public static partial int H5Pset_chunk(long plist, int rank, ulong* dims);
    [LibraryImport(Library)] public static partial int H5Pclose(long plist);
    [LibraryImport(Library)] public static partial int H5Pset_fclose_degree(long fapl, int degree);

    /// <summary>H5F_CLOSE_STRONG: closing the file closes every object still open in it.</summary>
    public const int H5F_CLOSE_STRONG = 3;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fcreate(string name, uint flags, long fcpl, long fapl);
    [LibraryImport(Library)] public static partial int H5Fstart_swmr_write(long file);
    [LibraryImport(Library)] public static partial int H5Fflush(long obj, int scope);
    [LibraryImport(Library)] public static partial int H5Fclose(long file);
    [LibraryImport(Library)] public static partial int H5Fget_vfd_handle(long file, long fapl, out nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gcreate2(long loc, string name, long lcpl, long gcpl, long gapl);
    [LibraryImport(Library)] public static partial int H5Gclose(long group);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Lcreate_hard(long curLoc, string curName, long dstLoc, string dstName, long lcpl, long lapl);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Lcreate_external(string fileName, string objectName, long linkLoc, string linkName, long lcpl, long lapl);

    [LibraryImport(Library)] public static partial long H5Screate(int type);
    [LibraryImport(Library)] public static partial long H5Screate_simple(int rank, ulong* dims, ulong* maxDims);
    [LibraryImport(Library)] public static partial int H5Sselect_hyperslab(long space, int op, ulong* start, ulong* stride, ulong* count, ulong* block);
    [LibraryImport(Library)] public static partial int H5Sclose(long space);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dcreate2(long loc, string name, long type, long space, long lcpl, long dcpl, long dapl);
    [LibraryImport(Library)] public static partial int H5Dset_extent(long dataset, ulong* size);
    [LibraryImport(Library)] public static partial long H5Dget_space(long dataset);
    [LibraryImport(Library)] public static partial int H5Dwrite(long dataset, long memType, long memSpace, long fileSpace, long xfer, void* buffer);
    [LibraryImport(Library)] public static partial int H5Dflush(long dataset);
    [LibraryImport(Library)] public static partial int H5Dclose(long dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Acreate2(long loc, string name, long type, long space, long acpl, long aapl);
    [LibraryImport(Library)] public static partial int H5Awrite(long attribute, long memType, void* buffer);
    [LibraryImport(Library)] public static partial int H5Aclose(long attribute);

    [LibraryImport(Library)] public static partial long H5Tcopy(long type);
    [LibraryImport(Library)] public static partial int H5Tset_size(long type, nuint size);
    [LibraryImport(Library)] public static partial int H5Tclose(long type);
}
