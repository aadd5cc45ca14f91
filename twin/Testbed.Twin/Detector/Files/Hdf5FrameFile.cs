using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;
using Testbed.Twin.Detector.Files.Layout;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>One HDF5 file in an NDFileHDF5 layout (B1; the default or a layout XML), written frame by frame: one frame per chunk, attributes at close.</summary>
/// <remarks>
/// Frames are written in order, so a chunk of several frames (NumFramesChunks) is complete before the next is touched.
/// PureHDF fixes a dataset's dimensions when the file is opened, so the frame count is given up front; a file closed
/// with fewer frames (a cancelled stream) is copied into an exactly-sized file (<see cref="FixedCapacityFrameFile"/>).
/// Default layout (<see cref="Hdf5Layout.DefaultXml"/>): /entry (NXentry) / instrument (NXinstrument) / detector (NXdetector) / data [N,Y,X] (Single: [Y,X]),
/// hard-linked as /entry/data/data (NXdata); /entry/instrument/NDAttributes (NXcollection) with NDArrayUniqueId,
/// NDArrayTimeStamp, NDArrayEpicsTSSec, NDArrayEpicsTSnSec, Manufacturer, Model; detector/NDAttributes/ColorMode; performance/timestamp [N,5].
/// </remarks>
public abstract class Hdf5FrameFile : FixedCapacityFrameFile
{
    public const string DataPath = "/entry/data/data";

    private NdAttributeColumns _columns;
    private readonly TimeProvider _performanceClock;
    private readonly H5Dataset<int[]> _uniqueId;
    private readonly H5Dataset<double[]> _timeStamp;
    private readonly H5Dataset<uint[]> _tsSec;
    private readonly H5Dataset<uint[]> _tsNsec;
    private readonly H5Dataset<int[]> _colorMode;
    private readonly H5Dataset<double[]> _performance;
    private readonly H5Dataset<string[]> _manufacturer;
    private readonly H5Dataset<string[]> _model;
    private readonly string _manufacturerText;
    private readonly string _modelText;
    private readonly Hdf5Layout _layout;
    private readonly HashSet<object> _placed = new(ReferenceEqualityComparer.Instance);

    protected Hdf5FrameFile(int width, int height, int frames, bool single, int framesPerChunk, TimeProvider performanceClock, string manufacturer, string model, Hdf5Layout layout)
        : base(width, height, frames)
    {
        _layout = layout;
        CheckStringAttribute("Manufacturer", manufacturer);
        CheckStringAttribute("Model", model);
        if (framesPerChunk < 1) throw new ArgumentOutOfRangeException(nameof(framesPerChunk), "a chunk holds at least one frame");
        FramesPerChunk = Math.Min(framesPerChunk, frames);
        if (single && frames != 1) throw new ArgumentException("a Single-mode file holds exactly one frame", nameof(frames));
        Single = single;
        _performanceClock = performanceClock;
        _columns = new NdAttributeColumns(frames, performanceClock);
        var n = (ulong)frames;
        _uniqueId = Attribute<int>(n, "NDArrayUniqueId", "The unique ID of the NDArray");
        _timeStamp = Attribute<double>(n, "NDArrayTimeStamp", "The timestamp of the NDArray as float64 (EPICS seconds)");
        _tsSec = Attribute<uint>(n, "NDArrayEpicsTSSec", "The NDArray EPICS timestamp seconds past epoch");
        _tsNsec = Attribute<uint>(n, "NDArrayEpicsTSnSec", "The NDArray EPICS timestamp nanoseconds");
        _colorMode = Attribute<int>(n, "ColorMode", "Color mode", "NDAttrSourceParam", "COLOR_MODE");
        _manufacturer = Attribute<string>(n, "Manufacturer", "Camera manufacturer", "NDAttrSourceParam", "MANUFACTURER");
        _model = Attribute<string>(n, "Model", "Camera model", "NDAttrSourceParam", "MODEL");
        _manufacturerText = manufacturer;
        _modelText = model;
        _performance = new H5Dataset<double[]>(fileDims: [n, 5]);
    }

