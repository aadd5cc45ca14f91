using System.Runtime.InteropServices;
using System.Text;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files.Native;

/// <summary>Loads libhdf5 once, holds its global type and property-list class ids, and turns failed calls into
/// <see cref="IOException"/>s that name the function and carry libhdf5's own error stack (errno texts included).</summary>
internal static unsafe class H5
{
    private static readonly string[] Candidates = [H5Native.Library, "libhdf5.so.103", "libhdf5.so"];
    private static readonly Lazy<Globals> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    [ThreadStatic] private static StringBuilder? _stack;
    [ThreadStatic] private static bool _quiet;

    /// <summary>Every libhdf5 call runs under this lock: the serial build keeps global state (error stack, caches).</summary>
    public static readonly object Gate = new();

    /// <summary>The ids libhdf5 exports as globals; valid after H5open.</summary>
    public sealed record Globals(uint Major, uint Minor, uint Release,
        long FileAccess, long DatasetCreate, long CString,
        long NativeUInt8, long NativeUInt16, long NativeUInt32, long NativeInt32, long NativeFloat, long NativeDouble,
        long FileUInt8, long FileUInt16, long FileUInt32, long FileInt32, long FileFloat, long FileDouble,
        long NativeUInt64, long NativeInt64, long FileUInt64, long FileInt64);

    /// <summary>Loads the library (first call) and returns its globals; throws <see cref="Hdf5UnavailableException"/> when it is absent or too old.</summary>
    public static Globals Ids => Loaded.Value;

    /// <summary>The file (little-endian) and memory (native) types of a pixel type.</summary>
    public static (long File, long Memory) PixelTypes(PixelType type)
    {
        var ids = H5.Ids;
        return type switch
        {
            PixelType.UInt8 => (ids.FileUInt8, ids.NativeUInt8),
            PixelType.UInt16 => (ids.FileUInt16, ids.NativeUInt16),
            PixelType.UInt32 => (ids.FileUInt32, ids.NativeUInt32),
            _ => (ids.FileFloat, ids.NativeFloat),
        };
    }

    /// <summary>Call before libhdf5 calls on a thread: the Debian build is thread-safe, so its error stack and the automatic
    /// printing of errors on stderr are per thread; errors are collected into the exception text instead.</summary>
    public static void Enter()
    {
        _ = Loaded.Value;
        if (_quiet) return;
        if (H5Native.H5Eset_auto2(H5Native.H5E_DEFAULT, IntPtr.Zero, IntPtr.Zero) < 0)
            throw new IOException("libhdf5 H5Eset_auto2 failed (switching off error printing for this thread)");
        _quiet = true;
    }

    /// <summary>Throws unless <paramref name="status"/> (herr_t) is non-negative.</summary>
    public static void Check(int status, string function, string what)
    {
        if (status < 0) throw Failure(function, what);
    }

    /// <summary>Returns <paramref name="id"/> (hid_t) or throws when it is negative.</summary>
    public static long Id(long id, string function, string what) => id >= 0 ? id : throw Failure(function, what);

    /// <summary>Closes an id during clean-up; a failure here only clears the error stack, the first error is the one reported.</summary>
    public static void CloseQuietly(long id, Func<long, int> close)
    {
        if (id < 0) return;
        if (close(id) < 0) H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
    }

    private static IOException Failure(string function, string what)
    {
        var detail = ErrorStack();
        return new IOException($"libhdf5 {function} failed ({what}){(detail.Length > 0 ? ": " + detail : "")}");
    }

    /// <remarks>Already reporting a failure: the walk's and clear's own status cannot make the report better, so it is not checked.</remarks>
    private static string ErrorStack()
    {
        _stack = new StringBuilder();
        H5Native.H5Ewalk2(H5Native.H5E_DEFAULT, H5Native.H5E_WALK_DOWNWARD, &Collect, IntPtr.Zero);
        H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
        var text = _stack.ToString();
        _stack = null;
        return text;
    }

    [UnmanagedCallersOnly]
    private static int Collect(uint n, H5Native.ErrorEntry* entry, IntPtr clientData)
    {
        var description = Marshal.PtrToStringUTF8(entry->Description) ?? "";
        var function = Marshal.PtrToStringUTF8(entry->FunctionName) ?? "";
        // The walk starts at the innermost entry, which carries the cause (the errno text of a failed open or write);
        // the outer ones only repeat "unable to ...". Descriptions span lines; one line reads better in a REST error.
        if (_stack is null || _stack.Length > 0 || description.Length == 0) return 0;
        _stack.Append(function).Append(": ").Append(string.Join(' ', description.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        return 0;
    }

    private static Globals Load()
    {
        IntPtr handle = IntPtr.Zero;
        foreach (var name in Candidates)
            if (NativeLibrary.TryLoad(name, out handle)) break;
        if (handle == IntPtr.Zero)
            throw new Hdf5UnavailableException($"SWMR files and SIMPLON master files need libhdf5 ≥ 1.10 ({string.Join(", ", Candidates)}), which is not installed; install the Debian package libhdf5-103-1 (python3-h5py and hdf5-tools depend on it)");
        NativeLibrary.SetDllImportResolver(typeof(H5).Assembly, (name, _, _) => name == H5Native.Library ? handle : IntPtr.Zero);
        if (H5Native.H5open() < 0) throw new Hdf5UnavailableException("libhdf5 H5open failed");
        if (H5Native.H5get_libversion(out var major, out var minor, out var release) < 0) throw new Hdf5UnavailableException("libhdf5 H5get_libversion failed");
        if (major < 1 || (major == 1 && minor < 10))
            throw new Hdf5UnavailableException($"libhdf5 {major}.{minor}.{release} is too old for SWMR files and SIMPLON master files (needs ≥ 1.10); install the Debian package libhdf5-103-1");
        long Global(string symbol) => NativeLibrary.TryGetExport(handle, symbol, out var p)
            ? Marshal.ReadInt64(p)
            : throw new Hdf5UnavailableException($"libhdf5 {major}.{minor}.{release} does not export {symbol}");
        return new Globals(major, minor, release,
            Global("H5P_CLS_FILE_ACCESS_ID_g"), Global("H5P_CLS_DATASET_CREATE_ID_g"), Global("H5T_C_S1_g"),
            Global("H5T_NATIVE_UINT8_g"), Global("H5T_NATIVE_UINT16_g"), Global("H5T_NATIVE_UINT32_g"), Global("H5T_NATIVE_INT_g"),
            Global("H5T_NATIVE_FLOAT_g"), Global("H5T_NATIVE_DOUBLE_g"),
            Global("H5T_STD_U8LE_g"), Global("H5T_STD_U16LE_g"), Global("H5T_STD_U32LE_g"), Global("H5T_STD_I32LE_g"),
            Global("H5T_IEEE_F32LE_g"), Global("H5T_IEEE_F64LE_g"),
            Global("H5T_NATIVE_UINT64_g"), Global("H5T_NATIVE_INT64_g"), Global("H5T_STD_U64LE_g"), Global("H5T_STD_I64LE_g"));
    }
}

/// <summary>libhdf5 cannot be loaded (not installed, or older than 1.10); the message names the package to install.</summary>
public sealed class Hdf5UnavailableException(string message) : IOException(message);
