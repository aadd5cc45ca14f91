using System.Net;
using System.Runtime.InteropServices;
using Testbed.Twin.Detector.Files.Native;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files.Swmr;

/// <summary>One NDFileHDF5-layout file (B1) written through libhdf5 in SWMR mode: readers may open it
/// (<c>h5py.File(path, 'r', libver='latest', swmr=True)</c>) while frames are appended.</summary>
/// <remarks>
/// The tree is the one <see cref="Hdf5FrameFile"/> writes, but every data set grows along an unlimited first axis, so the
/// file always holds exactly the frames appended. Every <see cref="FramesPerFlush"/> frames (NumFramesFlush) and at close
/// the frames and attribute data sets are flushed first and NDArrayUniqueId is extended and flushed last: a reader that
/// sees n unique ids can read frames 0..n-1 in full.
/// </remarks>
public sealed unsafe class SwmrFrameFile : IDisposable
{
    public const string DataPath = Hdf5FrameFile.DataPath;
    private const ulong AttributeChunkRows = 1024;

    private readonly string _path;
    private readonly NdAttributeColumns _columns;
    private readonly List<int> _pendingIds = [];
    private readonly List<GrowingDataset> _datasets = [];
    private long _file = -1;
    private GrowingDataset _data = null!;
    private GrowingDataset _uniqueId = null!;
    private GrowingDataset _timeStamp = null!;
    private GrowingDataset _tsSec = null!;
    private GrowingDataset _tsNsec = null!;
    private GrowingDataset _colorMode = null!;
    private GrowingDataset _performance = null!;
    private string? _failure;

    private SwmrFrameFile(string path, int width, int height, PixelType type, int framesPerFlush, int framesPerChunk, TimeProvider performanceClock)
    {
        _path = path;
        Width = width;
        Height = height;
        Type = type;
        FramesPerFlush = framesPerFlush;
        FramesPerChunk = framesPerChunk;
        _columns = new NdAttributeColumns(1024, performanceClock);
    }

    public int Width { get; }

    public int Height { get; }

    public PixelType Type { get; }

    /// <summary>Frames between flushes (areaDetector NumFramesFlush).</summary>
    public int FramesPerFlush { get; }

    /// <summary>Frames per chunk on the frame axis (NumFramesChunks).</summary>
    public int FramesPerChunk { get; }

    /// <summary>Frames appended so far.</summary>
    public int Count => _columns.Count;

    /// <summary>Frames a SWMR reader is guaranteed to see complete (NDArrayUniqueId's length).</summary>
    public int Flushed { get; private set; }