    /// <summary>Bytes of every string in the file: NDFileHDF5 stores string NDAttributes as fixed 256-byte C strings (B1).</summary>
    public const int StringLength = 256;

    public override int Count => _columns.Count;

    /// <summary>Where readers find the frames in this file's layout (<see cref="DataPath"/> in the default layout).</summary>
    public override string DatasetPath => _layout.DataPath;

    /// <summary>The NDAttributes this writer records, by name: what a layout's <c>source="ndattribute"</c> may refer to.</summary>
    public static IReadOnlyList<string> NdAttributeNames { get; } =
        ["NDArrayUniqueId", "NDArrayTimeStamp", "NDArrayEpicsTSSec", "NDArrayEpicsTSnSec", "ColorMode", "Manufacturer", "Model"];

    public bool Single { get; }

    /// <summary>Frames per chunk on the frame axis (NumFramesChunks; default 1 = chunks [1,Y,X]).</summary>
    public int FramesPerChunk { get; }

    /// <summary>Creates the file at <paramref name="path"/> (overwriting) for <paramref name="frames"/> frames of the given type;
    /// <paramref name="manufacturer"/> and <paramref name="model"/> are the Manufacturer and Model string NDAttributes.</summary>
    public static Hdf5FrameFile Create(string path, int width, int height, PixelType type, int frames, bool single, TimeProvider performanceClock, int framesPerChunk = 1,
        string manufacturer = "Unknown", string model = "Unknown", Hdf5Layout? layout = null)
    {
        layout ??= Hdf5Layout.Default;
        Hdf5FrameFile file = type switch
        {
            PixelType.UInt8 => new Typed<byte>(width, height, frames, single, framesPerChunk, performanceClock, manufacturer, model, layout),
            PixelType.UInt16 => new Typed<ushort>(width, height, frames, single, framesPerChunk, performanceClock, manufacturer, model, layout),
            PixelType.UInt32 => new Typed<uint>(width, height, frames, single, framesPerChunk, performanceClock, manufacturer, model, layout),
            _ => new Typed<float>(width, height, frames, single, framesPerChunk, performanceClock, manufacturer, model, layout),
        };
        file.Open(path);
        return file;
    }

    private protected override void Appended(Frame frame) => _columns.Add(frame);

    /// <summary>The attribute and performance data sets the layout placed, written at close.</summary>
    private protected override void WriteAtClose(H5NativeWriter w)
    {
        if (_placed.Contains(_uniqueId)) w.Write(_uniqueId, Padded(_columns.UniqueId));
        if (_placed.Contains(_timeStamp)) w.Write(_timeStamp, Padded(_columns.TimeStamp));
        if (_placed.Contains(_tsSec)) w.Write(_tsSec, Padded(_columns.EpicsTsSec));
        if (_placed.Contains(_tsNsec)) w.Write(_tsNsec, Padded(_columns.EpicsTsNsec));
        if (_placed.Contains(_colorMode)) w.Write(_colorMode, Padded(_columns.ColorMode));
        if (_placed.Contains(_manufacturer)) w.Write(_manufacturer, Repeated(_manufacturerText));
        if (_placed.Contains(_model)) w.Write(_model, Repeated(_modelText));
        if (_placed.Contains(_performance))
        {
            var perf = new double[Capacity * 5];
            _columns.Performance.CopyTo(perf);
            w.Write(_performance, perf);
        }
    }

    private protected override void TakeRecordsOf(FixedCapacityFrameFile original) => _columns = ((Hdf5FrameFile)original)._columns;

    private protected abstract object DataSet { get; }

