using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>A SIMPLON data file written frame by frame: <c>/entry/data/data</c> <c>[N,Y,X]</c> with <c>@image_nr_low</c>/<c>@image_nr_high</c>.</summary>
/// <remarks>Dimensions and attributes are fixed when the file is opened (PureHDF), so a file closed with fewer frames is
/// copied into an exactly-sized one with <see cref="FixedCapacityFrameFile.CopyWrittenFramesTo"/>, which also carries the right image_nr_high.</remarks>
public abstract class SimplonDataFile : FixedCapacityFrameFile
{
    private int _count;

    private protected SimplonDataFile(int width, int height, int capacity, long firstImageNr, int framesPerChunk)
        : base(width, height, capacity)
    {
        if (framesPerChunk < 1) throw new ArgumentOutOfRangeException(nameof(framesPerChunk), "a chunk holds at least one frame");
        FirstImageNr = firstImageNr;
        FramesPerChunk = Math.Min(framesPerChunk, capacity);
    }

    public override int Count => _count;

    /// <summary>image_nr_low: the 1-based series image number of the first frame.</summary>
    public long FirstImageNr { get; }

    public int FramesPerChunk { get; }

    public override string DatasetPath => Hdf5FrameFile.DataPath;

    /// <summary>Creates the file for <paramref name="capacity"/> frames.</summary>
    public static SimplonDataFile Create(string path, int width, int height, PixelType type, int capacity, long firstImageNr, int framesPerChunk)
    {
        SimplonDataFile file = type switch
        {
            PixelType.UInt8 => new Typed<byte>(width, height, capacity, firstImageNr, framesPerChunk),
            PixelType.UInt16 => new Typed<ushort>(width, height, capacity, firstImageNr, framesPerChunk),
            PixelType.UInt32 => new Typed<uint>(width, height, capacity, firstImageNr, framesPerChunk),
            _ => new Typed<float>(width, height, capacity, firstImageNr, framesPerChunk),
        };
        file.Open(path);
        return file;
    }

    private protected override void Appended(Frame frame) => _count++;

    private protected override void TakeRecordsOf(FixedCapacityFrameFile original) => _count = original.Count;

    private protected abstract object DataSet { get; }

    private protected override H5File Tree() => new()
    {
        ["entry"] = new H5Group
        {
            Attributes = new() { ["NX_class"] = "NXentry" },
            ["data"] = new H5Group { Attributes = new() { ["NX_class"] = "NXdata" }, ["data"] = DataSet },
        },
    };

    private sealed class Typed<T> : SimplonDataFile where T : unmanaged
    {
        private readonly H5Dataset<T[]> _data;

        public Typed(int width, int height, int capacity, long firstImageNr, int framesPerChunk)
            : base(width, height, capacity, firstImageNr, framesPerChunk)
        {
            var creation = new H5DatasetCreation(ChunkCache: new OneChunkWriteCache());
            _data = new H5Dataset<T[]>(fileDims: [(ulong)capacity, (ulong)height, (ulong)width],
                chunks: [(uint)FramesPerChunk, (uint)height, (uint)width], datasetCreation: creation);
            _data.Attributes["image_nr_low"] = firstImageNr;
            _data.Attributes["image_nr_high"] = firstImageNr + capacity - 1;
        }

        private protected override object DataSet => _data;

        private protected override FixedCapacityFrameFile CreateEmpty(int capacity) => new Typed<T>(Width, Height, capacity, FirstImageNr, FramesPerChunk);

        private protected override void WriteFrame(H5NativeWriter writer, Frame frame, int index) =>
            writer.Write(_data, (T[])frame.Pixels, fileSelection: Slab(index));

        private protected override void CopyFrame(H5NativeWriter writer, IH5Dataset source, int index) =>
            writer.Write(_data, source.Read<T[]>(fileSelection: Slab(index)), fileSelection: Slab(index));

        private HyperslabSelection Slab(int index) => new(3, [(ulong)index, 0, 0], [1, (ulong)Height, (ulong)Width]);
    }
}
