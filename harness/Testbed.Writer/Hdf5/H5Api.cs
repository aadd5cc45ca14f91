using System.Runtime.InteropServices;

namespace Testbed.Writer.Hdf5;

/// <summary>The libhdf5 1.10 C functions the scan-file writer calls (hid_t = int64, herr_t/htri_t = int, hsize_t = uint64).</summary>
/// <remarks>Called only through <see cref="H5Lib"/>, which loads the library, checks results and serialises calls.</remarks>
internal static unsafe partial class H5Api
{
    public const string Library = "libhdf5_serial.so.103";

    public const uint H5F_ACC_RDWR = 0x0001;
    public const uint H5F_ACC_EXCL = 0x0004;
    public const int H5F_SCOPE_GLOBAL = 1;
    public const int H5S_SCALAR = 0;
    public const int H5S_SELECT_SET = 0;
    public const int H5E_WALK_DOWNWARD = 0;
    public const int H5T_CSET_UTF8 = 1;
    public const long H5P_DEFAULT = 0;
    public const long H5S_ALL = 0;
    public const long H5E_DEFAULT = 0;
    public const ulong H5S_UNLIMITED = ulong.MaxValue;
    public static readonly nuint H5T_VARIABLE = nuint.MaxValue;

    /// <summary>H5E_error2_t.</summary>
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
    [LibraryImport(Library)] public static partial int H5Pset_chunk(long plist, int rank, ulong* dims);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Pset_virtual(long dcpl, long vspace, string srcFile, string srcDataset, long srcSpace);
    [LibraryImport(Library)] public static partial int H5Pclose(long plist);
    [LibraryImport(Library)] public static partial int H5Pset_fclose_degree(long fapl, int degree);
    [LibraryImport(Library)] public static partial int H5Pset_libver_bounds(long fapl, int low, int high);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Pset(long plist, string name, void* value);
    [LibraryImport(Library)] public static partial int H5Fstart_swmr_write(long file);

    /// <summary>H5F_LIBVER_LATEST of 1.10 (= H5F_LIBVER_V110): the file format SWMR needs.</summary>
    public const int H5F_LIBVER_LATEST = 2;

    /// <summary>The file-access property h5clear sets: open a file whose status flags a killed writer left set.</summary>
    public const string ClearStatusFlags = "clear_status_flags";

    /// <summary>H5F_CLOSE_STRONG: closing the file closes every object still open in it.</summary>
    public const int H5F_CLOSE_STRONG = 3;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fcreate(string name, uint flags, long fcpl, long fapl);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fopen(string name, uint flags, long fapl);
    [LibraryImport(Library)] public static partial int H5Fflush(long obj, int scope);
    [LibraryImport(Library)] public static partial int H5Fclose(long file);
    [LibraryImport(Library)] public static partial int H5Fget_vfd_handle(long file, long fapl, out nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gcreate2(long loc, string name, long lcpl, long gcpl, long gapl);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gopen2(long loc, string name, long gapl);
    [LibraryImport(Library)] public static partial int H5Gclose(long group);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Lexists(long loc, string name, long lapl);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Lcreate_hard(long curLoc, string curName, long dstLoc, string dstName, long lcpl, long lapl);

    [LibraryImport(Library)] public static partial long H5Screate(int type);
    [LibraryImport(Library)] public static partial long H5Screate_simple(int rank, ulong* dims, ulong* maxDims);
    [LibraryImport(Library)] public static partial int H5Sselect_hyperslab(long space, int op, ulong* start, ulong* stride, ulong* count, ulong* block);
    [LibraryImport(Library)] public static partial int H5Sget_simple_extent_ndims(long space);
    [LibraryImport(Library)] public static partial int H5Sget_simple_extent_dims(long space, ulong* dims, ulong* maxDims);
    [LibraryImport(Library)] public static partial int H5Sclose(long space);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dcreate2(long loc, string name, long type, long space, long lcpl, long dcpl, long dapl);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dopen2(long loc, string name, long dapl);
    [LibraryImport(Library)] public static partial int H5Dset_extent(long dataset, ulong* size);
    [LibraryImport(Library)] public static partial long H5Dget_space(long dataset);
    [LibraryImport(Library)] public static partial int H5Dwrite(long dataset, long memType, long memSpace, long fileSpace, long xfer, void* buffer);
    [LibraryImport(Library)] public static partial int H5Dclose(long dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Acreate2(long loc, string name, long type, long space, long acpl, long aapl);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Aopen(long obj, string name, long aapl);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Aexists(long obj, string name);
    [LibraryImport(Library)] public static partial int H5Awrite(long attribute, long memType, void* buffer);
    [LibraryImport(Library)] public static partial int H5Aread(long attribute, long memType, void* buffer);
    [LibraryImport(Library)] public static partial long H5Aget_type(long attribute);
    [LibraryImport(Library)] public static partial int H5Aclose(long attribute);

    [LibraryImport(Library)] public static partial long H5Tcopy(long type);
    [LibraryImport(Library)] public static partial int H5Tset_size(long type, nuint size);
    [LibraryImport(Library)] public static partial nuint H5Tget_size(long type);
    [LibraryImport(Library)] public static partial int H5Tset_cset(long type, int cset);
    [LibraryImport(Library)] public static partial int H5Tclose(long type);
    [LibraryImport(Library)] public static partial int H5Tis_variable_str(long type);
    [LibraryImport(Library)] public static partial int H5free_memory(IntPtr buffer);
}