    /// <summary>Creates (overwriting) the file, lays out the tree and switches to SWMR write mode.</summary>
    /// <exception cref="Hdf5UnavailableException">libhdf5 is not installed.</exception>
    /// <exception cref="IOException">The file cannot be created or written.</exception>
    public static SwmrFrameFile Create(string path, int width, int height, PixelType type, TimeProvider performanceClock, int framesPerFlush = 1, int framesPerChunk = 1)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"frame size {width}×{height} must be at least 1×1");
        if (framesPerFlush < 1) throw new ArgumentOutOfRangeException(nameof(framesPerFlush), "num_frames_flush must be at least 1");
        if (framesPerChunk < 1) throw new ArgumentOutOfRangeException(nameof(framesPerChunk), "a chunk holds at least one frame");
        var file = new SwmrFrameFile(Path.GetFullPath(path), width, height, type, framesPerFlush, framesPerChunk, performanceClock);
        lock (H5.Gate)
        {
            try
            {
                file.Lay();
            }
            catch
            {
                file.Release();
                throw;
            }
        }
        return file;
    }

    /// <summary>Appends one frame; flushes when <see cref="FramesPerFlush"/> frames have been appended since the last flush.</summary>
    public void Append(Frame frame)
    {
        if (frame.Width != Width || frame.Height != Height || frame.Type != Type)
            throw new ArgumentException($"frame is {frame.Width}×{frame.Height} {frame.Type.Name()}, the file holds {Width}×{Height} {Type.Name()}");
        lock (H5.Gate)
        {
            EnsureWritable();
            Guarded(() =>
            {
                fixed (byte* p = frame.Bytes) _data.Append(p);
                _columns.Add(frame);
                var colorMode = 0;
                _colorMode.Append(&colorMode);
                var ts = frame.EpicsTimeStamp;
                _timeStamp.Append(&ts);
                var (sec, nsec) = frame.EpicsTime;
                _tsSec.Append(&sec);
                _tsNsec.Append(&nsec);
                var row = CollectionsMarshal.AsSpan(_columns.Performance)[^5..];
                fixed (double* r = row) _performance.Append(r);
                _pendingIds.Add(frame.UniqueId);
                if (_pendingIds.Count >= FramesPerFlush) FlushLocked();
            });
        }
    }

    /// <summary>Makes every frame appended so far visible to SWMR readers.</summary>
    public void Flush()
    {
        lock (H5.Gate)
        {
            EnsureWritable();
            Guarded(FlushLocked);
        }
    }

    /// <summary>Flushes the last frames and closes the file; an exception here means the file is incomplete.</summary>
    public void Close()
    {
        lock (H5.Gate)
        {
            if (_file < 0 && _failure is null) return;
            EnsureWritable();
            Guarded(() =>
            {
                FlushLocked();
                foreach (var d in _datasets) d.Close();
                var file = _file;
                _file = -1;
                H5.Check(H5Native.H5Fclose(file), "H5Fclose", _path);
            });
        }
    }

    /// <summary>Closes the file, ignoring errors (a file abandoned after a failure).</summary>
    public void Dispose()
    {
        try { Close(); }
        catch (IOException) { }
        catch (InvalidOperationException) { }
        lock (H5.Gate) Release();
    }

    private void Lay()
    {
        H5.Enter();
        var ids = H5.Ids;
        var fapl = H5.Id(H5Native.H5Pcreate(ids.FileAccess), "H5Pcreate", "file access list");
        try
        {
            // SWMR needs the 1.10 file format (latest library version bounds).
            H5.Check(H5Native.H5Pset_libver_bounds(fapl, H5Native.H5F_LIBVER_LATEST, H5Native.H5F_LIBVER_LATEST), "H5Pset_libver_bounds", _path);
            _file = CloseOnExec.Apply(H5.Id(H5Native.H5Fcreate(_path, H5Native.H5F_ACC_TRUNC, H5Native.H5P_DEFAULT, fapl), "H5Fcreate", _path));
        }
        finally
        {
            H5.CloseQuietly(fapl, H5Native.H5Pclose);
        }
        var groups = new List<long>();
        try
        {
            long Group(long parent, string name, string? nxClass)
            {
                var g = nxClass is null
                    ? H5.Id(H5Native.H5Gcreate2(parent, name, H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT), "H5Gcreate2", $"group {name} in {_path}")
                    : H5Attributes.Group(parent, name, nxClass, _path);
                groups.Add(g);
                return g;
            }
            var entry = Group(_file, "entry", "NXentry");
            var instrument = Group(entry, "instrument", "NXinstrument");
            var detector = Group(instrument, "detector", "NXdetector");
            var (fileType, memType) = H5.PixelTypes(Type);
            _data = Add(new GrowingDataset(detector, "data", fileType, memType, [(ulong)Height, (ulong)Width], (ulong)FramesPerChunk, _path));
            H5Attributes.Int(_data.Id, "signal", 1, _path);
            // NDArray dimension attributes, one entry per NDArray dim in NDArray order (dims[0] = x).
            H5Attributes.Int(_data.Id, "NDArrayNumDims", 2, _path);
            H5Attributes.Ints(_data.Id, "NDArrayDimOffset", [0, 0], _path);
            H5Attributes.Ints(_data.Id, "NDArrayDimBinning", [1, 1], _path);
            H5Attributes.Ints(_data.Id, "NDArrayDimReverse", [0, 0], _path);

            var detectorAttributes = Group(detector, "NDAttributes", "NXcollection");
            _colorMode = Column(detectorAttributes, "ColorMode", ids.FileInt32, ids.NativeInt32, "Color mode", "NDAttrSourceParam", "COLOR_MODE");

            var attributes = Group(instrument, "NDAttributes", "NXcollection");
            H5Attributes.String(attributes, "hostname", Dns.GetHostName(), _path);
            _uniqueId = Column(attributes, "NDArrayUniqueId", ids.FileInt32, ids.NativeInt32, "The unique ID of the NDArray");
            _timeStamp = Column(attributes, "NDArrayTimeStamp", ids.FileDouble, ids.NativeDouble, "The timestamp of the NDArray as float64 (EPICS seconds)");
            _tsSec = Column(attributes, "NDArrayEpicsTSSec", ids.FileUInt32, ids.NativeUInt32, "The NDArray EPICS timestamp seconds past epoch");
            _tsNsec = Column(attributes, "NDArrayEpicsTSnSec", ids.FileUInt32, ids.NativeUInt32, "The NDArray EPICS timestamp nanoseconds");

            var performance = Group(instrument, "performance", null);
            _performance = Add(new GrowingDataset(performance, "timestamp", ids.FileDouble, ids.NativeDouble, [5], AttributeChunkRows, _path));

            var data = Group(entry, "data", "NXdata");
            H5.Check(H5Native.H5Lcreate_hard(detector, "data", data, "data", H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT), "H5Lcreate_hard", $"/entry/data/data in {_path}");
        }
        finally
        {
            foreach (var g in groups) H5.CloseQuietly(g, H5Native.H5Gclose);
        }
        // From here on no object may be created; data sets may only grow.
        H5.Check(H5Native.H5Fstart_swmr_write(_file), "H5Fstart_swmr_write", _path);
    }

    private GrowingDataset Column(long parent, string name, long fileType, long memType, string description, string sourceType = "NDAttrSourceDriver", string source = "Driver")
    {
        var d = Add(new GrowingDataset(parent, name, fileType, memType, [], AttributeChunkRows, _path));
        H5Attributes.String(d.Id, "NDAttrName", name, _path);
        H5Attributes.String(d.Id, "NDAttrDescription", description, _path);
        H5Attributes.String(d.Id, "NDAttrSourceType", sourceType, _path);
        H5Attributes.String(d.Id, "NDAttrSource", source, _path);
        return d;
    }

    private GrowingDataset Add(GrowingDataset d)
    {
        _datasets.Add(d);
        return d;
    }

    private void FlushLocked()
    {
        _data.Flush();
        foreach (var d in new[] { _colorMode, _timeStamp, _tsSec, _tsNsec, _performance }) d.Flush();
        // Last: a reader that sees these ids finds their frames and attributes already on disk.
        foreach (var id in _pendingIds)
        {
            var v = id;
            _uniqueId.Append(&v);
        }
        _pendingIds.Clear();
        _uniqueId.Flush();
        Flushed = Count;
    }

    private void EnsureWritable()
    {
        H5.Enter();
        if (_failure is not null) throw new IOException($"SWMR file '{_path}' was abandoned after an earlier failure: {_failure}");
        if (_file < 0) throw new ObjectDisposedException(nameof(SwmrFrameFile), $"SWMR file '{_path}' is closed");
    }

    private void Guarded(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            _failure = e.Message;
            Release();
            throw;
        }
    }

    private void Release()
    {
        if (_file < 0 && _datasets.Count == 0) return;
        H5.Enter();
        foreach (var d in _datasets) d.Close();
        _datasets.Clear();
        H5.CloseQuietly(_file, H5Native.H5Fclose);
        _file = -1;
    }
}
