using System.Runtime.InteropServices;
using System.Text;

namespace Testbed.Writer.Hdf5;

/// <summary>Loads libhdf5 once, checks every result and turns failures into one-line <see cref="IOException"/>s.</summary>
/// <remarks>Every call runs under <see cref="Gate"/>: Debian's serial build is not thread-safe.</remarks>
internal static unsafe class H5Lib
{
    private static readonly string[] Candidates = [H5Api.Library, "libhdf5.so.310", "libhdf5.so.200", "libhdf5.so.103", "libhdf5.so"];
    private static readonly Lazy<Globals> Loaded = new(Load);
    [ThreadStatic] private static StringBuilder? _stack;
    [ThreadStatic] private static bool _quiet;

    /// <summary>The one lock around libhdf5.</summary>
    public static readonly Lock Gate = new();

    /// <summary>The type ids the writer needs (file types little-endian, memory types native).</summary>
    public sealed record Globals(long FileAccess, long DatasetCreate, long CString, IReadOnlyDictionary<string, (long File, long Memory)> Numbers);

    /// <summary>The loaded library (throws <see cref="Hdf5UnavailableException"/> once per call when it cannot be loaded).</summary>
    public static Globals Ids
    {
        get
        {
            var g = Loaded.Value;
            if (!_quiet)
            {
                // Error printing is per thread in a thread-safe build: switch it off on each thread that calls in.
                H5Api.H5Eset_auto2(H5Api.H5E_DEFAULT, IntPtr.Zero, IntPtr.Zero);
                _quiet = true;
            }
            return g;
        }
    }

    public static void Check(int status, string function, string what)
    {
        if (status < 0) throw Failure(function, what);
    }

    public static long Id(long id, string function, string what) => id >= 0 ? id : throw Failure(function, what);

    public static void CloseQuietly(long id, Func<long, int> close)
    {
        if (id >= 0 && close(id) < 0) H5Api.H5Eclear2(H5Api.H5E_DEFAULT);
    }

    private static IOException Failure(string function, string what)
    {
        _stack = new StringBuilder();
        H5Api.H5Ewalk2(H5Api.H5E_DEFAULT, H5Api.H5E_WALK_DOWNWARD, &Collect, IntPtr.Zero);
        H5Api.H5Eclear2(H5Api.H5E_DEFAULT);
        var detail = _stack.ToString();
        _stack = null;
        return new IOException($"libhdf5 {function} failed ({what}){(detail.Length > 0 ? ": " + detail : "")}");
    }

    [UnmanagedCallersOnly]
    private static int Collect(uint n, H5Api.ErrorEntry* entry, IntPtr clientData)
    {
        // The innermost entry carries the cause; the outer ones repeat "unable to ...".
        var description = Marshal.PtrToStringUTF8(entry->Description) ?? "";
        if (_stack is null || _stack.Length > 0 || description.Length == 0) return 0;
        _stack.Append(Marshal.PtrToStringUTF8(entry->FunctionName) ?? "").Append(": ")
            .Append(string.Join(' ', description.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        return 0;
    }

    private static Globals Load()
    {
        var handle = IntPtr.Zero;
        foreach (var name in Candidates)
            if (NativeLibrary.TryLoad(name, out handle)) break;
        if (handle == IntPtr.Zero)
            throw new Hdf5UnavailableException($"the scan-file writer needs libhdf5 ≥ 1.10 ({string.Join(", ", Candidates)}), which is not installed; install the Debian package libhdf5-103-1 (python3-h5py and hdf5-tools depend on it)");
        NativeLibrary.SetDllImportResolver(typeof(H5Lib).Assembly, (name, _, _) => name == H5Api.Library ? handle : IntPtr.Zero);
        if (H5Api.H5open() < 0 || H5Api.H5get_libversion(out var major, out var minor, out _) < 0) throw new Hdf5UnavailableException("libhdf5 H5open failed");
        if (major < 1 || (major == 1 && minor < 10))
            throw new Hdf5UnavailableException($"libhdf5 {major}.{minor} is too old for virtual datasets (needs ≥ 1.10); install the Debian package libhdf5-103-1");
        long Global(string symbol) => NativeLibrary.TryGetExport(handle, symbol, out var p)
            ? Marshal.ReadInt64(p)
            : throw new Hdf5UnavailableException($"libhdf5 {major}.{minor} does not export {symbol}");
        (long, long) Pair(string file, string memory) => (Global(file), Global(memory));
        var numbers = new Dictionary<string, (long, long)>
        {
            ["bool"] = Pair("H5T_STD_U8LE_g", "H5T_NATIVE_UINT8_g"),
            ["uint8"] = Pair("H5T_STD_U8LE_g", "H5T_NATIVE_UINT8_g"),
            ["int8"] = Pair("H5T_STD_I8LE_g", "H5T_NATIVE_INT8_g"),
            ["uint16"] = Pair("H5T_STD_U16LE_g", "H5T_NATIVE_UINT16_g"),
            ["int16"] = Pair("H5T_STD_I16LE_g", "H5T_NATIVE_INT16_g"),
            ["uint32"] = Pair("H5T_STD_U32LE_g", "H5T_NATIVE_UINT32_g"),
            ["int32"] = Pair("H5T_STD_I32LE_g", "H5T_NATIVE_INT_g"),
            ["uint64"] = Pair("H5T_STD_U64LE_g", "H5T_NATIVE_UINT64_g"),
            ["int64"] = Pair("H5T_STD_I64LE_g", "H5T_NATIVE_INT64_g"),
            ["float32"] = Pair("H5T_IEEE_F32LE_g", "H5T_NATIVE_FLOAT_g"),
            ["float64"] = Pair("H5T_IEEE_F64LE_g", "H5T_NATIVE_DOUBLE_g"),
        };
        return new Globals(Global("H5P_CLS_FILE_ACCESS_ID_g"), Global("H5P_CLS_DATASET_CREATE_ID_g"), Global("H5T_C_S1_g"), numbers);
    }
}

/// <summary>libhdf5 cannot be loaded (not installed, or older than 1.10); the message names the package to install.</summary>
public sealed class Hdf5UnavailableException(string message) : IOException(message);