    private protected override H5File Tree()
    {
        _placed.Clear();
        var ndAttributes = new Dictionary<string, object>
        {
            ["NDArrayUniqueId"] = _uniqueId,
            ["NDArrayTimeStamp"] = _timeStamp,
            ["NDArrayEpicsTSSec"] = _tsSec,
            ["NDArrayEpicsTSnSec"] = _tsNsec,
            ["ColorMode"] = _colorMode,
            ["Manufacturer"] = _manufacturer,
            ["Model"] = _model,
        };
        return LayoutTree.Build(_layout, DataSet, _performance, ndAttributes, _placed);
    }

    private protected override H5WriteOptions WriteOptions { get; } = new(DefaultStringLength: StringLength);

    /// <summary>One value per frame written; slots for frames never written stay empty (the fill value).</summary>
    private string[] Repeated(string value)
    {
        var a = new string[Capacity];
        Array.Fill(a, "");
        Array.Fill(a, value, 0, Count);
        return a;
    }

    private static void CheckStringAttribute(string name, string value)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(value) >= StringLength)
            throw new ArgumentException($"NDAttribute {name} '{value}' does not fit a {StringLength}-byte C string");
    }

    private T[] Padded<T>(List<T> values)
    {
        var a = new T[Capacity];
        values.CopyTo(a);
        return a;
    }

    private static H5Dataset<T[]> Attribute<T>(ulong n, string name, string description, string sourceType = "NDAttrSourceDriver", string source = "Driver")
    {
        var d = new H5Dataset<T[]>(fileDims: [n]);
        d.Attributes["NDAttrName"] = name;
        d.Attributes["NDAttrDescription"] = description;
        d.Attributes["NDAttrSourceType"] = sourceType;
        d.Attributes["NDAttrSource"] = source;
        return d;
    }

    private sealed class Typed<T> : Hdf5FrameFile where T : unmanaged
    {
        private readonly H5Dataset<T[]> _data;

        public Typed(int width, int height, int frames, bool single, int framesPerChunk, TimeProvider clock, string manufacturer, string model, Hdf5Layout layout)
            : base(width, height, frames, single, framesPerChunk, clock, manufacturer, model, layout)
        {
            var creation = new H5DatasetCreation(ChunkCache: new OneChunkWriteCache());
            _data = single
                ? new H5Dataset<T[]>(fileDims: [(ulong)height, (ulong)width], chunks: [(uint)height, (uint)width], datasetCreation: creation)
                : new H5Dataset<T[]>(fileDims: [(ulong)frames, (ulong)height, (ulong)width], chunks: [(uint)FramesPerChunk, (uint)height, (uint)width], datasetCreation: creation);
            // @signal and other constant attributes come from the layout (the default layout gives signal = 1).
            // NDArray dimension attributes, one entry per NDArray dim in NDArray order (dims[0] = x).
            _data.Attributes["NDArrayNumDims"] = 2;
            _data.Attributes["NDArrayDimOffset"] = new[] { 0, 0 };
            _data.Attributes["NDArrayDimBinning"] = new[] { 1, 1 };
            _data.Attributes["NDArrayDimReverse"] = new[] { 0, 0 };
        }

        private protected override object DataSet => _data;

        private protected override FixedCapacityFrameFile CreateEmpty(int frames) => new Typed<T>(Width, Height, frames, Single, FramesPerChunk, _performanceClock, _manufacturerText, _modelText, _layout);

        private protected override void CopyFrame(H5NativeWriter writer, IH5Dataset source, int index)
        {
            var slab = new HyperslabSelection(3, [(ulong)index, 0, 0], [1, (ulong)Height, (ulong)Width]);
            writer.Write(_data, source.Read<T[]>(fileSelection: slab), fileSelection: slab);
        }

        private protected override void WriteFrame(H5NativeWriter writer, Frame frame, int index)
        {
            if (Single) writer.Write(_data, frame.As<T>());
            else writer.Write(_data, frame.As<T>(), fileSelection: new HyperslabSelection(3, [(ulong)index, 0, 0], [1, (ulong)Height, (ulong)Width]));
        }
    }
}
